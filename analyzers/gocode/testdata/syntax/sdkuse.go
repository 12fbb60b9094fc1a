// This file is read by syntax alone: its imports need not exist.
package sdkuse

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-github/v90/github"
	"github.com/slack-go/slack"
	stripe "github.com/stripe/stripe-go/v82"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/option"
)

const keyVar = "AWS_SECRET_ACCESS_KEY"

func run(ctx context.Context, client *s3.Client) {
	_ = credentials.NewStaticCredentialsProvider(os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv(keyVar), "")
	in := &s3.GetObjectInput{}
	_, _ = client.GetObject(ctx, in)
	_, _ = manager.NewUploader(client).Upload(ctx, &s3.PutObjectInput{})
	gh := github.NewClient(nil).WithAuthToken("not-a-real-key-0000")
	_, _, _, _ = gh.Repositories.GetContents(ctx, "o", "r", "p", nil)
	api := slack.New(os.Getenv("SLACK_TOKEN"))
	_, _, _ = api.PostMessage("C1")
	srv, _ := drive.NewService(ctx, option.WithScopes("https://www.googleapis.com/auth/drive.readonly"))
	_, _ = srv.Files.List().PageSize(3).Do()
	key, _ := os.ReadFile("sa.json")
	_, _ = google.JWTConfigFromJSON(key, "https://www.googleapis.com/auth/drive")
	stripe.Key = "fake-stripe-0000"
	_ = os.Getenv("HOME")
}
