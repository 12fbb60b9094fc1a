package identity

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/nhilint/nhilint/internal/config"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// judge fills e's scope summary and problems.
func judge(e *Entry, in Input) {
	id := e.Identity
	decl := func(key string) config.Pos {
		if p, ok := id.KeyPos[key]; ok {
			return p
		}
		return id.Pos
	}
	add := func(p Problem) {
		p.Identity = id.Name
		e.Problems = append(e.Problems, p)
	}
	referenced := len(e.Refs) > 0 || len(e.Ops) > 0

	// Lifecycle.
	if id.Owner == "" {
		add(Problem{Kind: NoOwner, Decl: id.Pos,
			Message: fmt.Sprintf("identity %q has no owner: nobody is accountable for rotating or offboarding it", id.Name)})
	}
	switch {
	case !id.Expires.IsZero() && id.Expires.Before(in.Now):
		if referenced {
			first := firstFact(e)
			add(Problem{Kind: Expired, At: &first, Related: otherFacts(e, first),
				Message: fmt.Sprintf("identity %q expired on %s and is still referenced here", id.Name, day(id.Expires))})
		}
	case id.Expires.IsZero() && id.RotateEvery == 0:
		add(Problem{Kind: NoExpiry, Decl: id.Pos,
			Message: fmt.Sprintf("identity %q declares neither expires nor rotate-every: a key that never expires outlives its purpose", id.Name)})
	case !id.Expires.IsZero() && id.Expires.Sub(in.Now) > in.MaxLifetime:
		add(Problem{Kind: NoExpiry, Decl: decl("expires"),
			Message: fmt.Sprintf("identity %q expires on %s, %d days away, beyond the policy's maximum of %s",
				id.Name, day(id.Expires), int(id.Expires.Sub(in.Now).Hours()/24), days(in.MaxLifetime))})
	case id.RotateEvery > in.MaxLifetime:
		add(Problem{Kind: NoExpiry, Decl: decl("rotate-every"),
			Message: fmt.Sprintf("identity %q is rotated every %s, longer than the policy's maximum of %s",
				id.Name, days(id.RotateEvery), days(in.MaxLifetime))})
	}
	if !referenced {
		msg := fmt.Sprintf("identity %q is declared but nothing in this repository refers to it (refs: %s): offboard it if it is no longer used",
			id.Name, refList(id))
		if len(id.Refs) == 0 {
			msg = fmt.Sprintf("identity %q declares no refs, so nothing can be attributed to it: add the env var, CI secret or file names code uses", id.Name)
		} else if !id.Expires.IsZero() && id.Expires.Before(in.Now) {
			msg = fmt.Sprintf("identity %q expired on %s and nothing refers to it any more: remove it from the provider and from this file", id.Name, day(id.Expires))
		}
		add(Problem{Kind: Unreferenced, Decl: id.Pos, Message: msg})
	}

	// Sharing and isolation.
	if len(id.Workloads) > 0 {
		for _, w := range e.Workloads {
			if !matchesAny(id.Workloads, w) {
				f := factIn(e, w)
				add(Problem{Kind: Shared, At: &f,
					Message: fmt.Sprintf("identity %q is used by %s, which is not one of its declared workloads (%s)", id.Name, w, strings.Join(id.Workloads, ", "))})
			}
		}
	} else if len(e.Workloads) > 1 {
		first := factIn(e, e.Workloads[0])
		var related []usage.Fact
		for _, w := range e.Workloads[1:] {
			related = append(related, factIn(e, w))
		}
		add(Problem{Kind: Shared, Decl: id.Pos, Related: append([]usage.Fact{first}, related...),
			Message: fmt.Sprintf("identity %q is shared by %d workloads (%s): give each its own identity so one leak or revocation touches one program",
				id.Name, len(e.Workloads), strings.Join(e.Workloads, ", "))})
	}
	envs := map[string]bool{}
	for _, w := range e.Workloads {
		if env := in.Environments[w]; env != "" {
			envs[env] = true
		}
	}
	e.Environments = sortedKeys(envs)
	switch {
	case len(id.Environments) > 1:
		add(Problem{Kind: CrossEnvironment, Decl: decl("environments"),
			Message: fmt.Sprintf("identity %q is declared for %d environments (%s): use one identity per environment", id.Name, len(id.Environments), strings.Join(id.Environments, ", "))})
	case len(e.Environments) > 1:
		add(Problem{Kind: CrossEnvironment, Decl: id.Pos,
			Message: fmt.Sprintf("identity %q is used by jobs in %d environments (%s): use one identity per environment", id.Name, len(e.Environments), strings.Join(e.Environments, ", "))})
	case len(id.Environments) == 1 && len(e.Environments) == 1 && e.Environments[0] != id.Environments[0]:
		add(Problem{Kind: CrossEnvironment, Decl: decl("environments"),
			Message: fmt.Sprintf("identity %q is declared for %s but used by a job in environment %s", id.Name, id.Environments[0], e.Environments[0])})
	}

	g := declaredGrant(id)
	if r, ok := in.Resolved[id.Name]; ok {
		g = r
	}
	judgeScopes(e, fmt.Sprintf("identity %q", id.Name), "declare", g, add)
}

