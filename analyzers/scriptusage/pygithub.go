package scriptusage

import (
	"github.com/nhilint/nhilint/rules/scopes"
)

// pyGithubMethod is one PyGithub method: the REST route it calls and the
// kind of object it returns (or yields, for the paginated lists), which
// later calls on the result are read against; 0 when the result is not
// tracked.
type pyGithubMethod struct {
	route  string
	result clientKind
}

// pyGithubMethods maps the kind of a PyGithub object and a method name to
// what the method calls. The routes are spelled as in the scopes tables
// (TestPyGithubRoutesKnown). Source: PyGithub's github/MainClass.py,
// Repository.py, Organization.py, AuthenticatedUser.py, Issue.py and
// PullRequest.py, which name the URL each method requests. Github.get_user
// is special: with an argument it is GET /users/{username} (see
// pyGithubCall).
var pyGithubMethods = map[clientKind]map[string]pyGithubMethod{
	clientPyGithub: {
		"get_repo":         {"GET /repos/{owner}/{repo}", clientPyGithubRepo},
		"get_organization": {"GET /orgs/{org}", clientPyGithubOrg},
		"get_user":         {"GET /user", clientPyGithubUser},
	},
	clientPyGithubRepo: {
		"get_contents":       {"GET /repos/{owner}/{repo}/contents/{path}", 0},
		"create_file":        {"PUT /repos/{owner}/{repo}/contents/{path}", 0},
		"update_file":        {"PUT /repos/{owner}/{repo}/contents/{path}", 0},
		"delete_file":        {"DELETE /repos/{owner}/{repo}/contents/{path}", 0},
		"get_issues":         {"GET /repos/{owner}/{repo}/issues", clientPyGithubIssue},
		"get_issue":          {"GET /repos/{owner}/{repo}/issues/{issue_number}", clientPyGithubIssue},
		"create_issue":       {"POST /repos/{owner}/{repo}/issues", clientPyGithubIssue},
		"get_pulls":          {"GET /repos/{owner}/{repo}/pulls", clientPyGithubPull},
		"get_pull":           {"GET /repos/{owner}/{repo}/pulls/{pull_number}", clientPyGithubPull},
		"create_pull":        {"POST /repos/{owner}/{repo}/pulls", clientPyGithubPull},
		"get_releases":       {"GET /repos/{owner}/{repo}/releases", 0},
		"get_latest_release": {"GET /repos/{owner}/{repo}/releases/latest", 0},
		"create_git_release": {"POST /repos/{owner}/{repo}/releases", 0},
		"get_branches":       {"GET /repos/{owner}/{repo}/branches", 0},
		"get_branch":         {"GET /repos/{owner}/{repo}/branches/{branch}", 0},
		"get_commits":        {"GET /repos/{owner}/{repo}/commits", 0},
		"create_git_ref":     {"POST /repos/{owner}/{repo}/git/refs", 0},
		"get_hooks":          {"GET /repos/{owner}/{repo}/hooks", 0},
		"create_hook":        {"POST /repos/{owner}/{repo}/hooks", 0},
		"create_label":       {"POST /repos/{owner}/{repo}/labels", 0},
		"get_workflows":      {"GET /repos/{owner}/{repo}/actions/workflows", 0},
		"edit":               {"PATCH /repos/{owner}/{repo}", 0},
	},
	clientPyGithubOrg: {
		"get_repo":    {"GET /repos/{owner}/{repo}", clientPyGithubRepo},
		"get_repos":   {"GET /orgs/{org}/repos", clientPyGithubRepo},
		"create_repo": {"POST /orgs/{org}/repos", clientPyGithubRepo},
		"get_members": {"GET /orgs/{org}/members", 0},
	},
	clientPyGithubUser: { // AuthenticatedUser, from Github.get_user()
		"get_repo":    {"GET /repos/{owner}/{repo}", clientPyGithubRepo},
		"get_repos":   {"GET /user/repos", clientPyGithubRepo},
		"create_repo": {"POST /user/repos", clientPyGithubRepo},
	},
	clientPyGithubIssue: {
		"create_comment": {"POST /repos/{owner}/{repo}/issues/{issue_number}/comments", 0},
		"get_comments":   {"GET /repos/{owner}/{repo}/issues/{issue_number}/comments", 0},
		"edit":           {"PATCH /repos/{owner}/{repo}/issues/{issue_number}", 0},
		"add_to_labels":  {"POST /repos/{owner}/{repo}/issues/{issue_number}/labels", 0},
	},
	clientPyGithubPull: {
		"merge":                {"PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", 0},
		"create_issue_comment": {"POST /repos/{owner}/{repo}/issues/{issue_number}/comments", 0},
		"create_review":        {"POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", 0},
		"get_files":            {"GET /repos/{owner}/{repo}/pulls/{pull_number}/files", 0},
		"edit":                 {"PATCH /repos/{owner}/{repo}/pulls/{pull_number}", 0},
		"add_to_labels":        {"POST /repos/{owner}/{repo}/issues/{issue_number}/labels", 0},
	},
}

