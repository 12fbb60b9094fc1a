// Command uploader copies build artefacts to the releases bucket.
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
	creds := credentials.NewStaticCredentialsProvider(os.Getenv("UPLOADER_AWS_KEY_ID"), os.Getenv("UPLOADER_AWS_SECRET"), "")
	cfg, err := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(creds))
	if err != nil {
		panic(err)
	}
	client := s3.NewFromConfig(cfg)
	if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("releases"), Key: aws.String("app.tar.gz")}); err != nil {
		panic(err)
	}
	if _, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("releases"), Key: aws.String("manifest.json")}); err != nil {
		panic(err)
	}
}
