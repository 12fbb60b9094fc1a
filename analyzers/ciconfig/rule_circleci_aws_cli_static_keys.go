package ciconfig

import (
	"fmt"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var circleciAWSCLIStaticKeys = &check{
	platform: circleci,
	yaml:     checkCircleCIAWSCLIStaticKeys,
	rule: &finding.Rule{
		ID:    "circleci-aws-cli-static-keys",
		Title: "CircleCI aws-cli orb set up with static keys instead of OIDC",
		Description: "A step runs the circleci/aws-cli orb's setup command without role_arn. The orb then " +
			"configures the AWS CLI from aws_access_key_id and aws_secret_access_key, whose defaults are the " +
			"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables: long-lived IAM user keys kept " +
			"in a context or in project settings, which the config file cannot show.",
		Why: "IAM user keys stay valid until someone rotates them and work from anywhere. With role_arn the orb " +
			"exchanges CircleCI's per-job OIDC token (CIRCLE_OIDC_TOKEN) for role credentials that expire within " +
			"the hour, and the role's trust policy can pin the organization, project and context.",
		Level:            finding.LevelWarning,
		Categories:       []finding.Category{finding.NHI7, finding.NHI4},
		CWEs:             []string{"CWE-798", "CWE-324"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 6.5,
		Remediation: finding.Remediation{
			Revoke: "After switching to role_arn, delete AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the contexts " +
				"and project settings that hold them, and deactivate the IAM user's access keys.",
			Rotate: "Until then, rotate the IAM user's keys and restrict the context to the projects and groups that need it.",
			Replace: "Create an IAM OIDC identity provider for https://oidc.circleci.com/org/ORG_ID and a role that trusts it, " +
				"then pass role_arn to aws-cli/setup.",
			References: []string{
				"https://circleci.com/docs/openid-connect-tokens/",
				"https://circleci.com/developer/orbs/orb/circleci/aws-cli",
			},
		},
		Analyzer: Name,
	},
}

// checkCircleCIAWSCLIStaticKeys reports each aws-cli/setup invocation
// (as a step, or inside another orb's auth: parameter) without role_arn.
func checkCircleCIAWSCLIStaticKeys(c *check, d *document) []analyzers.Result {
	aliases := awsCLIOrbAliases(d)
	if len(aliases) == 0 {
		return nil
	}
	isSetup := func(s string) bool {
		alias, cmd, ok := strings.Cut(s, "/")
		return ok && cmd == "setup" && aliases[alias]
	}
	var out []analyzers.Result
	for _, part := range circleciParts(d) {
		n := 0
		report := func(key, params *yaml.Node) {
			if d.get(params, "role_arn") != nil || d.get(params, "role-arn") != nil {
				return
			}
			idVar := keyVariable(d, params, "aws_access_key_id", "aws-access-key-id", "AWS_ACCESS_KEY_ID")
			secretVar := keyVariable(d, params, "aws_secret_access_key", "aws-secret-access-key", "AWS_SECRET_ACCESS_KEY")
			msg := fmt.Sprintf("%s runs %s without role_arn, so the AWS CLI uses static keys from %s and %s "+
				"(kept in a context or project settings this file cannot show): set role_arn to use CircleCI's OIDC token",
				part.label, key.Value, idVar, secretVar)
			start, end := d.span(key)
			r := nonSecret(c, d.file, start, end, fmt.Sprintf("%s/%s/%d", part.label, key.Value, n), msg)
			r.Finding.Remediation = withSnippet(c.rule, `steps:
  - `+key.Value+`:
      role_arn: arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME
      role_session_name: circleci-${CIRCLE_BUILD_NUM}
      region: AWS_REGION`)
			out = append(out, r)
			n++
		}
		walk(part.node, func(x *yaml.Node) bool {
			switch x.Kind {
			case yaml.SequenceNode:
				for _, it := range x.Content {
					if it.Kind == yaml.ScalarNode && isSetup(it.Value) {
						report(it, nil)
					}
				}
			case yaml.MappingNode:
				for i := 0; i+1 < len(x.Content); i += 2 {
					if k := x.Content[i]; k.Kind == yaml.ScalarNode && isSetup(k.Value) {
						report(k, deref(x.Content[i+1]))
					}
				}
			}
			return true
		})
	}
	return out
}

// keyVariable names where the orb reads a key from: the parameter's value
// as written ($NAME, ${NAME} or, in orb versions before 4, a bare variable
// name), or the orb's default variable. A literal value is not echoed.
func keyVariable(d *document, params *yaml.Node, name, oldName, def string) string {
	v := d.get(params, name)
	if v == nil {
		v = d.get(params, oldName)
	}
	s := strings.TrimSpace(scalar(v))
	switch {
	case s == "":
		return "$" + def
	case credvalue.IsReference(s):
		return s
	case isEnvName(s):
		return "$" + s
	}
	return "a literal " + name
}

func isEnvName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}
