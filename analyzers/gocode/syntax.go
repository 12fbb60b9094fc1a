package gocode

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/awsops"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/credsource"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/githubops"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/googleops"
	"github.com/nhilint/nhilint/analyzers/gocode/passes/slackops"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// ExtractFileSyntax reads one Go file by syntax alone, for code whose
// dependencies cannot be loaded. It recognizes what the typed passes do,
// by import path and names instead of types:
//
//   - os.Getenv and os.LookupEnv of a literal or a constant of the file;
//   - credential sinks called through an import of their package, with
//     the value followed through the file's variables by name to an
//     environment read, a credential file or a literal;
//   - AWS operations: a call X.Op(ctx, &svc.OpInput{...}) (or an input
//     variable so defined) with svc an aws-sdk-go-v2 service import,
//     svc.NewOpPaginator, X.PresignOp and the S3 transfer manager;
//   - go-github calls X.Repositories.GetContents(...), the service type
//     named from the field ("Repositories" → "RepositoriesService");
//   - slack-go calls X.PostMessage(...) that the Slack table knows;
//   - google.golang.org/api chains srv.Files.List().Do(), the call type
//     named from the chain ("FilesListCall");
//   - literal scopes given to option.WithScopes and the oauth2 helpers.
//
// Facts are Typed=false and their Workload is "go:./<dir of path>"; path is
// used as given. A file that does not parse yields what parsed of it.
func ExtractFileSyntax(path string, src []byte) []usage.Fact {
	fset := token.NewFileSet()
	file, _ := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if file == nil {
		return nil
	}
	s := &syntaxFile{
		fset: fset, src: src, path: path, file: file,
		imports: map[string]string{}, defs: map[string][]ast.Expr{},
		attributed: map[token.Pos]attribution{}, literals: map[token.Pos]bool{},
	}
	s.index()
	return s.extract()
}

type attribution struct{ provider, via string }

type syntaxFile struct {
	fset    *token.FileSet
	src     []byte
	path    string
	file    *ast.File
	imports map[string]string // local name → import path
	// defs maps a variable or constant name to the values assigned to it
	// anywhere in the file: names, not objects, so shadowing blurs it.
	defs       map[string][]ast.Expr
	attributed map[token.Pos]attribution
	literals   map[token.Pos]bool
	facts      []usage.Fact
}

func (s *syntaxFile) index() {
	for _, imp := range s.file.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		name := defaultName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		s.imports[name] = p
	}
	ast.Inspect(s.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			s.assign(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, name := range n.Names {
				lhs[i] = name
			}
			s.assign(lhs, n.Values)
		}
		return true
	})
}

func (s *syntaxFile) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		switch {
		case len(lhs) == len(rhs):
			s.defs[id.Name] = append(s.defs[id.Name], rhs[i])
		case len(rhs) == 1 && i == 0: // v, ok := os.LookupEnv("X")
			s.defs[id.Name] = append(s.defs[id.Name], rhs[0])
		}
	}
}

// defaultName guesses the package name of an import path: the last
// element that is not a major version, without a go- prefix or a -go or
// -sdk-go suffix ("github.com/openai/openai-go/v3" → "openai").
func defaultName(p string) string {
	elems := strings.Split(p, "/")
	name := elems[len(elems)-1]
	if gofact.IsMajorVersion(name) && len(elems) > 1 {
		name = elems[len(elems)-2]
	}
	name = strings.TrimPrefix(name, "go-")
	name = strings.TrimSuffix(name, "-go")
	name = strings.TrimSuffix(name, "-sdk")
	return strings.NewReplacer("-", "", ".", "").Replace(name)
}

func (s *syntaxFile) extract() []usage.Fact {
	var envReads []*ast.CallExpr
	ast.Inspect(s.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if _, ok := s.envName(n); ok {
				envReads = append(envReads, n)
			}
			s.sinkCall(n)
			s.operation(n)
			s.scopeCall(n)
		case *ast.AssignStmt: // stripe.Key = ...
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if pkg, name, ok := s.qualified(l); ok {
						if sink, ok := syntaxSinks[[2]string{gofact.Versionless(pkg), name}]; ok && sink.Args == nil {
							s.trace(n.Rhs[i], sink, defaultName(pkg)+"."+name, 0)
						}
					}
				}
			}
		}
		return true
	})
	for _, call := range envReads {
		name, _ := s.envName(call)
		via := "os." + call.Fun.(*ast.SelectorExpr).Sel.Name
		if a, ok := s.attributed[call.Pos()]; ok {
			s.add(call.Pos(), usage.Fact{Kind: usage.Ref, Provider: a.provider, Ref: name, RefKind: usage.RefEnv, Via: a.via})
		} else if credvalue.Kind(name) != "" {
			s.add(call.Pos(), usage.Fact{Kind: usage.Ref, Ref: name, RefKind: usage.RefEnv, Via: via})
		}
	}
	slices.SortStableFunc(s.facts, func(a, b usage.Fact) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	return s.facts
}

