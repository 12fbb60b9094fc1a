package github

type RepositoriesService struct{}

// GetContents gets contents.
//
// GitHub API docs: https://docs.github.com/rest/repos/contents#get-repository-content
//
//meta:operation GET /repos/{owner}/{repo}/contents/{path}
func (s *RepositoriesService) GetContents() {}

// Edit has two routes.
//
//meta:operation PATCH /repos/{owner}/{repo}
//meta:operation GET /repos/{owner}/{repo}
func (s *RepositoriesService) Edit() {}

// helper has no directive.
func (s *RepositoriesService) helper() {}
