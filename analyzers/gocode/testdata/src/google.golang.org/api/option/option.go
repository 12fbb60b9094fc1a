// Package option is a test stub of google.golang.org/api/option.
package option

type ClientOption interface{ apply() }

type opt struct{}

func (opt) apply() {}

func WithAPIKey(apiKey string) ClientOption { return opt{} }

func WithCredentialsJSON(p []byte) ClientOption { return opt{} }

func WithCredentialsFile(filename string) ClientOption { return opt{} }

func WithScopes(scope ...string) ClientOption { return opt{} }
