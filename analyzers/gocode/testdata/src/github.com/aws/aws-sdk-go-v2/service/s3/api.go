// Package s3 is a test stub of the aws-sdk-go-v2 S3 client.
package s3

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type Options struct{ Region string }

type Client struct{ options Options }

func New(options Options, optFns ...func(*Options)) *Client { return &Client{options} }

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

func (c *Client) Options() Options { return c.options }

type PutObjectInput struct{ Bucket, Key *string }
type PutObjectOutput struct{}

func (c *Client) PutObject(ctx context.Context, params *PutObjectInput, optFns ...func(*Options)) (*PutObjectOutput, error) {
	return nil, nil
}

type GetObjectInput struct{ Bucket, Key *string }
type GetObjectOutput struct{}

func (c *Client) GetObject(ctx context.Context, params *GetObjectInput, optFns ...func(*Options)) (*GetObjectOutput, error) {
	return nil, nil
}

type DeleteObjectInput struct{ Bucket, Key *string }
type DeleteObjectOutput struct{}

func (c *Client) DeleteObject(ctx context.Context, params *DeleteObjectInput, optFns ...func(*Options)) (*DeleteObjectOutput, error) {
	return nil, nil
}

type CopyObjectInput struct{ Bucket, Key, CopySource *string }
type CopyObjectOutput struct{}

func (c *Client) CopyObject(ctx context.Context, params *CopyObjectInput, optFns ...func(*Options)) (*CopyObjectOutput, error) {
	return nil, nil
}

type ListObjectsV2Input struct{ Bucket *string }
type ListObjectsV2Output struct{}

func (c *Client) ListObjectsV2(ctx context.Context, params *ListObjectsV2Input, optFns ...func(*Options)) (*ListObjectsV2Output, error) {
	return nil, nil
}

type ListObjectsV2APIClient interface {
	ListObjectsV2(context.Context, *ListObjectsV2Input, ...func(*Options)) (*ListObjectsV2Output, error)
}

type ListObjectsV2PaginatorOptions struct{ Limit int32 }

type ListObjectsV2Paginator struct{ client ListObjectsV2APIClient }

func NewListObjectsV2Paginator(client ListObjectsV2APIClient, params *ListObjectsV2Input, optFns ...func(*ListObjectsV2PaginatorOptions)) *ListObjectsV2Paginator {
	return &ListObjectsV2Paginator{client}
}

func (p *ListObjectsV2Paginator) HasMorePages() bool { return false }

func (p *ListObjectsV2Paginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListObjectsV2Output, error) {
	return nil, nil
}

type PresignOptions struct{}

type PresignedHTTPRequest struct{ URL string }

type PresignClient struct{ client *Client }

func NewPresignClient(c *Client, optFns ...func(*PresignOptions)) *PresignClient {
	return &PresignClient{c}
}

func (c *PresignClient) PresignGetObject(ctx context.Context, params *GetObjectInput, optFns ...func(*PresignOptions)) (*PresignedHTTPRequest, error) {
	return nil, nil
}
