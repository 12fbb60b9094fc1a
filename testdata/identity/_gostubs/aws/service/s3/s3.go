// Package s3 is a stub of aws-sdk-go-v2's s3 client.
package s3

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type Client struct{}

type Options struct{}

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type GetObjectInput struct{ Bucket, Key *string }
type GetObjectOutput struct{}
type PutObjectInput struct{ Bucket, Key *string }
type PutObjectOutput struct{}
type DeleteObjectInput struct{ Bucket, Key *string }
type DeleteObjectOutput struct{}
type ListObjectsV2Input struct{ Bucket *string }
type ListObjectsV2Output struct{}
type CopyObjectInput struct{ Bucket, Key, CopySource *string }
type CopyObjectOutput struct{}

func (c *Client) GetObject(ctx context.Context, in *GetObjectInput, optFns ...func(*Options)) (*GetObjectOutput, error) {
	return nil, nil
}
func (c *Client) PutObject(ctx context.Context, in *PutObjectInput, optFns ...func(*Options)) (*PutObjectOutput, error) {
	return nil, nil
}
func (c *Client) DeleteObject(ctx context.Context, in *DeleteObjectInput, optFns ...func(*Options)) (*DeleteObjectOutput, error) {
	return nil, nil
}
func (c *Client) ListObjectsV2(ctx context.Context, in *ListObjectsV2Input, optFns ...func(*Options)) (*ListObjectsV2Output, error) {
	return nil, nil
}
func (c *Client) CopyObject(ctx context.Context, in *CopyObjectInput, optFns ...func(*Options)) (*CopyObjectOutput, error) {
	return nil, nil
}
