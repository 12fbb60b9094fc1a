package githubops_test

import (
	"flag"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact/gofacttest"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/githubops"
)

var update = flag.Bool("update", false, "rewrite golden files")

// table is a fixed route table, so that the test exercises the pass and
// not the state of the knowledge tables.
var table = map[[2]string][]string{
	{"RepositoriesService", "GetContents"}: {"GET /repos/{owner}/{repo}/contents/{path}"},
	{"IssuesService", "Create"}:            {"POST /repos/{owner}/{repo}/issues"},
}

func Test(t *testing.T) {
	defer githubops.SetRoutes(func(s, m string) []string { return table[[2]string{s, m}] })()
	results := analysistest.Run(t, gofacttest.TestData(t), githubops.Analyzer, "githubops/a")
	gofacttest.Golden(t, results, "testdata/a.facts.golden", *update)
}

// TestTables runs the pass with the knowledge tables, on calls any
// version of them must know.
func TestTables(t *testing.T) {
	analysistest.Run(t, gofacttest.TestData(t), githubops.Analyzer, "githubops/b")
}
