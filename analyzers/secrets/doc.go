package secrets

import (
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/rules"
)

// ruleDoc documents a detection rule from the knowledge base entry of the
// credential it finds, falling back to gitleaks' own description.
func ruleDoc(id, description string, kb *rules.KnowledgeBase) *finding.Rule {
	cred, exact := kb.ForRule(id)
	title := cred.Name
	if !exact {
		title = titleFromDescription(description, cred.Name)
	}
	r := &finding.Rule{
		ID:               id,
		Title:            title,
		Description:      strings.TrimSpace(description),
		Why:              cred.Why,
		Level:            finding.Level(cred.Severity),
		Precision:        finding.Precision(cred.Precision),
		SecuritySeverity: cred.SecuritySeverity,
		Provider:         cred.ProviderName,
		CredentialType:   cred.ID,
		Lifetime:         ruleLifetime(cred.Lifetime),
		CWEs:             append([]string(nil), cred.CWE...),
		Remediation: finding.Remediation{
			Revoke:     cred.Revoke,
			Rotate:     cred.Rotate,
			Replace:    cred.Replace,
			References: append([]string(nil), cred.References...),
		},
		Analyzer: Name,
	}
	if r.Description == "" {
		r.Description = cred.Name + "."
	}
	for _, c := range cred.NHI {
		r.Categories = append(r.Categories, finding.Category(c))
	}
	if r.Level == "" {
		r.Level = finding.LevelError
	}
	if r.Precision == "" {
		r.Precision = finding.PrecisionMedium
	}
	return r
}

// titleFromDescription shortens gitleaks' sentence-style descriptions
// ("Identified a Slack Bot token, which ...") to a title.
func titleFromDescription(desc, fallback string) string {
	desc = strings.TrimSpace(desc)
	if desc == "" {
		return fallback
	}
	for _, verb := range []string{"Identified an ", "Identified a ", "Detected an ", "Detected a ", "Discovered an ", "Discovered a ", "Uncovered an ", "Uncovered a ", "Found an ", "Found a "} {
		if rest, ok := strings.CutPrefix(desc, verb); ok {
			desc = rest
			break
		}
	}
	desc = strings.TrimPrefix(desc, "Potential ")
	if i := strings.IndexAny(desc, ",."); i > 0 {
		desc = desc[:i]
	}
	for _, cut := range []string{" which ", " that ", " potentially ", " posing ", " risking "} {
		if i := strings.Index(desc, cut); i > 0 {
			desc = desc[:i]
		}
	}
	desc = strings.TrimSpace(desc)
	if desc == "" {
		return fallback
	}
	return strings.ToUpper(desc[:1]) + desc[1:]
}

func ruleLifetime(l rules.Lifetime) finding.Lifetime {
	switch l {
	case "long-lived":
		return finding.LifetimeLongLived
	case "short-lived":
		return finding.LifetimeShortLived
	}
	return finding.LifetimeUnknown
}

// lifetimeOf decides a credential's lifetime class, from its value when the
// knowledge base says the value tells (AKIA... is a long-lived IAM user key,
// ASIA... an STS session key).
func lifetimeOf(cred *rules.Credential, secret string) finding.Lifetime {
	if l := ruleLifetime(cred.Lifetime); l != finding.LifetimeUnknown {
		return l
	}
	return ruleLifetime(cred.LifetimeOf(secret))
}
