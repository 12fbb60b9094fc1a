// Package option is a stub of google.golang.org/api/option.
package option

type ClientOption interface{}

func WithScopes(scope ...string) ClientOption { return nil }

func WithCredentialsFile(filename string) ClientOption { return nil }
