// Package secrets finds credentials embedded in content, with gitleaks'
// detector and rule set (plus nhilint's own rules in the same format), and
// describes each one from the credential knowledge base in rules/.
package secrets

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unsafe"

	glreport "github.com/zricethezav/gitleaks/v8/report"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/analyzers/secrets/internal/match"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/introspect"
	"github.com/nhilint/nhilint/rules"
)

// Name is the analyzer family name.
const Name = "secrets"

// DefaultMaxDecodeDepth matches the gitleaks CLI default: base64, hex and
// percent-encoded content is decoded up to five levels deep and scanned again.
const DefaultMaxDecodeDepth = 5

// Options configure the secrets analyzer.
type Options struct {
	// GitleaksConfig is a repository's .gitleaks.toml, honoured as gitleaks would.
	GitleaksConfig string
	// RuleFiles are extra gitleaks-format rule files.
	RuleFiles []string
	// Disabled rule ids are removed from the rule set.
	Disabled []string
	// MaxDecodeDepth limits recursive decoding; negative disables decoding.
	MaxDecodeDepth int
	// MaxLifetime is the policy's longest acceptable validity; a credential
	// valid for longer is long-lived (NHI7). Zero means 90 days.
	MaxLifetime time.Duration
	// Now is the clock for expiry decisions; nil means time.Now.
	Now func() time.Time
}

// Analyzer reports embedded credentials.
type Analyzer struct {
	matcher *match.Matcher
	rules   map[string]*finding.Rule
	kb      *rules.KnowledgeBase
	policy  introspect.Policy
	now     func() time.Time
}

// New builds the rule set and the detector. The embedded rules are compiled
// when a text first triggers them (see translateDeferred), so building takes
// a few milliseconds; one Analyzer serves a whole scan from many goroutines.
func New(opts Options) (*Analyzer, error) {
	// The knowledge base and the rule set are independent, and each is a
	// good part of the start-up of a pre-commit run: build them at once.
	var (
		kb     *rules.KnowledgeBase
		kbErr  error
		kbDone = make(chan struct{})
	)
	go func() {
		defer close(kbDone)
		kb, kbErr = rules.Load()
	}()
	var ours []RuleFile
	for _, rf := range rules.DetectionRuleFiles() {
		ours = append(ours, RuleFile{Name: "rules/gitleaks/" + rf.Name, Data: rf.Data})
	}
	cfg, deferred, err := loadRuleSet(opts.GitleaksConfig, ours, opts.RuleFiles, opts.Disabled)
	<-kbDone
	if kbErr != nil {
		return nil, fmt.Errorf("knowledge base: %w", kbErr)
	}
	if err != nil {
		return nil, err
	}
	// The matcher ignores gitleaks:allow: we apply it ourselves so that such
	// findings are counted as suppressed instead of vanishing.
	a := &Analyzer{matcher: match.NewDeferred(cfg, deferred, opts.MaxDecodeDepth), rules: map[string]*finding.Rule{}, kb: kb,
		policy: introspect.Policy{MaxLifetime: opts.MaxLifetime}, now: opts.Now}
	if a.policy.MaxLifetime <= 0 {
		a.policy.MaxLifetime = introspect.DefaultMaxLifetime
	}
	if a.now == nil {
		a.now = time.Now
	}
	for _, r := range cfg.GetOrderedRules() {
		a.rules[r.RuleID] = ruleDoc(r.RuleID, r.Description, kb)
	}
	return a, nil
}

// Name implements analyzers.Analyzer.
func (a *Analyzer) Name() string { return Name }

// Wants implements analyzers.Analyzer: secrets can be anywhere.
func (a *Analyzer) Wants(string) bool { return true }

// Rules implements analyzers.Analyzer.
func (a *Analyzer) Rules() []*finding.Rule {
	out := make([]*finding.Rule, 0, len(a.rules))
	for _, r := range a.rules {
		out = append(out, r)
	}
	slices.SortFunc(out, func(x, y *finding.Rule) int { return strings.Compare(x.ID, y.ID) })
	return out
}

