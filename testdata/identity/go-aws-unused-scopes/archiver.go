// Package main archives one object: it only reads.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func main() {
	ctx := context.Background()
	p := credentials.NewStaticCredentialsProvider(os.Getenv("ARCHIVER_AWS_KEY_ID"), os.Getenv("ARCHIVER_AWS_SECRET"), "")
	cfg, _ := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(p))
	s3.NewFromConfig(cfg).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("archive"), Key: aws.String("2026.tar")})
}
