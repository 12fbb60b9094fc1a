package ghactions

import (
	"fmt"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleSecretInWorkflowEnv = &finding.Rule{
	ID:    "gha-secret-in-workflow-env",
	Title: "Secret in workflow-level env",
	Description: "A secret is put into the workflow-level `env:` block, which makes it an environment variable " +
		"of every step of every job, including third-party actions that never need it.",
	Why: "Every process in every job inherits the variable: build tools, test suites, package install scripts " +
		"and actions. Each of them can read, log or send it. Secrets belong to the step (or at most the job) " +
		"that uses them.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5, finding.NHI2},
	CWEs:             []string{"CWE-668"},
	Precision:        finding.PrecisionVeryHigh,
	SecuritySeverity: 5.0,
	Remediation: finding.Remediation{
		Revoke:  "Nothing to revoke unless a job ran untrusted code; then rotate the secret.",
		Rotate:  "Rotate the secret if any job runs third-party code you have not reviewed.",
		Replace: "Move the variable to the env: of the step that needs it:\n  - run: ./deploy.sh\n    env:\n      API_TOKEN: ${{ secrets.API_TOKEN }}",
		References: []string{
			"https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-secrets",
		},
	},
	Analyzer: Name,
}

func checkSecretInWorkflowEnv(d *document, r *reporter) {
	if d.wf == nil || d.wf.Env == nil {
		return
	}
	for _, v := range envOf(d.wf.Env, "workflow") {
		secrets := d.secretsIn(v.value)
		if len(secrets) == 0 {
			continue
		}
		r.emit(d.str(v.key), "env/"+v.name,
			fmt.Sprintf("workflow-level env %s exposes %s to every step of every job; set it on the step that needs it", v.name, secretList(secrets)))
	}
}
