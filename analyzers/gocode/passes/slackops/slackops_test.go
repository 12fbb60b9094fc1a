package slackops_test

import (
	"flag"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact/gofacttest"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/slackops"
)

var update = flag.Bool("update", false, "rewrite golden files")

// table is a fixed method table, so that the test exercises the pass and
// not the state of the knowledge tables.
var table = map[string][]string{
	"PostMessage":        {"chat.postMessage"},
	"PostMessageContext": {"chat.postMessage"},
}

func Test(t *testing.T) {
	defer slackops.SetMethods(func(m string) []string { return table[m] })()
	results := analysistest.Run(t, gofacttest.TestData(t), slackops.Analyzer, "slackops/a")
	gofacttest.Golden(t, results, "testdata/a.facts.golden", *update)
}

// TestTables runs the pass with the knowledge tables, on calls any
// version of them must know.
func TestTables(t *testing.T) {
	analysistest.Run(t, gofacttest.TestData(t), slackops.Analyzer, "slackops/b")
}
