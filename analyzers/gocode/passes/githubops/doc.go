// Package githubops defines an Analyzer that lists the GitHub REST routes a
// Go program calls through go-github.
//
// # Analyzer githubops
//
// githubops: report GitHub REST routes called through go-github
//
// A call of a method of a go-github service (client.Repositories.GetContents,
// any major version of github.com/google/go-github) is looked up with
// scopes.GoGitHubRoutes("RepositoriesService", "GetContents"), and each
// route it calls becomes a usage.Operation fact {github, "", route}. A
// service method the table does not know yields no fact; it is listed in
// the result's Unmapped so that gaps in the table show.
package githubops
