package ciconfig

import (
	"context"
	"path"
	"strings"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// Name is the analyzer family name.
const Name = "ci"

// platform is a CI system, recognised from a file's path.
type platform int

const (
	notCI platform = iota
	gitlab
	circleci
	bitbucket
	azurePipelines
	jenkins
)

// platformOf recognises CI configuration files by their conventional paths.
func platformOf(rel string) platform {
	base := path.Base(rel)
	dir := "/" + path.Dir(rel) + "/"
	yml := strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")
	switch {
	case base == ".gitlab-ci.yml" || base == ".gitlab-ci.yaml" || strings.HasSuffix(base, ".gitlab-ci.yml"),
		yml && strings.Contains(dir, "/.gitlab/ci/"):
		return gitlab
	case yml && strings.HasSuffix(dir, "/.circleci/"):
		return circleci
	case base == "bitbucket-pipelines.yml" || base == "bitbucket-pipelines.yaml":
		return bitbucket
	case yml && (strings.HasPrefix(base, "azure-pipelines") || strings.Contains(dir, "/.azure-pipelines/")):
		return azurePipelines
	case base == "Jenkinsfile", strings.HasSuffix(strings.ToLower(base), ".jenkinsfile"),
		strings.HasPrefix(base, "Jenkinsfile.") && !strings.HasSuffix(base, ".md"):
		return jenkins
	}
	return notCI
}

// check is one rule: its documentation and the function that applies it to
// a file of its platform. YAML platforms get parsed documents; Jenkinsfiles
// (Groovy) get the raw file.
type check struct {
	rule     *finding.Rule
	platform platform
	yaml     func(c *check, d *document) []analyzers.Result
	text     func(c *check, f *analyzers.File) []analyzers.Result
}

// checks lists every rule of the family; each is defined in its rule_*.go file.
var checks = []*check{
	gitlabLiteralVariable,
	gitlabStaticCloudKeys,
	gitlabRemovedJobJWT,
	circleciAWSCLIStaticKeys,
	circleciLiteralSecret,
	bitbucketAWSStaticKeys,
	azureSPNSecret,
	azureLiteralVariable,
	jenkinsLiteralEnvironment,
}

// Analyzer checks CI configuration for long-lived credentials where the CI
// system offers short-lived ones, and for literal secrets in configuration.
// It holds no state, so one Analyzer serves any number of goroutines.
type Analyzer struct{}

// New returns the CI-configuration analyzer.
func New() *Analyzer { return &Analyzer{} }

// Name implements analyzers.Analyzer.
func (*Analyzer) Name() string { return Name }

// Rules implements analyzers.Analyzer.
func (*Analyzer) Rules() []*finding.Rule {
	out := make([]*finding.Rule, len(checks))
	for i, c := range checks {
		out[i] = c.rule
	}
	return out
}

// Wants implements analyzers.Analyzer.
func (*Analyzer) Wants(rel string) bool { return platformOf(rel) != notCI }

// Analyze implements analyzers.Analyzer. The platform comes from f.Rel, the
// path Wants saw. A file that is not valid YAML is an error (the engine
// records it as skipped); so is one whose anchors expand beyond the budget.
func (*Analyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	p := platformOf(f.Rel)
	if p == notCI || len(f.Content) == 0 {
		return nil, nil
	}
	var results []analyzers.Result
	if p == jenkins {
		for _, c := range checks {
			if c.platform == p {
				results = append(results, c.text(c, f)...)
			}
		}
		return results, nil
	}
	docs, err := parseDocuments(f)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		for _, c := range checks {
			if c.platform != p {
				continue
			}
			results = append(results, c.yaml(c, d)...)
			if d.budget.err != nil {
				return nil, d.budget.err
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return results, nil
}

// nonSecret builds the result of a structural finding: no evidence, a
// fingerprint from the rule, the path and a stable key.
func nonSecret(c *check, f *analyzers.File, start, end int, key, msg string) analyzers.Result {
	return analyzers.Result{Finding: finding.Finding{
		RuleID:      c.rule.ID,
		Location:    f.Location(start, end),
		Message:     msg,
		Fingerprint: finding.KeyFingerprint(c.rule.ID, f.Path, key),
	}}
}

// literalSecret builds the result of a literal credential assigned to name,
// with the evidence the engine needs for allowlists.
func literalSecret(c *check, f *analyzers.File, start, end int, name, secret, msg string) analyzers.Result {
	cred := literalCredentialOf(c.rule.ID, name, secret)
	return analyzers.Result{
		Finding: finding.Finding{
			RuleID:      c.rule.ID,
			Location:    f.Location(start, end),
			Message:     msg,
			Fingerprint: cred.Fingerprint,
			Credential:  cred,
		},
		Evidence: analyzers.NewEvidence(secret, string(f.Content[start:end]), lineText(f, start)),
	}
}

// withSnippet returns the rule's remediation with a configuration snippet
// appended to its Replace advice, for findings that can say exactly what to
// write instead.
func withSnippet(r *finding.Rule, snippet string) finding.Remediation {
	rem := r.Remediation
	rem.References = append([]string(nil), rem.References...)
	rem.Replace = strings.TrimSpace(rem.Replace + "\n\n" + strings.TrimSpace(snippet))
	return rem
}
