package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleUnusedScope = register(identity.UnusedScope, &finding.Rule{
	ID:               "identity-unused-scope",
	Title:            "A declared scope that no workload using the identity needs",
	Description:      "The identity declares a scope that none of the operations its workloads call requires. Reported only when nhilint knows what every one of those operations needs, so a scope is never called unused because an operation could not be mapped. The message ends with the minimal scope set as a ready-to-paste snippet.",
	Why:              "Every unneeded scope is privilege an attacker gets for free when the key leaks (OWASP NHI5, overprivileged NHI). Declared scopes mirror what the key was granted, so an unused scope is one to remove at the provider.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-250"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 5.0,
	Remediation: finding.Remediation{
		Revoke:     "No need to revoke: narrow the grant.",
		Rotate:     "Re-issue or edit the key with only the scopes the snippet lists, then update the declaration.",
		Replace:    "Prefer credentials minted per job with exactly these scopes: GitHub App installation tokens with a permissions subset, AWS STS session policies, OIDC roles per workflow.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
