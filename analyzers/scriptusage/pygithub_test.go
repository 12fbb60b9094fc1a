package scriptusage

import (
	"os"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/rules/scopes"
)

// permissionFreeRoutes are routes PyGithub calls that need no permission,
// so the scopes routes table leaves them out; the Octokit table spells
// them, by the method named here.
var permissionFreeRoutes = map[string]string{
	"GET /user":             "users.getAuthenticated",
	"GET /users/{username}": "users.getByUsername",
	"GET /orgs/{org}":       "orgs.get",
}

// TestPyGithubRoutesKnown fails when a route of the PyGithub table is not
// spelled exactly as a route of the scopes tables (github_routes.tsv, whose
// parameter names Required does not check) or is unknown to
// scopes.Required.
func TestPyGithubRoutesKnown(t *testing.T) {
	raw, err := os.ReadFile("../../rules/scopes/data/github_routes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	spelled := map[string]bool{}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if route, _, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			spelled[route] = true
		}
	}
	routes := []string{getNamedUserRoute}
	for kind, methods := range pyGithubMethods {
		if pyGithubClasses[kind] == "" {
			t.Errorf("kind %d has methods but no class name", kind)
		}
		for method, m := range methods {
			routes = append(routes, m.route)
			if m.result != 0 && pyGithubMethods[m.result] == nil {
				t.Errorf("%s.%s returns kind %d, which has no methods", pyGithubClasses[kind], method, m.result)
			}
		}
	}
	for _, route := range routes {
		if octokit, ok := permissionFreeRoutes[route]; ok {
			ns, method, _ := strings.Cut(octokit, ".")
			if got, _ := scopes.OctokitRoute(ns, method); got != route {
				t.Errorf("%s: the Octokit table spells %s as %q", route, octokit, got)
			}
			continue
		}
		if !spelled[route] {
			t.Errorf("%s is not spelled as in github_routes.tsv", route)
		}
		if _, ok := scopes.Required(scopes.Operation{Provider: scopes.GitHub, Name: route}); !ok {
			t.Errorf("scopes.Required does not know %s", route)
		}
	}
}
