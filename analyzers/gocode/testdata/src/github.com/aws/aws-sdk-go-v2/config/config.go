// Package config is a test stub of the aws-sdk-go-v2 package of that name.
package config

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type LoadOptions struct {
	Region                 string
	Credentials            aws.CredentialsProvider
	SharedCredentialsFiles []string
}

type LoadOptionsFunc func(*LoadOptions) error

func LoadDefaultConfig(ctx context.Context, optFns ...func(*LoadOptions) error) (aws.Config, error) {
	return aws.Config{}, nil
}

func WithRegion(v string) LoadOptionsFunc { return nil }

func WithCredentialsProvider(v aws.CredentialsProvider) LoadOptionsFunc { return nil }

func WithSharedCredentialsFiles(files []string) LoadOptionsFunc { return nil }
