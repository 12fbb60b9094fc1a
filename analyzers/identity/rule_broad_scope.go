package identity

import (
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/identity"
)

var ruleBroadScope = register(identity.BroadScope, &finding.Rule{
	ID:               "identity-broad-scope",
	Title:            "A wildcard or administrative scope where a narrower one would serve",
	Description:      "The identity declares a wildcard or administrative scope (*, s3:*, repo, admin:org, write-all, Google cloud-platform). When the code's needs are known the message lists the narrower set that serves them.",
	Why:              "A wildcard grants every present and future action of a service; an administrative scope can create more credentials. A leak then compromises far more than the workload ever touched (OWASP NHI5).",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-250"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 6.5,
	Remediation: finding.Remediation{
		Revoke:     "No need to revoke unless it leaked: narrow the grant.",
		Rotate:     "Replace the wildcard with the listed scopes at the provider and in the declaration.",
		Replace:    "Use fine-grained tokens (GitHub fine-grained PATs or App tokens, AWS policies naming actions and resources) and short-lived credentials per job.",
		References: []string{"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025"},
	},
	Analyzer: Name,
})
