// Package aws is a test stub of the aws-sdk-go-v2 package of that name.
package aws

import "context"

type Config struct {
	Region      string
	Credentials CredentialsProvider
}

type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

type CredentialsProvider interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

type CredentialsCache struct{ p CredentialsProvider }

func (c *CredentialsCache) Retrieve(ctx context.Context) (Credentials, error) {
	return c.p.Retrieve(ctx)
}

func NewCredentialsCache(p CredentialsProvider) *CredentialsCache { return &CredentialsCache{p} }

func String(s string) *string { return &s }
