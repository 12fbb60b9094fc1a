package ciconfig

import (
	"fmt"
	"regexp"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var gitlabRemovedJobJWT = &check{
	platform: gitlab,
	yaml:     checkGitLabRemovedJobJWT,
	rule: &finding.Rule{
		ID:    "gitlab-removed-ci-job-jwt",
		Title: "GitLab CI uses the removed CI_JOB_JWT variables",
		Description: "The configuration references CI_JOB_JWT, CI_JOB_JWT_V1 or CI_JOB_JWT_V2. GitLab " +
			"deprecated these predefined variables in 15.9 and removed them in 17.0; id_tokens: replaces them.",
		Why: "On GitLab 17.0 and later the variables are empty, so the job's Vault or cloud login fails, and " +
			"the usual workaround under pressure is to paste a long-lived key. The old tokens also had a fixed " +
			"audience, so any service that accepted one accepted all of them; id_tokens carry the audience you choose.",
		Level:            finding.LevelWarning,
		Categories:       []finding.Category{finding.NHI4},
		CWEs:             []string{"CWE-477"},
		Precision:        finding.PrecisionVeryHigh,
		SecuritySeverity: 4.0,
		Remediation: finding.Remediation{
			Revoke: "Nothing to revoke: the removed variables no longer carry a token.",
			Rotate: "Nothing to rotate.",
			Replace: "Declare id_tokens: in the job with the audience the receiving service expects (Vault's bound_audiences, " +
				"the cloud provider's audience) and use that variable instead; the secrets: keyword uses id_tokens for Vault automatically.",
			References: []string{
				"https://docs.gitlab.com/ci/secrets/id_token_authentication/",
				"https://docs.gitlab.com/update/deprecations/#old-versions-of-json-web-tokens-are-deprecated",
			},
		},
		Analyzer: Name,
	},
}

var removedJWT = regexp.MustCompile(`\bCI_JOB_JWT(?:_V[12])?\b`)

// checkGitLabRemovedJobJWT reports every reference to the removed variables,
// in any value of the file, naming the job (or global section) it is in.
func checkGitLabRemovedJobJWT(c *check, d *document) []analyzers.Result {
	var out []analyzers.Result
	for _, p := range d.pairs(d.root) {
		owner := "job " + p.key.Value
		if gitlabGlobalKeys[p.key.Value] {
			owner = "the global " + p.key.Value
		}
		n := 0
		walk(p.value, func(s *yaml.Node) bool {
			if s.Kind != yaml.ScalarNode {
				return true
			}
			after := 0
			for _, name := range removedJWT.FindAllString(s.Value, -1) {
				start, end := d.find(s, name, after)
				after = end
				msg := fmt.Sprintf("%s in %s was removed in GitLab 17.0 (it is empty now): declare an id_tokens: token with your audience and use it instead", name, owner)
				r := nonSecret(c, d.file, start, end, fmt.Sprintf("%s/%s/%d", p.key.Value, name, n), msg)
				r.Finding.Remediation = withSnippet(c.rule, p.key.Value+`:
  id_tokens:
    VAULT_ID_TOKEN:          # the name your script reads instead of `+name+`
      aud: https://vault.internal.invalid   # the audience the receiving service checks`)
				out = append(out, r)
				n++
			}
			return true
		})
	}
	return out
}
