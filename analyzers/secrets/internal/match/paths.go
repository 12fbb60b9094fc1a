package match

import (
	"regexp/syntax"
	"strings"
	"sync"
	"sync/atomic"

	glconfig "github.com/zricethezav/gitleaks/v8/config"
)

// pathFilter answers an allowlist's PathAllowed for most paths without
// running its path expressions: gitleaks' default allowlist has 25 of them,
// which cost about a hundred microseconds per file, against a nanosecond a
// byte for the prefilter of their union. A path the prefilter rejects
// matches none of them; the others are decided by PathAllowed itself.
type pathFilter struct {
	asked     atomic.Int32 // how many paths PathAllowed decided, up to pathFilterAfter
	once      sync.Once
	prefilter *prefilter // nil: always ask PathAllowed
}

// pathFilterAfter is how many paths an allowlist checks before its filter
// is built: building costs about as much as checking 15 paths, and a
// pre-commit run checks a few.
const pathFilterAfter = 32

// newPathFilters prepares a filter for each allowlist with paths; each
// builds its prefilter once its allowlist has checked pathFilterAfter paths.
func newPathFilters(cfg glconfig.Config) map[*glconfig.Allowlist]*pathFilter {
	filters := map[*glconfig.Allowlist]*pathFilter{}
	add := func(as []*glconfig.Allowlist) {
		for _, a := range as {
			if a != nil && len(a.Paths) > 0 {
				filters[a] = &pathFilter{}
			}
		}
	}
	add(cfg.Allowlists)
	for _, r := range cfg.Rules {
		add(r.Allowlists)
	}
	return filters
}

// pathFilter returns a's filter, or nil if a has no paths. The allowlists
// of rules compiled on demand get theirs on first use.
func (m *Matcher) pathFilter(a *glconfig.Allowlist) *pathFilter {
	if f := m.pathFilters[a]; f != nil || a == nil || len(a.Paths) == 0 {
		return f
	}
	v, ok := m.deferredPathFilters.Load(a)
	if !ok {
		v, _ = m.deferredPathFilters.LoadOrStore(a, &pathFilter{})
	}
	return v.(*pathFilter)
}

// pathAllowed is a.PathAllowed(path).
func (m *Matcher) pathAllowed(a *glconfig.Allowlist, path string) bool {
	if f := m.pathFilter(a); f != nil && path != "" {
		if f.asked.Load() < pathFilterAfter {
			f.asked.Add(1)
			return a.PathAllowed(path)
		}
		f.once.Do(func() { f.prefilter = pathPrefilter(a) })
		if f.prefilter != nil && !f.prefilter.mayMatch(path) {
			return false
		}
	}
	return a.PathAllowed(path)
}

// pathPrefilter is a prefilter for a's paths, or nil. PathAllowed runs the
// expression gitleaks joins from the paths (where a flag such as (?i) at
// the start of one path carries over to the paths after it) or, on an
// allowlist not validated, each path alone; the prefilter is the union of
// both, so it accepts whatever either accepts.
func pathPrefilter(a *glconfig.Allowlist) *prefilter {
	exprs := make([]string, 0, len(a.Paths)+1)
	var joined strings.Builder
	joined.WriteString("(?:")
	for i, p := range a.Paths {
		if p == nil {
			return nil // gitleaks' join would panic; let PathAllowed decide
		}
		if i > 0 {
			joined.WriteString("|")
		}
		joined.WriteString(p.String())
		exprs = append(exprs, p.String())
	}
	joined.WriteString(")")
	exprs = append(exprs, joined.String())
	union := &syntax.Regexp{Op: syntax.OpAlternate}
	for _, expr := range exprs {
		re, _, err := relaxed(expr)
		if err != nil {
			return nil
		}
		union.Sub = append(union.Sub, re)
	}
	return newPrefilter(union)
}