// Analyze implements analyzers.Analyzer.
func (a *Analyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	if len(f.Content) == 0 {
		return nil, nil
	}
	v := newView(f.Content, f.Added)
	// The detector only reads the string, and neither the engine nor the
	// view modifies the bytes, so we avoid copying them.
	fr := &fragment{raw: unsafe.String(unsafe.SliceData(v.text), len(v.text))}
	var results []analyzers.Result
	for _, gf := range a.matcher.Find(ctx, match.Fragment{Raw: fr.raw, FilePath: f.Path}) {
		start, end, decoded := locate(fr, gf)
		r, ok := a.result(f, gf, v.toFile(start), v.toFile(end), decoded)
		if !ok {
			continue
		}
		if placeholder(gf.Secret, f.Path) {
			// your-api-key-here, ${TOKEN}, AKIA…EXAMPLE: not a credential, but
			// reported as suppressed so that nothing a rule matched vanishes.
			r.Finding.Suppression = &finding.Suppression{Kind: finding.SuppressedPlaceholder,
				Justification: "the value is a placeholder or a documented example, not a credential"}
		}
		results = append(results, r)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return results, nil
}

// result describes one gitleaks finding, reading what the value itself says
// about its lifetime and scopes. It returns false for values that are public
// by design (a Supabase anon key, a publishable key).
// AnalyzePath implements analyzers.PathAnalyzer: gitleaks' path-only rules
// (key stores such as *.p12 and *.pfx) report binary files by name.
func (a *Analyzer) AnalyzePath(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	var results []analyzers.Result
	for _, gf := range a.matcher.Find(ctx, match.Fragment{FilePath: f.Path}) {
		rule := a.rules[gf.RuleID]
		if rule == nil {
			continue
		}
		fd := finding.Finding{
			RuleID:      gf.RuleID,
			Location:    finding.Location{Path: f.Path, Commit: f.Commit, Author: f.Author, Date: f.Date},
			Fingerprint: finding.KeyFingerprint(gf.RuleID, f.Path, ""),
			Message:     rule.Title + " committed to the repository: a file of this kind holds a private key or credential.",
		}
		rule.Apply(&fd)
		results = append(results, analyzers.Result{Finding: fd})
	}
	return results, nil
}

func (a *Analyzer) result(f *analyzers.File, gf glreport.Finding, start, end int, decoded string) (analyzers.Result, bool) {
	rule := a.rules[gf.RuleID]
	if rule == nil { // a rule we did not document; cannot happen with a consistent config
		rule = ruleDoc(gf.RuleID, gf.Description, a.kb)
	}
	cred, _ := a.kb.ForRule(gf.RuleID)
	lifetime := lifetimeOf(cred, gf.Secret)
	if cred.Provider == "generic" {
		// The generic entry assumes the worst for guidance, but we cannot
		// claim to know the lifetime of an unidentified secret.
		lifetime = finding.LifetimeUnknown
	}
	fp := finding.Fingerprint(gf.RuleID, gf.Secret)
	preview := finding.Preview(gf.Secret)
	c := &finding.Credential{Type: cred.ID, Provider: cred.Provider, Preview: preview, Fingerprint: fp, Lifetime: lifetime}
	var reason string
	if facts, ok := introspect.Inspect(gf.Secret, introspect.Hints{Path: f.Path, Match: gf.Match, Line: gf.Line}); ok {
		if facts.NotSecret {
			return analyzers.Result{}, false
		}
		a.applyFacts(c, facts)
		if facts.Kind != "aws-key-id" { // the rule's title already says as much
			reason = facts.Reason
		}
	}
	fd := finding.Finding{
		RuleID:      gf.RuleID,
		Location:    f.Location(start, end),
		Credential:  c,
		Fingerprint: fp,
		Message:     message(rule.Title, preview, c.Lifetime, decoded, reason),
	}
	rule.Apply(&fd)
	if c.Lifetime == finding.LifetimeLongLived && !slices.Contains(fd.Categories, finding.NHI7) {
		fd.Categories = finding.SortCategories(append(slices.Clone(fd.Categories), finding.NHI7))
	}
	return analyzers.Result{Finding: fd, Evidence: analyzers.NewEvidence(gf.Secret, gf.Match, gf.Line)}, true
}

// applyFacts sets expiry, scopes and the lifetime class from what the value
// says; the value's own word beats the credential type's usual lifetime.
func (a *Analyzer) applyFacts(c *finding.Credential, facts *introspect.Facts) {
	c.Scopes = facts.Scopes
	switch {
	case facts.NeverExpires:
		c.Expires = finding.ExpiresNever
		c.Lifetime = finding.LifetimeLongLived
	case !facts.ExpiresAt.IsZero():
		c.Expires = facts.ExpiresAt.UTC().Format(time.RFC3339)
		if facts.ExceedsPolicy(a.policy, a.now()) {
			c.Lifetime = finding.LifetimeLongLived
		} else {
			c.Lifetime = finding.LifetimeShortLived
		}
	case facts.Lifetime != "" && facts.Lifetime != finding.LifetimeUnknown:
		c.Lifetime = facts.Lifetime
	}
}

func message(title, preview string, lifetime finding.Lifetime, decoded, reason string) string {
	var b strings.Builder
	b.WriteString(title)
	b.WriteString(" ")
	b.WriteString(preview)
	if decoded != "" {
		b.WriteString(" (")
		b.WriteString(decoded)
		b.WriteString("-encoded)")
	}
	b.WriteString(" is committed in plain text")
	if lifetime == finding.LifetimeLongLived {
		b.WriteString(" and does not expire on its own")
	}
	b.WriteString(": revoke it and load a replacement from a secret store.")
	if reason != "" {
		b.WriteString(" ")
		b.WriteString(strings.TrimSuffix(reason, "."))
		b.WriteString(".")
	}
	return b.String()
}
