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
	id, secret := os.Getenv("READER_AWS_KEY_ID"), os.Getenv("READER_AWS_SECRET")
	cfg, _ := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(id, secret, "")))
	c := s3.NewFromConfig(cfg)
	c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("analytics")})
	c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("analytics"), Key: aws.String("daily.csv")})
}
