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
	creds := credentials.NewStaticCredentialsProvider(os.Getenv("COPIER_AWS_KEY_ID"), os.Getenv("COPIER_AWS_SECRET"), "")
	cfg, _ := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(creds))
	s3.NewFromConfig(cfg).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("b"), Key: aws.String("k"), CopySource: aws.String("a/k")})
}
