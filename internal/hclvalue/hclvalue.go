// Package hclvalue reads literal values out of HCL (Terraform) syntax
// without evaluating anything, for the analyzers that read Terraform.
package hclvalue

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// String returns the value of an expression that is a string written out
// in full ("abc", or a heredoc without interpolation), and whether it is
// one. An interpolation ("${x}", "a-${x}") is not.
func String(e hclsyntax.Expression) (string, bool) {
	switch e := e.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return String(e.Wrapped)
	case *hclsyntax.TemplateExpr:
		var b strings.Builder
		for _, p := range e.Parts {
			s, ok := String(p)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	case *hclsyntax.LiteralValueExpr:
		if e.Val.IsKnown() && !e.Val.IsNull() && e.Val.Type() == cty.String {
			return e.Val.AsString(), true
		}
	}
	return "", false
}
