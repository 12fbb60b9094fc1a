package ghactions

import (
	"fmt"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var ruleLiteralCredential = &finding.Rule{
	ID:    "gha-literal-credential",
	Title: "Credential written literally in a workflow",
	Description: "A credential-named env variable, an action input such as password: or token:, or a " +
		"container or service registry password holds a literal value instead of a ${{ secrets.X }} reference.",
	Why: "The value is in the repository for everyone with read access, in every fork and clone, and in git " +
		"history after it is removed. It is not masked in logs and cannot be rotated without a commit.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2},
	CWEs:             []string{"CWE-798"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 8.0,
	Lifetime:         finding.LifetimeUnknown,
	Remediation: finding.Remediation{
		Revoke: "Revoke the credential at its issuer: it is public to everyone who can read the repository or its history.",
		Rotate: "Issue a new credential and store it as an encrypted secret (Settings > Secrets and variables > Actions), " +
			"preferably an environment secret.",
		Replace: "Reference the secret instead (password: ${{ secrets.REGISTRY_PASSWORD }}), or remove the need for it: " +
			"OIDC for clouds and registries, the job's GITHUB_TOKEN for GitHub.",
		References: []string{"https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions"},
	},
	Analyzer: Name,
}

func checkLiteralCredential(d *document, r *reporter) {
	report := func(value *actionlint.String, where, what string) {
		v := strings.TrimSpace(value.Value)
		sp := d.str(value)
		preview := finding.Preview(v)
		fp := finding.Fingerprint(r.rule.ID, v)
		line := ""
		if value.Pos != nil {
			line = string(d.file.Line(value.Pos.Line))
		}
		r.emitWithEvidence(sp, "", fmt.Sprintf("%s %s holds a literal credential (%s); reference a secret instead", where, what, preview),
			analyzers.NewEvidence(v, v, line),
			func(fd *finding.Finding) {
				fd.Fingerprint = fp
				fd.Credential = &finding.Credential{Type: "literal-credential", Provider: "github-actions",
					Preview: preview, Fingerprint: fp, Lifetime: finding.LifetimeUnknown}
			})
	}
	for _, b := range d.envBlocks() {
		for _, v := range b.vars {
			if credentialName.MatchString(v.name) && !v.value.ContainsExpression() && literalCredential(v.value.Value) {
				report(v.value, b.where, v.name)
			}
		}
	}
	for _, s := range d.steps() {
		a, _, ok := actionOf(s.step)
		if !ok {
			continue
		}
		for _, in := range sortedInputs(a) {
			if credentialName.MatchString(in.Name.Value) && !in.Value.ContainsExpression() && literalCredential(in.Value.Value) {
				report(in.Value, s.where(d), "input "+in.Name.Value)
			}
		}
	}
	for _, j := range d.jobs {
		if j.Container != nil {
			checkContainerCredentials(j.Container, fmt.Sprintf("job %q container", jobID(j)), report)
		}
		if j.Services != nil {
			for name, svc := range j.Services.Value {
				if svc != nil && svc.Container != nil {
					checkContainerCredentials(svc.Container, fmt.Sprintf("job %q service %q", jobID(j), name), report)
				}
			}
		}
	}
}

func checkContainerCredentials(c *actionlint.Container, where string, report func(value *actionlint.String, where, what string)) {
	if c.Credentials == nil || c.Credentials.Password == nil {
		return
	}
	pw := c.Credentials.Password
	if !pw.ContainsExpression() && literalCredential(pw.Value) {
		report(pw, where, "credentials.password")
	}
}
