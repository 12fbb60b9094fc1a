package ghactions

import (
	"fmt"
	"regexp"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleTokenPermissionsMissing = &finding.Rule{
	ID:    "gha-token-permissions-missing",
	Title: "No permissions block: the job token gets the repository default",
	Description: "Neither the workflow nor the job declares permissions:, so the job token receives the " +
		"repository's or organization's default scopes, which the file cannot show: read and write on every " +
		"scope for repositories and organizations created before February 2023 unless changed.",
	Why: "What the token may do then depends on a setting outside the repository and changes silently when " +
		"that setting changes or the workflow is copied elsewhere. With the permissive default every action " +
		"in the job can push, release and merge.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-250"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 5.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke: the job token expires when the job ends.",
		Rotate:     "Nothing to rotate; declare the permissions.",
		Replace:    "Add `permissions: {}` at the top of the workflow and a minimal block per job (the finding proposes them).",
		References: []string{"https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token"},
	},
	Analyzer: Name,
}

var jobsKeyLine = regexp.MustCompile(`^jobs\s*:`)

func checkTokenPermissionsMissing(d *document, r *reporter) {
	if d.composite || d.wf == nil || d.wf.Permissions != nil || d.isWorkflowCallOnly() {
		return // a reusable workflow runs with its caller's token
	}
	jps := d.jobPerms()
	var lacking []jobPerm
	for _, jp := range jps {
		if jp.job.Permissions == nil {
			lacking = append(lacking, jp)
		}
	}
	if len(lacking) == 0 {
		return
	}
	const def = "the repository default, which this file cannot show"
	if len(lacking) == len(jps) {
		sp, ok := d.findLine(1, 1<<30, jobsKeyLine)
		if !ok {
			sp = d.str(lacking[0].job.ID)
		}
		needs, known, unknown := unionNeeds(lacking)
		var msg, snippet string
		switch {
		case !known:
			msg = fmt.Sprintf("workflow declares no permissions, so its jobs get %s; the minimal block cannot be computed (%s)", def, unknown)
			snippet = jobBlocksSnippet(lacking)
		case len(lacking) == 1:
			var block string
			block, snippet = proposal(needs, grant{})
			msg = fmt.Sprintf("workflow declares no permissions, so its job gets %s; minimal block: %s", def, block)
		default:
			block, _ := proposal(needs, grant{})
			msg = fmt.Sprintf("workflow declares no permissions, so its jobs get %s; minimal workflow block: %s", def, block)
			snippet = jobBlocksSnippet(lacking)
		}
		r.emit(sp, "(workflow)", msg, withReplace(r.rule, snippet))
		return
	}
	for _, jp := range lacking {
		var msg, snippet string
		if jp.needs.known() {
			var block string
			block, snippet = proposal(jp.needs.needs, grant{})
			msg = fmt.Sprintf("job %q declares no permissions and the workflow none, so it gets %s; minimal block: %s", jobID(jp.job), def, block)
		} else {
			msg = fmt.Sprintf("job %q declares no permissions and the workflow none, so it gets %s; its needs cannot be computed (%s)", jobID(jp.job), def, jp.needs.unknown)
			snippet = jobBlocksSnippet([]jobPerm{jp})
		}
		r.emit(d.str(jp.job.ID), jobID(jp.job), msg, withReplace(r.rule, snippet))
	}
}
