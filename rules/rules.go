// Package rules is nhilint's credential knowledge base, kept as data.
//
// credentials/<provider>.yaml describes every kind of credential a detection
// rule can find: how long it lives, whether it can be scoped, which OWASP NHI
// risks and CWEs apply, and how to revoke, rotate and replace it.
// gitleaks/*.toml holds nhilint's own detection rules in gitleaks' format.
//
// Both sets are embedded in the binary and read here; the package imports
// nothing else from nhilint and hands out its own plain types, which the
// secrets analyzer converts into findings and rule documentation.
package rules

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

//go:embed credentials/*.yaml gitleaks/*.toml
var embedded embed.FS

// Lifetime says how long a credential stays valid once issued.
type Lifetime string

const (
	// LifetimeLongLived credentials stay valid until someone revokes them or
	// until an expiry that is typically months away.
	LifetimeLongLived Lifetime = "long-lived"
	// LifetimeShortLived credentials expire on their own within hours.
	LifetimeShortLived Lifetime = "short-lived"
	// LifetimeFromValue means the leaked value itself tells which (an AWS key
	// id prefix, a JWT exp claim); LifetimeHint says how.
	LifetimeFromValue Lifetime = "from-value"
)

// ValueLifetime says that secrets starting with Prefix have Lifetime.
type ValueLifetime struct {
	Prefix   string
	Lifetime Lifetime
}

// LifetimeOf returns the lifetime the value's prefix reveals, or "" when no
// prefix rule applies.
func (c *Credential) LifetimeOf(secret string) Lifetime {
	var best ValueLifetime
	for _, v := range c.ValueLifetimes {
		if len(v.Prefix) > len(best.Prefix) && strings.HasPrefix(secret, v.Prefix) {
			best = v
		}
	}
	return best.Lifetime
}

// Credential is one kind of credential and the guidance for a leak of it.
// Values returned by a KnowledgeBase are shared: do not modify them.
type Credential struct {
	// ID is nhilint's credential type id, e.g. "github-classic-pat".
	ID   string
	Name string
	// Provider and ProviderName identify the issuing service ("github", "GitHub").
	Provider     string
	ProviderName string
	// Rules are the detection rule ids that find this credential. Empty for
	// provider defaults and the generic fallback, which match by prefix or not at all.
	Rules []string

	Lifetime Lifetime
	// LifetimeHint says how to tell the lifetime from the value, if one can.
	LifetimeHint string
	// ValueLifetimes decide the lifetime of a from-value credential by the
	// prefix of the secret (AKIA long-lived, ASIA short-lived); the longest
	// matching prefix wins.
	ValueLifetimes []ValueLifetime
	// Scopable is true when the issuer lets this credential carry less than
	// its owner's full access.
	Scopable   bool
	ScopesHint string

	// NHI lists OWASP Non-Human Identities Top 10 (2025) ids: "NHI2", "NHI7".
	NHI []string
	// CWE lists ids in the form "CWE-798".
	CWE []string
	// Severity is a SARIF level: "error", "warning" or "note".
	Severity string
	// SecuritySeverity is GitHub code scanning's score in (0, 10].
	SecuritySeverity float64
	// Precision is SARIF's precision: "very-high", "high", "medium" or "low".
	Precision string

	// Why says why a leak matters; Revoke, Rotate and Replace say what to do,
	// in that order. Replace names the short-lived alternative, if any.
	Why, Revoke, Rotate, Replace string
	// References are https documentation URLs.
	References []string
}

// KnowledgeBase answers which credential a detection rule finds.
type KnowledgeBase struct {
	credentials []*Credential          // sorted by ID
	byID        map[string]*Credential // credential id → credential
	byRule      map[string]*Credential // exact detection rule id → credential
	defaults    []prefixDefault        // longest prefix first
	fallback    *Credential            // generic.yaml's provider-defaults
}

// prefixDefault maps a rule-id prefix to its provider's default credential.
type prefixDefault struct {
	prefix     string
	credential *Credential
}

var loadEmbedded = sync.OnceValues(func() (*KnowledgeBase, error) {
	return load(embedded)
})

// Load parses and validates the embedded knowledge base. The result is
// computed once and shared by every caller.
func Load() (*KnowledgeBase, error) { return loadEmbedded() }

// ForRule returns the credential a detection rule finds. exact is true when an
// entry lists ruleID; otherwise the result is the default of the provider
// whose rule-id prefix is the longest match, or else the generic fallback.
// The result is never nil.
func (kb *KnowledgeBase) ForRule(ruleID string) (c *Credential, exact bool) {
	if c, ok := kb.byRule[ruleID]; ok {
		return c, true
	}
	if d, ok := kb.defaultFor(ruleID); ok {
		return d.credential, false
	}
	return kb.fallback, false
}

// defaultFor finds the longest declared prefix of ruleID.
func (kb *KnowledgeBase) defaultFor(ruleID string) (prefixDefault, bool) {
	for _, d := range kb.defaults {
		if strings.HasPrefix(ruleID, d.prefix) {
			return d, true
		}
	}
	return prefixDefault{}, false
}

// Credential returns the credential with the given id.
func (kb *KnowledgeBase) Credential(id string) (*Credential, bool) {
	c, ok := kb.byID[id]
	return c, ok
}

// Credentials returns every credential, provider defaults and the generic
// fallback included, sorted by id.
func (kb *KnowledgeBase) Credentials() []*Credential {
	return slices.Clone(kb.credentials)
}

// RuleFile is one embedded file of detection rules in gitleaks' TOML format.
type RuleFile struct {
	// Name is the file's base name, e.g. "nhilint.toml".
	Name string
	Data []byte
}

// DetectionRuleFiles returns nhilint's own detection rule files, sorted by name.
// Each call returns fresh copies of the data.
func DetectionRuleFiles() []RuleFile {
	entries, err := fs.ReadDir(embedded, "gitleaks")
	if err != nil {
		panic("rules: embedded gitleaks directory: " + err.Error()) // the embed pattern guarantees it exists
	}
	var files []RuleFile
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		data, err := embedded.ReadFile("gitleaks/" + e.Name())
		if err != nil {
			panic("rules: embedded " + e.Name() + ": " + err.Error())
		}
		files = append(files, RuleFile{Name: e.Name(), Data: data})
	}
	// fs.ReadDir already sorts by name; sort again so the contract does not
	// rest on that detail.
	slices.SortFunc(files, func(a, b RuleFile) int { return strings.Compare(a.Name, b.Name) })
	return files
}
