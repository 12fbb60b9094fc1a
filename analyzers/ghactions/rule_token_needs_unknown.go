package ghactions

import (
	"fmt"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleTokenNeedsUnknown = &finding.Rule{
	ID:    "gha-token-needs-unknown",
	Title: "Job token permissions cannot be checked against use",
	Description: "A job grants its token permissions, but one of its steps uses an action that is not in the " +
		"permission table, a local action, a reusable workflow, or a command that receives the token in a way " +
		"the analyzer cannot map, so whether the block is minimal cannot be computed. One note per job names " +
		"the first such step.",
	Why: "Unused scopes are not reported for such jobs rather than guessed. The note says where a human " +
		"review, or GitHub Security Lab's actions-permissions monitor, is needed.",
	Level:            finding.LevelNote,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-250"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 1.0,
	Remediation: finding.Remediation{
		Revoke:     "Nothing to revoke.",
		Rotate:     "Nothing to rotate.",
		Replace:    "Check the step's documentation for the scopes it needs, or run the job once with GitHubSecurityLab/actions-permissions/monitor to record them.",
		References: []string{"https://github.com/GitHubSecurityLab/actions-permissions"},
	},
	Analyzer: Name,
}

func checkTokenNeedsUnknown(d *document, r *reporter) {
	for _, jp := range d.jobPerms() {
		if jp.needs.known() || !jp.grant.known() || !grantsAnything(jp.grant) {
			continue
		}
		r.emit(jp.needs.unknownAt, jobID(jp.job),
			fmt.Sprintf("job %q: unused permissions cannot be computed because %s", jobID(jp.job), jp.needs.unknown))
	}
}

func grantsAnything(g grant) bool {
	if g.all != "" {
		return true
	}
	for _, a := range g.scopes {
		if a > accessNone {
			return true
		}
	}
	return false
}
