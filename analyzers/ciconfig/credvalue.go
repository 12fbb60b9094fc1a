package ciconfig

import (
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

// This file decides two things every literal-secret rule needs: whether a
// variable's name says it holds a credential, and whether its value is a
// literal credential rather than a reference or a placeholder. The secrets
// analyzer has a richer placeholder filter of its own; this one is tuned for
// CI variable values, where anything with a $ is expanded by the CI system.

// cloudKey describes a variable name that means a long-lived cloud key.
type cloudKey struct {
	Provider string // aws, gcp, azure
	// Alternative names the short-lived replacement in a few words.
	Alternative string
}

// cloudKeys are the environment names the cloud SDKs and Terraform providers
// read long-lived keys from.
var cloudKeys = map[string]cloudKey{
	"AWS_ACCESS_KEY_ID":              {"aws", "an IAM role assumed with a CI OIDC token"},
	"AWS_SECRET_ACCESS_KEY":          {"aws", "an IAM role assumed with a CI OIDC token"},
	"GOOGLE_APPLICATION_CREDENTIALS": {"gcp", "workload identity federation with a CI OIDC token"},
	"GOOGLE_CREDENTIALS":             {"gcp", "workload identity federation with a CI OIDC token"},
	"ARM_CLIENT_SECRET":              {"azure", "a federated credential (ARM_USE_OIDC) with a CI OIDC token"},
	"AZURE_CLIENT_SECRET":            {"azure", "a federated credential (workload identity) with a CI OIDC token"},
}

// literalCredentialOf describes a literal credential for the finding,
// without holding it.
func literalCredentialOf(ruleID, name, secret string) *finding.Credential {
	c := &finding.Credential{
		Type:        "ci-variable",
		Preview:     finding.Preview(secret),
		Fingerprint: finding.Fingerprint(ruleID, secret),
		Lifetime:    finding.LifetimeUnknown,
	}
	if ck, ok := cloudKeys[strings.ToUpper(name)]; ok {
		c.Provider = ck.Provider
	}
	switch {
	case strings.HasPrefix(secret, "AKIA"):
		c.Type, c.Lifetime = "aws-access-key-id", finding.LifetimeLongLived
	case strings.HasPrefix(secret, "ASIA"):
		c.Type, c.Lifetime = "aws-temporary-access-key-id", finding.LifetimeShortLived
	case c.Provider != "":
		// Cloud SDK key variables hold the long-lived kind: temporary
		// credentials would need a session token alongside.
		c.Lifetime = finding.LifetimeLongLived
	}
	return c
}
