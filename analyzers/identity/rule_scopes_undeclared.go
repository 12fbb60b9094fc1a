package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleScopesUndeclared = register(identity.ScopesUndeclared, &finding.Rule{
	ID:               "identity-scopes-undeclared",
	Title:            "An identity used by code declares no scopes",
	Description:      "The identity declares no scopes, but the operations its workloads call are known; the message lists the scopes they need, ready to paste.",
	Why:              "Without declared scopes nobody can review the key's privilege or notice when it is broader than needed (OWASP NHI5).",
	Level:            finding.LevelNote,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-269"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 3.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke for this finding alone; revoke the key at once if it has leaked.",
		Rotate:     "Add scopes: with the listed set and check that the key at the provider has no more.",
		Replace:    "Short-lived tokens minted with an explicit scope set make the grant visible in code.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
