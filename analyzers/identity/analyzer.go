package identity

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/analyzers/scriptusage"
	"github.com/nhilint/nhilint/internal/config"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
	"github.com/nhilint/nhilint/internal/scopesource"
	"github.com/nhilint/nhilint/internal/usage"
)

// Name is the analyzer family's name.
const Name = "identity"

// Options configure the analyzer.
type Options struct {
	// Identities are the declarations; without any the analyzer does nothing.
	Identities []config.Identity
	// ConfigPath is the configuration file's path relative to the scan root,
	// slash-separated: where declaration problems are reported.
	ConfigPath string
	// Root is the scan root on disk, for loading Go packages with types.
	Root string
	// Now and MaxLifetime are the comparison's clock and policy maximum.
	Now         time.Time
	MaxLifetime time.Duration
	// NoGoTypes reads Go code by syntax only, without loading packages.
	NoGoTypes bool
	// Collect gathers usage even when no identity is declared, for the
	// inventory; scans leave it off so projects without declarations pay
	// nothing.
	Collect bool
}

// Analyzer collects usage across the scan and compares it at the end.
type Analyzer struct {
	opts Options
	// display is the root as reports show it: findings' paths are
	// display/rel, like every other analyzer's (File.Path).
	display string

	mu      sync.Mutex
	facts   []usage.Fact
	goFiles map[string]bool // slash paths relative to the root
	// manifests are the Slack app manifests found in the scan.
	manifests []scopesource.Declaration
}

// New returns the analyzer.
func New(opts Options) *Analyzer {
	return &Analyzer{opts: opts, display: path.Clean(filepath.ToSlash(filepath.Clean(cmp.Or(opts.Root, ".")))), goFiles: map[string]bool{}}
}

func (a *Analyzer) Name() string { return Name }

// Rules returns the family's rules, sorted by id.
func (a *Analyzer) Rules() []*finding.Rule {
	out := make([]*finding.Rule, 0, len(ruleByKind))
	for _, r := range ruleByKind {
		out = append(out, r)
	}
	slices.SortFunc(out, func(x, y *finding.Rule) int { return strings.Compare(x.ID, y.ID) })
	return out
}

func (a *Analyzer) Wants(rel string) bool {
	if len(a.opts.Identities) == 0 && !a.opts.Collect {
		return false
	}
	return strings.HasSuffix(rel, ".go") || scriptusage.Wants(rel) || manifestName(rel)
}

// manifestName says whether a file may be a Slack app manifest: its name
// contains "manifest" and it is JSON or YAML.
func manifestName(rel string) bool {
	base := strings.ToLower(path.Base(rel))
	ext := path.Ext(base)
	return strings.Contains(base, "manifest") && (ext == ".json" || ext == ".yaml" || ext == ".yml")
}

func (a *Analyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	if f.Path != path.Join(a.display, f.Rel) {
		return nil, nil // another root of a multi-root scan: not this configuration's code
	}
	if strings.HasSuffix(f.Rel, ".go") {
		a.mu.Lock()
		a.goFiles[f.Rel] = true
		a.mu.Unlock()
		return nil, nil
	}
	if manifestName(f.Rel) {
		if d, ok, _ := scopesource.SlackManifest(f.Rel, f.Content); ok {
			a.mu.Lock()
			a.manifests = append(a.manifests, d)
			a.mu.Unlock()
		}
		if !scriptusage.Wants(f.Rel) {
			return nil, nil
		}
	}
	facts, err := scriptusage.Extract(f.Rel, f.Content)
	a.mu.Lock()
	a.facts = append(a.facts, facts...)
	a.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("reading credential usage: %w", err)
	}
	return nil, nil
}

// Finish reads the Go code, compares and reports.
func (a *Analyzer) Finish(ctx context.Context) ([]analyzers.Result, error) {
	if len(a.opts.Identities) == 0 {
		return nil, nil
	}
	rep, limits := a.Report(ctx)
	var out []analyzers.Result
	for _, p := range rep.Problems {
		out = append(out, analyzers.Result{Finding: a.finding(p)})
	}
	if len(limits) > 0 {
		// Reported as a skip so the report says what was not understood.
		return out, fmt.Errorf("%s", strings.Join(limits, "; "))
	}
	return out, nil
}

// Report runs the whole comparison for the inventory command, which wants
// the entries rather than findings.
func (a *Analyzer) Report(ctx context.Context) (identity.Report, []string) {
	facts := slices.Clone(a.facts)
	var limits []string
	if len(a.goFiles) > 0 {
		goFacts, note := readGo(ctx, a.opts.Root, a.goFiles, !a.opts.NoGoTypes)
		facts = append(facts, goFacts...)
		if note != "" {
			limits = append(limits, note)
		}
	}
	// Files are analyzed concurrently: order the facts so that "first
	// reference" and related locations do not depend on scheduling.
	slices.SortStableFunc(facts, func(x, y usage.Fact) int {
		return cmp.Or(strings.Compare(x.Path, y.Path), cmp.Compare(x.Line, y.Line), cmp.Compare(x.Column, y.Column))
	})
	resolved, derived, notes := a.grants(facts)
	limits = append(limits, notes...)
	envs, runs, aliases := jobsOf(facts)
	return identity.Compare(identity.Input{
		Identities:   a.opts.Identities,
		Facts:        facts,
		Environments: envs,
		Runs:         runs,
		Aliases:      aliases,
		Resolved:     resolved,
		Derived:      derived,
		Now:          a.opts.Now,
		MaxLifetime:  a.opts.MaxLifetime,
	}), limits
}

