package scopes

import (
	"slices"
	"strings"
)

// Required returns what op needs, and false when the tables do not know op.
func Required(op Operation) (Requirement, bool) {
	switch op.Provider {
	case AWS:
		return awsRequired(op.Service, op.Name)
	case GitHub:
		return githubRequired(op.Name)
	case Slack:
		req, ok := slack.get().methods[strings.TrimSpace(op.Name)]
		return req.clone(), ok
	case Google:
		req, ok := google.get().methods[strings.TrimSpace(op.Name)]
		return req.clone(), ok
	}
	// OpenAI, Anthropic and Stripe publish no endpoint-to-permission map.
	return nil, false
}

// Satisfies reports whether the declared scopes of an identity of provider
// satisfy one clause of a Requirement, with the provider's implications:
// AWS wildcards ("*", "s3:*", "s3:Get*") and case-insensitive actions;
// GitHub admin ⊇ write ⊇ read, workflow spellings ("pull-requests") equal to
// fine-grained ones ("pull_requests"), classic scopes ("repo", "admin:org")
// covering the fine-grained permissions they include; Slack legacy
// perspectival scopes ("chat:write:bot") for their modern form; Google short
// ("drive.readonly") and full URL spellings.
func Satisfies(provider string, declared []string, clause []string) bool {
	switch provider {
	case AWS:
		for _, d := range declared {
			for _, c := range clause {
				if awsMatch(d, c) {
					return true
				}
			}
		}
		return false
	case GitHub:
		return githubSatisfies(declared, clause)
	case Slack:
		return slackSatisfies(declared, clause)
	case Google:
		return googleSatisfies(declared, clause)
	}
	for _, d := range declared {
		if d = strings.TrimSpace(d); d != "" && slices.Contains(clause, d) {
			return true
		}
	}
	return false
}

// Broad reports whether scope is a wildcard or administrative grant where a
// narrower one usually serves ("*", "s3:*", "repo", "admin:org", "write-all",
// Google "cloud-platform"), with a short reason for the message.
func Broad(provider, scope string) (reason string, broad bool) {
	switch provider {
	case AWS:
		return awsBroad(scope)
	case GitHub:
		return githubBroad(scope)
	case Slack:
		return slackBroad(scope)
	case Google:
		return googleBroad(scope)
	}
	return "", false
}

// Minimal returns the least-privileged scope set that satisfies every
// requirement: per clause the alternative with the lowest access (AWS access
// level, GitHub read < write < admin, Google read-only first), deduplicated
// and sorted.
//
// A clause that a scope already chosen satisfies adds nothing, and a scope
// that another chosen scope implies is dropped (GitHub "contents:read" when
// "contents:write" is chosen). Single-alternative clauses are placed first,
// so that a choice forced by one clause can serve the others.
func Minimal(provider string, reqs []Requirement) []string {
	compare := strings.Compare
	switch provider {
	case AWS:
		compare = compareAWS
	case GitHub:
		compare = compareGitHub
	case Slack:
		compare = compareSlack
	case Google:
		compare = compareGoogle
	}
	var clauses [][]string
	for _, r := range reqs {
		for _, c := range r {
			if len(c) > 0 {
				clauses = append(clauses, c)
			}
		}
	}
	slices.SortStableFunc(clauses, func(a, b []string) int { return min(len(a), 2) - min(len(b), 2) })
	var chosen []string
	for _, c := range clauses {
		if Satisfies(provider, chosen, c) {
			continue
		}
		chosen = append(chosen, slices.MinFunc(c, compare))
	}
	var out []string
	for i, s := range chosen {
		implied := false
		for j, t := range chosen {
			if i != j && t != s && Satisfies(provider, []string{t}, []string{s}) && !Satisfies(provider, []string{s}, []string{t}) {
				implied = true
				break
			}
		}
		if !implied {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// GoGitHubRoutes maps a go-github method ("RepositoriesService",
// "GetContents") to the REST routes it calls.
func GoGitHubRoutes(service, method string) []string {
	routes := github.get().goGitHub[strings.TrimPrefix(service, "*")+"."+method]
	return slices.Clone(routes)
}

// SlackGoMethods maps a slack-go (*slack.Client) method ("PostMessage",
// "PostMessageContext") to the Slack Web API methods it calls.
func SlackGoMethods(method string) []string {
	return slices.Clone(slack.get().slackGo[method])
}

// OctokitRoute maps an Octokit REST method (octokit.rest.<namespace>.<method>,
// e.g. "repos", "getContent") to its route.
func OctokitRoute(namespace, method string) (string, bool) {
	r, ok := github.get().octokit[namespace+"."+method]
	return r, ok
}

// GoogleGoCallMethod maps a google.golang.org/api call type
// ("google.golang.org/api/drive/v3", "FilesListCall") to its discovery
// method id ("drive.files.list").
func GoogleGoCallMethod(importPath, callType string) (string, bool) {
	pkg, ok := strings.CutPrefix(importPath, "google.golang.org/api/")
	if !ok {
		return "", false
	}
	id, ok := google.get().calls[pkg+"\x00"+strings.TrimPrefix(callType, "*")]
	return id, ok
}

// AWSGoService maps an aws-sdk-go-v2 service package path
// ("github.com/aws/aws-sdk-go-v2/service/s3") to the SDK service id used in
// Operation.Service, and false for paths that are not service clients.
// aws-sdk-go (v1) service paths are accepted too.
func AWSGoService(importPath string) (string, bool) {
	for _, root := range []string{"github.com/aws/aws-sdk-go-v2/service/", "github.com/aws/aws-sdk-go/service/"} {
		if id, ok := strings.CutPrefix(importPath, root); ok && id != "" && !strings.Contains(id, "/") {
			return id, true
		}
	}
	return "", false
}

// KnownSlackMethod reports whether name is a Slack Web API method: one the
// Web API description lists or one slack-go calls.
func KnownSlackMethod(name string) bool {
	return slack.get().known[name]
}
