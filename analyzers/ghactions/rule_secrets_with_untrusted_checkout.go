package ghactions

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleSecretsWithUntrustedCheckout = &finding.Rule{
	ID:    "gha-secrets-with-untrusted-checkout",
	Title: "Secrets reachable by pull request code in a privileged trigger",
	Description: "A job of a pull_request_target or workflow_run workflow checks out the pull request's head " +
		"(actions/checkout with ref: github.event.pull_request.head.sha or similar) while secrets, or the " +
		"job token persisted by checkout, are available to the job.",
	Why: "These triggers run in the context of the base repository, with its secrets and a write token, even " +
		"for pull requests from forks. Once the fork's code is checked out, any build script, test or package " +
		"install hook it contains runs with those credentials and can send them anywhere (\"pwn request\").",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2, finding.NHI8},
	CWEs:             []string{"CWE-829", "CWE-200"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 8.5,
	Remediation: finding.Remediation{
		Revoke: "If the workflow ever ran on a pull request from an untrusted fork, revoke the secrets the job could read.",
		Rotate: "Rotate those secrets and review the workflow's run history for unexpected pull requests.",
		Replace: "Build untrusted code in a pull_request workflow without secrets, and move the privileged part to a " +
			"separate job that only consumes its artifacts; if the checkout must stay, set persist-credentials: false " +
			"and give that job no secrets and `permissions: {}`.",
		References: []string{
			"https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/",
			"https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target",
		},
	},
	Analyzer: Name,
}

// untrustedRef matches checkout refs that resolve to the pull request's code.
var untrustedRef = regexp.MustCompile(`(?i)github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.pull_request\.merge_commit_sha|github\.event\.workflow_run\.head_(sha|branch)|refs/pull/`)

func checkSecretsWithUntrustedCheckout(d *document, r *reporter) {
	if d.composite || !d.triggeredBy("pull_request_target", "workflow_run") {
		return
	}
	for _, j := range d.jobs {
		for _, s := range jobSteps(j) {
			a, ref, ok := actionOf(s.step)
			if !ok || !ref.is("actions/checkout") {
				continue
			}
			refIn := input(a, "ref")
			if refIn == nil || !untrustedRef.MatchString(refIn.Value) {
				continue
			}
			secrets := d.jobSecrets(j)
			persisted := true
			if p := input(a, "persist-credentials"); p != nil && strings.EqualFold(strings.TrimSpace(p.Value), "false") {
				persisted = false
			}
			var exposed string
			switch {
			case len(secrets) > 0 && persisted:
				exposed = secretList(secrets) + " and the job token persisted by checkout are"
			case len(secrets) > 0:
				exposed = secretList(secrets) + " are"
				if len(secrets) == 1 {
					exposed = secretList(secrets) + " is"
				}
			case persisted:
				exposed = "the job token persisted by checkout (persist-credentials is not false) is"
			default:
				continue
			}
			r.emit(d.str(inputKey(a, "ref")), s.key()+"/ref",
				fmt.Sprintf("job %q checks out pull request code in a %s workflow while %s readable by that code", jobID(j), d.privilegedTrigger(), exposed))
		}
	}
}

// jobSecrets lists the secrets a job reads anywhere: workflow and job env,
// step inputs, env and scripts, reusable-workflow secrets.
func (d *document) jobSecrets(j *actionlint.Job) []string {
	var out []string
	for _, b := range [][]envVar{envOf(d.wf.Env, "workflow"), envOf(j.Env, "job")} {
		for _, v := range b {
			out = appendNew(out, d.secretsIn(v.value)...)
		}
	}
	for _, s := range jobSteps(j) {
		for _, v := range envOf(s.step.Env, "step") {
			out = appendNew(out, d.secretsIn(v.value)...)
		}
		if a, _, ok := actionOf(s.step); ok {
			for _, in := range sortedInputs(a) {
				out = appendNew(out, d.secretsIn(in.Value)...)
			}
		}
		if run, ok := runOf(s.step); ok {
			out = appendNew(out, d.secretsIn(run)...)
		}
	}
	return out
}

func (d *document) privilegedTrigger() string {
	if d.triggeredBy("pull_request_target") {
		return "pull_request_target"
	}
	return "workflow_run"
}