// grants reads the scopes declared outside .nhilint.yaml: the files
// identities' scopes-from name, the Slack app manifests of the scan no
// identity names, and the scopes code requests for Google tokens.
func (a *Analyzer) grants(facts []usage.Fact) (map[string]identity.Grant, []identity.Derived, []string) {
	resolved := map[string]identity.Grant{}
	named := map[string]bool{}
	var notes []string
	for _, id := range a.opts.Identities {
		if id.ScopesFrom == "" {
			continue
		}
		d, err := scopesource.Read(a.opts.Root, id.ScopesFrom)
		if err != nil {
			notes = append(notes, fmt.Sprintf("identity %s: scopes-from: %v", id.Name, err))
			continue
		}
		file, _, _ := strings.Cut(id.ScopesFrom, "#")
		named[path.Clean(file)] = true
		resolved[id.Name] = grantOf(d)
		notes = append(notes, d.Notes...)
	}
	// A Slack identity that states no scopes gets the scan's one Slack app
	// manifest: that is where a Slack app's scopes are declared.
	var unnamed []scopesource.Declaration
	for _, m := range a.manifests {
		if len(m.Scopes) > 0 && !named[m.Scopes[0].Path] {
			unnamed = append(unnamed, m)
		}
	}
	if len(unnamed) == 1 {
		for _, id := range a.opts.Identities {
			if id.Provider == "slack" && len(id.Scopes) == 0 && id.ScopesFrom == "" {
				resolved[id.Name] = grantOf(unnamed[0])
				named[unnamed[0].Scopes[0].Path] = true
			}
		}
	}
	var derived []identity.Derived
	slices.SortFunc(a.manifests, func(x, y scopesource.Declaration) int { return strings.Compare(x.What, y.What) })
	for _, m := range a.manifests {
		if len(m.Scopes) == 0 || named[m.Scopes[0].Path] {
			continue
		}
		derived = append(derived, identity.Derived{What: m.What, Verb: "grant", Provider: m.Provider, Grant: grantOf(m)})
	}
	// Scope requests, one grant per workload.
	byWorkload := map[string]*identity.Derived{}
	var order []string
	for _, f := range facts {
		if f.Kind != usage.ScopeRequest || len(f.Scopes) == 0 {
			continue
		}
		w := identity.WorkloadKey(f)
		d := byWorkload[w]
		if d == nil {
			d = &identity.Derived{What: fmt.Sprintf("the token requested at %s:%d", f.Path, f.Line), Verb: "request", Provider: f.Provider, Workloads: []string{w}}
			if d.Provider == "" {
				d.Provider = "google"
			}
			byWorkload[w] = d
			order = append(order, w)
		}
		for _, s := range f.Scopes {
			d.Grant.Scopes = append(d.Grant.Scopes, s)
			d.Grant.Sites = append(d.Grant.Sites, identity.Site{Path: f.Path, Pos: config.Pos{Line: f.Line, Column: f.Column}})
		}
	}
	for _, w := range order {
		derived = append(derived, *byWorkload[w])
	}
	return resolved, derived, notes
}

func grantOf(d scopesource.Declaration) identity.Grant {
	g := identity.Grant{Incomplete: d.Incomplete}
	for _, s := range d.Scopes {
		g.Scopes = append(g.Scopes, s.Name)
		g.Sites = append(g.Sites, identity.Site{Path: s.Path, Pos: config.Pos{Line: s.Line, Column: s.Column}})
	}
	return g
}

// ruleByKind maps each problem kind to its rule; each rule file registers
// itself.
var ruleByKind = map[identity.Kind]*finding.Rule{}

func register(k identity.Kind, r *finding.Rule) *finding.Rule {
	ruleByKind[k] = r
	return r
}

func (a *Analyzer) finding(p identity.Problem) finding.Finding {
	rule := ruleByKind[p.Kind]
	fd := finding.Finding{RuleID: rule.ID, Message: p.Message}
	key := p.Identity + "\x00" + p.Scope
	if p.At != nil {
		fd.Location = a.factLocation(*p.At)
		key += "\x00" + identity.WorkloadKey(*p.At) + "\x00" + p.At.Ref
	} else {
		where := cmp.Or(p.DeclPath, a.opts.ConfigPath)
		fd.Location = finding.Location{Path: path.Join(a.display, where), StartLine: max(p.Decl.Line, 1), StartColumn: max(p.Decl.Column, 1)}
	}
	for _, r := range p.Related {
		fd.Related = append(fd.Related, a.factLocation(r))
	}
	fd.Fingerprint = finding.KeyFingerprint(rule.ID, fd.Location.Path, key)
	return fd
}

func (a *Analyzer) factLocation(f usage.Fact) finding.Location {
	loc := finding.Location{Path: path.Join(a.display, f.Path), StartLine: max(f.Line, 1), StartColumn: max(f.Column, 1)}
	return loc
}

// jobsOf gathers what CI jobs say about themselves, by workload key: the
// environment each deploys to, the programs it runs, and the environment
// variables it sets from secrets.
func jobsOf(facts []usage.Fact) (envs map[string]string, runs map[string][]string, aliases map[string]map[string]string) {
	envs, runs, aliases = map[string]string{}, map[string][]string{}, map[string]map[string]string{}
	for _, f := range facts {
		w := identity.WorkloadKey(f)
		switch {
		case f.Kind == usage.Environment:
			envs[w] = f.Ref
		case f.Kind == usage.Runs:
			if !slices.Contains(runs[w], f.Ref) {
				runs[w] = append(runs[w], f.Ref)
			}
		case f.Kind == usage.Ref && f.RefKind == usage.RefSecret && f.EnvVar != "":
			if aliases[w] == nil {
				aliases[w] = map[string]string{}
			}
			aliases[w][f.EnvVar] = f.Ref
		}
	}
	return envs, runs, aliases
}
