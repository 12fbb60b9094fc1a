package scopes

import (
	"cmp"
	"regexp"
	"strings"
)

// GitHub access levels, least privileged first; "none" grants nothing.
var githubLevels = map[string]int{"none": 0, "read": 1, "write": 2, "admin": 3}

type githubTables struct {
	routes    map[string]Requirement // "GET /repos/{owner}/{repo}/contents/{path}"
	skeletons map[string]string      // route with parameters emptied -> route, "" if ambiguous
	goGitHub  map[string][]string    // "RepositoriesService.GetContents" -> routes
	octokit   map[string]string      // "repos.getContent" -> route
}

var github = lazy[*githubTables]{load: loadGitHub}

func loadGitHub() *githubTables {
	t := &githubTables{
		routes:    map[string]Requirement{},
		skeletons: map[string]string{},
		goGitHub:  map[string][]string{},
		octokit:   map[string]string{},
	}
	for _, row := range readTable("github_routes.tsv") {
		t.routes[row[0]] = parseRequirement(row[1], nil)
		sk := routeSkeleton(row[0])
		if prev, ok := t.skeletons[sk]; ok && prev != row[0] {
			t.skeletons[sk] = ""
		} else {
			t.skeletons[sk] = row[0]
		}
	}
	for _, row := range readTable("gogithub_methods.tsv") {
		t.goGitHub[row[0]] = row[1:]
	}
	for _, row := range readTable("octokit_methods.tsv") {
		t.octokit[row[0]] = row[1]
	}
	return t
}

var routeParam = regexp.MustCompile(`\{[^}/]*\}`)

// routeSkeleton empties the parameter names of a route, so that a route
// whose parameters a caller named differently still matches.
func routeSkeleton(route string) string {
	return routeParam.ReplaceAllString(route, "{}")
}

// normalizeRoute brings "get https://api.github.com/repos/{o}/{r}/?x=1" to
// "GET /repos/{o}/{r}".
func normalizeRoute(route string) string {
	method, path, ok := strings.Cut(strings.TrimSpace(route), " ")
	if !ok {
		return ""
	}
	path = strings.TrimSpace(path)
	path = strings.TrimPrefix(path, "https://api.github.com")
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	return strings.ToUpper(method) + " " + path
}

// githubPermissionless are routes any token (or none) may call: GitHub's
// permission tables leave them out because they need no permission, which
// is different from not knowing them.
var githubPermissionless = map[string]bool{
	"GET /user": true, "GET /users/{username}": true, "GET /orgs/{org}": true,
	"GET /meta": true, "GET /rate_limit": true, "GET /zen": true, "GET /octocat": true,
	"GET /emojis": true, "GET /versions": true, "GET /": true,
}

func githubRequired(route string) (Requirement, bool) {
	t := github.get()
	r := normalizeRoute(route)
	if permissionlessSkeletons[routeSkeleton(r)] {
		return Requirement{}, true
	}
	if req, ok := t.routes[r]; ok {
		return req.clone(), true
	}
	if full := t.skeletons[routeSkeleton(r)]; full != "" {
		return t.routes[full].clone(), true
	}
	if full := t.literal(r); full != "" {
		return t.routes[full].clone(), true
	}
	return nil, false
}

// permissionlessSkeletons are githubPermissionless by skeleton, so that a
// route whose parameters are named differently still matches.
var permissionlessSkeletons = func() map[string]bool {
	m := map[string]bool{}
	for route := range githubPermissionless {
		m[routeSkeleton(route)] = true
	}
	return m
}()

// literal finds the route template a literal request path instantiates
// ("POST /repos/acme/app/issues/42/labels" is "POST
// /repos/{owner}/{repo}/issues/{issue_number}/labels"), preferring the
// template with the most literal segments, so "/repos/{o}/{r}/releases/latest"
// wins over "/repos/{o}/{r}/releases/{id}". A final parameter may span
// several segments, as a contents path does.
func (t *githubTables) literal(r string) string {
	method, p, _ := strings.Cut(r, " ")
	segs := strings.Split(strings.Trim(p, "/"), "/")
	best, bestScore := "", -1
	for route := range t.routes {
		m, tp, _ := strings.Cut(route, " ")
		if m != method {
			continue
		}
		if score, ok := instantiates(strings.Split(strings.Trim(tp, "/"), "/"), segs); ok &&
			(score > bestScore || (score == bestScore && route < best)) {
			best, bestScore = route, score
		}
	}
	return best
}

// instantiates reports whether the literal segments fill the template's,
// and how many of the template's segments are literal.
func instantiates(tmpl, segs []string) (int, bool) {
	score := 0
	for i, ts := range tmpl {
		param := strings.HasPrefix(ts, "{") && strings.HasSuffix(ts, "}")
		if i >= len(segs) || segs[i] == "" {
			return 0, false
		}
		if !param {
			if ts != segs[i] {
				return 0, false
			}
			score++
			continue
		}
		if i == len(tmpl)-1 && len(segs) > len(tmpl) && (ts == "{path}" || ts == "{ref}") {
			return score, true
		}
	}
	return score, len(tmpl) == len(segs)
}

