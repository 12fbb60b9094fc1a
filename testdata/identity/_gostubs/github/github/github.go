// Package github is a stub of go-github for the identity fixtures.
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

type Response struct{}

func NewClient(httpClient *http.Client) *Client { return &Client{} }

func (c *Client) WithAuthToken(token string) *Client { return c }

type RepositoriesService struct{}
type IssuesService struct{}
type PullRequestsService struct{}

type RepositoryContent struct{}
type RepositoryContentGetOptions struct{}
type RepositoryContentFileOptions struct{}
type RepositoryContentResponse struct{}
type Issue struct{}
type IssueRequest struct{}
type PullRequest struct{}
type PullRequestListOptions struct{}

func (s *RepositoriesService) GetContents(ctx context.Context, owner, repo, path string, opts *RepositoryContentGetOptions) (*RepositoryContent, []*RepositoryContent, *Response, error) {
	return nil, nil, nil, nil
}

func (s *RepositoriesService) CreateFile(ctx context.Context, owner, repo, path string, opts *RepositoryContentFileOptions) (*RepositoryContentResponse, *Response, error) {
	return nil, nil, nil
}

func (s *IssuesService) Create(ctx context.Context, owner, repo string, issue *IssueRequest) (*Issue, *Response, error) {
	return nil, nil, nil
}

func (s *PullRequestsService) List(ctx context.Context, owner, repo string, opts *PullRequestListOptions) ([]*PullRequest, *Response, error) {
	return nil, nil, nil
}
