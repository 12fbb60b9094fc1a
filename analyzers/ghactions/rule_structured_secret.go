package ghactions

import (
	"fmt"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleStructuredSecret = &finding.Rule{
	ID:    "gha-structured-secret",
	Title: "Structured secret parsed with fromJSON",
	Description: "An expression parses a secret with `fromJSON(secrets.X)`: the secret holds several values " +
		"(a JSON credentials blob) and fields are taken out of it.",
	Why: "GitHub masks a secret in logs only as the whole stored string. Fields extracted from a JSON secret " +
		"are new strings that are not masked, so a client secret or key printed by any later step appears in " +
		"clear text in the log. Bundling several credentials in one secret also means every consumer gets all of them.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI2},
	CWEs:             []string{"CWE-532"},
	Precision:        finding.PrecisionVeryHigh,
	SecuritySeverity: 5.0,
	Remediation: finding.Remediation{
		Revoke: "If a field was ever printed, revoke that credential: search the workflow's run logs for it.",
		Rotate: "Rotate the credentials stored in the JSON secret after splitting it.",
		Replace: "Store each value as its own secret (AZURE_CLIENT_SECRET, ...) and read it by name, or better, " +
			"replace the credential with OIDC.",
		References: []string{"https://docs.zizmor.sh/audits/#unredacted-secrets"},
	},
	Analyzer: Name,
}

func checkStructuredSecret(d *document, r *reporter) {
	seen := map[string]int{}
	for _, e := range d.fileExpressions() {
		actionlint.VisitExprNode(e.node, func(n, _ actionlint.ExprNode, entering bool) {
			f, ok := n.(*actionlint.FuncCallNode)
			if !entering || !ok || !strings.EqualFold(f.Callee, "fromJSON") || len(f.Args) != 1 {
				return
			}
			name, ok := secretOperand(f.Args[0])
			if !ok {
				return
			}
			end := strings.Index(e.src[f.Token().Offset:], ")")
			sp := e.tokenSpan(f, max(end+1, len(f.Callee)))
			seen[name]++
			r.emit(sp, fmt.Sprintf("%s#%d", name, seen[name]),
				fmt.Sprintf("fromJSON(secrets.%s) extracts fields that log masking does not cover; store each value as its own secret", name))
		})
	}
}

// secretOperand recognises secrets.NAME and secrets['NAME'].
func secretOperand(n actionlint.ExprNode) (string, bool) {
	switch n := n.(type) {
	case *actionlint.ObjectDerefNode:
		if isSecretsVar(n.Receiver) {
			return strings.ToUpper(n.Property), true
		}
	case *actionlint.IndexAccessNode:
		if isSecretsVar(n.Operand) {
			if s, ok := n.Index.(*actionlint.StringNode); ok {
				return strings.ToUpper(s.Value), true
			}
			return "[...]", true
		}
	}
	return "", false
}
