package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleNoOwner = register(identity.NoOwner, &finding.Rule{
	ID:               "identity-no-owner",
	Title:            "An identity without an owner",
	Description:      "The identity declares no owner: no person or team address accountable for it.",
	Why:              "Keys nobody owns are never rotated and never offboarded: when the person who made them leaves, they stay valid (OWASP NHI1, improper offboarding).",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI1},
	CWEs:             []string{"CWE-284"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 4.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke for this finding alone; revoke the key at once if it has leaked.",
		Rotate:     "Add owner: with a team address (a group, not one person) that will rotate and offboard the key.",
		Replace:    "Prefer identities bound to a workload (OIDC, workload identity) whose lifecycle follows the workload's.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
