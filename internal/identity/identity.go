// Package identity compares the non-human identities a project declares
// (.nhilint.yaml identities:) with what its code and CI do with them: which
// workloads refer to each key, which provider operations those workloads
// call, and therefore which scopes the key needs. The comparison is a pure
// function of the declarations and the usage facts the extractors report;
// analyzers/identity turns its problems into findings and the inventory
// command prints its entries.
package identity

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/nhilint/nhilint/internal/config"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// DefaultMaxLifetime is the policy maximum when the configuration sets none,
// the same 90 days the lifetime classification uses.
const DefaultMaxLifetime = 90 * 24 * time.Hour

// Input is everything the comparison reads.
type Input struct {
	Identities []config.Identity
	Facts      []usage.Fact
	// Environments maps a workload key (see WorkloadKey) to the deployment
	// environment it runs in, as CI declares it (a workflow job's
	// environment:).
	Environments map[string]string
	// Runs maps a workload key to the workload keys it runs (a workflow job
	// whose script runs "python scripts/deploy.py"), so that what a script
	// does is attributed to the credentials its job hands it.
	Runs map[string][]string
	// Aliases maps a workload key to the environment variables it sets from
	// CI secrets (a job's env: TOKEN: ${{ secrets.DEPLOY_TOKEN }}), so that a
	// script reading $TOKEN refers to the secret DEPLOY_TOKEN.
	Aliases map[string]map[string]string
	// Resolved replaces the scopes of the identities (by name) whose
	// scopes-from file was read: the grant as that file states it.
	Resolved map[string]Grant
	// Derived are grants found outside the declarations: Slack app
	// manifests in the repository, scopes code requests for its tokens.
	Derived []Derived
	// Now is the time expiries are judged at; MaxLifetime the policy maximum
	// (DefaultMaxLifetime when 0).
	Now         time.Time
	MaxLifetime time.Duration
}

// Report is the comparison's result.
type Report struct {
	Entries []Entry
	// Unowned are credential references no identity declares, one per
	// (ref, place). They are problems only when at least one identity is
	// declared, so projects without an inventory are not flooded.
	Unowned []usage.Fact
	// Unattributed are operations whose workload uses no declared identity
	// of the operation's provider.
	Unattributed []usage.Fact
	// Derived are the entries of Input.Derived.
	Derived []Entry
	// Problems of every entry plus the unowned references, in a stable
	// order: by kind, identity, path, line.
	Problems []Problem
}

// Entry is one declared identity and what the code does with it.
type Entry struct {
	Identity config.Identity
	// Refs are the facts that refer to the identity by one of its refs.
	Refs []usage.Fact
	// Workloads are the keys of the workloads that use it, sorted; a
	// program run by one of them (a job's script) is part of that workload
	// and not listed on its own.
	Workloads []string
	// Environments are those the workloads run in, sorted.
	Environments []string
	// Ops are the operations its workloads call on its provider.
	Ops []Op
	// Complete is true when the requirement of every operation is known, so
	// a declared scope no operation needs is really unused.
	Complete bool
	// Used are the declared scopes some operation needs; Minimal the least
	// scope set that serves every operation with a known requirement.
	Used, Minimal []string
	// Derived is true for an entry made from a Derived grant: only its
	// scopes are judged.
	Derived bool
	// Implicit is true when the identity was attributed to workloads through
	// an SDK's default credential chain (AWS_ACCESS_KEY_ID read by the SDK
	// itself) rather than an explicit reference.
	Implicit bool
	Problems []Problem
}

// Op is an operation attributed to an identity, with what it needs.
type Op struct {
	Fact  usage.Fact
	Req   scopes.Requirement
	Known bool
}

// Kind classifies a Problem. Each kind is one rule of analyzers/identity.
type Kind string

const (
	UnusedScope       Kind = "unused-scope"       // NHI5: declared, needed by no workload
	BroadScope        Kind = "broad-scope"        // NHI5: wildcard or admin scope
	UndeclaredScope   Kind = "undeclared-scope"   // code needs what the identity does not declare
	ScopesUndeclared  Kind = "scopes-undeclared"  // the identity declares no scopes at all
	NoOwner           Kind = "no-owner"           // NHI1
	NoExpiry          Kind = "no-expiry"          // NHI7: no expiry or rotation, or beyond policy
	Expired           Kind = "expired"            // NHI1/NHI7: expired and still referenced
	Unreferenced      Kind = "unreferenced"       // NHI1: declared, referenced nowhere
	Shared            Kind = "shared"             // NHI9: several workloads, or one not allowed
	CrossEnvironment  Kind = "cross-environment"  // NHI8
	UnownedCredential Kind = "unowned-credential" // a reference no identity declares
)

