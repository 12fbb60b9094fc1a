package sarif

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/nhilint/nhilint/internal/finding"
)

// referencedRules returns the rules that findings use, sorted by id. A
// rule missing from the catalog is described from its first finding, so
// that every result still has a rule to point at.
func referencedRules(catalog finding.Catalog, findings []finding.Finding) []*finding.Rule {
	byID := map[string]*finding.Rule{}
	for _, f := range findings {
		if _, ok := byID[f.RuleID]; ok {
			continue
		}
		if r := catalog[f.RuleID]; r != nil {
			byID[f.RuleID] = r
			continue
		}
		byID[f.RuleID] = &finding.Rule{
			ID:          f.RuleID,
			Title:       f.Title,
			Level:       f.Level,
			Categories:  f.Categories,
			CWEs:        f.CWEs,
			Remediation: f.Remediation,
			Analyzer:    f.Analyzer,
		}
	}
	rules := make([]*finding.Rule, 0, len(byID))
	for _, r := range byID {
		rules = append(rules, r)
	}
	slices.SortFunc(rules, func(a, b *finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}

// ruleDescriptor describes a rule with everything GitHub shows or filters on.
//
// name is left unset, as staticcheck does: SARIF means it as a readable
// identifier distinct from id, our ids are already readable, and a name
// derived from the title would change whenever the title is reworded.
func ruleDescriptor(r *finding.Rule) *gosarif.ReportingDescriptor {
	title := cmp.Or(r.Title, r.ID)
	// shortDescription must always be set: go-sarif writes a missing one as
	// null, which the schema rejects.
	d := gosarif.NewRule(r.ID).
		WithShortDescription(gosarif.NewMultiformatMessageString(truncate(title, maxDescription))).
		WithFullDescription(gosarif.NewMultiformatMessageString(truncate(cmp.Or(r.Description, title), maxDescription))).
		WithTextHelp(helpText(r)).
		WithMarkdownHelp(helpMarkdown(r))
	if r.HelpURI != "" {
		d.WithHelpURI(r.HelpURI)
	}
	switch r.Level {
	case finding.LevelError, finding.LevelWarning, finding.LevelNote, finding.LevelNone:
		d.WithDefaultConfiguration(&gosarif.ReportingConfiguration{Level: string(r.Level)})
	}
	// Properties go through WithProperties: go-sarif's promoted rule.Add
	// writes to a shadowed map that is never encoded (or panics when nil).
	return d.WithProperties(ruleProperties(r))
}

// ruleProperties are the rule properties GitHub reads: tags to filter on,
// precision, and security-severity, which makes the rule a security rule.
func ruleProperties(r *finding.Rule) gosarif.Properties {
	var tags []string
	for _, t := range r.Tags() {
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	props := gosarif.Properties{"tags": tags[:min(len(tags), maxTags)]}
	if r.Precision != "" {
		props["precision"] = string(r.Precision)
	}
	// A string, as GitHub requires; 0 means unset and anything outside
	// (0, 10] would be read as "no severity" anyway.
	if s := r.SecuritySeverity; s > 0 && s <= 10 {
		props["security-severity"] = strconv.FormatFloat(s, 'f', 1, 64)
	}
	return props
}

// helpSection is one part of a rule's help.
type helpSection struct{ heading, body string }

// helpSections orders what a reader of an alert needs: what was found, why
// it matters, then how to get rid of the credential for good.
func helpSections(r *finding.Rule) []helpSection {
	sections := []helpSection{
		{"Why it matters", r.Why},
		{"Revoke", r.Remediation.Revoke},
		{"Rotate", r.Remediation.Rotate},
		{"Replace with a short-lived credential", r.Remediation.Replace},
	}
	return slices.DeleteFunc(sections, func(s helpSection) bool { return strings.TrimSpace(s.body) == "" })
}

// helpText is the plain-text help, for consumers that do not render markdown.
func helpText(r *finding.Rule) string {
	var b strings.Builder
	b.WriteString(cmp.Or(r.Description, r.Title, r.ID))
	for _, s := range helpSections(r) {
		b.WriteString("\n\n" + s.heading + ":\n" + strings.TrimSpace(s.body))
	}
	if len(r.Remediation.References) > 0 {
		b.WriteString("\n\nReferences:")
		for _, ref := range r.Remediation.References {
			b.WriteString("\n  " + ref)
		}
	}
	return b.String()
}

// helpMarkdown is the help GitHub shows on an alert, laid out like CodeQL's.
func helpMarkdown(r *finding.Rule) string {
	var b strings.Builder
	b.WriteString("# " + cmp.Or(r.Title, r.ID))
	if r.Description != "" {
		b.WriteString("\n\n" + r.Description)
	}
	for _, s := range helpSections(r) {
		b.WriteString("\n\n## " + s.heading + "\n\n" + strings.TrimSpace(s.body))
	}
	if len(r.Remediation.References) > 0 {
		b.WriteString("\n\n## References\n")
		for _, ref := range r.Remediation.References {
			b.WriteString("\n- <" + ref + ">")
		}
	}
	return b.String()
}

// truncate shortens s to at most limit characters, ending with an ellipsis
// when something was cut.
func truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	n := 0
	for i := range s {
		if n == limit-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
