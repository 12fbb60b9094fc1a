package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleShared = register(identity.Shared, &finding.Rule{
	ID:               "identity-shared",
	Title:            "One identity used by several workloads, or by one it does not allow",
	Description:      "The identity is used by several workloads (programs, scripts, CI jobs) and declares no workloads:, or it is used by a workload its workloads: globs do not list.",
	Why:              "A shared key gets the union of every user's privilege, cannot be attributed in logs and cannot be revoked without breaking every user (OWASP NHI9, NHI reuse).",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI9},
	CWEs:             []string{"CWE-653"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 5.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke for this finding alone; revoke the key at once if it has leaked.",
		Rotate:     "Issue one key per workload, each with the scopes that workload needs, and declare each as its own identity with workloads:.",
		Replace:    "Use per-job credentials: OIDC roles per workflow, GitHub App tokens per job, one service account per service.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
