package ghactions

import (
	"context"
	"path"
	"slices"
	"strings"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// Name is the analyzer family name.
const Name = "gha"

// check is one rule's documentation and the function that applies it.
type check struct {
	rule *finding.Rule
	run  func(d *document, r *reporter)
}

// checks lists every rule of the family. A new rule is one rule_*.go file
// and one line here.
var checks = []check{
	{ruleLongLivedCloudCredentials, checkLongLivedCloudCredentials},
	{rulePublishWithLongLivedToken, checkPublishWithLongLivedToken},
	{ruleSecretsInherit, checkSecretsInherit},
	{ruleAllSecretsExpanded, checkAllSecretsExpanded},
	{ruleStructuredSecret, checkStructuredSecret},
	{ruleSecretInWorkflowEnv, checkSecretInWorkflowEnv},
	{ruleSecretToUnpinnedAction, checkSecretToUnpinnedAction},
	{ruleSecretsWithUntrustedCheckout, checkSecretsWithUntrustedCheckout},
	{ruleSecretPrinted, checkSecretPrinted},
	{ruleSecretWrittenToFile, checkSecretWrittenToFile},
	{ruleLiteralCredential, checkLiteralCredential},
	{ruleTokenPermissionUnused, checkTokenPermissionUnused},
	{ruleTokenPermissionsAll, checkTokenPermissionsAll},
	{ruleTokenPermissionsMissing, checkTokenPermissionsMissing},
	{ruleTokenPermissionInsufficient, checkTokenPermissionInsufficient},
	{ruleTokenNeedsUnknown, checkTokenNeedsUnknown},
}

// Analyzer checks GitHub Actions workflows and action metadata. It holds no
// per-scan state, so one value serves many goroutines.
type Analyzer struct{}

// New returns the analyzer. The action knowledge table is embedded and
// checked by tests, so construction cannot fail.
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

// Wants implements analyzers.Analyzer: workflow files directly under
// .github/workflows, and action.yml or action.yaml in any directory.
func (*Analyzer) Wants(rel string) bool {
	return kindOf(rel) != kindNone
}

func kindOf(rel string) docKind {
	rel = strings.TrimPrefix(rel, "./")
	base := path.Base(rel)
	ext := path.Ext(base)
	if ext != ".yml" && ext != ".yaml" {
		return kindNone
	}
	if strings.TrimSuffix(base, ext) == "action" {
		return kindAction
	}
	if dir := path.Dir(rel); dir == ".github/workflows" || strings.HasSuffix(dir, "/.github/workflows") {
		return kindWorkflow
	}
	return kindNone
}

// Analyze implements analyzers.Analyzer. A file that is not valid YAML, or
// whose aliases expand too far, is an error (the engine records a skip).
func (*Analyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	kind := kindOf(f.Rel)
	if kind == kindNone {
		kind = kindOf(f.Path)
	}
	d, err := parseDocument(f, kind)
	if err != nil || d == nil {
		return nil, err
	}
	r := &reporter{doc: d}
	for _, c := range checks {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		r.rule = c.rule
		c.run(d, r)
	}
	slices.SortStableFunc(r.results, func(a, b analyzers.Result) int { return finding.Compare(a.Finding, b.Finding) })
	return r.results, nil
}
