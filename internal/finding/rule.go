package finding

import (
	"slices"
	"strings"
)

// Precision is how often a rule's findings are real, in SARIF's words.
type Precision string

const (
	PrecisionVeryHigh Precision = "very-high"
	PrecisionHigh     Precision = "high"
	PrecisionMedium   Precision = "medium"
	PrecisionLow      Precision = "low"
)

// Rule is the documentation of one rule: what `nhilint rules` lists, what
// `nhilint explain` prints and what SARIF carries as reportingDescriptor.
type Rule struct {
	ID string `json:"id"`
	// Title is one line (SARIF shortDescription).
	Title string `json:"title"`
	// Description says what the rule finds (SARIF fullDescription); plain text.
	Description string `json:"description"`
	// Why says why it matters; plain text, may span paragraphs.
	Why        string     `json:"why,omitempty"`
	Level      Level      `json:"level"`
	Categories []Category `json:"categories"`
	CWEs       []string   `json:"cwes"`
	Precision  Precision  `json:"precision"`
	// SecuritySeverity is GitHub's 0.1–10 score; 0 means unset.
	SecuritySeverity float64 `json:"securitySeverity,omitempty"`
	// Provider and CredentialType describe the credential a secret rule finds.
	Provider       string      `json:"provider,omitempty"`
	CredentialType string      `json:"credentialType,omitempty"`
	Lifetime       Lifetime    `json:"lifetime,omitempty"`
	Remediation    Remediation `json:"remediation"`
	// Analyzer is the family that owns the rule.
	Analyzer string `json:"analyzer"`
	// HelpURI points at longer documentation, if any.
	HelpURI string `json:"helpUri,omitempty"`
}

// Tags returns SARIF-style tags: security, external/cwe/cwe-N, owasp-nhi/NHIn.
func (r *Rule) Tags() []string {
	tags := []string{"security", "secret"}
	if r.Analyzer != "" && r.Analyzer != "secrets" {
		tags = []string{"security", r.Analyzer}
	}
	for _, c := range r.CWEs {
		tags = append(tags, "external/cwe/"+strings.ToLower(c))
	}
	for _, c := range r.Categories {
		tags = append(tags, "owasp-nhi/"+string(c))
	}
	return tags
}

// Apply copies the rule's documentation into a finding that carries only its
// rule id, location, credential and message.
func (r *Rule) Apply(f *Finding) {
	f.RuleID = r.ID
	if f.Title == "" {
		f.Title = r.Title
	}
	if f.Level == "" {
		f.Level = r.Level
	}
	if len(f.Categories) == 0 {
		f.Categories = slices.Clone(r.Categories)
	}
	f.Categories = SortCategories(f.Categories)
	if len(f.CWEs) == 0 {
		f.CWEs = slices.Clone(r.CWEs)
	}
	if f.Remediation.Revoke == "" && f.Remediation.Rotate == "" {
		f.Remediation = r.Remediation
	}
	if f.Analyzer == "" {
		f.Analyzer = r.Analyzer
	}
}

// Catalog is every rule a scan can report, by id.
type Catalog map[string]*Rule

// Sorted returns the rules ordered by id.
func (c Catalog) Sorted() []*Rule {
	out := make([]*Rule, 0, len(c))
	for _, r := range c {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}
