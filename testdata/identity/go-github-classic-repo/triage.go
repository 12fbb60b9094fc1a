package main

import (
	"context"
	"os"

	"github.com/google/go-github/v90/github"
)

func main() {
	ctx := context.Background()
	client := github.NewClient(nil).WithAuthToken(os.Getenv("TRIAGE_TOKEN"))
	client.Issues.Create(ctx, "acme", "app", nil)
	client.PullRequests.List(ctx, "acme", "app", nil)
}
