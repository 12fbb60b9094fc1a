package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleExpired = register(identity.Expired, &finding.Rule{
	ID:               "identity-expired",
	Title:            "An expired identity still referenced by code or CI",
	Description:      "The identity's declared expiry has passed, and code or CI still refers to it. Reported at the first reference, with the others as related locations.",
	Why:              "Either the key was extended silently (so the declaration is wrong and the key is long-lived), or the code depends on a dead key and will fail; both mean nobody is managing its lifecycle (OWASP NHI1, NHI7).",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI7},
	CWEs:             []string{"CWE-324"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 7.0,
	Remediation: finding.Remediation{
		Revoke:     "Confirm at the provider that the key is revoked; if it still works, revoke it now.",
		Rotate:     "Issue a new key with an expiry within policy, update the references and the declaration.",
		Replace:    "Move the workload to short-lived credentials so there is no expiry to track.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