func (s *syntaxFile) add(pos token.Pos, f usage.Fact) {
	p := s.fset.Position(pos)
	f.Path = s.path
	f.Line = p.Line
	f.Column = p.Column
	if start := p.Offset - (p.Column - 1); start >= 0 && p.Offset <= len(s.src) {
		f.Column = utf8.RuneCount(s.src[start:p.Offset]) + 1
	}
	f.Workload = "go:./" + path.Dir(s.path)
	f.Language = "go"
	f.Typed = false
	s.facts = append(s.facts, f)
}

// qualified returns the import path and name of pkg.Name.
func (s *syntaxFile) qualified(e ast.Expr) (pkgPath, name string, ok bool) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return "", "", false
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return "", "", false
	}
	if _, shadowed := s.defs[x.Name]; shadowed {
		return "", "", false
	}
	p, ok := s.imports[x.Name]
	return p, sel.Sel.Name, ok
}

// stringValue returns the value of a string literal, of a concatenation
// of them, or of a name the file defines as one.
func (s *syntaxFile) stringValue(e ast.Expr, depth int) (string, bool) {
	if depth > 8 {
		return "", false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			v, err := strconv.Unquote(e.Value)
			return v, err == nil
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := s.stringValue(e.X, depth+1)
			b, ok2 := s.stringValue(e.Y, depth+1)
			return a + b, ok1 && ok2
		}
	case *ast.Ident:
		if defs := s.defs[e.Name]; len(defs) == 1 {
			return s.stringValue(defs[0], depth+1)
		}
	}
	return "", false
}

func (s *syntaxFile) envName(call *ast.CallExpr) (string, bool) {
	pkg, name, ok := s.qualified(call.Fun)
	if !ok || pkg != "os" || (name != "Getenv" && name != "LookupEnv") || len(call.Args) != 1 {
		return "", false
	}
	return s.stringValue(call.Args[0], 0)
}

// sinkCall follows the credential arguments of a sink call.
func (s *syntaxFile) sinkCall(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	for key, sink := range syntaxSinks {
		if sink.Args == nil {
			continue
		}
		pkgPath, name := key[0], key[1]
		var via string
		if recv, method, isMethod := strings.Cut(name, "."); isMethod {
			// A method: the file must import its package; the receiver is unknown.
			if method != sel.Sel.Name || !s.importsVersionless(pkgPath) {
				continue
			}
			via = fmt.Sprintf("(*%s.%s).%s", path.Base(pkgPath), recv, method)
		} else {
			p, n, ok := s.qualified(call.Fun)
			if !ok || n != name || gofact.Versionless(p) != pkgPath {
				continue
			}
			via = defaultName(p) + "." + name
			if x, ok := sel.X.(*ast.Ident); ok {
				via = x.Name + "." + name
			}
		}
		for _, i := range sink.Args {
			if i < len(call.Args) {
				s.trace(call.Args[i], sink, via, 0)
			}
		}
	}
}

func (s *syntaxFile) importsVersionless(pkgPath string) bool {
	for _, p := range s.imports {
		if gofact.Versionless(p) == pkgPath {
			return true
		}
	}
	return false
}

func (s *syntaxFile) trace(e ast.Expr, sink credsource.Sink, via string, depth int) {
	s.traceSeen(e, sink, via, depth, map[string]bool{})
}

