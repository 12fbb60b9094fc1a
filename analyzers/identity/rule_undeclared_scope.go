package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleUndeclaredScope = register(identity.UndeclaredScope, &finding.Rule{
	ID:               "identity-undeclared-scope",
	Title:            "Code needs a scope the identity does not declare",
	Description:      "A workload that uses the identity calls an operation whose required scope the identity does not declare. Reported at the call.",
	Why:              "Either the call will fail in production, or the real key is broader than its declaration says, and reviews of the declaration miss privilege the key really has (OWASP NHI5).",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-269"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 4.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke for this finding alone; revoke the key at once if it has leaked.",
		Rotate:     "Check the key's real grant at the provider; add the scope to the declaration if the key has it, or grant it if the call must work.",
		Replace:    "Mint the credential per job with the exact scope set the code needs (GitHub App tokens, STS session policies).",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
