package ghactions

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/rhysd/actionlint"
)

// jobNeeds is what a job's steps need from its token.
type jobNeeds struct {
	needs []need
	// unknown says why the needs cannot be computed ("" when they can),
	// naming the first step that prevents it; unknownAt is where it is.
	unknown   string
	unknownAt span
}

func (jn jobNeeds) known() bool { return jn.unknown == "" }

// needsOf computes a job's needs from its steps.
func (d *document) needsOf(j *actionlint.Job) jobNeeds {
	var jn jobNeeds
	if wc := j.WorkflowCall; wc != nil {
		uses := ""
		if wc.Uses != nil {
			uses = wc.Uses.Value
		}
		jn.unknown = fmt.Sprintf("it calls reusable workflow %s, whose steps are not in this file", uses)
		jn.unknownAt = d.str(wc.Uses)
		return jn
	}
	persisted := d.persistsJobToken(j)
	for _, s := range jobSteps(j) {
		needs, why, at := d.stepNeeds(s, persisted)
		if why != "" && jn.unknown == "" {
			jn.unknown = stepLabel(s.step, s.index) + ": " + why
			jn.unknownAt = at
		}
		jn.needs = append(jn.needs, needs...)
	}
	return jn
}

// persistsJobToken reports whether a checkout in the job leaves the job
// token in the git config, so that a later git push uses it.
func (d *document) persistsJobToken(j *actionlint.Job) bool {
	for _, s := range jobSteps(j) {
		a, ref, ok := actionOf(s.step)
		if !ok || !ref.is("actions/checkout") {
			continue
		}
		if p := input(a, "persist-credentials"); p != nil && strings.EqualFold(strings.TrimSpace(p.Value), "false") {
			continue
		}
		if t := input(a, "token"); t != nil && !refsJobToken(t.Value) {
			continue
		}
		return true
	}
	return false
}

// stepNeeds returns a step's needs, or why they cannot be computed.
func (d *document) stepNeeds(s stepRef, persisted bool) ([]need, string, span) {
	env := d.effectiveEnv(s.job, s.step)
	if a, ref, ok := actionOf(s.step); ok {
		return d.actionNeeds(s, a, ref, env)
	}
	if run, ok := runOf(s.step); ok {
		needs, why, line := d.runNeeds(s, run, env, persisted)
		if why != "" {
			return nil, why, line
		}
		return needs, "", span{}
	}
	return nil, "", span{}
}

func (d *document) actionNeeds(s stepRef, a *actionlint.ExecAction, ref actionRef, env map[string]envVar) ([]need, string, span) {
	at := d.str(a.Uses)
	passesToken := false
	for _, in := range a.Inputs {
		if in != nil && in.Value != nil && refsJobToken(in.Value.Value) {
			passesToken = true
		}
	}
	for _, v := range envOf(s.step.Env, "step") {
		if refsJobToken(v.value.Value) {
			passesToken = true
		}
	}
	switch {
	case ref.local:
		return nil, fmt.Sprintf("local action %s is not analyzed", a.Uses.Value), at
	case ref.docker:
		if passesToken {
			return nil, fmt.Sprintf("container action %s receives the job token", a.Uses.Value), at
		}
		return nil, "", span{}
	}
	e, ok := actionTable[ref.name]
	if !ok {
		return nil, fmt.Sprintf("action %s is not in the permission table", a.Uses.Value), at
	}
	why := ref.name
	tokenReplaced := false
	if e.Token != "" {
		if t := input(a, e.Token); t != nil && strings.TrimSpace(t.Value) != "" && !refsJobToken(t.Value) {
			tokenReplaced = true
		}
	}
	if e.Script {
		if tokenReplaced {
			return nil, "", span{}
		}
		return d.scriptNeeds(s, a)
	}
	needs := needsFrom(e.Needs, s, why)
	matched := e.Token != "" // the token input is the documented way in
	for i := range e.When {
		c := &e.When[i]
		if c.holds(a, env) {
			needs = append(needs, needsFrom(c.Needs, s, why)...)
			if len(c.JobToken) > 0 || len(c.EnvJobToken) > 0 {
				matched = true
			}
		}
	}
	if tokenReplaced {
		needs = slices.DeleteFunc(needs, func(n need) bool { return n.scope != "id-token" })
	}
	if passesToken && !matched && len(e.Needs) == 0 {
		return nil, fmt.Sprintf("it passes the job token to %s, whose use of it is not in the permission table", a.Uses.Value), at
	}
	return needs, "", span{}
}

// holds reports whether the condition is true for the step.
func (c *actionCondition) holds(a *actionlint.ExecAction, env map[string]envVar) bool {
	set := func(name string) bool {
		v := input(a, name)
		return v != nil && strings.TrimSpace(v.Value) != ""
	}
	for _, n := range c.Present {
		if !set(n) {
			return false
		}
	}
	for _, n := range c.Absent {
		if set(n) {
			return false
		}
	}
	for n, want := range c.Equals {
		v := input(a, n)
		if v == nil || !strings.EqualFold(strings.TrimSpace(v.Value), want) {
			return false
		}
	}
	for n, re := range c.matchers {
		v := input(a, n)
		if v == nil || !re.MatchString(strings.TrimSpace(v.Value)) {
			return false
		}
	}
	for _, n := range c.JobToken {
		v := input(a, n)
		if v == nil || !refsJobToken(v.Value) {
			return false
		}
	}
	for _, n := range c.EnvJobToken {
		v, ok := env[n]
		if !ok || !refsJobToken(v.value.Value) {
			return false
		}
	}
	return true
}

