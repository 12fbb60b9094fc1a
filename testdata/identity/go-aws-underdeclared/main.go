package main

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// main deletes stale objects; the declaration forgot that it deletes.
func main() {
	ctx := context.Background()
	creds := credentials.NewStaticCredentialsProvider(os.Getenv("JANITOR_AWS_KEY_ID"), os.Getenv("JANITOR_AWS_SECRET"), "")
	cfg, _ := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(creds))
	c := s3.NewFromConfig(cfg)
	c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("tmp")})
	c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("tmp"), Key: aws.String("old")})
}
