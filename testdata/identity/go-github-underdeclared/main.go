package main

import (
	"context"
	"os"

	"github.com/google/go-github/v90/github"
)

// main regenerates the changelog file in the docs repository.
func main() {
	ctx := context.Background()
	gh := github.NewClient(nil).WithAuthToken(os.Getenv("DOCS_BOT_TOKEN"))
	gh.Repositories.GetContents(ctx, "acme", "docs", "CHANGELOG.md", nil)
	gh.Repositories.CreateFile(ctx, "acme", "docs", "CHANGELOG.md", nil)
}
