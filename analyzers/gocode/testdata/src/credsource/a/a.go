package a

import (
	"context"
	"os"
	"strings"

	anthropicoption "github.com/anthropics/anthropic-sdk-go/option"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/google/go-github/v90/github"
	openaioption "github.com/openai/openai-go/v3/option"
	"github.com/slack-go/slack"
	stripe "github.com/stripe/stripe-go/v82"
	stripeclient "github.com/stripe/stripe-go/v82/client"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/option"
)

const envSecret = "AWS_SECRET_ACCESS_KEY"

// The values below are obviously fake: the pass flags a literal because of
// where it flows, not because of its shape.
const hardcoded = "not-a-real-key-0000" // want `literal credential flows into credentials.NewStaticCredentialsProvider: not-…`

func awsStatic(ctx context.Context) {
	id := os.Getenv("AWS_ACCESS_KEY_ID")              // want `aws credential read from environment variable AWS_ACCESS_KEY_ID flows into credentials.NewStaticCredentialsProvider`
	secret := strings.TrimSpace(os.Getenv(envSecret)) // want `aws credential read from environment variable AWS_SECRET_ACCESS_KEY flows into credentials.NewStaticCredentialsProvider`
	provider := credentials.NewStaticCredentialsProvider(id, secret, "")
	_, _ = config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(provider))
	_ = credentials.NewStaticCredentialsProvider("fake-id-0000", hardcoded, "") // want `literal credential flows into credentials.NewStaticCredentialsProvider: fak…`
	_ = credentials.NewStaticCredentialsProvider("fake-id-0000", hardcoded, "") // want `literal credential flows into credentials.NewStaticCredentialsProvider: fak…`
}

func awsStruct() aws.Credentials {
	return aws.Credentials{
		AccessKeyID:     os.Getenv("MY_KEY_HANDLE"), // want `aws credential read from environment variable MY_KEY_HANDLE flows into aws.Credentials.AccessKeyID`
		SecretAccessKey: "fake-secret-0000",         // want `literal credential flows into aws.Credentials.SecretAccessKey: fake…`
	}
}

func awsFiles() {
	_ = config.WithSharedCredentialsFiles([]string{"testdata/aws-credentials"}) // want `aws credential file testdata/aws-credentials flows into config.WithSharedCredentialsFiles`
}

type settings struct{ GitHubToken string }

func gh() {
	cfg := settings{GitHubToken: os.Getenv("GH_APP_TOKEN")} // want `github credential read from environment variable GH_APP_TOKEN flows into \(\*github.Client\).WithAuthToken`
	_ = github.NewClient(nil).WithAuthToken(cfg.GitHubToken)
}

func slackClient() {
	tok, ok := os.LookupEnv("BOT") // want `slack credential read from environment variable BOT flows into slack.New`
	if !ok {
		tok = "fake-fallback-0000" // want `literal credential flows into slack.New: fake…`
	}
	_ = slack.New(tok, slack.OptionAppLevelToken(os.Getenv("SLACK_APP_TOKEN"))) // want `slack credential read from environment variable SLACK_APP_TOKEN flows into slack.OptionAppLevelToken`
}

func googleOptions(ctx context.Context) {
	_ = option.WithAPIKey(os.Getenv("GOOGLE_API_KEY"))     // want `google credential read from environment variable GOOGLE_API_KEY flows into option.WithAPIKey`
	_ = option.WithCredentialsFile("service-account.json") // want `google credential file service-account.json flows into option.WithCredentialsFile`
	key, _ := os.ReadFile("sa.json")                       // want `google credential file sa.json flows into google.JWTConfigFromJSON`
	_, _ = google.JWTConfigFromJSON(key)
	_ = option.WithCredentialsJSON([]byte(os.Getenv("GCP_SA"))) // want `google credential read from environment variable GCP_SA flows into option.WithCredentialsJSON`
}

func llm() {
	_ = openaioption.WithAPIKey(os.Getenv("OPENAI_API_KEY")) // want `openai credential read from environment variable OPENAI_API_KEY flows into option.WithAPIKey`
	_ = anthropicoption.WithAPIKey("fake-anthropic-0000")    // want `literal credential flows into option.WithAPIKey: fake…`
}

func payments(key string) {
	stripe.Key = os.Getenv("STRIPE_SECRET_KEY") // want `stripe credential read from environment variable STRIPE_SECRET_KEY flows into stripe.Key`
	_ = stripeclient.New(key, nil)              // a parameter: no origin in this package
	_ = stripe.NewClient("fake-stripe-0000")    // want `literal credential flows into stripe.NewClient: fake…`
}

func unrelated() {
	_ = os.Getenv("HOME")
	_ = os.Getenv("DATABASE_PASSWORD") // want `credential read from environment variable DATABASE_PASSWORD`
	name := "NOT_CONSTANT_TOKEN"
	_ = os.Getenv(name)
}
