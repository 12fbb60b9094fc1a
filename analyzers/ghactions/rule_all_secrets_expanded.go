package ghactions

import (
	"fmt"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleAllSecretsExpanded = &finding.Rule{
	ID:    "gha-all-secrets-expanded",
	Title: "Whole secrets context expanded (toJSON(secrets))",
	Description: "An expression expands the whole `secrets` context, typically `toJSON(secrets)`, which hands " +
		"every secret the job can read to one step, action or script.",
	Why: "The step receives all repository, organization and environment secrets at once, including ones it " +
		"never uses. Anything that logs, uploads or forwards that blob leaks every credential in one go, and " +
		"GitHub's log masking only catches values it recognises verbatim.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI5, finding.NHI2},
	CWEs:             []string{"CWE-200"},
	Precision:        finding.PrecisionVeryHigh,
	SecuritySeverity: 6.0,
	Remediation: finding.Remediation{
		Revoke:     "If the expanded value was ever logged or uploaded, revoke every secret it contained.",
		Rotate:     "Rotate the secrets the receiving step did not need if it may have stored them.",
		Replace:    "Pass each secret the step needs by name:\n  env:\n    API_TOKEN: ${{ secrets.API_TOKEN }}",
		References: []string{"https://docs.zizmor.sh/audits/#overprovisioned-secrets"},
	},
	Analyzer: Name,
}

func checkAllSecretsExpanded(d *document, r *reporter) {
	seen := map[string]int{}
	for _, e := range d.fileExpressions() {
		actionlint.VisitExprNode(e.node, func(n, parent actionlint.ExprNode, entering bool) {
			if !entering || !isSecretsVar(n) {
				return
			}
			switch p := parent.(type) {
			case *actionlint.ObjectDerefNode:
				return // secrets.NAME
			case *actionlint.IndexAccessNode:
				if p.Operand == n {
					return // secrets['NAME'], secrets[matrix.name]
				}
			}
			what := "the whole secrets context"
			if f, ok := parent.(*actionlint.FuncCallNode); ok {
				what = fmt.Sprintf("%s(secrets)", f.Callee)
			}
			sp := e.tokenSpan(n, len("secrets"))
			if f, ok := parent.(*actionlint.FuncCallNode); ok {
				end := strings.Index(e.src[f.Token().Offset:], ")")
				sp = e.tokenSpan(f, max(end+1, len(f.Callee)))
			}
			key := strings.TrimSpace(e.src[:max(strings.Index(e.src, "}}"), 0)])
			seen[key]++
			r.emit(sp, fmt.Sprintf("%s#%d", key, seen[key]),
				fmt.Sprintf("expression expands %s, handing every secret the job can read to one place; pass only the secrets the step needs", what))
		})
	}
}