// traceSeen follows e; seen holds the names already followed, which bounds
// the work on files that assign one name many times.
func (s *syntaxFile) traceSeen(e ast.Expr, sink credsource.Sink, via string, depth int, seen map[string]bool) {
	if depth > 8 {
		return
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.CallExpr:
		if _, ok := s.envName(x); ok {
			s.attributed[x.Pos()] = attribution{sink.Provider, via}
			return
		}
		if pkg, name, ok := s.qualified(x.Fun); ok && len(x.Args) > 0 {
			switch {
			case pkg == "os" && name == "ReadFile":
				if p, ok := s.stringValue(x.Args[0], 0); ok {
					s.add(x.Pos(), usage.Fact{Kind: usage.Ref, Provider: sink.Provider, Ref: p, RefKind: usage.RefFile, Via: via})
				}
			case pkg == "strings":
				s.traceSeen(x.Args[0], sink, via, depth+1, seen)
			}
			return
		}
		if len(x.Args) == 1 { // []byte(v), string(v)
			if _, ok := x.Fun.(*ast.ArrayType); ok {
				s.traceSeen(x.Args[0], sink, via, depth+1, seen)
			} else if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "string" {
				s.traceSeen(x.Args[0], sink, via, depth+1, seen)
			}
		}
		return
	case *ast.CompositeLit:
		for _, elt := range x.Elts {
			s.traceSeen(elt, sink, via, depth+1, seen)
		}
		return
	case *ast.Ident:
		if seen[x.Name] {
			return
		}
		seen[x.Name] = true
		for _, d := range s.defs[x.Name] {
			s.traceSeen(d, sink, via, depth+1, seen)
		}
		return
	}
	v, ok := s.stringValue(e, 0)
	if !ok || v == "" {
		return
	}
	if sink.File {
		s.add(e.Pos(), usage.Fact{Kind: usage.Ref, Provider: sink.Provider, Ref: v, RefKind: usage.RefFile, Via: via})
		return
	}
	if !s.literals[e.Pos()] {
		s.literals[e.Pos()] = true
		s.add(e.Pos(), usage.Fact{Kind: usage.LiteralSink, Provider: sink.Provider, Preview: finding.Preview(v), Via: via})
	}
}

// operation recognizes provider API calls.
func (s *syntaxFile) operation(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	method := sel.Sel.Name
	if pkg, name, ok := s.qualified(call.Fun); ok {
		// svc.NewListObjectsV2Paginator(client, ...)
		if svc, ok := strings.CutPrefix(pkg, awsops.ServicePrefix); ok && !strings.Contains(svc, "/") {
			if op, ok := strings.CutPrefix(name, "New"); ok {
				if op, ok := strings.CutSuffix(op, "Paginator"); ok && op != "" {
					s.awsOp(sel.Sel.Pos(), pkg, []string{op}, defaultName(pkg)+"."+name)
				}
			}
		}
		return
	}
	s.awsCall(call, sel)
	s.githubCall(call, sel)
	s.slackCall(sel)
	if method == "Do" || method == "Pages" {
		s.googleCall(sel)
	}
}

func (s *syntaxFile) awsOp(pos token.Pos, pkg string, ops []string, via string) {
	service := pkg[strings.LastIndex(pkg, "/")+1:]
	if id, ok := scopes.AWSGoService(pkg); ok {
		service = id
	}
	for _, op := range ops {
		s.add(pos, usage.Fact{Kind: usage.Operation, Provider: scopes.AWS,
			Op: scopes.Operation{Provider: scopes.AWS, Service: service, Name: op}, Via: via})
	}
}

// awsCall: X.Op(ctx, &svc.OpInput{...}), or an input variable so defined.
func (s *syntaxFile) awsCall(call *ast.CallExpr, sel *ast.SelectorExpr) {
	if len(call.Args) < 2 {
		return
	}
	pkg, input := s.inputType(call.Args[1], 0)
	svc, ok := strings.CutPrefix(pkg, awsops.ServicePrefix)
	if !ok || strings.Contains(svc, "/") {
		return
	}
	op, ok := strings.CutSuffix(input, "Input")
	if !ok {
		return
	}
	method := sel.Sel.Name
	via := "." + method // the receiver's type is unknown without types
	switch {
	case method == op || method == "Presign"+op:
		s.awsOp(sel.Sel.Pos(), pkg, []string{op}, via)
	case svc == "s3" && method == "Upload" && op == "PutObject" && s.imports["manager"] != "":
		s.awsOp(sel.Sel.Pos(), pkg, []string{"PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload"}, via)
	case svc == "s3" && method == "Download" && op == "GetObject" && s.imports["manager"] != "":
		s.awsOp(sel.Sel.Pos(), pkg, []string{"GetObject"}, via)
	}
}

// inputType returns the import path and type name of &pkg.T{...}.
func (s *syntaxFile) inputType(e ast.Expr, depth int) (pkgPath, typeName string) {
	if depth > 4 {
		return "", ""
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if lit, ok := e.X.(*ast.CompositeLit); ok && e.Op == token.AND {
			if p, name, ok := s.qualified(lit.Type); ok {
				return p, name
			}
		}
	case *ast.Ident:
		if defs := s.defs[e.Name]; len(defs) == 1 {
			return s.inputType(defs[0], depth+1)
		}
	}
	return "", ""
}

