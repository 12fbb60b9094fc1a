package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleCrossEnvironment = register(identity.CrossEnvironment, &finding.Rule{
	ID:               "identity-cross-environment",
	Title:            "One identity used across environments",
	Description:      "The identity is declared for more than one environment, used by CI jobs that deploy to different environments, or used in an environment it is not declared for.",
	Why:              "A key shared by development and production lets anything that compromises the weaker environment reach the stronger one (OWASP NHI8, environment isolation).",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI8},
	CWEs:             []string{"CWE-653"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 6.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke for this finding alone; revoke the key at once if it has leaked.",
		Rotate:     "Issue one key per environment, store each in its environment's secrets (GitHub environment secrets), and declare each separately.",
		Replace:    "Bind credentials to environments: OIDC trust policies conditioned on the environment claim, per-environment service accounts.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
