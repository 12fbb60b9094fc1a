package scopes

// CONTRACT STUBS: the signatures below are what the extractors and the
// identity comparison call. The rules/scopes owner replaces the bodies with
// lookups in the generated tables; signatures stay.

// Required returns what op needs, and false when the tables do not know op.
func Required(op Operation) (Requirement, bool) { return nil, false }

// Satisfies reports whether the declared scopes of an identity of provider
// satisfy one clause of a Requirement, with the provider's implications:
// AWS wildcards ("*", "s3:*", "s3:Get*") and case-insensitive actions;
// GitHub admin ⊇ write ⊇ read, workflow spellings ("pull-requests") equal to
// fine-grained ones ("pull_requests"), classic scopes ("repo", "admin:org")
// covering the fine-grained permissions they include; Slack legacy
// perspectival scopes ("chat:write:bot") for their modern form; Google short
// ("drive.readonly") and full URL spellings.
func Satisfies(provider string, declared []string, clause []string) bool { return false }

// Broad reports whether scope is a wildcard or administrative grant where a
// narrower one usually serves ("*", "s3:*", "repo", "admin:org", "write-all",
// Google "cloud-platform"), with a short reason for the message.
func Broad(provider, scope string) (reason string, broad bool) { return "", false }

// Minimal returns the least-privileged scope set that satisfies every
// requirement: per clause the alternative with the lowest access (AWS access
// level, GitHub read < write < admin, Google read-only first), deduplicated
// and sorted.
func Minimal(provider string, reqs []Requirement) []string { return nil }

// GoGitHubRoutes maps a go-github method ("RepositoriesService",
// "GetContents") to the REST routes it calls.
func GoGitHubRoutes(service, method string) []string { return nil }

// SlackGoMethods maps a slack-go (*slack.Client) method ("PostMessage",
// "PostMessageContext") to the Slack Web API methods it calls.
func SlackGoMethods(method string) []string { return nil }

// OctokitRoute maps an Octokit REST method (octokit.rest.<namespace>.<method>,
// e.g. "repos", "getContent") to its route.
func OctokitRoute(namespace, method string) (string, bool) { return "", false }

// GoogleGoCallMethod maps a google.golang.org/api call type
// ("google.golang.org/api/drive/v3", "FilesListCall") to its discovery
// method id ("drive.files.list").
func GoogleGoCallMethod(importPath, callType string) (string, bool) { return "", false }

// AWSGoService maps an aws-sdk-go-v2 service package path
// ("github.com/aws/aws-sdk-go-v2/service/s3") to the SDK service id used in
// Operation.Service, and false for paths that are not service clients.
func AWSGoService(importPath string) (string, bool) { return "", false }

// KnownSlackMethod reports whether name is a Slack Web API method.
func KnownSlackMethod(name string) bool { return false }
