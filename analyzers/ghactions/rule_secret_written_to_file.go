package ghactions

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleSecretWrittenToFile = &finding.Rule{
	ID:    "gha-secret-written-to-file",
	Title: "Secret written to a file that is not removed",
	Description: "A run: script writes a secret into a file (> .npmrc, >> ~/.netrc, tee, a here-document) and " +
		"no later command of the job removes it.",
	Why: "The file outlives the step: every later step and action of the job can read it, an upload-artifact " +
		"of the workspace or a cache save can publish it, and on self-hosted runners it can survive the job. " +
		"Credential files in the workspace are a common source of leaked registry and git tokens.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI2},
	CWEs:             []string{"CWE-312"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 5.5,
	Remediation: finding.Remediation{
		Revoke: "If the workspace or home directory was uploaded as an artifact or cache, revoke the secret.",
		Rotate: "Rotate the secret if the runner is self-hosted and not ephemeral.",
		Replace: "Pass the secret through the environment to the tool that reads it (npm reads ${NODE_AUTH_TOKEN} " +
			"from an .npmrc that holds only the variable name), write it under $RUNNER_TEMP, and remove the file in " +
			"a final step with if: always().",
		References: []string{
			"https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions",
		},
	},
	Analyzer: Name,
}

// streamTargets are files the runner owns; writing to them is not storing.
var streamTargets = []string{"/dev/null", "/dev/stdout", "/dev/stderr", "$GITHUB_OUTPUT", "${GITHUB_OUTPUT}",
	"$GITHUB_ENV", "${GITHUB_ENV}", "$GITHUB_STEP_SUMMARY", "${GITHUB_STEP_SUMMARY}", "$GITHUB_PATH", "${GITHUB_PATH}",
	"$env:GITHUB_OUTPUT", "$env:GITHUB_ENV"}

func checkSecretWrittenToFile(d *document, r *reporter) {
	for _, j := range d.jobs {
		steps := jobSteps(j)
		for si, s := range steps {
			run, ok := runOf(s.step)
			if !ok {
				continue
			}
			secretVars := d.secretVars(d.effectiveEnv(j, s.step))
			cmds := parseScript(run.Value)
			for ci, c := range cmds {
				target, text := c.redirect, c.text+"\n"+c.heredoc
				if strings.EqualFold(c.name(), "tee") && ci > 0 && cmds[ci-1].piped {
					if args := c.args(); len(args) > 1 {
						target = args[len(args)-1]
					}
					text = cmds[ci-1].text + "\n" + cmds[ci-1].heredoc
				}
				if target == "" || slices.Contains(streamTargets, target) {
					continue
				}
				written := d.secretsInText(text, secretVars)
				if len(written) == 0 || removedLater(target, cmds[ci+1:], steps[si+1:]) {
					continue
				}
				r.emit(d.scriptLine(run, c.line, c.text), fmt.Sprintf("%s/write#%s", s.key(), target),
					fmt.Sprintf("%s writes %s to %s and no later step removes the file", s.where(d), secretList(written), target))
			}
		}
	}
}

// removedLater reports whether a later command of the same script or of a
// later step removes the file (rm, shred, Remove-Item naming its base name).
func removedLater(target string, rest []shellCommand, later []stepRef) bool {
	base := path.Base(strings.Trim(target, `"'`))
	removes := func(c shellCommand) bool {
		switch strings.ToLower(c.name()) {
		case "rm", "shred", "remove-item", "unlink", "del":
			for _, a := range c.args()[1:] {
				if path.Base(a) == base || strings.HasSuffix(a, base) {
					return true
				}
			}
		}
		return false
	}
	if slices.ContainsFunc(rest, removes) {
		return true
	}
	for _, s := range later {
		if run, ok := runOf(s.step); ok && slices.ContainsFunc(parseScript(run.Value), removes) {
			return true
		}
	}
	return false
}
