package ghactions

import (
	"fmt"
	"slices"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleSecretToUnpinnedAction = &finding.Rule{
	ID:    "gha-secret-to-unpinned-action",
	Title: "Secret passed to an action not pinned to a commit SHA",
	Description: "A step passes a secret (in with: or env:) to an action, or a job passes secrets to a reusable " +
		"workflow, referenced by a tag or branch instead of a full 40-character commit SHA.",
	Why: "Tags and branches are mutable: whoever controls the action's repository (its maintainer, or an " +
		"attacker who compromised it, as with tj-actions/changed-files in 2025) can point them at code that " +
		"sends the secret elsewhere, and the next run hands it over. A commit SHA fixes the code that receives it.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI3},
	CWEs:             []string{"CWE-829"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 5.5,
	Remediation: finding.Remediation{
		Revoke: "If the action's tag was moved to malicious code while you used it, revoke the secrets it received.",
		Rotate: "Rotate the secret after pinning if the action's repository had a security incident.",
		Replace: "Pin the action to the full commit SHA of the release you reviewed, with the tag as a comment, and " +
			"let Dependabot or Renovate update it:\n  uses: owner/action@<40-hex-commit-sha>  # v1.2.3",
		References: []string{
			"https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
		},
	},
	Analyzer: Name,
}

func checkSecretToUnpinnedAction(d *document, r *reporter) {
	for _, s := range d.steps() {
		a, ref, ok := actionOf(s.step)
		if !ok || ref.pinned() {
			continue
		}
		var secrets []string
		for _, in := range sortedInputs(a) {
			secrets = appendNew(secrets, nonTokenSecrets(d.secretsIn(in.Value))...)
		}
		for _, v := range envOf(s.step.Env, "step") {
			secrets = appendNew(secrets, nonTokenSecrets(d.secretsIn(v.value))...)
		}
		if len(secrets) == 0 {
			continue
		}
		r.emit(d.str(a.Uses), s.key()+"/uses",
			fmt.Sprintf("%s passes %s to %s, which is not pinned to a commit SHA", s.where(d), secretList(secrets), a.Uses.Value))
	}
	for _, j := range d.jobs {
		wc := j.WorkflowCall
		if wc == nil || wc.Uses == nil || parseUses(wc.Uses.Value).pinned() {
			continue
		}
		var secrets []string
		for _, sec := range wc.Secrets {
			if sec != nil {
				secrets = appendNew(secrets, nonTokenSecrets(d.secretsIn(sec.Value))...)
			}
		}
		if len(secrets) == 0 {
			continue
		}
		slices.Sort(secrets)
		r.emit(d.str(wc.Uses), jobID(j)+"/uses",
			fmt.Sprintf("job %q passes %s to reusable workflow %s, which is not pinned to a commit SHA", jobID(j), secretList(secrets), wc.Uses.Value))
	}
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}
