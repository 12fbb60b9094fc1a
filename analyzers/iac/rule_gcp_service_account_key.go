package iac

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var gcpServiceAccountKey = &check{
	run: checkGCPServiceAccountKey,
	rule: &finding.Rule{
		ID:    "tf-gcp-service-account-key",
		Title: "Terraform mints a Google Cloud service account key",
		Description: "A google_service_account_key resource creates a user-managed key for a service account. " +
			"Unless an organization policy limits key lifetime, the key is valid until it is deleted, and " +
			"Terraform stores the private key in the state file.",
		Why: "Service account keys are long-lived bearer credentials: whoever holds the JSON file is the service " +
			"account, from anywhere. Google recommends avoiding them: workloads on Google Cloud use attached " +
			"service accounts, and workloads elsewhere (CI, other clouds, Kubernetes) use workload identity " +
			"federation, which exchanges their own short-lived tokens for Google credentials.",
		Level:            finding.LevelWarning,
		Categories:       []finding.Category{finding.NHI7},
		CWEs:             []string{"CWE-324", "CWE-798"},
		Precision:        finding.PrecisionVeryHigh,
		SecuritySeverity: 6.0,
		Remediation: finding.Remediation{
			Revoke: "Once nothing uses the key, remove the resource, or run gcloud iam service-accounts keys delete KEY_ID --iam-account SA_EMAIL.",
			Rotate: "While it exists, rotate it with terraform apply -replace=ADDRESS (or a keepers trigger on a time_rotating resource) and restrict who can read the state.",
			Replace: "Use workload identity federation (google_iam_workload_identity_pool and _provider, plus a " +
				"roles/iam.workloadIdentityUser binding) for workloads outside Google Cloud, or an attached service account inside it; " +
				"enforce the constraints/iam.disableServiceAccountKeyCreation organization policy.",
			References: []string{
				"https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",
				"https://cloud.google.com/iam/docs/workload-identity-federation",
			},
		},
		Analyzer: Name,
	},
}

func checkGCPServiceAccountKey(c *check, _ *Analyzer, f *analyzers.File, body *hclsyntax.Body) []analyzers.Result {
	var out []analyzers.Result
	for _, b := range resources(body, "google_service_account_key") {
		account := ""
		if sa, ok := b.Body.Attributes["service_account_id"]; ok {
			if src := sourceOf(f, sa.Expr); src != "" {
				account = " for " + src
			}
		}
		start, end := header(b)
		msg := fmt.Sprintf("%s mints a service account key%s that is valid until deleted (its private key lands in Terraform state): "+
			"use workload identity federation or an attached service account", address(b), account)
		out = append(out, nonSecret(c, f, start, end, address(b), msg))
	}
	return out
}
