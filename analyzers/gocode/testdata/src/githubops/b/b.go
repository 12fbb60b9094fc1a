// Package b runs against the real knowledge tables.
package b

import (
	"context"

	"github.com/google/go-github/v90/github"
)

func calls(ctx context.Context, client *github.Client) {
	_, _, _, _ = client.Repositories.GetContents(ctx, "o", "r", "README.md", nil) // want `calls github GET /repos/\{owner\}/\{repo\}/contents/\{path\}`
}