// Problem is one mismatch between declaration and use.
type Problem struct {
	Kind     Kind
	Identity string // "" for UnownedCredential
	// Scope is the scope concerned (UnusedScope, BroadScope,
	// UndeclaredScope: the clause's alternatives joined by " or ").
	Scope string
	// At is where to report it: a usage fact (code) or, when nil, the
	// declaration at Decl in DeclPath ("" for the configuration file).
	At       *usage.Fact
	DeclPath string
	Decl     config.Pos
	// Related are further places: one fact per other workload, say.
	Related []usage.Fact
	Message string
}

// Compare sets declarations against usage.
func Compare(in Input) Report {
	if in.MaxLifetime <= 0 {
		in.MaxLifetime = DefaultMaxLifetime
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	var rep Report
	refs, ops := split(in.Facts)
	parents := invert(in.Runs)

	attributed := map[int]bool{} // index into ops
	for _, id := range in.Identities {
		e := Entry{Identity: id}
		workloads := map[string]bool{}
		for _, f := range refs {
			if matchesRef(id, f) || matchesAlias(id, f, in.Aliases, parents) {
				e.Refs = append(e.Refs, f)
				workloads[WorkloadKey(f)] = true
			}
		}
		// Programs run by a workload that holds the credential hold it too.
		held := maps.Clone(workloads)
		for w := range workloads {
			for _, child := range in.Runs[w] {
				held[child] = true
			}
		}
		for i, f := range ops {
			if f.Op.Provider != id.Provider {
				continue
			}
			if held[WorkloadKey(f)] {
				e.Ops = append(e.Ops, op(f))
				attributed[i] = true
			}
		}
		e.Workloads = roots(held, parents)
		rep.Entries = append(rep.Entries, e)
	}
	// Operations in workloads that name no identity of their provider: the
	// SDK's default chain reads the provider's standard variables, so they
	// belong to the identities that declare one of those.
	for i, f := range ops {
		if attributed[i] {
			continue
		}
		w := WorkloadKey(f)
		found := false
		for ei := range rep.Entries {
			e := &rep.Entries[ei]
			if e.Identity.Provider != f.Op.Provider || !declaresImplicit(e.Identity, f.Op.Provider) {
				continue
			}
			if holdsOtherIdentity(rep.Entries, ei, w, parents) {
				continue
			}
			e.Ops = append(e.Ops, op(f))
			e.Implicit = true
			if !slices.Contains(e.Workloads, w) && !slices.ContainsFunc(parents[w], func(p string) bool { return slices.Contains(e.Workloads, p) }) {
				e.Workloads = append(e.Workloads, w)
				slices.Sort(e.Workloads)
			}
			found = true
		}
		if !found {
			rep.Unattributed = append(rep.Unattributed, f)
		}
	}
	for i := range rep.Entries {
		judge(&rep.Entries[i], in)
		rep.Problems = append(rep.Problems, rep.Entries[i].Problems...)
	}
	for _, d := range in.Derived {
		e := d.entry(ops, in.Runs)
		judgeScopes(&e, d.What, d.Verb, d.Grant, func(p Problem) {
			p.Identity = d.What
			e.Problems = append(e.Problems, p)
		})
		rep.Derived = append(rep.Derived, e)
		rep.Problems = append(rep.Problems, e.Problems...)
	}
	rep.Unowned = unowned(in.Identities, refs, in.Aliases, parents)
	if len(in.Identities) > 0 {
		for _, f := range rep.Unowned {
			f := f
			rep.Problems = append(rep.Problems, Problem{
				Kind: UnownedCredential, At: &f,
				Message: unownedMessage(f),
			})
		}
	}
	slices.SortStableFunc(rep.Problems, compareProblems)
	return rep
}

func op(f usage.Fact) Op {
	req, known := scopes.Required(f.Op)
	return Op{Fact: f, Req: req, Known: known}
}

func split(facts []usage.Fact) (refs, ops []usage.Fact) {
	for _, f := range facts {
		switch f.Kind {
		case usage.Ref, usage.LiteralSink:
			if f.Ref != "" {
				refs = append(refs, f)
			}
		case usage.Operation:
			ops = append(ops, f)
		}
	}
	return refs, ops
}

// Derived is a grant found outside the declarations.
type Derived struct {
	// What names it in messages: "Slack app manifest manifest.json".
	What string
	// Verb is what it does with scopes, for messages: "grant", "request".
	Verb     string
	Provider string
	Grant    Grant
	// Workloads whose operations it must serve; nil means every workload
	// that calls the provider (a Slack app's manifest covers the app).
	Workloads []string
}

func (d Derived) entry(ops []usage.Fact, runs map[string][]string) Entry {
	e := Entry{Identity: config.Identity{Name: d.What, Provider: d.Provider, Scopes: d.Grant.Scopes}, Derived: true}
	held := map[string]bool{}
	for _, w := range d.Workloads {
		held[w] = true
		for _, c := range runs[w] {
			held[c] = true
		}
	}
	seen := map[string]bool{}
	for _, f := range ops {
		w := WorkloadKey(f)
		if f.Op.Provider != d.Provider || (d.Workloads != nil && !held[w]) {
			continue
		}
		e.Ops = append(e.Ops, op(f))
		seen[w] = true
	}
	e.Workloads = sortedKeys(seen)
	return e
}

// WorkloadKey names the program a fact belongs to, the way identities'
// workloads: globs are written: a Go package's directory, a script's path,
// "path/to/workflow.yml#job".
func WorkloadKey(f usage.Fact) string {
	switch {
	case strings.HasPrefix(f.Workload, "go:"):
		return path.Dir(f.Path)
	case strings.HasPrefix(f.Workload, "workflow:"):
		return strings.TrimPrefix(f.Workload, "workflow:")
	case f.Path != "":
		return f.Path
	}
	return f.Workload
}

// matchesRef reports whether fact f refers to the identity.
func matchesRef(id config.Identity, f usage.Fact) bool {
	for _, r := range id.Refs {
		switch r.Kind {
		case config.RefAny:
			if (f.RefKind == usage.RefEnv || f.RefKind == usage.RefSecret) && f.Ref == r.Name {
				return true
			}
		case config.RefEnv:
			if f.RefKind == usage.RefEnv && f.Ref == r.Name {
				return true
			}
		case config.RefSecret:
			if f.RefKind == usage.RefSecret && f.Ref == r.Name {
				return true
			}
		case config.RefFile:
			if f.RefKind == usage.RefFile {
				if ok, _ := doublestar.Match(r.Name, strings.TrimPrefix(f.Ref, "./")); ok {
					return true
				}
			}
		}
	}
	return false
}

// implicitRefs are the variables each provider's SDKs and CLIs read by
// themselves when the code passes no credential.
var implicitRefs = map[string][]string{
	scopes.AWS:       {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"},
	scopes.OpenAI:    {"OPENAI_API_KEY"},
	scopes.Anthropic: {"ANTHROPIC_API_KEY"},
	scopes.Google:    {"GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_API_KEY"},
	scopes.GitHub:    {"GH_TOKEN", "GITHUB_TOKEN"},
	scopes.Stripe:    {"STRIPE_API_KEY"},
}

func declaresImplicit(id config.Identity, provider string) bool {
	for _, r := range id.Refs {
		if r.Kind != config.RefAny && r.Kind != config.RefEnv {
			continue
		}
		if slices.Contains(implicitRefs[provider], r.Name) {
			return true
		}
	}
	return false
}

// holdsOtherIdentity reports whether workload w (or a job that runs it)
// explicitly uses an identity of the same provider other than entries[self]:
// then the default chain is not how w authenticates.
func holdsOtherIdentity(entries []Entry, self int, w string, parents map[string][]string) bool {
	for i, e := range entries {
		if i == self || e.Identity.Provider != entries[self].Identity.Provider {
			continue
		}
		if slices.Contains(e.Workloads, w) {
			return true
		}
		for _, p := range parents[w] {
			if slices.Contains(e.Workloads, p) {
				return true
			}
		}
	}
	return false
}

// matchesAlias reports whether an environment variable read by f is set
// from a CI secret the identity declares, by f's own workload (a job's run
// step) or by a job that runs f's program.
func matchesAlias(id config.Identity, f usage.Fact, aliases map[string]map[string]string, parents map[string][]string) bool {
	if f.RefKind != usage.RefEnv {
		return false
	}
	w := WorkloadKey(f)
	for _, holder := range append([]string{w}, parents[w]...) {
		if secret, ok := aliases[holder][f.Ref]; ok {
			if matchesRef(id, usage.Fact{Kind: usage.Ref, Ref: secret, RefKind: usage.RefSecret}) {
				return true
			}
		}
	}
	return false
}

// roots returns the workloads in set that no other workload in set runs.
func roots(set map[string]bool, parents map[string][]string) []string {
	var out []string
	for w := range set {
		if !slices.ContainsFunc(parents[w], func(p string) bool { return set[p] }) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

func invert(runs map[string][]string) map[string][]string {
	out := map[string][]string{}
	for parent, children := range runs {
		for _, c := range children {
			out[c] = append(out[c], parent)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string { return slices.Sorted(maps.Keys(m)) }

func compareProblems(a, b Problem) int {
	return cmp.Or(
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Identity, b.Identity),
		cmp.Compare(pathOf(a), pathOf(b)),
		cmp.Compare(lineOf(a), lineOf(b)),
		cmp.Compare(a.Scope, b.Scope),
	)
}

func pathOf(p Problem) string {
	if p.At != nil {
		return p.At.Path
	}
	return ""
}

func lineOf(p Problem) int {
	if p.At != nil {
		return p.At.Line
	}
	return p.Decl.Line
}
