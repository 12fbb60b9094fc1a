package ghactions

import (
	"fmt"
	"regexp"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleSecretsInherit = &finding.Rule{
	ID:    "gha-secrets-inherit",
	Title: "Reusable workflow called with secrets: inherit",
	Description: "A job calls a reusable workflow with `secrets: inherit`, which passes every secret the " +
		"caller can read (repository, organization and environment secrets) instead of the ones the called " +
		"workflow declares.",
	Why: "The called workflow, and every action it runs, receives credentials it has no use for. A compromise " +
		"or a careless log line there exposes all of them, and nobody reviewing the caller can tell which " +
		"secrets actually cross the boundary.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5, finding.NHI2},
	CWEs:             []string{"CWE-269"},
	Precision:        finding.PrecisionVeryHigh,
	SecuritySeverity: 5.0,
	Remediation: finding.Remediation{
		Revoke: "Nothing to revoke unless the called workflow is compromised; then rotate every secret the caller could read.",
		Rotate: "Rotate secrets that the called workflow never needed if it ran untrusted code.",
		Replace: "Declare the secrets the called workflow needs under on.workflow_call.secrets and pass only those:\n" +
			"  secrets:\n    DEPLOY_KEY: ${{ secrets.DEPLOY_KEY }}",
		References: []string{"https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow"},
	},
	Analyzer: Name,
}

var secretsInheritLine = regexp.MustCompile(`^\s*secrets\s*:\s*inherit\b`)

func checkSecretsInherit(d *document, r *reporter) {
	for i, j := range d.jobs {
		if j.WorkflowCall == nil || !j.WorkflowCall.InheritSecrets {
			continue
		}
		end := 1 << 30
		if i+1 < len(d.jobs) {
			end = d.jobs[i+1].Pos.Line
		}
		sp, ok := d.findLine(j.Pos.Line, end, secretsInheritLine)
		if !ok {
			sp = d.str(j.ID)
		}
		uses := ""
		if j.WorkflowCall.Uses != nil {
			uses = j.WorkflowCall.Uses.Value
		}
		r.emit(sp, jobID(j)+"/secrets",
			fmt.Sprintf("job %q passes every secret to reusable workflow %s (secrets: inherit); pass only the secrets it declares", jobID(j), uses))
	}
}

// findLine returns the trimmed extent of the first line in [from, to) that
// matches re.
func (d *document) findLine(from, to int, re *regexp.Regexp) (span, bool) {
	for n := from; n < to; n++ {
		start := d.file.LineStart(n)
		if start < 0 {
			break
		}
		line := d.file.Line(n)
		if loc := re.FindIndex(line); loc != nil {
			// Skip the indentation the pattern allows.
			s := loc[0]
			for s < loc[1] && (line[s] == ' ' || line[s] == '\t') {
				s++
			}
			return span{start + s, start + loc[1]}, true
		}
	}
	return span{}, false
}
