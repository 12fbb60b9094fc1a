package iac

import (
	"fmt"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"
	"github.com/nhilint/nhilint/internal/hclvalue"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var providerLiteralSecret = &check{
	run: checkProviderLiteralSecret,
	rule: &finding.Rule{
		ID:    "tf-provider-literal-secret",
		Title: "Literal credential in a Terraform provider block",
		Description: "A provider block sets a credential argument (access_key, secret_key, token, client_secret, " +
			"api_key, password, ...) to a literal, secret-looking string instead of leaving it to the " +
			"environment, a credentials file or an assumed identity.",
		Why: "Terraform code is shared, reviewed and copied into modules and plans; a key written in a provider " +
			"block is readable by everyone with the repository and stays in its history. Every major provider " +
			"reads credentials from the environment or from a federated identity, so the literal is never needed.",
		Level:            finding.LevelError,
		Categories:       []finding.Category{finding.NHI2},
		CWEs:             []string{"CWE-798"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 8.0,
		Remediation: finding.Remediation{
			Revoke: "Revoke the credential where it was issued: it is in the repository's history.",
			Rotate: "Pass the replacement through the environment (AWS_ACCESS_KEY_ID, ARM_CLIENT_SECRET, TF_VAR_x with a sensitive variable) instead of the code.",
			Replace: "Prefer identities over keys: assume_role_with_web_identity (aws), use_oidc (azurerm/azuread), " +
				"workload identity federation credentials (google), with tokens issued to the CI job.",
			References: []string{
				"https://developer.hashicorp.com/terraform/language/providers/configuration",
				"https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration",
			},
		},
		Analyzer: Name,
	},
}

// secretArguments are provider arguments that hold credentials; passwords
// are judged as human-chosen values, the rest as generated keys.
var secretArguments = []string{
	"access_key", "secret_key", "token", "client_secret", "api_key", "api_token", "app_key",
	"access_token", "sas_token", "client_certificate_password",
}

var passwordArguments = []string{"password"}

func checkProviderLiteralSecret(c *check, _ *Analyzer, f *analyzers.File, body *hclsyntax.Body) []analyzers.Result {
	var out []analyzers.Result
	for _, b := range body.Blocks {
		if b.Type != "provider" || len(b.Labels) != 1 {
			continue
		}
		name := b.Labels[0]
		for _, attr := range sortedAttributes(b.Body) {
			password := slices.Contains(passwordArguments, attr.Name)
			if !password && !slices.Contains(secretArguments, attr.Name) {
				continue
			}
			secret, lit := hclvalue.String(attr.Expr)
			secret = strings.TrimSpace(secret) // a heredoc ends with a newline
			kind := "key"
			if password {
				kind = "password"
			}
			if !lit || !credvalue.Literal(kind, secret) {
				continue
			}
			r := attr.Expr.Range()
			start, end := r.Start.Byte, r.End.Byte
			fp := finding.Fingerprint(c.rule.ID, secret)
			msg := fmt.Sprintf("provider %q sets %s to a literal credential: revoke it and let the provider read credentials "+
				"from the environment or an assumed identity (OIDC)", name, attr.Name)
			out = append(out, analyzers.Result{
				Finding: finding.Finding{
					RuleID:      c.rule.ID,
					Location:    f.Location(start, end),
					Message:     msg,
					Fingerprint: fp,
					Credential: &finding.Credential{
						Type:        "terraform-provider-" + attr.Name,
						Provider:    name,
						Preview:     finding.Preview(secret),
						Fingerprint: fp,
						Lifetime:    finding.LifetimeUnknown,
					},
				},
				Evidence: analyzers.NewEvidence(secret, string(f.Content[start:end]), lineOf(f, start)),
			})
		}
	}
	return out
}

// sortedAttributes returns a body's attributes in source order (the parser
// keeps them in a map).
func sortedAttributes(body *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
	return out
}

func lineOf(f *analyzers.File, offset int) string {
	line, _ := f.Position(offset)
	return string(f.Line(line))
}
