// Package credentials is a test stub of the aws-sdk-go-v2 package of that name.
package credentials

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type StaticCredentialsProvider struct{ Value aws.Credentials }

func (s StaticCredentialsProvider) Retrieve(context.Context) (aws.Credentials, error) {
	return s.Value, nil
}

func NewStaticCredentialsProvider(key, secret, session string) StaticCredentialsProvider {
	return StaticCredentialsProvider{Value: aws.Credentials{AccessKeyID: key, SecretAccessKey: secret, SessionToken: session}}
}
