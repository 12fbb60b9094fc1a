package ghactions

import (
	"net/url"
	"regexp"
	"strings"
)

// routeNeeds looks a REST call up in the generated route table. path may
// hold {owner}/{repo} placeholders and {var} for segments that are not
// literal. ok is false when no route matches.
func routeNeeds(method, path string, s stepRef, why string) ([]need, bool) {
	method = strings.ToUpper(method)
	segs := splitPath(path)
	tier, matched := -1, ""
	var rows []restRoute
	for _, r := range restRoutes {
		if tier >= 0 && r.tier != tier {
			break
		}
		if !methodMatches(r.method, method) || !pathMatches(splitPath(r.path), segs) {
			continue
		}
		if matched != "" && r.path != matched {
			continue
		}
		tier, matched = r.tier, r.path
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, false
	}
	var needs []need
	for _, r := range rows {
		a, _ := parseAccess(r.access)
		switch {
		case r.scope == "none" || a == accessNone:
		case r.scope == "issues/pull-requests":
			needs = append(needs, need{scope: "issues", alt: "pull-requests", access: a, step: s, why: why})
		case strings.Contains(r.scope, ","):
			for _, sc := range strings.Split(r.scope, ",") {
				needs = append(needs, need{scope: sc, access: a, step: s, why: why})
			}
		default:
			needs = append(needs, need{scope: r.scope, access: a, step: s, why: why})
		}
	}
	return needs, true
}

func methodMatches(pattern, method string) bool {
	switch pattern {
	case "*":
		return true
	case "POST|PUT|PATCH|DELETE":
		return method != "GET" && method != "HEAD"
	}
	return pattern == method
}

func splitPath(p string) []string {
	p, _, _ = strings.Cut(p, "?")
	return strings.Split(strings.Trim(p, "/"), "/")
}

// pathMatches matches path segments against a route pattern: {x} in the
// pattern takes any one segment, a final ** one or more. A variable segment
// of the path ({var}) only matches a pattern wildcard.
func pathMatches(pattern, path []string) bool {
	for i, p := range pattern {
		if p == "**" && i == len(pattern)-1 {
			return len(path) > i
		}
		if i >= len(path) {
			return false
		}
		wild := strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}")
		if wild {
			continue
		}
		if path[i] == "{var}" || path[i] != p {
			return false
		}
	}
	return len(path) == len(pattern)
}

var (
	repoVar    = regexp.MustCompile(`\$\{\{\s*github\.repository\s*\}\}|\$\{?GITHUB_REPOSITORY\}?|:owner/:repo`)
	ownerVar   = regexp.MustCompile(`\$\{\{\s*github\.repository_owner\s*\}\}|\$\{?GITHUB_REPOSITORY_OWNER\}?`)
	apiBaseVar = regexp.MustCompile(`^(?:\$\{?GITHUB_API_URL\}?|\$\{\{\s*github\.api_url\s*\}\}|https://api\.github\.com)`)
)

// normalizeAPIPath turns a path or URL written in a script into route form:
// the workflow's own repository becomes {owner}/{repo} and any other
// expanded segment {var}. ok is false for paths that are not REST paths.
func normalizeAPIPath(raw string) (string, bool) {
	p := strings.TrimSpace(raw)
	p = apiBaseVar.ReplaceAllString(p, "")
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		return "", false // another host
	}
	p = repoVar.ReplaceAllString(p, "{owner}/{repo}")
	p = ownerVar.ReplaceAllString(p, "{owner}")
	p, _, _ = strings.Cut(p, "?")
	if p == "" || p == "graphql" || p == "/graphql" {
		return "", false
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for i, s := range segs {
		if s == "{owner}" || s == "{repo}" {
			continue
		}
		if strings.ContainsAny(s, "${}") {
			segs[i] = "{var}"
			continue
		}
		if u, err := url.PathUnescape(s); err == nil {
			segs[i] = u
		}
	}
	return "/" + strings.Join(segs, "/"), true
}
