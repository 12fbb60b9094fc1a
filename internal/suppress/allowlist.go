package suppress

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// Values of Allowlist.RegexTarget: the evidence text Regexes are matched against.
const (
	RegexTargetSecret = "secret" // the credential itself (the default)
	RegexTargetMatch  = "match"  // the whole text the rule matched
	RegexTargetLine   = "line"   // the source line the match starts on
)

// Allowlist silences the findings that match its criteria. It mirrors an
// allowlist of .nhilint.yaml (gitleaks' [[allowlists]] with globs for paths);
// the configuration package decodes the file and fills it in.
//
// The criteria are Paths, Regexes, Stopwords and Fingerprints. With And unset
// one matching criterion is enough; with And set every criterion that is
// given must match. Rules is not a criterion but a scope: the allowlist
// applies only to findings of these rules, or to all when it is empty.
//
// Regexes and Stopwords look at the evidence of secrets findings; a finding
// without evidence never matches them, so under And an allowlist that uses
// them never silences such a finding.
//
// Allows reads the fields as they are, prepares nothing and allocates nothing;
// call Validate once after filling them in.
type Allowlist struct {
	// Description says why the findings are allowed; it becomes the
	// suppression's justification.
	Description string
	// Rules limits the allowlist to these rule ids; empty means all rules.
	Rules []string
	// Paths are doublestar globs matched against the finding's path. A
	// pattern without "/" matches the base name in any directory, as in
	// .gitignore: "*.test.js" matches "web/a/b.test.js".
	Paths []string
	// Regexes match the evidence text RegexTarget names.
	Regexes []*regexp.Regexp
	// RegexTarget is RegexTargetSecret (also when empty), RegexTargetMatch or RegexTargetLine.
	RegexTarget string
	// Stopwords match when the secret contains one of them, ignoring case.
	Stopwords []string
	// Fingerprints are finding fingerprints (finding.Finding.Fingerprint).
	Fingerprints []string
	// And requires every given criterion to match instead of any one.
	And bool
	// Source is where the allowlist was written ("file:line").
	Source string
}

// Validate reports the mistakes Allows cannot: an allowlist without any
// criterion (it would allow nothing, which is never what was meant), a
// malformed glob and an unknown regex target.
func (a *Allowlist) Validate() error {
	var errs []error
	if len(a.Paths) == 0 && len(a.Regexes) == 0 && len(a.Stopwords) == 0 && len(a.Fingerprints) == 0 {
		errs = append(errs, errors.New("no criterion: give at least one of paths, regexes, stopwords or fingerprints"))
	}
	for _, p := range a.Paths {
		if !doublestar.ValidatePattern(p) {
			errs = append(errs, fmt.Errorf("path %q is not a valid glob", p))
		}
	}
	for i, re := range a.Regexes {
		if re == nil {
			errs = append(errs, fmt.Errorf("regex %d is nil", i+1))
		}
	}
	switch a.RegexTarget {
	case "", RegexTargetSecret, RegexTargetMatch, RegexTargetLine:
	default:
		errs = append(errs, fmt.Errorf("regex target %q is not one of secret, match or line", a.RegexTarget))
	}
	for _, w := range a.Stopwords {
		if w == "" {
			errs = append(errs, errors.New("empty stopword"))
			break
		}
	}
	if err := errors.Join(errs...); err != nil {
		if a.Source != "" {
			return fmt.Errorf("allowlist at %s: %w", a.Source, err)
		}
		return fmt.Errorf("allowlist: %w", err)
	}
	return nil
}

// Allows reports whether the allowlist silences fd, whose evidence is ev
// (empty for findings that are not about a secret). rel is the finding's path
// relative to the scan root, which path globs match, like include/exclude.
func (a *Allowlist) Allows(fd *finding.Finding, rel string, ev analyzers.Evidence) bool {
	if len(a.Rules) > 0 && !slices.Contains(a.Rules, fd.RuleID) {
		return false
	}
	criteria := 0
	for _, c := range [...]struct {
		given bool
		match func(*Allowlist, *finding.Finding, string, analyzers.Evidence) bool
	}{
		{len(a.Paths) > 0, (*Allowlist).matchPaths},
		{len(a.Fingerprints) > 0, (*Allowlist).matchFingerprints},
		{len(a.Regexes) > 0, (*Allowlist).matchRegexes},
		{len(a.Stopwords) > 0, (*Allowlist).matchStopwords},
	} {
		if !c.given {
			continue
		}
		criteria++
		switch matched := c.match(a, fd, rel, ev); {
		case matched && !a.And:
			return true
		case !matched && a.And:
			return false
		}
	}
	// Under And, every given criterion matched; under Or, none did.
	return a.And && criteria > 0
}

func (a *Allowlist) matchPaths(_ *finding.Finding, p string, _ analyzers.Evidence) bool {
	for _, pattern := range a.Paths {
		if matchPath(pattern, p) {
			return true
		}
	}
	return false
}

// matchPath matches a doublestar glob against a slash path; a pattern
// without "/" matches the base name. A leading "./" in either is ignored.
// A malformed pattern matches nothing (Validate reports it).
func matchPath(pattern, p string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	p = strings.TrimPrefix(p, "./")
	if !strings.Contains(pattern, "/") {
		p = path.Base(p)
	}
	ok, err := doublestar.Match(pattern, p)
	return ok && err == nil
}

func (a *Allowlist) matchFingerprints(fd *finding.Finding, _ string, _ analyzers.Evidence) bool {
	return fd.Fingerprint != "" && slices.Contains(a.Fingerprints, fd.Fingerprint)
}

func (a *Allowlist) matchRegexes(_ *finding.Finding, _ string, ev analyzers.Evidence) bool {
	if ev.Empty() {
		return false
	}
	var text string
	switch a.RegexTarget {
	case RegexTargetMatch:
		text = ev.Match()
	case RegexTargetLine:
		text = ev.Line()
	default:
		text = ev.Secret()
	}
	for _, re := range a.Regexes {
		if re != nil && re.MatchString(text) {
			return true
		}
	}
	return false
}

func (a *Allowlist) matchStopwords(_ *finding.Finding, _ string, ev analyzers.Evidence) bool {
	if ev.Empty() {
		return false
	}
	secret := ev.Secret()
	for _, w := range a.Stopwords {
		if w != "" && containsFold(secret, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether substr occurs in s, ignoring case, without
// allocating (unlike lowering both). It compares windows of len(substr)
// bytes, so it misses the rare letters whose cases differ in UTF-8 length
// (K and the Kelvin sign), which no stopword needs.
func containsFold(s, substr string) bool {
	n := len(substr)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], substr) {
			return true
		}
	}
	return false
}

// Allowlists are all the allowlists of a configuration, in file order.
type Allowlists []*Allowlist

// Match returns the suppression of the first allowlist that allows fd, or
// nil; rel is the path relative to the scan root.
func (as Allowlists) Match(fd *finding.Finding, rel string, ev analyzers.Evidence) *finding.Suppression {
	for _, a := range as {
		if a.Allows(fd, rel, ev) {
			return &finding.Suppression{Kind: finding.SuppressedAllowlist, Justification: a.Description, Source: a.Source}
		}
	}
	return nil
}