// Grant is a scope set as declared somewhere: in .nhilint.yaml, or in the
// file an identity's scopes-from names (a Slack app manifest, an IAM
// policy), or in code that requests scopes when it gets a token.
type Grant struct {
	Scopes []string
	// Sites[i] is where Scopes[i] is written; Path "" is the configuration
	// file.
	Sites []Site
	// Incomplete grants (a managed policy, NotAction) cannot be said to
	// lack a scope.
	Incomplete bool
}

// Site is a place in a file.
type Site struct {
	Path string
	Pos  config.Pos
}

func declaredGrant(id config.Identity) Grant {
	g := Grant{Scopes: id.Scopes}
	for _, p := range id.ScopesPos {
		g.Sites = append(g.Sites, Site{Pos: p})
	}
	return g
}

// judgeScopes compares the grant of e with what its operations need.
// Messages say "<subject> <verb>s <scope>": "identity "x" declares",
// "Slack app manifest m.json grants", "the token request at a.go:3 requests".
func judgeScopes(e *Entry, subject, verb string, g Grant, add func(Problem)) {
	provider := e.Identity.Provider
	e.Complete = true
	var reqs []scopes.Requirement
	for _, o := range e.Ops {
		if !o.Known {
			e.Complete = false
			continue
		}
		reqs = append(reqs, o.Req)
	}
	if len(reqs) > 0 {
		e.Minimal = scopes.Minimal(provider, reqs)
	}
	snippet := ""
	if len(e.Minimal) > 0 && e.Complete {
		snippet = "; what the code needs: scopes: [" + strings.Join(e.Minimal, ", ") + "]"
	}
	at := func(i int) (string, config.Pos) { return g.Sites[i].Path, g.Sites[i].Pos }
	unused := map[int]bool{}
	if len(g.Scopes) == 0 {
		if len(e.Minimal) > 0 && !e.Derived {
			add(Problem{Kind: ScopesUndeclared, Decl: e.Identity.Pos,
				Message: fmt.Sprintf("%s declares no scopes, so its privilege cannot be checked; the code needs: scopes: [%s]", subject, strings.Join(e.Minimal, ", "))})
		}
		return
	}
	// Under-declaration: a clause none of the granted scopes satisfies.
	seen := map[string]bool{}
	for _, o := range e.Ops {
		if !o.Known || g.Incomplete {
			continue
		}
		for _, clause := range o.Req {
			if len(clause) == 0 || scopes.Satisfies(provider, g.Scopes, clause) {
				continue
			}
			key := WorkloadKey(o.Fact) + "\x00" + strings.Join(clause, " ")
			if seen[key] {
				continue
			}
			seen[key] = true
			f := o.Fact
			add(Problem{Kind: UndeclaredScope, Scope: strings.Join(clause, " or "), At: &f,
				Message: fmt.Sprintf("%s needs %s, which %s does not %s: the call will fail, or the real key is broader than declared",
					describeOp(f), alternatives(clause), subject, verb)})
		}
	}
	// Over-privilege: a granted scope no operation needs. Only judged when
	// every operation's needs are known and there are some: an operation we
	// cannot map might be what needs the scope.
	for i, s := range g.Scopes {
		satisfies := func(clause []string) bool { return scopes.Satisfies(provider, []string{s}, clause) }
		if slices.ContainsFunc(reqs, func(r scopes.Requirement) bool { return slices.ContainsFunc(r, satisfies) }) {
			e.Used = append(e.Used, s)
			continue
		}
		if !e.Complete || len(reqs) == 0 {
			continue
		}
		unused[i] = true
		path, pos := at(i)
		add(Problem{Kind: UnusedScope, Scope: s, DeclPath: path, Decl: pos,
			Message: fmt.Sprintf("%s %ss %s, which %s%s", subject, verb, s, noneNeeds(len(e.Workloads)), snippet)})
	}
	// A broad scope that is also unused is reported once, as unused.
	for i, s := range g.Scopes {
		if reason, broad := scopes.Broad(provider, s); broad && !unused[i] {
			path, pos := at(i)
			add(Problem{Kind: BroadScope, Scope: s, DeclPath: path, Decl: pos,
				Message: fmt.Sprintf("%s %ss %s (%s)%s", subject, verb, s, reason, snippet)})
		}
	}
}

func noneNeeds(workloads int) string {
	if workloads == 1 {
		return "its one workload does not need"
	}
	return fmt.Sprintf("none of its %d workloads needs", workloads)
}

