package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleUnreferenced = register(identity.Unreferenced, &finding.Rule{
	ID:               "identity-unreferenced",
	Title:            "A declared identity that nothing refers to",
	Description:      "The identity is declared, but no code, script, workflow or CI file in the scan refers to it by any of its refs, and no SDK default chain attributes an operation to it.",
	Why:              "A key nothing uses is a key nobody will notice leaking: it should be offboarded (OWASP NHI1). It may also mean the refs are wrong, so drift checks see nothing.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI1},
	CWEs:             []string{"CWE-284"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 4.0,
	Remediation: finding.Remediation{
		Revoke:     "Revoke the key at the provider if it is really unused, then remove the declaration.",
		Rotate:     "Rotate on the declared schedule; nothing else changes.",
		Replace:    "When it is still needed, declare the refs code really uses so its use can be checked.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
