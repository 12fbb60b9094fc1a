// Package finding is the one model of a result that the whole tool shares:
// analyzers produce findings, the engine suppresses them, reports print them.
// It depends on nothing that runs, so every other package can import it.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Level is how serious a finding is; the names and order are SARIF's.
type Level string

const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNote    Level = "note"
	// LevelNone is only a threshold: "--fail-on none" never fails.
	LevelNone Level = "none"
)

// Rank orders levels: note < warning < error. Unknown levels rank 0.
func (l Level) Rank() int {
	switch l {
	case LevelError:
		return 3
	case LevelWarning:
		return 2
	case LevelNote:
		return 1
	}
	return 0
}

// ParseLevel accepts error, warning, note and none.
func ParseLevel(s string) (Level, error) {
	switch l := Level(strings.ToLower(strings.TrimSpace(s))); l {
	case LevelError, LevelWarning, LevelNote, LevelNone:
		return l, nil
	}
	return "", fmt.Errorf("unknown level %q (want error, warning, note or none)", s)
}

// Category is one of the OWASP Non-Human Identities Top 10 (2025) risks.
type Category string

const (
	NHI1  Category = "NHI1"  // Improper Offboarding
	NHI2  Category = "NHI2"  // Secret Leakage
	NHI3  Category = "NHI3"  // Vulnerable Third-Party NHI
	NHI4  Category = "NHI4"  // Insecure Authentication
	NHI5  Category = "NHI5"  // Overprivileged NHI
	NHI6  Category = "NHI6"  // Insecure Cloud Deployment Configurations
	NHI7  Category = "NHI7"  // Long-Lived Secrets
	NHI8  Category = "NHI8"  // Environment Isolation
	NHI9  Category = "NHI9"  // NHI Reuse
	NHI10 Category = "NHI10" // Human Use of NHI
)

// Categories lists all ten risks in order, with their official titles.
var Categories = []struct {
	ID    Category
	Title string
}{
	{NHI1, "Improper Offboarding"},
	{NHI2, "Secret Leakage"},
	{NHI3, "Vulnerable Third-Party NHI"},
	{NHI4, "Insecure Authentication"},
	{NHI5, "Overprivileged NHI"},
	{NHI6, "Insecure Cloud Deployment Configurations"},
	{NHI7, "Long-Lived Secrets"},
	{NHI8, "Environment Isolation"},
	{NHI9, "NHI Reuse"},
	{NHI10, "Human Use of NHI"},
}

// SortCategories orders categories by number (NHI2 before NHI10) and drops
// duplicates.
func SortCategories(cs []Category) []Category {
	num := func(c Category) int {
		n := 0
		for _, r := range strings.TrimPrefix(string(c), "NHI") {
			if r < '0' || r > '9' {
				return 1 << 30
			}
			n = n*10 + int(r-'0')
		}
		return n
	}
	slices.SortFunc(cs, func(a, b Category) int {
		return cmp.Or(cmp.Compare(num(a), num(b)), strings.Compare(string(a), string(b)))
	})
	return slices.Compact(cs)
}

// Lifetime says how long a credential stays valid once issued.
type Lifetime string

const (
	LifetimeUnknown    Lifetime = "unknown"
	LifetimeLongLived  Lifetime = "long-lived"
	LifetimeShortLived Lifetime = "short-lived"
)

// Remediation is what the owner of a leaked credential must do, in order.
type Remediation struct {
	// Revoke says how to invalidate this exact kind of key (console page, CLI or API call).
	Revoke string `json:"revoke"`
	// Rotate says how to issue a replacement and roll it out.
	Rotate string `json:"rotate"`
	// Replace names the short-lived alternative (OIDC, STS, app tokens, workload identity...).
	Replace string `json:"replace,omitempty"`
	// References are documentation URLs.
	References []string `json:"references,omitempty"`
}

// Location is a place in a file. Lines and columns are 1-based; columns count
// Unicode code points and EndColumn is exclusive (SARIF's convention).
type Location struct {
	Path        string `json:"path"`
	StartLine   int    `json:"startLine,omitempty"`
	StartColumn int    `json:"startColumn,omitempty"`
	EndLine     int    `json:"endLine,omitempty"`
	EndColumn   int    `json:"endColumn,omitempty"`
	// Commit metadata, set by git-history sources.
	Commit string    `json:"commit,omitempty"`
	Author string    `json:"author,omitempty"`
	Date   time.Time `json:"date,omitzero"`
	// LineHash is GitHub's primaryLocationLineHash for StartLine ("<hex>:<n>"),
	// computed while the content is in memory so reports need not reread it.
	LineHash string `json:"lineHash,omitempty"`
}

