// Package option is a test stub of openai-go's option package.
package option

type RequestOption func(*requestConfig) error

type requestConfig struct{}

func WithAPIKey(key string) RequestOption { return nil }

func WithBaseURL(base string) RequestOption { return nil }
