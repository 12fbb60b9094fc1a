package ghactions

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rhysd/actionlint"
)

// access is a GITHUB_TOKEN access level; higher includes lower.
type access int8

const (
	accessNone access = iota
	accessRead
	accessWrite
)

func (a access) String() string {
	switch a {
	case accessRead:
		return "read"
	case accessWrite:
		return "write"
	}
	return "none"
}

func parseAccess(s string) (access, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "read":
		return accessRead, true
	case "write":
		return accessWrite, true
	case "none":
		return accessNone, true
	}
	return accessNone, false
}

// tokenScope is a permissions: key and the values it accepts ("read|write|none").
type tokenScope struct{ name, values string }

// restRoute maps a REST call to a scope; see restRoutes.
type restRoute struct {
	tier                        int
	method, path, scope, access string
}

// scopeAccepts reports whether the scope exists and takes the level.
func scopeAccepts(scope string, a access) bool {
	for _, s := range tokenScopes {
		if s.name == scope {
			return slices.Contains(strings.Split(s.values, "|"), a.String())
		}
	}
	return false
}

// need is one thing a step needs from the job token.
type need struct {
	scope  string
	alt    string // another scope that satisfies the need as well (issues or pull-requests)
	access access
	step   stepRef
	why    string // the action, command or REST call that needs it
	// inferred marks needs guessed from a command's surroundings (npm publish
	// without a token uses trusted publishing): they count as uses, but a
	// job without them is not said to fail.
	inferred bool
}

func (n need) String() string {
	s := n.scope
	if n.alt != "" {
		s += " (or " + n.alt + ")"
	}
	return s + ": " + n.access.String()
}

// grant is what a job's token may do, as declared.
type grant struct {
	// level is "job", "workflow", or "" when neither declares permissions
	// and the repository's default applies, which the file cannot tell.
	level  string
	perms  *actionlint.Permissions
	all    string // read-all, write-all
	scopes map[string]access
}

func (d *document) grantOf(j *actionlint.Job) grant {
	switch {
	case j != nil && j.Permissions != nil:
		return newGrant("job", j.Permissions)
	case d.wf != nil && d.wf.Permissions != nil:
		return newGrant("workflow", d.wf.Permissions)
	}
	return grant{}
}

func newGrant(level string, p *actionlint.Permissions) grant {
	g := grant{level: level, perms: p, scopes: map[string]access{}}
	if p.All != nil {
		g.all = strings.ToLower(strings.TrimSpace(p.All.Value))
		return g
	}
	for name, s := range p.Scopes {
		if s == nil || s.Value == nil {
			continue
		}
		if a, ok := parseAccess(s.Value.Value); ok {
			g.scopes[strings.ToLower(name)] = a
		}
	}
	return g
}

// known reports whether the grant is declared in the file.
func (g grant) known() bool { return g.level != "" }

// expression reports a permissions value that is an expression or unparsable.
func (g grant) expression() bool {
	return g.perms != nil && g.perms.All != nil && g.all != "read-all" && g.all != "write-all"
}

// of returns the access granted for a scope.
func (g grant) of(scope string) access {
	switch g.all {
	case "write-all":
		if scopeAccepts(scope, accessWrite) {
			return accessWrite
		}
		return accessRead
	case "read-all":
		if scopeAccepts(scope, accessRead) {
			return accessRead
		}
		return accessNone
	}
	return g.scopes[scope]
}

func (g grant) satisfies(n need) bool {
	return g.of(n.scope) >= n.access || n.alt != "" && g.of(n.alt) >= n.access
}

// minimalBlock is the smallest permissions block that satisfies the needs.
// Where either of two scopes would do, the one the grant already has wins,
// else the first.
func minimalBlock(needs []need, g grant) map[string]access {
	out := map[string]access{}
	for _, n := range needs {
		scope := n.scope
		if n.alt != "" && g.of(n.scope) < n.access && g.of(n.alt) >= n.access {
			scope = n.alt
		}
		out[scope] = max(out[scope], n.access)
	}
	return out
}

// formatBlock renders a block on one line: {contents: read, issues: write}.
func formatBlock(b map[string]access) string {
	if len(b) == 0 {
		return "{}"
	}
	keys := sortedKeys(b)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + b[k].String()
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// yamlBlock renders a block as YAML at the given indent, with the reason for
// each scope as a comment.
func yamlBlock(b map[string]access, why map[string]string, indent string) string {
	if len(b) == 0 {
		return indent + "permissions: {}\n"
	}
	var sb strings.Builder
	sb.WriteString(indent + "permissions:\n")
	for _, k := range sortedKeys(b) {
		line := fmt.Sprintf("%s  %s: %s", indent, k, b[k])
		if w := why[k]; w != "" {
			line += "  # " + w
		}
		sb.WriteString(line + "\n")
	}
	return sb.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// reasons names, per scope of a block, what needs it (for YAML comments).
func reasons(needs []need, block map[string]access) map[string]string {
	out := map[string]string{}
	for _, n := range needs {
		for _, s := range []string{n.scope, n.alt} {
			if s == "" || block[s] != n.access {
				continue
			}
			if cur := out[s]; cur == "" {
				out[s] = n.why
			} else if !strings.Contains(cur, n.why) && len(cur) < 60 {
				out[s] = cur + ", " + n.why
			}
		}
	}
	return out
}

// declaredScopes returns the job's or workflow's explicit scope entries in
// file order.
func declaredScopes(p *actionlint.Permissions) []*actionlint.PermissionScope {
	if p == nil {
		return nil
	}
	var out []*actionlint.PermissionScope
	for _, s := range p.Scopes {
		if s != nil && s.Name != nil && s.Value != nil {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *actionlint.PermissionScope) int { return comparePos(a.Name.Pos, b.Name.Pos) })
	return out
}