// pyGithubClasses names the PyGithub class of each kind, for Via.
var pyGithubClasses = map[clientKind]string{
	clientPyGithub: "Github", clientPyGithubRepo: "Repository", clientPyGithubOrg: "Organization",
	clientPyGithubUser: "AuthenticatedUser", clientPyGithubIssue: "Issue", clientPyGithubPull: "PullRequest",
}

// getNamedUserRoute is what Github.get_user("login") calls.
const getNamedUserRoute = "GET /users/{username}"

// pyGithubStep resolves one method call on a PyGithub object of kind k,
// whose "(" is at open: the method's route and the kind of its result.
func (x *pyExtractor) pyGithubStep(k clientKind, method string, open int) (pyGithubMethod, bool) {
	m, ok := pyGithubMethods[k][method]
	if ok && k == clientPyGithub && method == "get_user" && !x.is(open+1, ")") {
		m = pyGithubMethod{route: getNamedUserRoute} // a NamedUser, whose methods are not tracked
	}
	return m, ok
}

// pyGithubResult follows a chain of calls on a PyGithub object, starting
// with method called at open, and returns the kind of the last result:
// g.get_repo("o/r").get_pull(1) is a pull request. It is 0 when a call in
// the chain is not in the table or returns nothing tracked.
func (x *pyExtractor) pyGithubResult(k clientKind, method string, open int) clientKind {
	for steps := 0; steps < maxReceiverParts; steps++ {
		m, ok := x.pyGithubStep(k, method, open)
		if !ok || m.result == 0 {
			return 0
		}
		k = m.result
		end := x.closing(open)
		if !x.is(end, ".") || !x.ident(end+1) || !x.is(end+2, "(") {
			return k
		}
		method, open = x.toks[end+1].text, end+2
	}
	return 0
}

// readPyGithubBindings binds names to the PyGithub objects that calls on
// bound objects return: repo = g.get_repo("o/r"), self.org =
// self.gh.get_organization("o"), and the loop variable of
// for pr in repo.get_pulls(). A binding can depend on one made later in
// the file (a function defined before the module-level g = Github()), so
// the pass is repeated, with the bindings of one round added after it,
// until nothing new is bound: at most once per kind in a chain of objects.
func (x *pyExtractor) readPyGithubBindings() {
	seen := map[binding]bool{}
	for round := 0; round < 4; round++ {
		var (
			names []string
			added []binding
		)
		for i := range x.toks {
			if !x.chainStart(i) {
				continue
			}
			parts, open := x.chain(i)
			if !x.is(open, "(") || len(parts) < 2 {
				continue
			}
			c, rest, ok := x.bound.receiver(parts, i)
			if !ok || len(rest) != 1 || pyGithubClasses[c.kind] == "" {
				continue
			}
			k := x.pyGithubResult(c.kind, rest[0], open)
			if k == 0 {
				continue
			}
			name := x.target(i - 1)
			if x.is(i-1, "in") && x.ident(i-2) && x.is(i-3, "for") {
				name = x.toks[i-2].text
			}
			b := binding{at: i, c: client{kind: k}}
			if name == "" || seen[b] {
				continue
			}
			seen[b] = true
			names, added = append(names, name), append(added, b)
		}
		if len(added) == 0 {
			return
		}
		x.bound.bindAll(names, added)
	}
}

// pyGithubCall records a method call on a PyGithub object of kind k, and
// the calls chained on its result: rest is the chain after the receiver,
// token i where the first call is reported and open its "(".
func (x *pyExtractor) pyGithubCall(k clientKind, rest []string, i, open int) {
	if len(rest) != 1 {
		return
	}
	method := rest[0]
	for steps := 0; steps < maxReceiverParts; steps++ {
		m, ok := x.pyGithubStep(k, method, open)
		if !ok {
			return
		}
		line, col := x.pos(i)
		x.w.op(line, col, scopes.Operation{Provider: scopes.GitHub, Name: m.route}, "PyGithub "+pyGithubClasses[k]+"."+method)
		end := x.closing(open)
		if m.result == 0 || !x.is(end, ".") || !x.ident(end+1) || !x.is(end+2, "(") {
			return
		}
		k, method, i, open = m.result, x.toks[end+1].text, end+1, end+2
	}
}
