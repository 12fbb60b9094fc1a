package gofact

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Callee returns the function or method call calls, including interface
// methods, or nil for calls of function values, conversions and builtins.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// FuncPath returns the versionless package path of fn and its name
// qualified by its receiver's type: ("github.com/slack-go/slack",
// "Client.PostMessage"), ("os", "Getenv"). ok is false for nil, for
// functions without a package and for methods of unnamed types.
func FuncPath(fn *types.Func) (pkgPath, name string, ok bool) {
	if fn == nil || fn.Pkg() == nil {
		return "", "", false
	}
	name = fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		named := ReceiverNamed(recv.Type())
		if named == nil {
			return "", "", false
		}
		name = named.Obj().Name() + "." + name
	}
	return Versionless(fn.Pkg().Path()), name, true
}

// ReceiverNamed returns the named type of a receiver or value of type t,
// through one pointer, or nil.
func ReceiverNamed(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, _ := types.Unalias(t).(*types.Named)
	return named
}

// Versionless drops major-version elements from an import path, so that one
// table entry matches every major version of a Go module:
// "github.com/google/go-github/v90/github" → "github.com/google/go-github/github".
// Do not use it on google.golang.org/api paths, whose "v3" is the API's.
func Versionless(path string) string {
	if !strings.Contains(path, "/v") {
		return path
	}
	elems := strings.Split(path, "/")
	kept := elems[:0]
	for i, e := range elems {
		if i > 0 && IsMajorVersion(e) {
			continue
		}
		kept = append(kept, e)
	}
	return strings.Join(kept, "/")
}

// IsMajorVersion reports whether a path element is a major-version suffix
// such as "v2" or "v90".
func IsMajorVersion(elem string) bool {
	if len(elem) < 2 || elem[0] != 'v' || elem[1] == '0' {
		return false
	}
	for _, c := range elem[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// StringConst returns the value of e when it is a constant string.
func StringConst(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// StringConsts returns the constant strings among args, which are the
// variadic arguments of a call: each constant argument, and the constant
// elements of `[]string{...}...` or of a variable defined by such a
// literal. Arguments that are not constant are skipped.
func StringConsts(info *types.Info, defs *Defs, args []ast.Expr) []string {
	var out []string
	seen := map[types.Object]bool{}
	var add func(e ast.Expr, depth int)
	add = func(e ast.Expr, depth int) {
		e = ast.Unparen(e)
		if s, ok := StringConst(info, e); ok {
			out = append(out, s)
			return
		}
		if depth > 4 {
			return
		}
		switch e := e.(type) {
		case *ast.CompositeLit:
			for _, elt := range e.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					elt = kv.Value
				}
				add(elt, depth+1)
			}
		case *ast.Ident, *ast.SelectorExpr:
			obj := Object(info, e)
			if seen[obj] {
				return
			}
			seen[obj] = true
			for _, d := range defs.Of(obj) {
				if d.Index < 0 {
					add(d.Expr, depth+1)
				}
			}
		case *ast.CallExpr: // append(scopes, more...)
			if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && id.Name == "append" {
				if _, builtin := info.Uses[id].(*types.Builtin); builtin {
					for _, a := range e.Args {
						add(a, depth+1)
					}
				}
			}
		}
	}
	for _, a := range args {
		add(a, 0)
	}
	return out
}

// Object returns the object an identifier or a selector's name denotes, or nil.
func Object(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		return info.ObjectOf(e.Sel)
	}
	return nil
}

// FuncName renders a function as code calls it, for messages and
// usage.Fact.Via: "os.Getenv", "credentials.NewStaticCredentialsProvider",
// "(*github.Client).WithAuthToken".
func FuncName(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if named := ReceiverNamed(recv.Type()); named != nil {
			star := ""
			if _, ok := types.Unalias(recv.Type()).(*types.Pointer); ok {
				star = "*"
			}
			return "(" + star + fn.Pkg().Name() + "." + named.Obj().Name() + ")." + fn.Name()
		}
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// CallPos returns where a call is reported: at the called method or
// function's name, so that a chain such as client.Repositories.GetContents(...)
// points at GetContents.
func CallPos(call *ast.CallExpr) token.Pos {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		return fun.Sel.Pos()
	case *ast.IndexExpr: // generic instantiation
		return CallPos(&ast.CallExpr{Fun: fun.X})
	}
	return call.Pos()
}

// FieldOwner returns the name of the package-level struct type that
// declares field, or "" (a field of an anonymous or local struct).
func FieldOwner(field *types.Var) string {
	scope := field.Pkg().Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok {
			for f := range st.Fields() {
				if f == field {
					return name
				}
			}
		}
	}
	return ""
}
