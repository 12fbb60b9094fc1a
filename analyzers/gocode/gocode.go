// Package gocode reads, from Go source, how a program obtains credentials
// and which provider API operations it calls, so that nhilint can set the
// scopes a key declares against the scopes its code uses.
//
// The work is done by go/analysis passes under passes/, one per concern
// (credsource, awsops, githubops, slackops, googleops, llmops), which run
// on type-checked code. Extract loads a directory's modules with
// go/packages in an environment that cannot reach the network or change
// files and runs the passes with go/analysis/checker. Code that does not
// load (missing module cache, broken build) is read by syntax alone
// (ExtractFileSyntax): a scan never fails because the scanned code does
// not build. Vet runs the passes for the `nhilint vet` command, and
// cmd/nhilint-vet exposes them to `go vet -vettool`.
package gocode

import (
	"golang.org/x/tools/go/analysis"

	"github.com/nhilint/nhilint/analyzers/gocode/passes/awsops"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/credsource"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/githubops"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/googleops"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/llmops"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/slackops"
)

// Analyzers returns the gocode passes. Each returns a *gofact.Result.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		credsource.Analyzer,
		awsops.Analyzer,
		githubops.Analyzer,
		slackops.Analyzer,
		googleops.Analyzer,
		llmops.Analyzer,
	}
}
