package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleUnownedCredential = register(identity.UnownedCredential, &finding.Rule{
	ID:               "identity-unowned-credential",
	Title:            "A credential reference that no identity declares",
	Description:      "Code or CI reads a credential (an environment variable, CI secret or credential file whose name says it is one) that no declared identity lists in its refs. Only reported when the configuration declares identities, so projects without an inventory are not flooded.",
	Why:              "An undeclared key has no owner, scope or expiry on record, so nobody reviews, rotates or offboards it (OWASP NHI1).",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI1},
	CWEs:             []string{"CWE-284"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 4.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke for this finding alone; revoke the key at once if it has leaked.",
		Rotate:     "Add the reference to the identity it belongs to, or declare a new identity (nhilint inventory --suggest prints a starting block).",
		Replace:    "Prefer short-lived credentials minted per job (OIDC, STS, GitHub App tokens, workload identity), which need no inventory entry to expire.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
