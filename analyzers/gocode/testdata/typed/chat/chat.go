// Package chat posts to Slack and opens GitHub issues.
package chat

import (
	"context"

	"github.com/google/go-github/v90/github"
	"github.com/slack-go/slack"
)

// botToken is obviously fake: the extractor reports a literal for where it
// flows, not for how it looks.
const botToken = "not-a-real-key-0000"

func Notify(ctx context.Context, ghToken string) error {
	api := slack.New(botToken)
	if _, _, err := api.PostMessage("C1", slack.MsgOptionText("done", false)); err != nil {
		return err
	}
	gh := github.NewClient(nil).WithAuthToken(ghToken)
	_, _, err := gh.Issues.Create(ctx, "o", "r", &github.IssueRequest{})
	return err
}
