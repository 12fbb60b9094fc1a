package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleNoExpiry = register(identity.NoExpiry, &finding.Rule{
	ID:               "identity-no-expiry",
	Title:            "An identity that never expires, or lives longer than the policy allows",
	Description:      "The identity declares neither expires nor rotate-every, or declares an expiry or rotation period beyond the policy's maximum lifetime (policy.max-lifetime, 90 days by default).",
	Why:              "A long-lived secret stays useful to an attacker for as long as it lives; most leaked keys are exploited long after the leak (OWASP NHI7, long-lived secrets).",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI7},
	CWEs:             []string{"CWE-262", "CWE-324"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 5.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke for this finding alone; revoke the key at once if it has leaked.",
		Rotate:     "Set an expiry at the provider within the policy and declare it with expires:, or automate rotation and declare rotate-every:.",
		Replace:    "Replace the static key with short-lived credentials: OIDC federation from CI, AWS STS, GitHub App installation tokens, workload identity.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
