package credsource

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

const Doc = `report how credentials are obtained

credsource reports credential-named environment reads, and follows the
values that reach provider SDK credential sinks (static AWS credentials,
go-github WithAuthToken, slack.New, Google, OpenAI and Anthropic options,
stripe.Key) back to environment variables, credential files or string
literals. A literal reaching a sink is a hard-coded credential.`

var Analyzer = &analysis.Analyzer{
	Name:       "credsource",
	Doc:        Doc,
	URL:        "https://github.com/nhilint/nhilint/tree/main/analyzers/gocode/passes/credsource",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: gofact.ResultType,
}

// A Sink is an SDK function, method, struct field or package variable that
// takes a credential.
type Sink struct {
	Provider string
	// Args are the indexes of the arguments that carry a credential; nil
	// for fields and variables, whose assigned value does.
	Args []int
	// File: the argument is the path of a credential file, not a credential.
	File bool
}

// Sinks returns the sinks the pass knows, keyed by versionless package
// path and name: "Func", "Type.Method", "Type.Field" or "Var". The
// syntax-only extractor matches the same table.
func Sinks() map[[2]string]Sink { return maps.Clone(sinks) }

// sinks is keyed by versionless package path and qualified name, as
// gofact.FuncPath spells them; fields are "Type.Field", variables "Var".
var sinks = map[[2]string]Sink{
	{"github.com/aws/aws-sdk-go-v2/credentials", "NewStaticCredentialsProvider"}: {Provider: scopes.AWS, Args: []int{0, 1, 2}},
	{"github.com/aws/aws-sdk-go-v2/aws", "Credentials.AccessKeyID"}:              {Provider: scopes.AWS},
	{"github.com/aws/aws-sdk-go-v2/aws", "Credentials.SecretAccessKey"}:          {Provider: scopes.AWS},
	{"github.com/aws/aws-sdk-go-v2/aws", "Credentials.SessionToken"}:             {Provider: scopes.AWS},
	{"github.com/aws/aws-sdk-go-v2/config", "WithSharedCredentialsFiles"}:        {Provider: scopes.AWS, Args: []int{0}, File: true},

	{"github.com/google/go-github/github", "Client.WithAuthToken"}: {Provider: scopes.GitHub, Args: []int{0}},

	{"github.com/slack-go/slack", "New"}:                 {Provider: scopes.Slack, Args: []int{0}},
	{"github.com/slack-go/slack", "OptionAppLevelToken"}: {Provider: scopes.Slack, Args: []int{0}},

	{"google.golang.org/api/option", "WithAPIKey"}:                  {Provider: scopes.Google, Args: []int{0}},
	{"google.golang.org/api/option", "WithCredentialsJSON"}:         {Provider: scopes.Google, Args: []int{0}},
	{"google.golang.org/api/option", "WithCredentialsFile"}:         {Provider: scopes.Google, Args: []int{0}, File: true},
	{"golang.org/x/oauth2/google", "JWTConfigFromJSON"}:             {Provider: scopes.Google, Args: []int{0}},
	{"golang.org/x/oauth2/google", "CredentialsFromJSON"}:           {Provider: scopes.Google, Args: []int{1}},
	{"golang.org/x/oauth2/google", "CredentialsFromJSONWithParams"}: {Provider: scopes.Google, Args: []int{1}},

	{"github.com/openai/openai-go/option", "WithAPIKey"}:            {Provider: scopes.OpenAI, Args: []int{0}},
	{"github.com/anthropics/anthropic-sdk-go/option", "WithAPIKey"}: {Provider: scopes.Anthropic, Args: []int{0}},

	{"github.com/stripe/stripe-go", "Key"}:        {Provider: scopes.Stripe},
	{"github.com/stripe/stripe-go", "NewClient"}:  {Provider: scopes.Stripe, Args: []int{0}},
	{"github.com/stripe/stripe-go/client", "New"}: {Provider: scopes.Stripe, Args: []int{0}},
}

// maxDepth bounds how many definitions a value is followed through.
const maxDepth = 8

type checker struct {
	pass *analysis.Pass
	defs *gofact.Defs
	rep  *gofact.Reporter

	// attributed maps an environment read to the sink its value reaches.
	attributed map[token.Pos]attribution
	// literals dedups literal reports: a constant used by two calls of
	// one sink is one hard-coded credential.
	literals map[literalKey]bool
}

type attribution struct{ provider, via string }

type literalKey struct {
	pos token.Pos
	via string
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:       pass,
		defs:       gofact.NewDefs(pass.TypesInfo, pass.Files),
		rep:        gofact.NewReporter(pass),
		attributed: map[token.Pos]attribution{},
		literals:   map[literalKey]bool{},
	}
	// Sinks first, so that the environment reads they reach are
	// attributed to a provider when they are reported below.
	var envReads []*ast.CallExpr
	filter := []ast.Node{(*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)}
	insp.Preorder(filter, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.CallExpr:
			if _, ok := envName(pass.TypesInfo, n); ok {
				envReads = append(envReads, n)
			}
			c.call(n)
		case *ast.CompositeLit:
			c.compositeLit(n)
		case *ast.AssignStmt:
			c.assign(n)
		}
	})
	for _, call := range envReads {
		name, _ := envName(pass.TypesInfo, call)
		if a, ok := c.attributed[call.Pos()]; ok {
			c.rep.Add(call.Pos(), usage.Fact{Kind: usage.Ref, Provider: a.provider, Ref: name, RefKind: usage.RefEnv, Via: a.via},
				fmt.Sprintf("%s credential read from environment variable %s flows into %s", a.provider, name, a.via))
			continue
		}
		if credvalue.Kind(name) != "" {
			c.rep.Add(call.Pos(), usage.Fact{Kind: usage.Ref, Ref: name, RefKind: usage.RefEnv, Via: calleeName(pass.TypesInfo, call)},
				fmt.Sprintf("credential read from environment variable %s", name))
		}
	}
	return c.rep.Result(), nil
}

