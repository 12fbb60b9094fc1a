package iac

import (
	"fmt"
	"time"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/hclvalue"
)

var azureADPasswordLifetime = &check{
	run: checkAzureADPasswordLifetime,
	rule: &finding.Rule{
		ID:    "tf-azuread-password-long-lived",
		Title: "Terraform creates a long-lived Entra ID client secret",
		Description: "An azuread_application_password or azuread_service_principal_password resource has no " +
			"end_date or end_date_relative, so Microsoft Graph gives the secret its default lifetime of two " +
			"years; or it has one that is a literal more than the policy's maximum lifetime (90 days by " +
			"default) away, which is reported as a note. End dates computed by expressions " +
			"(timeadd(), time_rotating) are not judged.",
		Why: "A client secret is a password for an application: it works from anywhere until it expires, and " +
			"Terraform also keeps it in the state file. Federated identity credentials " +
			"(azuread_application_federated_identity_credential) let CI systems, Kubernetes and other clouds sign " +
			"in with their own short-lived tokens, and managed identities need no credential at all.",
		Level:            finding.LevelWarning,
		Categories:       []finding.Category{finding.NHI7},
		CWEs:             []string{"CWE-324", "CWE-262"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 5.5,
		Remediation: finding.Remediation{
			Revoke: "Once nothing uses the secret, remove the resource, or delete it under App registrations > Certificates & secrets.",
			Rotate: "Set a short end date that rotates: end_date = time_rotating.x.rotation_rfc3339 with " +
				"rotate_when_changed = { rotation = time_rotating.x.id }.",
			Replace: "Use azuread_application_federated_identity_credential (workload identity federation) for " +
				"workloads that have their own OIDC tokens, or a managed identity for workloads on Azure.",
			References: []string{
				"https://registry.terraform.io/providers/hashicorp/azuread/latest/docs/resources/application_password",
				"https://learn.microsoft.com/graph/api/application-addpassword",
				"https://learn.microsoft.com/entra/workload-id/workload-identity-federation",
			},
		},
		Analyzer: Name,
	},
}

func checkAzureADPasswordLifetime(c *check, a *Analyzer, f *analyzers.File, body *hclsyntax.Body) []analyzers.Result {
	var out []analyzers.Result
	maxDays := int(a.maxLifetime.Hours() / 24)
	for _, b := range resources(body, "azuread_application_password", "azuread_service_principal_password") {
		start, end := header(b)
		endDate, hasEnd := b.Body.Attributes["end_date"]
		relative, hasRelative := b.Body.Attributes["end_date_relative"]
		if !hasEnd && !hasRelative {
			msg := fmt.Sprintf("%s has no end_date, so Entra ID makes the secret valid for two years: "+
				"use a federated identity credential, or an end_date within %d days that rotates", address(b), maxDays)
			r := nonSecret(c, f, start, end, address(b), msg)
			rem := c.rule.Remediation
			rem.Replace += "\n\n" + federatedCredentialSnippet
			r.Finding.Remediation = rem
			out = append(out, r)
			continue
		}
		lifetime, ok := time.Duration(0), false
		attr := endDate
		if hasRelative {
			attr = relative
			if s, lit := hclvalue.String(relative.Expr); lit {
				lifetime, ok = parseRelative(s)
			}
		} else if s, lit := hclvalue.String(endDate.Expr); lit {
			lifetime, ok = a.untilEndDate(b, s)
		}
		if !ok || lifetime <= a.maxLifetime {
			continue
		}
		r := nonSecret(c, f, attr.SrcRange.Start.Byte, attr.SrcRange.End.Byte, address(b),
			fmt.Sprintf("%s stays valid for %d days, longer than %d: use a federated identity credential, or a shorter end date that rotates",
				address(b), int(lifetime.Hours()/24), maxDays))
		r.Finding.Level = finding.LevelNote
		out = append(out, r)
	}
	return out
}

// parseRelative reads end_date_relative, a Go duration such as "8760h".
func parseRelative(s string) (time.Duration, bool) {
	d, err := time.ParseDuration(s)
	return d, err == nil && d > 0
}

// untilEndDate measures a literal RFC 3339 end_date from the resource's
// literal start_date, or from now when it has none.
func (a *Analyzer) untilEndDate(b *hclsyntax.Block, s string) (time.Duration, bool) {
	endAt, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return 0, false
	}
	from := a.now()
	if sd, ok := b.Body.Attributes["start_date"]; ok {
		v, lit := hclvalue.String(sd.Expr)
		if !lit {
			return 0, false
		}
		if from, err = time.Parse(time.RFC3339, v); err != nil {
			return 0, false
		}
	}
	return endAt.Sub(from), true
}

const federatedCredentialSnippet = `resource "azuread_application_federated_identity_credential" "ci" {
  application_id = azuread_application.app.id
  display_name   = "ci-main"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com" # or your CI's issuer
  subject        = "repo:ORG/REPO:ref:refs/heads/main"
}`
