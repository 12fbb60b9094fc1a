// Package sqs is a stub of aws-sdk-go-v2's sqs client.
package sqs

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type Client struct{}

type Options struct{}

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type SendMessageInput struct{ QueueUrl, MessageBody *string }
type SendMessageOutput struct{}
type ReceiveMessageInput struct{ QueueUrl *string }
type ReceiveMessageOutput struct{}

func (c *Client) SendMessage(ctx context.Context, in *SendMessageInput, optFns ...func(*Options)) (*SendMessageOutput, error) {
	return nil, nil
}
func (c *Client) ReceiveMessage(ctx context.Context, in *ReceiveMessageInput, optFns ...func(*Options)) (*ReceiveMessageOutput, error) {
	return nil, nil
}
