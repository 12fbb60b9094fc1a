package sweep

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// DefaultGitLabAPI is gitlab.com's REST API; a self-managed instance's is
// https://HOST/api/v4.
const DefaultGitLabAPI = "https://gitlab.com/api/v4"

type gitlabProject struct {
	PathWithNamespace string    `json:"path_with_namespace"`
	HTTPURLToRepo     string    `json:"http_url_to_repo"`
	Archived          bool      `json:"archived"`
	ForkedFrom        *struct{} `json:"forked_from_project"`
	Topics            []string  `json:"topics"`
	TagList           []string  `json:"tag_list"` // topics before GitLab 14.5
	Statistics        *struct {
		RepositorySize int64 `json:"repository_size"` // bytes
	} `json:"statistics"`
}

// listGitLab lists the projects of a group and all its subgroups.
func listGitLab(ctx context.Context, c *apiClient, apiURL, group string) ([]Repo, error) {
	first := strings.TrimRight(apiURL, "/") + "/groups/" + url.PathEscape(group) +
		"/projects?include_subgroups=true&per_page=100&order_by=id&sort=asc"
	var repos []Repo
	err := getPages(ctx, c, first, func(page []gitlabProject) error {
		for _, p := range page {
			if p.PathWithNamespace == "" || p.HTTPURLToRepo == "" {
				continue
			}
			r := Repo{
				Name: p.PathWithNamespace, CloneURL: p.HTTPURLToRepo,
				Archived: p.Archived, Fork: p.ForkedFrom != nil, Topics: p.Topics,
			}
			if len(r.Topics) == 0 {
				r.Topics = p.TagList
			}
			if p.Statistics != nil {
				r.SizeKB = p.Statistics.RepositorySize / 1024
			}
			repos = append(repos, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the projects of GitLab group %s: %w", group, err)
	}
	return repos, nil
}

func gitlabAuthorizer(t Token) func(*http.Request) {
	if t.IsZero() {
		return nil
	}
	return func(r *http.Request) { r.Header.Set("PRIVATE-TOKEN", t.value) }
}
