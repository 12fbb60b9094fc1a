package ghactions

import (
	"fmt"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleTokenPermissionInsufficient = &finding.Rule{
	ID:    "gha-token-permission-insufficient",
	Title: "Step needs a GITHUB_TOKEN scope the job does not grant",
	Description: "A step uses the job token for something (an action from the permission table, a gh, curl or " +
		"git command) that needs write access, or id-token: write, which the job's effective permissions block " +
		"does not grant. Missing read access is not reported: reads of a public repository succeed without it.",
	Why: "The step fails at run time with 403 or \"Resource not accessible by integration\", typically in a " +
		"release or deployment job where the failure is noticed late; the usual reaction, widening the " +
		"permissions to write-all, overprivileges the job.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-280"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 2.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke.",
		Rotate:     "Nothing to rotate.",
		Replace:    "Add exactly the missing scope to the job's permissions block (the finding proposes the minimal block).",
		References: []string{"https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions"},
	},
	Analyzer: Name,
}

func checkTokenPermissionInsufficient(d *document, r *reporter) {
	for _, jp := range d.jobPerms() {
		g := jp.grant
		if !g.known() || g.expression() {
			continue
		}
		block, snippet := proposal(jp.needs.needs, g)
		seen := map[string]bool{}
		for _, n := range jp.needs.needs {
			// Reads of a public repository succeed without the scope, and
			// the file does not say whether the repository is public.
			if n.inferred || n.access < accessWrite || g.satisfies(n) || seen[n.scope] {
				continue
			}
			seen[n.scope] = true
			has := g.of(n.scope)
			msg := fmt.Sprintf("%s needs %s for %s but the %s permissions grant %s: %s, so it will fail; minimal block: %s",
				n.step.where(d), n, n.why, g.level, n.scope, has, block)
			r.emit(d.stepAnchor(n.step.step), jobID(jp.job)+"/"+n.scope, msg,
				withReplace(r.rule, snippet), withRelated(d.loc(d.at(g.perms.Pos))))
		}
	}
}
