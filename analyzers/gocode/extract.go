package gocode

import (
	"cmp"
	"context"
	"fmt"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// Options tune Extract.
type Options struct {
	// Tests includes _test.go files and test packages.
	Tests bool
}

// Result is what Extract found.
type Result struct {
	// Facts are sorted by path, line and column. Paths are slash-separated
	// and relative to the extracted directory.
	Facts []usage.Fact
	// Typed is true when every Go file was type-checked; false when some
	// were read by syntax alone (see Fallback).
	Typed bool
	// Packages counts the packages analyzed with types.
	Packages int
	// Fallback says why types were unavailable, one reason a line, or "".
	Fallback string
	// Diagnostics are the passes' reports on type-checked code.
	Diagnostics []Diagnostic
}

// Diagnostic is one report of a pass.
type Diagnostic struct {
	Path         string // slash-separated, relative to the extracted directory
	Line, Column int    // 1-based; Column counts bytes, as go vet does
	Message      string
	Analyzer     string
}

// String renders d as go vet does: "file:line:col: message (analyzer)".
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s (%s)", d.Path, d.Line, d.Column, d.Message, d.Analyzer)
}

// loadMode is what the passes need: syntax and types of the packages
// themselves; dependencies come from export data.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// Extract reads the Go code under dir: every module in it (the one dir
// belongs to and any nested ones), each loaded as ./... from its root.
// Packages that fail to load or type-check are read by syntax alone. It
// returns an error only when dir cannot be read or ctx ends.
func Extract(ctx context.Context, dir string, opts Options) (Result, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return Result{}, fmt.Errorf("gocode: %w", err)
	}
	tree, err := walk(root, opts.Tests)
	if err != nil {
		return Result{}, fmt.Errorf("gocode: reading %s: %w", dir, err)
	}
	x := &extraction{
		root:          root,
		opts:          opts,
		typedFiles:    map[string]bool{},
		failedModules: map[string]bool{},
		failedFiles:   map[string]bool{},
	}
	for _, mod := range tree.modules {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		x.module(ctx, mod)
	}
	// Files that no loaded package covered for a reason worth knowing:
	// outside every module, or in a module or package that failed.
	for _, file := range tree.files {
		if x.typedFiles[file.abs] || !x.untyped(file) {
			continue
		}
		x.syntax(file)
	}
	return x.result(), nil
}

type extraction struct {
	root       string
	opts       Options
	facts      []usage.Fact
	diags      []Diagnostic
	packages   int
	fallback   []string
	typedFiles map[string]bool
	// Files read by syntax: those of modules that failed to load (by
	// root; "" for files outside every module) and of packages that
	// failed to type-check (by file).
	failedModules map[string]bool
	failedFiles   map[string]bool
}

// untyped reports whether file belongs to a module or package that failed
// to load, or to no module.
func (x *extraction) untyped(f goFile) bool {
	return x.failedModules[f.module] || x.failedFiles[f.abs]
}

