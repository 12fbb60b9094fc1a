package main

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// The dependencies are not in any module cache: nhilint reads this file by
// syntax and says so.
func main() {
	ctx := context.Background()
	creds := credentials.NewStaticCredentialsProvider(os.Getenv("QUEUE_AWS_KEY_ID"), os.Getenv("QUEUE_AWS_SECRET"), "")
	cfg, _ := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(creds))
	q := sqs.NewFromConfig(cfg)
	q.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.example/q"), MessageBody: aws.String("hi")})
}
