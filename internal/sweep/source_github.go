package sweep

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// DefaultGitHubAPI is github.com's REST API. For GitHub Enterprise Server,
// the API is https://HOST/api/v3.
const DefaultGitHubAPI = "https://api.github.com"

type githubRepo struct {
	Name     string   `json:"name"`
	FullName string   `json:"full_name"`
	CloneURL string   `json:"clone_url"`
	Archived bool     `json:"archived"`
	Fork     bool     `json:"fork"`
	Topics   []string `json:"topics"`
	Size     int64    `json:"size"` // KB
}

// listGitHub lists the repositories of an organisation (org) or a user.
// With a token, a user listing that is the token's own user would need
// /user/repos to see private ones; /users/NAME/repos lists public ones,
// which is what an outside audit can see anyway.
func listGitHub(ctx context.Context, c *apiClient, apiURL, owner string, isUser bool) ([]Repo, error) {
	kind := "orgs"
	if isUser {
		kind = "users"
	}
	first := strings.TrimRight(apiURL, "/") + "/" + kind + "/" + url.PathEscape(owner) + "/repos?per_page=100&type=all"
	var repos []Repo
	err := getPages(ctx, c, first, func(page []githubRepo) error {
		for _, r := range page {
			if r.FullName == "" || r.CloneURL == "" {
				continue
			}
			repos = append(repos, Repo{
				Name: r.FullName, CloneURL: r.CloneURL,
				Archived: r.Archived, Fork: r.Fork, Topics: r.Topics, SizeKB: r.Size,
			})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the repositories of GitHub %s %s: %w", strings.TrimSuffix(kind, "s"), owner, err)
	}
	return repos, nil
}

func githubAuthorizer(t Token) func(*http.Request) {
	if t.IsZero() {
		return nil
	}
	return func(r *http.Request) {
		r.Header.Set("Authorization", "Bearer "+t.value)
		r.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	}
}