// githubGrant is what a declared GitHub scope grants: fine-grained
// permissions at a level ("*" for every permission), and classic scopes.
type githubGrant struct {
	perms   map[string]int
	classic map[string]bool
}

// githubGrants expands one declared scope in any of GitHub's spellings:
// fine-grained "contents:write", workflow "pull-requests: write",
// "write-all", "read-all", or a classic OAuth scope.
func githubGrants(declared string) githubGrant {
	g := githubGrant{perms: map[string]int{}, classic: map[string]bool{}}
	s := strings.ToLower(strings.TrimSpace(declared))
	switch s {
	case "write-all":
		g.perms["*"] = githubLevels["write"]
		return g
	case "read-all":
		g.perms["*"] = githubLevels["read"]
		return g
	}
	if _, ok := classicScopes[s]; ok {
		for _, c := range classicClosure(s) {
			g.classic[c] = true
			for _, p := range classicScopes[c] {
				if g.perms[p.perm] < p.level {
					g.perms[p.perm] = p.level
				}
			}
		}
		return g
	}
	if perm, level, ok := parseFineGrained(s); ok {
		g.perms[perm] = level
	}
	return g
}

// parseFineGrained reads "contents:read", "pull-requests: write" or
// "pull_requests=write" (the X-Accepted-GitHub-Permissions spelling).
func parseFineGrained(s string) (perm string, level int, ok bool) {
	i := strings.LastIndexAny(s, ":=")
	if i < 0 {
		return "", 0, false
	}
	perm = strings.ReplaceAll(strings.TrimSpace(strings.ToLower(s[:i])), "-", "_")
	level, ok = githubLevels[strings.TrimSpace(strings.ToLower(s[i+1:]))]
	if !ok || perm == "" {
		return "", 0, false
	}
	return perm, level, true
}

// grants reports whether g grants the scope required, a fine-grained
// permission or a classic scope. Metadata read access comes with every
// other repository permission, so any grant includes it.
func (g githubGrant) grants(required string) bool {
	s := strings.ToLower(strings.TrimSpace(required))
	if _, ok := classicScopes[s]; ok {
		return g.classic[s]
	}
	perm, level, ok := parseFineGrained(s)
	if !ok {
		return false
	}
	if level == 0 {
		return true
	}
	if perm == "metadata" && level == githubLevels["read"] && (len(g.perms) > 0 || len(g.classic) > 0) {
		return true
	}
	got := g.perms[perm]
	if githubTokenScopes[perm] {
		got = max(got, g.perms["*"])
	}
	return got >= level
}

// githubTokenScopes are the GITHUB_TOKEN permissions (in fine-grained
// spelling) that "read-all" and "write-all" grant.
var githubTokenScopes = map[string]bool{
	"actions": true, "artifact_metadata": true, "attestations": true, "checks": true,
	"contents": true, "deployments": true, "discussions": true, "id_token": true,
	"issues": true, "metadata": true, "models": true, "packages": true, "pages": true,
	"pull_requests": true, "repository_projects": true, "security_events": true,
	"statuses": true, "vulnerability_alerts": true,
}

func githubSatisfies(declared, clause []string) bool {
	for _, d := range declared {
		g := githubGrants(d)
		for _, c := range clause {
			if g.grants(c) {
				return true
			}
		}
	}
	return false
}

func githubBroad(scope string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(scope))
	if reason, ok := classicBroad[s]; ok {
		return reason, true
	}
	switch s {
	case "write-all":
		return "grants write access to every GITHUB_TOKEN scope", true
	case "read-all":
		return "grants read access to every GITHUB_TOKEN scope", true
	}
	if strings.HasPrefix(s, "admin:") {
		return "administrative classic scope", true
	}
	perm, level, ok := parseFineGrained(s)
	if !ok {
		return "", false
	}
	switch {
	case level == githubLevels["admin"]:
		return "admin access to " + perm, true
	case level >= githubLevels["write"] && (perm == "administration" || perm == "organization_administration"):
		return "write access to " + perm + " can change settings, collaborators and protections", true
	}
	return "", false
}

// githubRank orders alternatives by access level, classic scopes after
// fine-grained ones.
func githubRank(scope string) int {
	if _, level, ok := parseFineGrained(strings.ToLower(scope)); ok {
		if _, classic := classicScopes[strings.ToLower(scope)]; !classic {
			return level
		}
	}
	return len(githubLevels)
}

func compareGitHub(a, b string) int {
	return cmp.Or(cmp.Compare(githubRank(a), githubRank(b)), strings.Compare(a, b))
}
