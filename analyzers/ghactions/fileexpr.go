package ghactions

import (
	"bytes"
	"strings"

	"github.com/rhysd/actionlint"
)

// fileExpr is a ${{ }} expression found in the raw file text.
type fileExpr struct {
	start int    // byte offset of the text after "${{"
	src   string // from after "${{" to the end of the line
	node  actionlint.ExprNode
}

// fileExpressions parses every ${{ }} of the file that is not in a comment.
// Reading the text rather than the tree finds expressions in every key
// (env, with, run, if, secrets of reusable calls, container settings) with
// exact positions.
func (d *document) fileExpressions() []fileExpr {
	var out []fileExpr
	for n := 1; ; n++ {
		start := d.file.LineStart(n)
		if start < 0 {
			break
		}
		line := d.file.Line(n)
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] == '#' {
			continue
		}
		for i := 0; ; {
			j := bytes.Index(line[i:], []byte("${{"))
			if j < 0 {
				break
			}
			i += j + 3
			src := string(line[i:])
			if !strings.Contains(src, "}}") {
				break
			}
			if node, ok := parseExpr(src); ok {
				out = append(out, fileExpr{start: start + i, src: src, node: node})
			}
		}
	}
	return out
}

// tokenSpan spans a node's first token inside a file expression.
func (e fileExpr) tokenSpan(n actionlint.ExprNode, width int) span {
	t := n.Token()
	if t == nil {
		return span{e.start, e.start}
	}
	return span{e.start + t.Offset, e.start + t.Offset + width}
}

// isSecretsVar reports the bare secrets context.
func isSecretsVar(n actionlint.ExprNode) bool {
	v, ok := n.(*actionlint.VariableNode)
	return ok && strings.EqualFold(v.Name, "secrets")
}
