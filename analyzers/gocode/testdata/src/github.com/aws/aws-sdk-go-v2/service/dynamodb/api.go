// Package dynamodb is a test stub of the aws-sdk-go-v2 DynamoDB client.
package dynamodb

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type Options struct{}

type Client struct{}

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type GetItemInput struct{ TableName *string }
type GetItemOutput struct{}

func (c *Client) GetItem(ctx context.Context, params *GetItemInput, optFns ...func(*Options)) (*GetItemOutput, error) {
	return nil, nil
}
