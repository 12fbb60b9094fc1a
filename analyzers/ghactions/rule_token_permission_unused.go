package ghactions

import (
	"fmt"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleTokenPermissionUnused = &finding.Rule{
	ID:    "gha-token-permission-unused",
	Title: "GITHUB_TOKEN permission declared but not used",
	Description: "A permissions: block grants the job token a scope (or write access) that none of the steps " +
		"it applies to needs, according to the permission table of the actions used and the gh, curl and git " +
		"commands in run: scripts. Each such scope is reported at its own line with the minimal block.",
	Why: "Every step and action of the job can use the token with all its scopes. An unused write scope is " +
		"what turns a compromised dependency or a script injection into a pushed commit, a published release " +
		"or a merged pull request.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-250"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 4.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke: the job token expires when the job ends.",
		Rotate:     "Nothing to rotate; reduce the block instead.",
		Replace:    "Declare only the scopes the job's steps use (the finding proposes the minimal block).",
		References: []string{"https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions", "https://github.com/GitHubSecurityLab/actions-permissions"},
	},
	Analyzer: Name,
}

func checkTokenPermissionUnused(d *document, r *reporter) {
	for _, jp := range d.jobPerms() {
		if jp.job.Permissions == nil || jp.grant.all != "" || !jp.needs.known() {
			continue
		}
		reportUnused(d, r, jp.job.Permissions, jp.needs.needs, jp.grant, fmt.Sprintf("job %q", jobID(jp.job)), jobID(jp.job), "no step of the job needs it")
	}
	if d.wf == nil || d.wf.Permissions == nil || d.wf.Permissions.All != nil {
		return
	}
	inh := d.inheriting()
	needs, known, _ := unionNeeds(inh)
	if len(inh) == 0 || !known {
		return // a default for jobs yet to come, or needs the unknown-needs note explains
	}
	reportUnused(d, r, d.wf.Permissions, needs, newGrant("workflow", d.wf.Permissions), "workflow", "(workflow)", "no job that inherits it needs it")
}

func reportUnused(d *document, r *reporter, p *actionlint.Permissions, needs []need, g grant, who, key, reason string) {
	block, snippet := proposal(needs, g)
	for _, s := range declaredScopes(p) {
		scope := strings.ToLower(s.Name.Value)
		declared, ok := parseAccess(s.Value.Value)
		if !ok || declared == accessNone || scope == "metadata" || !scopeAccepts(scope, declared) {
			continue
		}
		used := usedLevel(needs, scope)
		if used >= declared {
			continue
		}
		level := finding.LevelNote
		if declared == accessWrite {
			level = finding.LevelWarning
		}
		var msg string
		if used == accessNone {
			msg = fmt.Sprintf("%s declares %s: %s but %s; minimal block: %s", who, scope, declared, reason, block)
		} else {
			msg = fmt.Sprintf("%s declares %s: %s but its steps only need %s: %s; minimal block: %s", who, scope, declared, scope, used, block)
		}
		sp := span{d.str(s.Name).start, d.str(s.Value).end}
		r.emit(sp, key+"/"+scope, msg, withLevel(level), withReplace(r.rule, snippet))
	}
}
