package googleops_test

import (
	"flag"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact/gofacttest"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/googleops"
)

var update = flag.Bool("update", false, "rewrite golden files")

func Test(t *testing.T) {
	// A fixed table, so that the test exercises the pass and not the state
	// of the knowledge tables.
	defer googleops.SetCallMethod(func(path, callType string) (string, bool) {
		if path == "google.golang.org/api/drive/v3" && callType == "FilesListCall" {
			return "drive.files.list", true
		}
		return "", false
	})()
	results := analysistest.Run(t, gofacttest.TestData(t), googleops.Analyzer, "googleops/a")
	gofacttest.Golden(t, results, "testdata/a.facts.golden", *update)
}

// TestTables runs the pass with the knowledge tables, on calls any
// version of them must know.
func TestTables(t *testing.T) {
	analysistest.Run(t, gofacttest.TestData(t), googleops.Analyzer, "googleops/b")
}