func (x *extraction) module(ctx context.Context, mod module) {
	if mod.dir == "" {
		x.failedModules[""] = true
		x.fallback = append(x.fallback, "no go.mod: "+plural(mod.loose, "Go file")+" outside any module")
		return
	}
	cfg := &packages.Config{
		Context: ctx,
		Mode:    loadMode,
		Dir:     mod.dir,
		Env:     offlineEnv(mod.dir),
		Tests:   x.opts.Tests,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		x.failedModules[mod.dir] = true
		x.fallback = append(x.fallback, fmt.Sprintf("%s: loading packages: %s", x.rel(mod.dir), firstLine(err.Error())))
		return
	}
	var healthy []*packages.Package
	for _, p := range pkgs {
		if strings.HasSuffix(p.PkgPath, ".test") && p.Name == "main" {
			continue // the generated test main
		}
		if len(p.Errors) > 0 || p.IllTyped || p.TypesInfo == nil {
			reason := loadError(p)
			x.fallback = append(x.fallback, fmt.Sprintf("%s: %s", p.PkgPath, reason))
			for _, f := range p.CompiledGoFiles {
				x.failedFiles[f] = true
			}
			continue
		}
		healthy = append(healthy, p)
	}
	if len(healthy) == 0 {
		return
	}
	graph, err := checker.Analyze(Analyzers(), healthy, nil)
	if err != nil { // only for invalid analyzers: a bug here, not in the code scanned
		x.failedModules[mod.dir] = true
		x.fallback = append(x.fallback, fmt.Sprintf("%s: analysis: %v", x.rel(mod.dir), err))
		return
	}
	for _, p := range healthy {
		x.packages++
		for _, f := range p.CompiledGoFiles {
			x.typedFiles[f] = true
		}
	}
	for _, act := range graph.Roots {
		res, ok := act.Result.(*gofact.Result)
		if act.Err != nil || !ok {
			continue
		}
		for _, f := range res.Facts {
			f.Path = x.rel(f.Path)
			x.facts = append(x.facts, f)
		}
		for _, d := range act.Diagnostics {
			x.diags = append(x.diags, x.diagnostic(act.Package.Fset, d.Pos, d.Message, act.Analyzer.Name))
		}
	}
}

func (x *extraction) diagnostic(fset *token.FileSet, pos token.Pos, msg, analyzer string) Diagnostic {
	p := fset.Position(pos)
	return Diagnostic{Path: x.rel(p.Filename), Line: p.Line, Column: p.Column, Message: msg, Analyzer: analyzer}
}

func (x *extraction) syntax(f goFile) {
	src, err := os.ReadFile(f.abs)
	if err != nil {
		x.fallback = append(x.fallback, fmt.Sprintf("%s: %v", x.rel(f.abs), err))
		return
	}
	rel := x.rel(f.abs)
	workload := "go:./" + path.Dir(rel)
	if f.modulePath != "" {
		workload = "go:" + path.Join(f.modulePath, filepath.ToSlash(mustRel(f.module, filepath.Dir(f.abs))))
	}
	for _, fact := range ExtractFileSyntax(rel, src) {
		fact.Workload = workload
		x.facts = append(x.facts, fact)
	}
}

func (x *extraction) result() Result {
	slices.SortStableFunc(x.facts, func(a, b usage.Fact) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	slices.SortStableFunc(x.diags, compareDiagnostics)
	// A test variant of a package repeats the facts of its files.
	type key struct {
		path, ref, via, provider, scopes string
		line, column                     int
		kind                             usage.Kind
		op                               scopes.Operation
	}
	seen := map[key]bool{}
	x.facts = slices.DeleteFunc(x.facts, func(f usage.Fact) bool {
		k := key{f.Path, f.Ref, f.Via, f.Provider, strings.Join(f.Scopes, " "), f.Line, f.Column, f.Kind, f.Op}
		dup := seen[k]
		seen[k] = true
		return dup
	})
	x.diags = slices.Compact(x.diags) // sorted: the copies are adjacent
	reasons := slices.Compact(x.fallback)
	return Result{
		Facts:       x.facts,
		Typed:       len(reasons) == 0,
		Packages:    x.packages,
		Fallback:    strings.Join(reasons, "\n"),
		Diagnostics: x.diags,
	}
}

// rel returns name relative to the extraction root, slash-separated.
func (x *extraction) rel(name string) string {
	if r, err := filepath.Rel(x.root, name); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(name)
}

func mustRel(base, target string) string {
	r, err := filepath.Rel(base, target)
	if err != nil {
		return "."
	}
	return r
}

// offlineEnv is the environment go/packages runs the go command in: it can
// neither download modules (GOPROXY=off) nor edit go.mod or go.sum
// (-mod=readonly, or -mod=vendor over a vendor directory), nor switch
// toolchains; a workspace is honored only when a go.work exists.
func offlineEnv(dir string) []string {
	drop := map[string]bool{"GOPROXY": true, "GOFLAGS": true, "GOTOOLCHAIN": true, "GOWORK": true}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			env = append(env, kv)
		}
	}
	flags := "-mod=readonly"
	if _, err := os.Stat(filepath.Join(dir, "vendor", "modules.txt")); err == nil {
		flags = "-mod=vendor"
	}
	env = append(env, "GOPROXY=off", "GOFLAGS="+flags, "GOTOOLCHAIN=local")
	if !hasWorkspace(dir) {
		env = append(env, "GOWORK=off")
	}
	return env
}

