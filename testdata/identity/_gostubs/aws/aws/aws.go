// Package aws is a stub of aws-sdk-go-v2's aws package for the identity fixtures.
package aws

type Config struct{ Region string }

type Credentials struct{ AccessKeyID, SecretAccessKey, SessionToken string }

type CredentialsProvider interface{ Retrieve() (Credentials, error) }

func String(s string) *string { return &s }