func describeOp(f usage.Fact) string {
	via := f.Via
	if via == "" {
		via = f.Op.String()
	}
	return fmt.Sprintf("%s (%s)", via, f.Op.String())
}

func alternatives(clause []string) string {
	if len(clause) == 1 {
		return clause[0]
	}
	return "one of " + strings.Join(clause, ", ")
}

func matchesAny(globs []string, w string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, w); ok {
			return true
		}
		// A glob for a workflow file covers all its jobs.
		if file, _, ok := strings.Cut(w, "#"); ok {
			if ok, _ := doublestar.Match(g, file); ok {
				return true
			}
		}
	}
	return false
}

// firstFact is the earliest reference to e (refs first, then operations).
func firstFact(e *Entry) usage.Fact {
	if len(e.Refs) > 0 {
		return e.Refs[0]
	}
	return e.Ops[0].Fact
}

func otherFacts(e *Entry, first usage.Fact) []usage.Fact {
	var out []usage.Fact
	for _, f := range e.Refs {
		if (f.Path != first.Path || f.Line != first.Line || f.Column != first.Column) && len(out) < 10 {
			out = append(out, f)
		}
	}
	return out
}

// factIn is the first fact of e in workload w.
func factIn(e *Entry, w string) usage.Fact {
	for _, f := range e.Refs {
		if WorkloadKey(f) == w {
			return f
		}
	}
	for _, o := range e.Ops {
		if WorkloadKey(o.Fact) == w {
			return o.Fact
		}
	}
	return usage.Fact{Workload: w, Path: strings.SplitN(w, "#", 2)[0]}
}

func refList(id config.Identity) string {
	var out []string
	for _, r := range id.Refs {
		out = append(out, r.String())
	}
	return strings.Join(out, ", ")
}

func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	}
	return d.String()
}

// unowned returns the credential references no identity declares, one per
// name and place.
func unowned(ids []config.Identity, refs []usage.Fact, aliases map[string]map[string]string, parents map[string][]string) []usage.Fact {
	var out []usage.Fact
	for _, f := range refs {
		if f.Kind != usage.Ref || !CredentialName(f.Ref, f.Provider) || automatic(f) || aliased(f, aliases, parents) {
			continue
		}
		owned := false
		for _, id := range ids {
			if matchesRef(id, f) {
				owned = true
				break
			}
		}
		if !owned {
			out = append(out, f)
		}
	}
	return out
}

// aliased reports whether f reads an environment variable that CI sets from
// a secret: the secret's own reference is the one to declare.
func aliased(f usage.Fact, aliases map[string]map[string]string, parents map[string][]string) bool {
	if f.RefKind != usage.RefEnv {
		return false
	}
	w := WorkloadKey(f)
	for _, holder := range append([]string{w}, parents[w]...) {
		if _, ok := aliases[holder][f.Ref]; ok {
			return true
		}
	}
	return false
}

func unownedMessage(f usage.Fact) string {
	kind := map[usage.RefKind]string{usage.RefEnv: "environment variable", usage.RefSecret: "CI secret", usage.RefFile: "credential file"}[f.RefKind]
	if kind == "" {
		kind = "credential"
	}
	return fmt.Sprintf("%s %s is a credential that no declared identity claims: add it to an identity's refs with an owner and an expiry", kind, f.Ref)
}

// automatic are tokens CI mints for each job; they are short-lived and
// scoped by the CI's own permissions (the workflow rules check those).
func automatic(f usage.Fact) bool {
	switch f.Ref {
	case "GITHUB_TOKEN", "CI_JOB_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN", "SYSTEM_ACCESSTOKEN":
		return true
	}
	return false
}

// credentialWords are the name segments that make a variable a credential.
var credentialWords = []string{
	"TOKEN", "TOKENS", "KEY", "KEYS", "APIKEY", "SECRET", "SECRETS", "PASSWORD", "PASSWD", "PWD", "PASS",
	"PAT", "CREDENTIAL", "CREDENTIALS", "CREDS", "AUTH", "PRIVATE", "CERT", "DSN", "WEBHOOK",
}

// CredentialName reports whether a variable named name holds a credential:
// a provider attributed it, or one of its underscore-separated words says
// so (DEPLOY_TOKEN, STRIPE_API_KEY), ignoring the usual non-secret
// neighbours (PUBLIC_KEY, KEY_ID alone is not a secret but AWS's is paired).
func CredentialName(name, provider string) bool {
	if provider != "" {
		return true
	}
	words := strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool { return r == '_' || r == '-' || r == '.' })
	if slices.Contains(words, "PUBLIC") || slices.Contains(words, "PUBLISHABLE") {
		return false
	}
	for _, w := range words {
		if slices.Contains(credentialWords, w) {
			return true
		}
	}
	return false
}
