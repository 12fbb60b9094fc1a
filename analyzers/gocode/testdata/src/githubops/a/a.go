package a

import (
	"context"

	"github.com/google/go-github/v90/github"
)

func calls(ctx context.Context, token string) {
	client := github.NewClient(nil).WithAuthToken(token)
	_, _, _, _ = client.Repositories.GetContents(ctx, "o", "r", "README.md", nil) // want `calls github GET /repos/\{owner\}/\{repo\}/contents/\{path\} \(\(\*github.RepositoriesService\).GetContents\)`
	issues := client.Issues
	_, _, _ = issues.Create(ctx, "o", "r", &github.IssueRequest{}) // want `calls github POST /repos/\{owner\}/\{repo\}/issues`
	_, _ = issues.Lock(ctx, "o", "r", 1)                           // not in the test table: unmapped, no diagnostic
}
