// Package stripe is a test stub of stripe-go.
package stripe

var Key string

type Backends struct{}

type Client struct{}

type ClientOption func(*Client)

func NewClient(key string, opts ...ClientOption) *Client { return &Client{} }
