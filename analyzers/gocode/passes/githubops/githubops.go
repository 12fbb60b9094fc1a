package githubops

import (
	"fmt"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

const Doc = `report GitHub REST routes called through go-github

githubops maps each go-github service method call to the REST routes it
calls, with the scope knowledge tables.`

var Analyzer = &analysis.Analyzer{
	Name:       "githubops",
	Doc:        Doc,
	URL:        "https://github.com/nhilint/nhilint/tree/main/analyzers/gocode/passes/githubops",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: gofact.ResultType,
}

// PackagePath is the versionless import path of go-github.
const PackagePath = "github.com/google/go-github/github"

// routes is scopes.GoGitHubRoutes; tests replace it with a fixed table.
var routes = scopes.GoGitHubRoutes

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := gofact.NewReporter(pass)
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn := gofact.Callee(pass.TypesInfo, call)
		pkg, name, ok := gofact.FuncPath(fn)
		if !ok || pkg != PackagePath || !fn.Exported() {
			return
		}
		service, method, ok := strings.Cut(name, ".")
		if !ok || !strings.HasSuffix(service, "Service") {
			return
		}
		via := gofact.FuncName(fn)
		found := routes(service, method)
		if len(found) == 0 {
			rep.Unmapped(via)
			return
		}
		for _, route := range found {
			op := scopes.Operation{Provider: scopes.GitHub, Name: route}
			rep.Add(gofact.CallPos(call), usage.Fact{Kind: usage.Operation, Provider: scopes.GitHub, Op: op, Via: via},
				fmt.Sprintf("calls github %s (%s)", route, via))
		}
	})
	return rep.Result(), nil
}
