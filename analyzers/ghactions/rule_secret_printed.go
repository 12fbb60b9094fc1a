package ghactions

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleSecretPrinted = &finding.Rule{
	ID:    "gha-secret-printed",
	Title: "Secret printed to the build log",
	Description: "A run: script echoes a secret (echo or printf of a variable set from a secret, or of " +
		"${{ secrets.X }} written inline), or enables shell tracing (set -x) in a step whose environment " +
		"holds secrets.",
	Why: "Build logs are readable by everyone with read access to the repository, which for public repositories " +
		"is everyone. GitHub masks a secret only when it appears verbatim; a value that is transformed, split " +
		"over lines, base64-encoded or derived (a field of a JSON secret) is printed in clear. set -x prints every " +
		"command with its expanded arguments.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2},
	CWEs:             []string{"CWE-532"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 7.0,
	Remediation: finding.Remediation{
		Revoke: "Check the workflow's run logs: if the value appears unmasked, revoke it and delete the logs.",
		Rotate: "Rotate the secret after removing the print, since old logs may keep it for the retention period.",
		Replace: "Pass the secret to the command that needs it through the environment or standard input " +
			"(printf '%s' \"$TOKEN\" | tool login --password-stdin), never to echo; remove set -x from steps with secrets.",
		References: []string{
			"https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow",
		},
	},
	Analyzer: Name,
}

var printCommands = map[string]bool{"echo": true, "printf": true, "write-host": true, "write-output": true, "print": true}

func checkSecretPrinted(d *document, r *reporter) {
	for _, s := range d.steps() {
		run, ok := runOf(s.step)
		if !ok {
			continue
		}
		env := d.effectiveEnv(s.job, s.step)
		secretVars := d.secretVars(env)
		for _, c := range parseScript(run.Value) {
			name := strings.ToLower(c.name())
			switch {
			case printCommands[name]:
				if c.piped || c.redirect != "" || strings.Contains(c.text, "::add-mask::") {
					continue // into a command's stdin or a file, not the log
				}
				printed := d.secretsInText(c.text, secretVars)
				if len(printed) == 0 {
					continue
				}
				r.emit(d.scriptLine(run, c.line, c.text), fmt.Sprintf("%s/%s#%d", s.key(), name, c.line),
					fmt.Sprintf("%s prints %s to the build log with %s", s.where(d), secretList(printed), name))
			case name == "set" && tracing(c.args()[1:]) && len(secretVars) > 0:
				names := make([]string, 0, len(secretVars))
				for v := range secretVars {
					names = append(names, v)
				}
				sort.Strings(names)
				r.emit(d.scriptLine(run, c.line, c.text), fmt.Sprintf("%s/set-x#%d", s.key(), c.line),
					fmt.Sprintf("%s enables shell tracing (set -x) while %s from secrets; traced commands print their expanded values", s.where(d), varList(names)))
			}
		}
	}
}

// tracing reports set arguments that turn on xtrace: -x, -eux, -o xtrace.
func tracing(args []string) bool {
	for i, a := range args {
		if a == "-o" && i+1 < len(args) && args[i+1] == "xtrace" {
			return true
		}
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "x") {
			return true
		}
	}
	return false
}

// secretVars maps the environment variables set from secrets to the secrets.
func (d *document) secretVars(env map[string]envVar) map[string][]string {
	out := map[string][]string{}
	for name, v := range env {
		if s := d.secretsIn(v.value); len(s) > 0 {
			out[name] = s
		}
	}
	return out
}

// secretsInText returns the secrets a piece of script expands: inline
// ${{ secrets.X }} and variables set from secrets.
func (d *document) secretsInText(text string, secretVars map[string][]string) []string {
	out := secretNames(text)
	for _, v := range shellVars(text) {
		if s, ok := secretVars[v]; ok {
			out = appendNew(out, s...)
		}
	}
	return out
}

func varList(names []string) string {
	if len(names) == 1 {
		return names[0] + " is set"
	}
	return strings.Join(names, ", ") + " are set"
}
