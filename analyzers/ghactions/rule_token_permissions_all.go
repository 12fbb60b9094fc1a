package ghactions

import (
	"fmt"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleTokenPermissionsAll = &finding.Rule{
	ID:    "gha-token-permissions-all",
	Title: "GITHUB_TOKEN granted write-all or read-all",
	Description: "A workflow or job sets `permissions: write-all` or `permissions: read-all`, granting the job " +
		"token every scope instead of the ones its steps use.",
	Why: "write-all lets any step push code, publish packages, approve and merge pull requests and change " +
		"workflow runs; read-all exposes security alerts, deployments and packages to every action. Neither " +
		"says what the job needs, so reviewers cannot see when a new step starts using more.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-250"},
	Precision:        finding.PrecisionVeryHigh,
	SecuritySeverity: 6.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke: the job token expires when the job ends.",
		Rotate:     "Nothing to rotate; replace the blanket grant.",
		Replace:    "List the scopes the job needs (the finding proposes the minimal block).",
		References: []string{"https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#defining-access-for-the-github_token-scopes"},
	},
	Analyzer: Name,
}

func checkTokenPermissionsAll(d *document, r *reporter) {
	if d.composite {
		return
	}
	report := func(g grant, who, key string, jps []jobPerm) {
		if g.all != "read-all" && g.all != "write-all" {
			return
		}
		level := finding.LevelWarning
		if g.all == "read-all" {
			level = finding.LevelNote
		}
		needs, known, unknown := unionNeeds(jps)
		var msg, snippet string
		if known {
			var block string
			block, snippet = proposal(needs, grant{})
			msg = fmt.Sprintf("%s grants the job token %s; minimal block: %s", who, g.all, block)
		} else {
			msg = fmt.Sprintf("%s grants the job token %s; the minimal block cannot be computed (%s)", who, g.all, unknown)
			snippet = jobBlocksSnippet(jps)
		}
		r.emit(d.str(g.perms.All), key, msg, withLevel(level), withReplace(r.rule, snippet))
	}
	if d.wf != nil && d.wf.Permissions != nil {
		report(newGrant("workflow", d.wf.Permissions), "workflow", "(workflow)", d.inheriting())
	}
	for _, jp := range d.jobPerms() {
		if jp.job.Permissions != nil {
			report(jp.grant, fmt.Sprintf("job %q", jobID(jp.job)), jobID(jp.job), []jobPerm{jp})
		}
	}
}
