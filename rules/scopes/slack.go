package scopes

import (
	"cmp"
	"strings"
)

type slackTables struct {
	methods map[string]Requirement // Web API method -> scopes
	known   map[string]bool        // every Web API method either table names
	slackGo map[string][]string    // slack-go method -> Web API methods
}

var slack = lazy[*slackTables]{load: loadSlack}

func loadSlack() *slackTables {
	t := &slackTables{methods: map[string]Requirement{}, known: map[string]bool{}, slackGo: map[string][]string{}}
	for _, row := range readTable("slack_methods.tsv") {
		t.methods[row[0]] = parseRequirement(row[1], nil)
		t.known[row[0]] = true
	}
	for _, row := range readTable("slackgo_methods.tsv") {
		t.slackGo[row[0]] = row[1:]
		for _, m := range row[1:] {
			t.known[m] = true
		}
	}
	return t
}

// slackModernScopes translates the perspectival scopes of Slack's legacy
// workspace tokens to the granular scope that replaced them (the same
// translation the generator applies to the method table).
var slackModernScopes = map[string]string{
	"chat:write:bot":   "chat:write",
	"chat:write:user":  "chat:write",
	"files:write:user": "files:write",
}

func normalizeSlackScope(s string) string {
	s = strings.TrimSpace(s)
	return cmp.Or(slackModernScopes[s], s)
}

func slackSatisfies(declared, clause []string) bool {
	for _, d := range declared {
		d = normalizeSlackScope(d)
		for _, c := range clause {
			if d != "" && d == normalizeSlackScope(c) {
				return true
			}
		}
	}
	return false
}

func slackBroad(scope string) (string, bool) {
	s := strings.TrimSpace(scope)
	switch {
	case s == "admin":
		return "legacy scope granting workspace administration", true
	case s == "client":
		return "legacy scope granting the full access of the Slack client", true
	case strings.HasPrefix(s, "admin."):
		return "Enterprise Grid / workspace administration scope", true
	}
	return "", false
}

// slackRank puts reading scopes before writing ones.
func slackRank(scope string) int {
	_, access, _ := strings.Cut(scope, ":")
	switch {
	case strings.HasPrefix(access, "read"), access == "history":
		return 0
	case strings.HasPrefix(access, "write"):
		return 2
	}
	return 1
}

func compareSlack(a, b string) int {
	return cmp.Or(cmp.Compare(slackRank(a), slackRank(b)), strings.Compare(a, b))
}