func (c *checker) call(call *ast.CallExpr) {
	fn := gofact.Callee(c.pass.TypesInfo, call)
	pkg, name, ok := gofact.FuncPath(fn)
	if !ok {
		return
	}
	s, ok := sinks[[2]string{pkg, name}]
	if !ok || s.Args == nil {
		return
	}
	via := gofact.FuncName(fn)
	for _, i := range s.Args {
		if i < len(call.Args) {
			c.flow(call.Args[i], s, via)
		}
	}
}

func (c *checker) compositeLit(lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if s, via, ok := c.varSink(c.pass.TypesInfo.Uses[key]); ok {
			c.flow(kv.Value, s, via)
		}
	}
}

func (c *checker) assign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		if s, via, ok := c.varSink(gofact.Object(c.pass.TypesInfo, lhs)); ok {
			c.flow(as.Rhs[i], s, via)
		}
	}
}

// varSink returns the sink a struct field or package variable is.
func (c *checker) varSink(obj types.Object) (Sink, string, bool) {
	v, ok := obj.(*types.Var)
	if !ok || v.Pkg() == nil {
		return Sink{}, "", false
	}
	name, via := v.Name(), v.Pkg().Name()+"."+v.Name()
	if v.IsField() {
		owner := gofact.FieldOwner(v)
		if owner == "" {
			return Sink{}, "", false
		}
		name, via = owner+"."+v.Name(), v.Pkg().Name()+"."+owner+"."+v.Name()
	} else if v.Parent() != v.Pkg().Scope() {
		return Sink{}, "", false
	}
	s, ok := sinks[[2]string{gofact.Versionless(v.Pkg().Path()), name}]
	return s, via, ok && s.Args == nil
}

// flow follows the value e that reaches a sink back to where it comes from.
func (c *checker) flow(e ast.Expr, s Sink, via string) {
	c.trace(e, s, via, 0, map[types.Object]bool{})
}

func (c *checker) trace(e ast.Expr, s Sink, via string, depth int, seen map[types.Object]bool) {
	info := c.pass.TypesInfo
	e = ast.Unparen(e)
	if depth > maxDepth {
		return
	}
	switch x := e.(type) {
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 { // []byte(s), string(b)
			c.trace(x.Args[0], s, via, depth+1, seen)
			return
		}
		if _, ok := envName(info, x); ok {
			c.attributed[x.Pos()] = attribution{s.Provider, via}
			return
		}
		pkg, name, _ := gofact.FuncPath(gofact.Callee(info, x))
		switch {
		case pkg == "os" && name == "ReadFile" && len(x.Args) == 1:
			if path, ok := gofact.StringConst(info, x.Args[0]); ok {
				c.file(x.Pos(), path, s, via)
			}
			return
		case pkg == "strings" && len(x.Args) > 0: // strings.TrimSpace(v) and kin keep the credential
			c.trace(x.Args[0], s, via, depth+1, seen)
			return
		}
		return
	case *ast.CompositeLit: // []string{"credentials"} for a file list
		for _, elt := range x.Elts {
			c.trace(elt, s, via, depth+1, seen)
		}
		return
	case *ast.Ident, *ast.SelectorExpr:
		obj := gofact.Object(info, x)
		if defs := c.defs.Of(obj); len(defs) > 0 {
			if seen[obj] {
				return
			}
			seen[obj] = true
			for _, d := range defs {
				// v, ok := os.LookupEnv("X") and b, err := os.ReadFile("f")
				// define v and b by the first result.
				if d.Index <= 0 {
					c.trace(d.Expr, s, via, depth+1, seen)
				}
			}
			return
		}
	}
	if v, ok := gofact.StringConst(info, e); ok && v != "" {
		if s.File {
			c.file(e.Pos(), v, s, via)
			return
		}
		key := literalKey{e.Pos(), via}
		if c.literals[key] {
			return
		}
		c.literals[key] = true
		preview := finding.Preview(v)
		c.rep.Add(e.Pos(), usage.Fact{Kind: usage.LiteralSink, Provider: s.Provider, Preview: preview, Via: via},
			fmt.Sprintf("literal credential flows into %s: %s", via, preview))
	}
}

func (c *checker) file(pos token.Pos, path string, s Sink, via string) {
	c.rep.Add(pos, usage.Fact{Kind: usage.Ref, Provider: s.Provider, Ref: path, RefKind: usage.RefFile, Via: via},
		fmt.Sprintf("%s credential file %s flows into %s", s.Provider, path, via))
}

// envName returns the variable name of os.Getenv("X") or os.LookupEnv("X")
// when the name is constant.
func envName(info *types.Info, call *ast.CallExpr) (string, bool) {
	pkg, name, _ := gofact.FuncPath(gofact.Callee(info, call))
	if pkg != "os" || (name != "Getenv" && name != "LookupEnv") || len(call.Args) != 1 {
		return "", false
	}
	return gofact.StringConst(info, call.Args[0])
}

func calleeName(info *types.Info, call *ast.CallExpr) string {
	return gofact.FuncName(gofact.Callee(info, call))
}
