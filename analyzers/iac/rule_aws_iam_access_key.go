package iac

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/hclvalue"
)

var awsIAMAccessKey = &check{
	run: checkAWSIAMAccessKey,
	rule: &finding.Rule{
		ID:    "tf-aws-iam-access-key",
		Title: "Terraform mints a long-lived AWS IAM user access key",
		Description: "An aws_iam_access_key resource creates an access key for an IAM user. The key never " +
			"expires, and Terraform stores its secret in the state file (encrypted only if pgp_key is set). " +
			"Keys with status = \"Inactive\" are not reported.",
		Why: "IAM user keys are the credential most often leaked from CI variables, laptops and state files, and " +
			"they work from anywhere until someone rotates them. Workloads on AWS get role credentials from their " +
			"instance profile, task or pod role; CI systems and other clouds can assume a role with an OIDC token. " +
			"Role credentials expire within hours and need no storage.",
		Level:            finding.LevelWarning,
		Categories:       []finding.Category{finding.NHI7},
		CWEs:             []string{"CWE-324", "CWE-798"},
		Precision:        finding.PrecisionVeryHigh,
		SecuritySeverity: 6.0,
		Remediation: finding.Remediation{
			Revoke: "Once nothing uses the key, remove the resource (terraform apply deletes the key) or run " +
				"aws iam delete-access-key --user-name USER --access-key-id KEY_ID.",
			Rotate: "While the key exists, rotate it by replacing the resource (terraform apply -replace=ADDRESS) " +
				"and restrict who can read the Terraform state.",
			Replace: "Give the workload an IAM role instead: aws_iam_role with an assume_role_policy that trusts its " +
				"identity (EC2/ECS/EKS service, or an aws_iam_openid_connect_provider for GitHub, GitLab, CircleCI, " +
				"Bitbucket, Azure DevOps).",
			References: []string{
				"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_access_key",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html",
			},
		},
		Analyzer: Name,
	},
}

func checkAWSIAMAccessKey(c *check, _ *Analyzer, f *analyzers.File, body *hclsyntax.Body) []analyzers.Result {
	var out []analyzers.Result
	for _, b := range resources(body, "aws_iam_access_key") {
		if st, ok := b.Body.Attributes["status"]; ok {
			if s, lit := hclvalue.String(st.Expr); lit && strings.EqualFold(s, "Inactive") {
				continue
			}
		}
		user := ""
		if u, ok := b.Body.Attributes["user"]; ok {
			if src := sourceOf(f, u.Expr); src != "" {
				user = " for " + src
			}
		}
		start, end := header(b)
		msg := fmt.Sprintf("%s mints a long-lived IAM user access key%s (its secret lands in Terraform state): "+
			"give the workload an IAM role, assumed through OIDC or its instance, task or pod identity", address(b), user)
		r := nonSecret(c, f, start, end, address(b), msg)
		rem := c.rule.Remediation
		rem.Replace += "\n\n" + awsOIDCRoleSnippet
		r.Finding.Remediation = rem
		out = append(out, r)
	}
	return out
}

const awsOIDCRoleSnippet = `resource "aws_iam_openid_connect_provider" "ci" {
  url            = "https://token.actions.githubusercontent.com" # or your CI's issuer
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_role" "ci" {
  name = "ci-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.ci.arn }
      Condition = { StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:ORG/REPO:ref:refs/heads/main" } }
    }]
  })
}`
