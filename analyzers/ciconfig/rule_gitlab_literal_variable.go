package ciconfig

import (
	"fmt"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var gitlabLiteralVariable = &check{
	platform: gitlab,
	yaml:     checkGitLabLiteralVariables,
	rule: &finding.Rule{
		ID:    "gitlab-literal-variable",
		Title: "Literal credential in GitLab CI variables",
		Description: "A variable whose name says it holds a credential (*_TOKEN, *_KEY, *_SECRET, *PASSWORD*, " +
			"AWS_ACCESS_KEY_ID, ...) is set to a literal, secret-looking value in the variables: of a " +
			".gitlab-ci.yml file, globally or in a job. References ($VAR, ${VAR}, $[[ inputs ]]) and " +
			"placeholders are not reported, nor are passwords of throwaway service containers (POSTGRES_PASSWORD, ...).",
		Why: "Everything in .gitlab-ci.yml is readable by anyone who can read the repository, stays in its " +
			"history forever and is copied into every fork and mirror. GitLab offers masked and protected CI/CD " +
			"variables, external secrets (secrets:) and, for cloud access, OIDC id_tokens, so a literal is never needed.",
		Level:            finding.LevelError,
		Categories:       []finding.Category{finding.NHI2},
		CWEs:             []string{"CWE-798"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 8.0,
		Remediation: finding.Remediation{
			Revoke: "Revoke the credential where it was issued: it is in the repository's history, so deleting the line does not un-leak it.",
			Rotate: "Issue a replacement and store it as a masked, protected CI/CD variable (Settings > CI/CD > Variables) " +
				"or in a secrets manager read with the secrets: keyword; reference it as $NAME.",
			Replace: "For cloud access, declare id_tokens: in the job and exchange the token for short-lived credentials " +
				"(AWS STS, GCP workload identity federation, Azure federated credentials).",
			References: []string{
				"https://docs.gitlab.com/ci/variables/",
				"https://docs.gitlab.com/ci/secrets/id_token_authentication/",
			},
		},
		Analyzer: Name,
	},
}

// checkGitLabLiteralVariables reports literal credentials in the global
// variables: and in each job's variables:. A variables block shared through
// an anchor is reported once, where it is written.
func checkGitLabLiteralVariables(c *check, d *document) []analyzers.Result {
	type block struct {
		owner string
		vars  *yaml.Node
	}
	blocks := []block{{"", d.get(d.root, "variables")}}
	for _, j := range gitlabJobs(d) {
		blocks = append(blocks, block{j.label(), d.get(j.body, "variables")})
	}
	seen := map[*yaml.Node]bool{}
	var out []analyzers.Result
	for _, b := range blocks {
		for _, e := range d.variableEntries(b.vars) {
			name, value := e.key.Value, e.value
			if seen[value] || !credvalue.Literal(credvalue.Kind(name), value.Value) {
				continue
			}
			seen[value] = true
			start, end := d.span(value)
			out = append(out, literalVariableResult(c, d, start, end, b.owner, name, value.Value))
		}
	}
	return out
}

// literalVariableResult reports one literal credential in CI variables; a
// cloud key gets the id_tokens snippet that replaces it.
func literalVariableResult(c *check, d *document, start, end int, owner, name, secret string) analyzers.Result {
	where := name + " in the global variables"
	if owner != "" {
		where = name + " in the variables of " + owner
	}
	r := literalSecret(c, d.file, start, end, name, secret, "")
	if ck, ok := cloudKeys[strings.ToUpper(name)]; ok {
		r.Finding.Message = fmt.Sprintf("%s is a literal long-lived %s key: revoke it and use id_tokens: with %s instead",
			where, strings.ToUpper(ck.Provider), ck.Alternative)
		r.Finding.Remediation = withSnippet(c.rule, gitlabIDTokenSnippet(ck.Provider, "deploy"))
		return r
	}
	r.Finding.Message = where + " is a literal credential: revoke it and store the replacement as a masked, protected CI/CD variable"
	return r
}
