// Package config is a stub of aws-sdk-go-v2's config package.
package config

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type LoadOptions struct{ Region string }

func LoadDefaultConfig(ctx context.Context, optFns ...func(*LoadOptions) error) (aws.Config, error) {
	return aws.Config{}, nil
}

func WithRegion(v string) func(*LoadOptions) error { return nil }

func WithCredentialsProvider(v aws.CredentialsProvider) func(*LoadOptions) error { return nil }
