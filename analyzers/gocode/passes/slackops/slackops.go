package slackops

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

const Doc = `report Slack Web API methods called through slack-go

slackops maps each (*slack.Client) method call to the Web API methods it
calls, with the scope knowledge tables.`

var Analyzer = &analysis.Analyzer{
	Name:       "slackops",
	Doc:        Doc,
	URL:        "https://github.com/nhilint/nhilint/tree/main/analyzers/gocode/passes/slackops",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: gofact.ResultType,
}

// PackagePath is the import path of slack-go.
const PackagePath = "github.com/slack-go/slack"

// methods is scopes.SlackGoMethods; tests replace it with a fixed table.
var methods = scopes.SlackGoMethods

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := gofact.NewReporter(pass)
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn := gofact.Callee(pass.TypesInfo, call)
		pkg, name, ok := gofact.FuncPath(fn)
		if !ok || pkg != PackagePath || name != "Client."+fn.Name() || !fn.Exported() {
			return
		}
		via := gofact.FuncName(fn)
		found := methods(fn.Name())
		if len(found) == 0 {
			if returnsError(fn.Signature()) {
				rep.Unmapped(via)
			}
			return
		}
		for _, m := range found {
			op := scopes.Operation{Provider: scopes.Slack, Name: m}
			rep.Add(gofact.CallPos(call), usage.Fact{Kind: usage.Operation, Provider: scopes.Slack, Op: op, Via: via},
				fmt.Sprintf("calls slack %s (%s)", m, via))
		}
	})
	return rep.Result(), nil
}

// returnsError reports whether the last result of sig is an error: every
// slack-go method that calls the Web API returns one.
func returnsError(sig *types.Signature) bool {
	r := sig.Results()
	return r.Len() > 0 && types.Identical(r.At(r.Len()-1).Type(), types.Universe.Lookup("error").Type())
}
