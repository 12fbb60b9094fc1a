// Package github is a test stub of go-github.
package github

import (
	"context"
	"net/http"
)

type Client struct {
	Repositories *RepositoriesService
	Issues       *IssuesService
}

type service struct{ client *Client }

type RepositoriesService service
type IssuesService service

type Response struct{}

func NewClient(httpClient *http.Client) *Client {
	return &Client{Repositories: &RepositoriesService{}, Issues: &IssuesService{}}
}

func (c *Client) WithAuthToken(token string) *Client { return c }

type RepositoryContent struct{ Path *string }
type RepositoryContentGetOptions struct{ Ref string }

func (s *RepositoriesService) GetContents(ctx context.Context, owner, repo, path string, opts *RepositoryContentGetOptions) (*RepositoryContent, []*RepositoryContent, *Response, error) {
	return nil, nil, nil, nil
}

type Issue struct{ Number *int }
type IssueRequest struct{ Title *string }

func (s *IssuesService) Create(ctx context.Context, owner, repo string, issue *IssueRequest) (*Issue, *Response, error) {
	return nil, nil, nil
}

func (s *IssuesService) Lock(ctx context.Context, owner, repo string, number int) (*Response, error) {
	return nil, nil
}
