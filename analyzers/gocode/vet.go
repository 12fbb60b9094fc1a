package gocode

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Vet runs the gocode passes over the packages that patterns name, from
// dir, and prints their diagnostics to w as go vet does,
// "file:line:col: message (analyzer)", with paths relative to dir. It
// returns the number of diagnostics. Unlike Extract it needs code that
// type-checks: a package that does not is an error.
func Vet(ctx context.Context, dir string, patterns []string, w io.Writer) (int, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return 0, fmt.Errorf("gocode vet: %w", err)
	}
	cfg := &packages.Config{Context: ctx, Mode: loadMode, Dir: root, Env: offlineEnv(root)}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return 0, fmt.Errorf("gocode vet: loading %v: %w", patterns, err)
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return 0, fmt.Errorf("gocode vet: %d package errors, the first: %s", len(errs), errs[0])
	}
	graph, err := checker.Analyze(Analyzers(), pkgs, nil)
	if err != nil {
		return 0, fmt.Errorf("gocode vet: %w", err)
	}
	x := &extraction{root: root}
	var diags []Diagnostic
	for _, act := range graph.Roots {
		if act.Err != nil {
			return 0, fmt.Errorf("gocode vet: %s: %w", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			diags = append(diags, x.diagnostic(act.Package.Fset, d.Pos, d.Message, act.Analyzer.Name))
		}
	}
	slices.SortFunc(diags, compareDiagnostics)
	for _, d := range diags {
		if _, err := fmt.Fprintln(w, d); err != nil {
			return 0, fmt.Errorf("gocode vet: %w", err)
		}
	}
	return len(diags), nil
}
