// Package sqs is a test stub of the aws-sdk-go-v2 SQS client.
package sqs

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type Options struct{}

type Client struct{}

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type SendMessageInput struct{ QueueUrl, MessageBody *string }
type SendMessageOutput struct{}

func (c *Client) SendMessage(ctx context.Context, params *SendMessageInput, optFns ...func(*Options)) (*SendMessageOutput, error) {
	return nil, nil
}

type ReceiveMessageInput struct{ QueueUrl *string }
type ReceiveMessageOutput struct{}

func (c *Client) ReceiveMessage(ctx context.Context, params *ReceiveMessageInput, optFns ...func(*Options)) (*ReceiveMessageOutput, error) {
	return nil, nil
}
