package googleops

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

const Doc = `report Google API methods called and OAuth scopes requested

googleops maps the Do and Pages calls of google.golang.org/api clients to
discovery method ids, and reports the constant OAuth scopes a program asks
for through option.WithScopes, golang.org/x/oauth2/google and oauth2.Config.`

var Analyzer = &analysis.Analyzer{
	Name:       "googleops",
	Doc:        Doc,
	URL:        "https://github.com/nhilint/nhilint/tree/main/analyzers/gocode/passes/googleops",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: gofact.ResultType,
}

// APIPrefix begins the import path of every generated Google API client.
const APIPrefix = "google.golang.org/api/"

// callMethod is scopes.GoogleGoCallMethod; tests replace it.
var callMethod = scopes.GoogleGoCallMethod

// scopeFuncs maps functions that take scopes to the index of their first
// scope argument; the rest of the arguments are scopes too.
var scopeFuncs = map[[2]string]int{
	{"google.golang.org/api/option", "WithScopes"}:                  0,
	{"golang.org/x/oauth2/google", "JWTConfigFromJSON"}:             1,
	{"golang.org/x/oauth2/google", "DefaultTokenSource"}:            1,
	{"golang.org/x/oauth2/google", "FindDefaultCredentials"}:        1,
	{"golang.org/x/oauth2/google", "CredentialsFromJSON"}:           2,
	{"golang.org/x/oauth2/google", "DefaultClient"}:                 1,
	{"golang.org/x/oauth2/google", "ComputeTokenSource"}:            1,
	{"google.golang.org/api/impersonate", "CredentialsTokenSource"}: -1, // scopes are in its config struct
}

// scopeFields are the struct fields that hold requested scopes.
var scopeFields = map[[2]string]bool{
	{"golang.org/x/oauth2", "Config.Scopes"}:                          true,
	{"golang.org/x/oauth2/google", "CredentialsParams.Scopes"}:        true,
	{"golang.org/x/oauth2/jwt", "Config.Scopes"}:                      true,
	{"golang.org/x/oauth2/clientcredentials", "Config.Scopes"}:        true,
	{"google.golang.org/api/impersonate", "CredentialsConfig.Scopes"}: true,
}

// deprecated are loaders to report, with the reason.
var deprecated = map[[2]string]string{
	{"golang.org/x/oauth2/google", "CredentialsFromJSON"}:           "it accepts any credential type the JSON names, a risk when the JSON comes from outside the program; use a loader for the expected credential type",
	{"golang.org/x/oauth2/google", "CredentialsFromJSONWithParams"}: "it accepts any credential type the JSON names, a risk when the JSON comes from outside the program; use a loader for the expected credential type",
}

type checker struct {
	pass *analysis.Pass
	defs *gofact.Defs
	rep  *gofact.Reporter
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, defs: gofact.NewDefs(pass.TypesInfo, pass.Files), rep: gofact.NewReporter(pass)}
	filter := []ast.Node{(*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)}
	insp.Preorder(filter, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.CallExpr:
			c.call(n)
		case *ast.CompositeLit:
			for _, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok {
						c.scopeField(pass.TypesInfo.Uses[key], kv.Value)
					}
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					if sel, ok := lhs.(*ast.SelectorExpr); ok {
						c.scopeField(pass.TypesInfo.Uses[sel.Sel], n.Rhs[i])
					}
				}
			}
		}
	})
	return c.rep.Result(), nil
}

func (c *checker) call(call *ast.CallExpr) {
	fn := gofact.Callee(c.pass.TypesInfo, call)
	pkg, name, ok := gofact.FuncPath(fn)
	if !ok {
		return
	}
	via := gofact.FuncName(fn)
	key := [2]string{pkg, name}
	if reason, ok := deprecated[key]; ok {
		c.pass.Reportf(gofact.CallPos(call), "%s is deprecated: %s", via, reason)
	}
	if first, ok := scopeFuncs[key]; ok && first >= 0 && first <= len(call.Args) {
		c.scopes(gofact.CallPos(call), gofact.StringConsts(c.pass.TypesInfo, c.defs, call.Args[first:]), via)
		return
	}
	if strings.HasPrefix(fn.Pkg().Path(), APIPrefix) && (fn.Name() == "Do" || fn.Name() == "Pages") {
		c.operation(call, fn, via)
	}
}

// operation reports the Do or Pages call of a generated call type.
func (c *checker) operation(call *ast.CallExpr, fn *types.Func, via string) {
	recv := fn.Signature().Recv()
	if recv == nil {
		return
	}
	named := gofact.ReceiverNamed(recv.Type())
	if named == nil || !strings.HasSuffix(named.Obj().Name(), "Call") {
		return
	}
	id, ok := callMethod(fn.Pkg().Path(), named.Obj().Name())
	if !ok {
		c.rep.Unmapped(via)
		return
	}
	api, _, _ := strings.Cut(id, ".")
	op := scopes.Operation{Provider: scopes.Google, Service: api, Name: id}
	c.rep.Add(gofact.CallPos(call), usage.Fact{Kind: usage.Operation, Provider: scopes.Google, Op: op, Via: via},
		fmt.Sprintf("calls google %s (%s)", id, via))
}

// scopeField reports the value assigned to a field that holds scopes.
func (c *checker) scopeField(obj types.Object, value ast.Expr) {
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() || v.Pkg() == nil {
		return
	}
	owner := gofact.FieldOwner(v)
	if !scopeFields[[2]string{v.Pkg().Path(), owner + "." + v.Name()}] {
		return
	}
	c.scopes(value.Pos(), gofact.StringConsts(c.pass.TypesInfo, c.defs, []ast.Expr{value}), v.Pkg().Name()+"."+owner+"."+v.Name())
}

func (c *checker) scopes(pos token.Pos, requested []string, via string) {
	if len(requested) == 0 {
		return
	}
	provider := ""
	if allGoogle(requested) {
		provider = scopes.Google
	}
	c.rep.Add(pos, usage.Fact{Kind: usage.ScopeRequest, Provider: provider, Scopes: requested, Via: via},
		fmt.Sprintf("requests scopes %s (%s)", strings.Join(requested, " "), via))
}

// allGoogle reports whether every scope is a Google OAuth scope: a URL
// under www.googleapis.com/auth/ or one of the OpenID Connect scopes Google
// also accepts, as long as at least one is a URL.
func allGoogle(requested []string) bool {
	url := false
	for _, s := range requested {
		switch {
		case strings.HasPrefix(s, "https://www.googleapis.com/auth/"):
			url = true
		case s == "openid" || s == "email" || s == "profile":
		default:
			return false
		}
	}
	return url
}
