package awsops_test

import (
	"flag"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact/gofacttest"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/awsops"
)

var update = flag.Bool("update", false, "rewrite golden files")

func Test(t *testing.T) {
	results := analysistest.Run(t, gofacttest.TestData(t), awsops.Analyzer, "awsops/a")
	gofacttest.Golden(t, results, "testdata/a.facts.golden", *update)
}
