package main

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// main relies on the SDK's default chain, which reads AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY itself.
func main() {
	ctx := context.Background()
	cfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
	s3.NewFromConfig(cfg).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("site"), Key: aws.String("index.html")})
}
