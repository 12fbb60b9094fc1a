package ciconfig

import (
	"fmt"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var circleciLiteralSecret = &check{
	platform: circleci,
	yaml:     checkCircleCILiteralSecret,
	rule: &finding.Rule{
		ID:    "circleci-literal-secret",
		Title: "Literal credential in CircleCI config",
		Description: "A credential-named variable in an environment: map (job, executor, image or step) holds " +
			"a literal, secret-looking value, or an image's auth: password or aws_auth: secret key is written " +
			"in .circleci/config.yml instead of being read from a context or project environment variable.",
		Why: "The config file is readable by everyone who can read the repository and stays in its history. " +
			"CircleCI contexts and project environment variables keep the value out of the repository, mask it " +
			"in logs and can be restricted to security groups; for cloud access, OIDC tokens need no stored key.",
		Level:            finding.LevelError,
		Categories:       []finding.Category{finding.NHI2},
		CWEs:             []string{"CWE-798"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 8.0,
		Remediation: finding.Remediation{
			Revoke: "Revoke the credential where it was issued: it is in the repository's history.",
			Rotate: "Store the replacement in a restricted context (or a project environment variable) and reference it as $NAME.",
			Replace: "For AWS, GCP and other OIDC-capable services, use CIRCLE_OIDC_TOKEN (for AWS: aws-cli/setup with role_arn) " +
				"instead of a stored key.",
			References: []string{
				"https://circleci.com/docs/contexts/",
				"https://circleci.com/docs/set-environment-variable/",
				"https://circleci.com/docs/openid-connect-tokens/",
			},
		},
		Analyzer: Name,
	},
}

// checkCircleCILiteralSecret walks each job, command, executor and workflow
// for environment:, auth: and aws_auth: maps holding literal credentials.
func checkCircleCILiteralSecret(c *check, d *document) []analyzers.Result {
	var out []analyzers.Result
	seen := map[*yaml.Node]bool{}
	for _, part := range circleciParts(d) {
		walk(part.node, func(m *yaml.Node) bool {
			if m.Kind != yaml.MappingNode {
				return true
			}
			for i := 0; i+1 < len(m.Content); i += 2 {
				section := m.Content[i].Value
				if section != "environment" && section != "auth" && section != "aws_auth" {
					continue
				}
				for _, e := range d.pairs(m.Content[i+1]) {
					name, v := e.key.Value, deref(e.value)
					if v == nil || v.Kind != yaml.ScalarNode || seen[v] {
						continue
					}
					kind := ""
					switch section {
					case "environment":
						kind = credvalue.Kind(name)
					case "auth":
						if name == "password" {
							kind = "password"
						}
					case "aws_auth":
						if name == "aws_secret_access_key" || name == "aws_access_key_id" {
							kind = "key"
						}
					}
					if !credvalue.Literal(kind, v.Value) {
						continue
					}
					seen[v] = true
					start, end := d.span(v)
					msg := fmt.Sprintf("%s sets %s in %s: to a literal credential: revoke it and keep the replacement in a context or project environment variable",
						part.label, name, section)
					out = append(out, literalSecret(c, d.file, start, end, name, v.Value, msg))
				}
			}
			return true
		})
	}
	return out
}
