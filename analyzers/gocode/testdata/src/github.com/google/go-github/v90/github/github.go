// Package github is a test stub of go-github.
package github

import (
	"context"
	"net/http"
)

type Client struct {
	Repositories *RepositoriesService
	Issues       *IssuesService
	PullRequests *PullRequestsService
}

type service struct{ client *Client }

type RepositoriesService service
type IssuesService service
type PullRequestsService service

type Response struct{}

func NewClient(httpClient *http.Client) *Client {
	return &Client{Repositories: &RepositoriesService{}, Issues: &IssuesService{}, PullRequests: &PullRequestsService{}}
}

func (c *Client) WithAuthToken(token string) *Client { return c }

type RepositoryContent struct{ Path *string }
type RepositoryContentGetOptions struct{ Ref string }

func (s *RepositoriesService) GetContents(ctx context.Context, owner, repo, path string, opts *RepositoryContentGetOptions) (*RepositoryContent, []*RepositoryContent, *Response, error) {
	return nil, nil, nil, nil
}

type RepositoryContentFileOptions struct{ Message *string }
type RepositoryContentResponse struct{ Content *RepositoryContent }

func (s *RepositoriesService) CreateFile(ctx context.Context, owner, repo, path string, opts *RepositoryContentFileOptions) (*RepositoryContentResponse, *Response, error) {
	return nil, nil, nil
}

type Issue struct{ Number *int }
type IssueRequest struct{ Title *string }

func (s *IssuesService) Create(ctx context.Context, owner, repo string, issue *IssueRequest) (*Issue, *Response, error) {
	return nil, nil, nil
}

func (s *IssuesService) Lock(ctx context.Context, owner, repo string, number int) (*Response, error) {
	return nil, nil
}

type PullRequest struct{ Number *int }
type PullRequestListOptions struct{ State string }

func (s *PullRequestsService) List(ctx context.Context, owner, repo string, opts *PullRequestListOptions) ([]*PullRequest, *Response, error) {
	return nil, nil, nil
}
