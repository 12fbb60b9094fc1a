// Package google is a test stub of golang.org/x/oauth2/google.
package google

import (
	"context"

	"golang.org/x/oauth2"
)

type JWTConfig struct{ Scopes []string }

type Credentials struct{ ProjectID string }

func JWTConfigFromJSON(jsonKey []byte, scope ...string) (*JWTConfig, error) { return nil, nil }

func DefaultTokenSource(ctx context.Context, scope ...string) (oauth2.TokenSource, error) {
	return nil, nil
}

// Deprecated: a potential security risk; use CredentialsFromJSONWithType.
func CredentialsFromJSON(ctx context.Context, jsonData []byte, scopes ...string) (*Credentials, error) {
	return nil, nil
}

func FindDefaultCredentials(ctx context.Context, scopes ...string) (*Credentials, error) {
	return nil, nil
}
