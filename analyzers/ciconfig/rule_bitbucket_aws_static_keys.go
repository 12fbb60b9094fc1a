package ciconfig

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var bitbucketAWSStaticKeys = &check{
	platform: bitbucket,
	yaml:     checkBitbucketAWSStaticKeys,
	rule: &finding.Rule{
		ID:    "bitbucket-aws-static-keys",
		Title: "Bitbucket Pipelines step uses static AWS keys without OIDC",
		Description: "A step without oidc: true uses long-lived AWS keys: it passes AWS_ACCESS_KEY_ID or " +
			"AWS_SECRET_ACCESS_KEY to a pipe, references them in its script, or pulls an ECR image with " +
			"aws: access-key and secret-key. The keys live in repository, deployment or workspace variables.",
		Why: "Repository and workspace variables are handed to every step that runs, and IAM user keys stay " +
			"valid until rotated and work from anywhere. With oidc: true a step gets BITBUCKET_STEP_OIDC_TOKEN, " +
			"which AWS exchanges for role credentials that expire within the hour; the role's trust policy can " +
			"pin the workspace, repository and deployment environment.",
		Level:            finding.LevelWarning,
		Categories:       []finding.Category{finding.NHI7, finding.NHI4},
		CWEs:             []string{"CWE-798", "CWE-324"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 6.5,
		Remediation: finding.Remediation{
			Revoke: "After moving the step to OIDC, delete the AWS key variables from the repository, deployment and " +
				"workspace settings and deactivate the IAM user's access keys.",
			Rotate: "Until then, rotate the keys and scope them to deployment environments with required approvals.",
			Replace: "Add the workspace's OIDC identity provider to AWS IAM, create a role that trusts it, set oidc: true on " +
				"the step and pass AWS_OIDC_ROLE_ARN to Atlassian's AWS pipes (or use aws: oidc-role: for ECR images).",
			References: []string{
				"https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/",
				"https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/",
			},
		},
		Analyzer: Name,
	},
}

var awsKeyReference = regexp.MustCompile(`\$\{?(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)\b`)

// awsKeySignal is one sign that a step uses static AWS keys.
type awsKeySignal struct {
	start, end int
	what       string // for the message: "passes AWS_SECRET_ACCESS_KEY to pipe atlassian/aws-s3-deploy:1.6.0"
	snippet    string
}

// checkBitbucketAWSStaticKeys reports each step of the pipelines that uses
// static AWS keys and does not set oidc: true. Steps reused through anchors
// are judged once, where they are defined.
func checkBitbucketAWSStaticKeys(c *check, d *document) []analyzers.Result {
	var out []analyzers.Result
	n := 0
	judged := map[*yaml.Node]bool{}
	d.walkResolved(d.get(d.root, "pipelines"), func(m *yaml.Node, _ []*yaml.Node) bool {
		if m.Kind != yaml.MappingNode {
			return true
		}
		step := d.get(m, "step")
		if step == nil || step.Kind != yaml.MappingNode || judged[step] {
			return true
		}
		judged[step] = true
		n++
		if isTrue(d.get(step, "oidc")) {
			return true
		}
		signals := bitbucketAWSKeySignals(d, step)
		if len(signals) == 0 {
			return true
		}
		name := scalar(d.get(step, "name"))
		label := fmt.Sprintf("step %d", n)
		if name != "" {
			label = fmt.Sprintf("step %q", name)
		}
		s := signals[0]
		more := ""
		switch len(signals) {
		case 1:
		case 2:
			more = " (and in 1 more place)"
		default:
			more = fmt.Sprintf(" (and in %d more places)", len(signals)-1)
		}
		msg := fmt.Sprintf("%s %s%s without oidc: true: set oidc: true and assume an IAM role instead of using long-lived keys", label, s.what, more)
		r := nonSecret(c, d.file, s.start, s.end, fmt.Sprintf("%s/%d", cmpOr(name, "step"), n), msg)
		r.Finding.Remediation = withSnippet(c.rule, s.snippet)
		out = append(out, r)
		return true
	})
	return out
}

// bitbucketAWSKeySignals lists the places where a step uses static AWS keys.
func bitbucketAWSKeySignals(d *document, step *yaml.Node) []awsKeySignal {
	var out []awsKeySignal
	if aws := d.get(d.get(step, "image"), "aws"); aws != nil && d.get(aws, "access-key") != nil {
		start, end := d.span(aws)
		out = append(out, awsKeySignal{start, end, "pulls its image from ECR with aws: access-key and secret-key", bitbucketImageSnippet})
	}
	for _, key := range []string{"script", "after-script"} {
		for _, item := range items(d.get(step, key)) {
			item = deref(item)
			if item == nil {
				continue
			}
			if pipe := d.get(item, "pipe"); pipe != nil {
				for _, v := range d.pairs(d.get(item, "variables")) {
					if v.key.Value == "AWS_ACCESS_KEY_ID" || v.key.Value == "AWS_SECRET_ACCESS_KEY" {
						start, end := d.span(v.key)
						out = append(out, awsKeySignal{start, end, fmt.Sprintf("passes %s to pipe %s", v.key.Value, scalar(pipe)),
							bitbucketPipeSnippet(scalar(pipe))})
					}
				}
				continue
			}
			for _, s := range d.scalarsUnder(item, nil) {
				after := 0
				for _, m := range awsKeyReference.FindAllStringSubmatch(s.Value, -1) {
					start, end := d.find(s, m[0], after)
					after = end
					out = append(out, awsKeySignal{start, end, "reads $" + m[1] + " in its " + key, bitbucketScriptSnippet})
				}
			}
		}
	}
	return out
}

func cmpOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func bitbucketPipeSnippet(pipe string) string {
	return `- step:
    oidc: true
    script:
      - pipe: ` + cmpOr(pipe, "atlassian/aws-s3-deploy:1.6.0") + `
        variables:
          AWS_DEFAULT_REGION: AWS_REGION
          AWS_OIDC_ROLE_ARN: arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME
          # no AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY`
}

const bitbucketScriptSnippet = `- step:
    oidc: true
    script:
      - export AWS_ROLE_ARN=arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME
      - export AWS_WEB_IDENTITY_TOKEN_FILE="$BITBUCKET_CLONE_DIR/.aws-web-identity-token"
      - printf '%s' "$BITBUCKET_STEP_OIDC_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"
      - aws sts get-caller-identity   # the AWS CLI and SDKs now assume the role`

const bitbucketImageSnippet = `- step:
    oidc: true
    image:
      name: ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/IMAGE:TAG
      aws:
        oidc-role: arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME`