// Credential describes the key a finding is about, without ever holding it.
type Credential struct {
	Type     string `json:"type"`
	Provider string `json:"provider,omitempty"`
	// Preview is the redacted form: at most the first 4 characters and a mask.
	Preview string `json:"preview"`
	// Fingerprint is a one-way hash of rule and secret; stable across moves and edits.
	Fingerprint string   `json:"fingerprint"`
	Lifetime    Lifetime `json:"lifetime"`
	// Expires is what the value itself says about its expiry: an RFC 3339
	// time, "never", or "" when the value does not tell.
	Expires string `json:"expires,omitempty"`
	// Scopes are what the value says it may do: JWT scopes and roles, SAS
	// permissions, Kubernetes groups.
	Scopes []string `json:"scopes,omitempty"`
}

// ExpiresNever is Credential.Expires for a credential that never expires.
const ExpiresNever = "never"

// Finding is one problem at one place.
type Finding struct {
	RuleID     string      `json:"ruleId"`
	Title      string      `json:"title"`
	Level      Level       `json:"level"`
	Categories []Category  `json:"categories"`
	CWEs       []string    `json:"cwes"`
	Message    string      `json:"message"`
	Location   Location    `json:"location"`
	Related    []Location  `json:"related,omitempty"`
	Credential *Credential `json:"credential,omitempty"`
	// Fingerprint identifies the finding across runs independently of line numbers:
	// the credential fingerprint for secrets, else a hash of rule, path and a
	// rule-chosen key.
	Fingerprint string      `json:"fingerprint"`
	Remediation Remediation `json:"remediation"`
	// Analyzer names the analyzer family that produced the finding.
	Analyzer string `json:"analyzer"`
	// PresentAtHead is set by history scans: whether the secret is still in
	// the tree at HEAD, or only in history (where it must still be revoked).
	PresentAtHead *bool `json:"presentAtHead,omitempty"`
	// Suppression is set on findings that a suppression mechanism silenced;
	// reports count and may list them, and they never fail a scan.
	Suppression *Suppression `json:"suppression,omitempty"`
}

// SuppressionKind names a suppression mechanism.
type SuppressionKind string

const (
	SuppressedInline         SuppressionKind = "inline"         // nhilint:ignore comment
	SuppressedGitleaksAllow  SuppressionKind = "gitleaks-allow" // gitleaks:allow comment
	SuppressedAllowlist      SuppressionKind = "allowlist"      // .nhilint.yaml allowlists
	SuppressedGitleaksIgnore SuppressionKind = "gitleaksignore" // .gitleaksignore entry
	SuppressedBaseline       SuppressionKind = "baseline"       // --baseline file
	// SuppressedPlaceholder: the analyzer itself recognised the value as a
	// placeholder or documented example (your-api-key-here, ${TOKEN},
	// AKIA…EXAMPLE), reported as suppressed so that nothing a rule matched
	// disappears without a trace.
	SuppressedPlaceholder SuppressionKind = "placeholder"
)

// Suppression says which mechanism silenced a finding and why.
type Suppression struct {
	Kind          SuppressionKind `json:"kind"`
	Justification string          `json:"justification,omitempty"`
	// Source is where the suppression was written ("path:line" or a file name).
	Source string `json:"source,omitempty"`
}

// Compare orders findings by path, position, rule and fingerprint so that output
// never depends on scheduling.
func Compare(a, b Finding) int {
	return cmp.Or(
		strings.Compare(a.Location.Path, b.Location.Path),
		strings.Compare(a.Location.Commit, b.Location.Commit),
		cmp.Compare(a.Location.StartLine, b.Location.StartLine),
		cmp.Compare(a.Location.StartColumn, b.Location.StartColumn),
		cmp.Compare(a.Location.EndLine, b.Location.EndLine),
		cmp.Compare(a.Location.EndColumn, b.Location.EndColumn),
		strings.Compare(a.RuleID, b.RuleID),
		strings.Compare(a.Fingerprint, b.Fingerprint),
	)
}

// Sort sorts findings in place in the canonical order.
func Sort(fs []Finding) { slices.SortStableFunc(fs, Compare) }