// hasWorkspace reports whether dir or a parent holds a go.work.
func hasWorkspace(dir string) bool {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

// A module is a directory loaded as ./..., or, when dir is "", the Go
// files that belong to no module.
type module struct {
	dir   string
	loose int // files outside any module, when dir is ""
}

type goFile struct {
	abs        string
	module     string // root of the module the file belongs to, or ""
	modulePath string // its module path, when go.mod names one
}

type tree struct {
	modules []module
	files   []goFile
}

// walk finds the modules and Go files under root, skipping what the go
// command skips in ./... (testdata, vendor, directories starting with . or
// _) and node_modules. The module root dir belongs to may be above it:
// then root itself is loaded as ./... of that module.
func walk(root string, tests bool) (tree, error) {
	var t tree
	type mod struct{ dir, path string }
	var mods []mod // innermost last while descending
	outer := enclosingModule(root)
	if outer != "" {
		mods = append(mods, mod{root, modulePathAt(outer)})
		t.modules = append(t.modules, module{dir: root})
		if outer != root {
			// Package paths below root are the module path plus root's
			// offset in the module.
			mods[0].path = path.Join(mods[0].path, filepath.ToSlash(mustRel(outer, root)))
		}
	}
	loose := 0
	err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == root {
				return err
			}
			return nil // unreadable subdirectories are skipped, as go list does
		}
		if d.IsDir() {
			base := d.Name()
			if name != root && (base == "testdata" || base == "vendor" || base == "node_modules" ||
				strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
				return filepath.SkipDir
			}
			for len(mods) > 0 && !within(name, mods[len(mods)-1].dir) {
				mods = mods[:len(mods)-1]
			}
			if name != root || outer == "" {
				if _, err := os.Stat(filepath.Join(name, "go.mod")); err == nil {
					mods = append(mods, mod{name, modulePathAt(name)})
					t.modules = append(t.modules, module{dir: name})
				}
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || (!tests && strings.HasSuffix(name, "_test.go")) {
			return nil
		}
		for len(mods) > 0 && !within(name, mods[len(mods)-1].dir) {
			mods = mods[:len(mods)-1]
		}
		f := goFile{abs: name}
		if len(mods) > 0 {
			m := mods[len(mods)-1]
			f.module, f.modulePath = m.dir, m.path
		} else {
			loose++
		}
		t.files = append(t.files, f)
		return nil
	})
	if loose > 0 {
		t.modules = append(t.modules, module{loose: loose})
	}
	return t, err
}

func within(name, dir string) bool {
	return name == dir || strings.HasPrefix(name, dir+string(filepath.Separator))
}

// enclosingModule returns the directory of the go.mod that governs dir.
func enclosingModule(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// modulePathAt reads the module path from dir/go.mod, or "".
func modulePathAt(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module"); ok {
			return strings.Trim(strings.TrimSpace(strings.Split(rest, "//")[0]), `"`)
		}
	}
	return ""
}

// firstLine returns the first line of a go command message, without the
// "; to add:" that introduces a command to run on the next line.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSuffix(s, "; to add:")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func compareDiagnostics(a, b Diagnostic) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
}

// loadError returns why p did not type-check, preferring what the go
// command said (a module missing from the cache) over the type errors
// that follow from it.
func loadError(p *packages.Package) string {
	for _, e := range p.Errors {
		if e.Kind == packages.ListError {
			return firstLine(e.Msg)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		for _, e := range p.Imports[path].Errors {
			if e.Kind == packages.ListError {
				return path + ": " + firstLine(e.Msg)
			}
		}
	}
	if len(p.Errors) > 0 {
		return firstLine(p.Errors[0].Msg)
	}
	return "type errors"
}
