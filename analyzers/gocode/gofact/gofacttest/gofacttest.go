// Package gofacttest checks the facts of a gocode pass against a golden file.
package gofacttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/internal/usage"
)

// TestData returns the absolute path of analyzers/gocode/testdata, the
// GOPATH-style tree that every pass test loads: its src holds one stub of
// each SDK the passes know (the stubs with a go.mod double as the module
// replacements of the extractor's and the identity analyzer's test
// projects) and, under src/<pass>, each pass's test packages. The path is
// found from the working directory of a pass test, which go test sets to
// analyzers/gocode/passes/<pass>.
func TestData(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "src")); err != nil {
		t.Fatalf("shared pass test data: %v (TestData must be called from a test in analyzers/gocode/passes/<pass>)", err)
	}
	return dir
}

// Golden renders the facts and unmapped calls of results, one a line, and
// compares them with the golden file, rewriting it when update is set.
func Golden(t *testing.T, results []*analysistest.Result, golden string, update bool) {
	t.Helper()
	var b strings.Builder
	for _, r := range results {
		res, ok := r.Action.Result.(*gofact.Result)
		if !ok {
			t.Fatalf("%s: result is %T, want *gofact.Result", r.Action, r.Action.Result)
		}
		for _, f := range res.Facts {
			// Base names: golden files must not depend on where the test runs.
			f.Path = filepath.Base(f.Path)
			b.WriteString(Line(f))
			b.WriteByte('\n')
		}
		for _, u := range res.Unmapped {
			fmt.Fprintf(&b, "unmapped %s\n", u)
		}
	}
	got := b.String()
	if update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("facts differ from %s (run go test -update to accept):\n--- got\n%s--- want\n%s", golden, got, want)
	}
}

// Line renders one fact with every field an extractor sets.
func Line(f usage.Fact) string {
	var fields []string
	add := func(k, v string) {
		if v != "" {
			fields = append(fields, k+"="+v)
		}
	}
	add("provider", f.Provider)
	add("ref", f.Ref)
	add("refkind", string(f.RefKind))
	if f.Op.Name != "" {
		add("op", f.Op.Provider+"/"+f.Op.Service+"/"+f.Op.Name)
	}
	if len(f.Scopes) > 0 {
		add("scopes", strings.Join(f.Scopes, ","))
	}
	add("preview", f.Preview)
	add("via", f.Via)
	add("workload", f.Workload)
	add("language", f.Language)
	return fmt.Sprintf("%s:%d:%d %s typed=%t %s", f.Path, f.Line, f.Column, f.Kind, f.Typed, strings.Join(fields, " "))
}