// octokitRoutes maps github-script's github.rest.<namespace>.<method> to
// the REST route it calls. Source: octokit/plugin-rest-endpoint-methods.js,
// src/generated/endpoints.ts (MIT); the routes are GitHub's REST API.
var octokitRoutes = map[string]string{
	"issues.createComment":                  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
	"issues.updateComment":                  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
	"issues.deleteComment":                  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}",
	"issues.listComments":                   "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
	"issues.addLabels":                      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
	"issues.removeLabel":                    "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
	"issues.setLabels":                      "PUT /repos/{owner}/{repo}/issues/{issue_number}/labels",
	"issues.create":                         "POST /repos/{owner}/{repo}/issues",
	"issues.update":                         "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
	"issues.get":                            "GET /repos/{owner}/{repo}/issues/{issue_number}",
	"issues.listForRepo":                    "GET /repos/{owner}/{repo}/issues",
	"issues.addAssignees":                   "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees",
	"issues.createLabel":                    "POST /repos/{owner}/{repo}/labels",
	"pulls.get":                             "GET /repos/{owner}/{repo}/pulls/{pull_number}",
	"pulls.list":                            "GET /repos/{owner}/{repo}/pulls",
	"pulls.create":                          "POST /repos/{owner}/{repo}/pulls",
	"pulls.update":                          "PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
	"pulls.listFiles":                       "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
	"pulls.createReview":                    "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
	"pulls.merge":                           "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge",
	"pulls.requestReviewers":                "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
	"repos.createRelease":                   "POST /repos/{owner}/{repo}/releases",
	"repos.getReleaseByTag":                 "GET /repos/{owner}/{repo}/releases/tags/{tag}",
	"repos.uploadReleaseAsset":              "POST /repos/{owner}/{repo}/releases/{release_id}/assets",
	"repos.createDispatchEvent":             "POST /repos/{owner}/{repo}/dispatches",
	"repos.getContent":                      "GET /repos/{owner}/{repo}/contents/{path}",
	"repos.createOrUpdateFileContents":      "PUT /repos/{owner}/{repo}/contents/{path}",
	"repos.createCommitStatus":              "POST /repos/{owner}/{repo}/statuses/{sha}",
	"repos.createDeployment":                "POST /repos/{owner}/{repo}/deployments",
	"repos.createDeploymentStatus":          "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
	"repos.listCommits":                     "GET /repos/{owner}/{repo}/commits",
	"repos.compareCommits":                  "GET /repos/{owner}/{repo}/compare/{basehead}",
	"repos.get":                             "GET /repos/{owner}/{repo}",
	"git.createRef":                         "POST /repos/{owner}/{repo}/git/refs",
	"git.deleteRef":                         "DELETE /repos/{owner}/{repo}/git/refs/{ref}",
	"git.createTag":                         "POST /repos/{owner}/{repo}/git/tags",
	"actions.listWorkflowRuns":              "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
	"actions.createWorkflowDispatch":        "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
	"actions.listArtifactsForRepo":          "GET /repos/{owner}/{repo}/actions/artifacts",
	"actions.listWorkflowRunArtifacts":      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
	"actions.downloadArtifact":              "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
	"actions.deleteArtifact":                "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}",
	"checks.create":                         "POST /repos/{owner}/{repo}/check-runs",
	"checks.update":                         "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
	"reactions.createForIssueComment":       "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
	"reactions.createForIssue":              "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions",
	"reactions.createForPullRequestComment": "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions",
}

var (
	octokitCall = regexp.MustCompile(`\bgithub\.(?:rest\.)?([a-z]+)\.([A-Za-z]+)\b`)
	requestCall = regexp.MustCompile(`\bgithub\.request\(\s*['"]([A-Z]+) ([^'"]+)['"]`)
)

// scriptNeeds resolves actions/github-script from the REST methods its
// script calls. GraphQL, dynamic requests and scripts loaded from files
// cannot be resolved.
func (d *document) scriptNeeds(s stepRef, a *actionlint.ExecAction) ([]need, string, span) {
	sc := input(a, "script")
	at := d.str(a.Uses)
	if sc == nil {
		return nil, "", span{}
	}
	src := sc.Value
	if strings.Contains(src, "require(") || strings.Contains(src, "import(") {
		return nil, "its script loads code from a file", at
	}
	if strings.Contains(src, "github.graphql") {
		return nil, "its script calls the GraphQL API", at
	}
	var needs []need
	for _, m := range requestCall.FindAllStringSubmatch(src, -1) {
		ns, ok := routeNeeds(m[1], m[2], s, "github.request "+m[1]+" "+m[2])
		if !ok {
			return nil, fmt.Sprintf("its script calls %s %s, which has no known permission", m[1], m[2]), at
		}
		needs = append(needs, ns...)
	}
	src = requestCall.ReplaceAllString(src, "")
	for _, m := range octokitCall.FindAllStringSubmatch(src, -1) {
		if m[1] == "event" || m[1] == "context" || m[1] == "rest" {
			continue
		}
		method := m[1] + "." + m[2]
		route, ok := octokitRoutes[method]
		if !ok {
			return nil, fmt.Sprintf("its script calls github.rest.%s, which is not in the method table", method), at
		}
		verb, p, _ := strings.Cut(route, " ")
		ns, ok := routeNeeds(verb, p, s, "github.rest."+method)
		if !ok {
			return nil, fmt.Sprintf("its script calls github.rest.%s, which has no known permission", method), at
		}
		needs = append(needs, ns...)
	}
	if strings.Contains(src, "github.request(") && len(requestCall.FindAllString(sc.Value, -1)) == 0 {
		return nil, "its script builds a REST request dynamically", at
	}
	return needs, "", span{}
}