// githubCall: X.Repositories.GetContents(...) in a file importing go-github.
func (s *syntaxFile) githubCall(call *ast.CallExpr, sel *ast.SelectorExpr) {
	if !s.importsVersionless(githubops.PackagePath) {
		return
	}
	field, ok := sel.X.(*ast.SelectorExpr)
	if !ok {
		return
	}
	service := field.Sel.Name + "Service"
	for _, route := range scopes.GoGitHubRoutes(service, sel.Sel.Name) {
		s.add(sel.Sel.Pos(), usage.Fact{Kind: usage.Operation, Provider: scopes.GitHub,
			Op: scopes.Operation{Provider: scopes.GitHub, Name: route}, Via: "(*github." + service + ")." + sel.Sel.Name})
	}
}

// slackCall: api.PostMessage(...) in a file importing slack-go.
func (s *syntaxFile) slackCall(sel *ast.SelectorExpr) {
	if !s.importsVersionless(slackops.PackagePath) {
		return
	}
	for _, m := range scopes.SlackGoMethods(sel.Sel.Name) {
		s.add(sel.Sel.Pos(), usage.Fact{Kind: usage.Operation, Provider: scopes.Slack,
			Op: scopes.Operation{Provider: scopes.Slack, Name: m}, Via: "(*slack.Client)." + sel.Sel.Name})
	}
}

// googleCall: srv.Files.List(...).PageSize(10).Do() → FilesListCall of
// one of the file's google.golang.org/api imports.
func (s *syntaxFile) googleCall(sel *ast.SelectorExpr) {
	// Unwind the chain to its root, keeping the names in order.
	var chain []string
	var calls []bool
	e := sel.X
	for {
		switch x := e.(type) {
		case *ast.CallExpr:
			inner, ok := x.Fun.(*ast.SelectorExpr)
			if !ok {
				return
			}
			chain = append(chain, inner.Sel.Name)
			calls = append(calls, true)
			e = inner.X
			continue
		case *ast.SelectorExpr:
			chain = append(chain, x.Sel.Name)
			calls = append(calls, false)
			e = x.X
			continue
		}
		break
	}
	slices.Reverse(chain)
	slices.Reverse(calls)
	// Resources are the fields before the first call, which names the method.
	var b strings.Builder
	for i, name := range chain {
		b.WriteString(name)
		if calls[i] {
			break
		}
	}
	callType := b.String() + "Call"
	var apis []string
	for _, p := range s.imports {
		if strings.HasPrefix(p, googleops.APIPrefix) {
			apis = append(apis, p)
		}
	}
	slices.Sort(apis)
	for _, p := range apis {
		if id, ok := scopes.GoogleGoCallMethod(p, callType); ok {
			api, _, _ := strings.Cut(id, ".")
			s.add(sel.Sel.Pos(), usage.Fact{Kind: usage.Operation, Provider: scopes.Google,
				Op: scopes.Operation{Provider: scopes.Google, Service: api, Name: id}, Via: "(*" + defaultName(p) + "." + callType + ")." + sel.Sel.Name})
			return
		}
	}
}

// syntaxScopeFuncs are the scope-taking functions by import path and name,
// with the index of the first scope argument.
var syntaxScopeFuncs = map[[2]string]int{
	{"google.golang.org/api/option", "WithScopes"}:           0,
	{"golang.org/x/oauth2/google", "JWTConfigFromJSON"}:      1,
	{"golang.org/x/oauth2/google", "DefaultTokenSource"}:     1,
	{"golang.org/x/oauth2/google", "FindDefaultCredentials"}: 1,
	{"golang.org/x/oauth2/google", "CredentialsFromJSON"}:    2,
}

func (s *syntaxFile) scopeCall(call *ast.CallExpr) {
	pkg, name, ok := s.qualified(call.Fun)
	if !ok {
		return
	}
	first, ok := syntaxScopeFuncs[[2]string{pkg, name}]
	if !ok || first > len(call.Args) {
		return
	}
	var requested []string
	for _, a := range call.Args[first:] {
		if v, ok := s.stringValue(a, 0); ok {
			requested = append(requested, v)
		}
	}
	if len(requested) > 0 {
		s.add(call.Fun.(*ast.SelectorExpr).Sel.Pos(), usage.Fact{Kind: usage.ScopeRequest, Provider: scopes.Google,
			Scopes: requested, Via: defaultName(pkg) + "." + name})
	}
}

// syntaxSinks is the credsource table, copied once.
var syntaxSinks = credsource.Sinks()
