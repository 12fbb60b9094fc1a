package gofact

import (
	"go/ast"
	"go/types"
)

// Def is one value given to a variable, constant or struct field.
type Def struct {
	Expr ast.Expr
	// Index is -1 when Expr is the value itself, and the position of the
	// variable among the results when Expr is a call returning several
	// (`v, ok := os.LookupEnv("X")` gives v the Def {call, 0}).
	Index int
}

// Defs is a flow-insensitive def-use index over one package: for each
// variable, constant and struct field, every expression assigned to it in
// the package. It is what lets a pass follow a value back through local
// variables, package constants and configuration structs without SSA;
// parameters and values crossing function calls are not followed.
type Defs struct {
	m map[types.Object][]Def
}

// NewDefs indexes the definitions in files.
func NewDefs(info *types.Info, files []*ast.File) *Defs {
	d := &Defs{m: map[types.Object][]Def{}}
	add := func(lhs ast.Expr, def Def) {
		var obj types.Object
		switch lhs := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			if lhs.Name == "_" {
				return
			}
			obj = info.ObjectOf(lhs)
		case *ast.SelectorExpr: // cfg.Token = ..., pkg.Var = ...
			obj = info.ObjectOf(lhs.Sel)
		}
		if obj != nil {
			d.m[obj] = append(d.m[obj], def)
		}
	}
	assign := func(lhs []ast.Expr, rhs []ast.Expr) {
		switch {
		case len(lhs) == len(rhs):
			for i := range lhs {
				add(lhs[i], Def{Expr: rhs[i], Index: -1})
			}
		case len(rhs) == 1:
			for i := range lhs {
				add(lhs[i], Def{Expr: rhs[0], Index: i})
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				assign(n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, name := range n.Names {
					lhs[i] = name
				}
				assign(lhs, n.Values)
			case *ast.CompositeLit:
				for _, elt := range n.Elts {
					kv, ok := elt.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					if key, ok := kv.Key.(*ast.Ident); ok {
						if field, ok := info.Uses[key].(*types.Var); ok && field.IsField() {
							d.m[field] = append(d.m[field], Def{Expr: kv.Value, Index: -1})
						}
					}
				}
			}
			return true
		})
	}
	return d
}

// Of returns the definitions of obj, or nil.
func (d *Defs) Of(obj types.Object) []Def {
	if d == nil || obj == nil {
		return nil
	}
	return d.m[obj]
}
