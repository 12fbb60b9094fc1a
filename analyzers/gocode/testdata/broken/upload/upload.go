// Package upload uses SDKs that are not available to the scan.
package upload

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/slack-go/slack"
)

const fallbackToken = "not-a-real-key-0000"

func Upload(ctx context.Context, client *s3.Client) error {
	_, err := client.PutObject(ctx, &s3.PutObjectInput{})
	if err != nil {
		return err
	}
	p := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{})
	_ = p
	tok := os.Getenv("SLACK_BOT_TOKEN")
	if tok == "" {
		tok = fallbackToken
	}
	api := slack.New(tok)
	_, _, err = api.PostMessage("C1")
	return err
}
