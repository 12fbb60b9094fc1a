// Package storage uploads reports to S3 and reads a Drive folder.
package storage

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/option"
)

func Upload(ctx context.Context) error {
	creds := credentials.NewStaticCredentialsProvider(os.Getenv("REPORTS_KEY_ID"), os.Getenv("REPORTS_SECRET"), "")
	cfg, err := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(creds))
	if err != nil {
		return err
	}
	client := s3.NewFromConfig(cfg)
	input := &s3.PutObjectInput{Bucket: aws.String("reports")}
	_, err = client.PutObject(ctx, input)
	return err
}

func Folder(ctx context.Context) error {
	srv, err := drive.NewService(ctx, option.WithCredentialsFile("drive-sa.json"), option.WithScopes(drive.DriveReadonlyScope))
	if err != nil {
		return err
	}
	_, err = srv.Files.List().Do()
	return err
}
