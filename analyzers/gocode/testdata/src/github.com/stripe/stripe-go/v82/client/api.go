// Package client is a test stub of stripe-go's client package.
package client

import stripe "github.com/stripe/stripe-go/v82"

type API struct{}

func New(key string, backends *stripe.Backends) *API { return &API{} }
