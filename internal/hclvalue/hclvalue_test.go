package hclvalue

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func TestString(t *testing.T) {
	for src, want := range map[string]struct {
		s  string
		ok bool
	}{
		`"abc"`:                      {"abc", true},
		"<<EOF\nline1\nline2\nEOF\n": {"line1\nline2\n", true},
		`"${var.x}"`:                 {"", false},
		`"a-${var.x}"`:               {"", false},
		`var.x`:                      {"", false},
		`42`:                         {"", false},
		`null`:                       {"", false},
	} {
		e, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%q: %v", src, diags)
		}
		if s, ok := String(e); s != want.s || ok != want.ok {
			t.Errorf("String(%q) = %q, %v; want %q, %v", src, s, ok, want.s, want.ok)
		}
	}
}
