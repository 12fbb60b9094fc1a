// Package gofact holds what the gocode passes share: the result each pass
// returns, a Reporter that turns a position into a usage.Fact and a
// diagnostic at once, and small helpers over typed syntax (callees,
// constant strings, versionless import paths, local definitions).
package gofact

import (
	"cmp"
	"go/token"
	"reflect"
	"slices"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/nhilint/nhilint/internal/usage"
)

// Result is what every gocode pass returns as its analysis result.
type Result struct {
	// Facts are in source order. Path is the file name as the pass's file
	// set knows it (absolute under go/packages); drivers relativize it.
	Facts []usage.Fact
	// Unmapped lists, sorted and deduplicated, the SDK calls the pass
	// recognized as provider operations but could not name, because the
	// knowledge tables do not know them: "(*github.RepositoriesService).Foo".
	Unmapped []string
}

// ResultType is the analysis.Analyzer ResultType of every gocode pass.
var ResultType = reflect.TypeFor[*Result]()

// Reporter collects the facts of one pass run and reports a diagnostic for
// each, so that `go vet -vettool` shows what the extractor saw.
type Reporter struct {
	pass     *analysis.Pass
	result   Result
	pos      []token.Pos // of each fact, to sort them
	unmapped map[string]bool
	content  map[string][]byte // file contents read for code-point columns
}

// NewReporter returns a Reporter for pass.
func NewReporter(pass *analysis.Pass) *Reporter {
	return &Reporter{pass: pass, unmapped: map[string]bool{}, content: map[string][]byte{}}
}

// Add completes f with the position of pos and the pass's workload, records
// it, and reports message as a diagnostic at pos unless message is empty.
func (r *Reporter) Add(pos token.Pos, f usage.Fact, message string) {
	p := r.pass.Fset.Position(pos)
	f.Path = p.Filename
	f.Line = p.Line
	f.Column = r.column(p)
	f.Workload = "go:" + r.pass.Pkg.Path()
	f.Language = "go"
	f.Typed = true
	r.result.Facts = append(r.result.Facts, f)
	r.pos = append(r.pos, pos)
	if message != "" {
		r.pass.Report(analysis.Diagnostic{Pos: pos, Category: f.Kind.String(), Message: message})
	}
}

// Unmapped records a call the pass recognized but could not name.
func (r *Reporter) Unmapped(via string) { r.unmapped[via] = true }

// Result returns the collected result, facts in source order.
func (r *Reporter) Result() *Result {
	order := make([]int, len(r.pos))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(r.pos[a], r.pos[b]) })
	facts := make([]usage.Fact, len(order))
	for i, j := range order {
		facts[i] = r.result.Facts[j]
	}
	r.result.Facts = facts
	for via := range r.unmapped {
		r.result.Unmapped = append(r.result.Unmapped, via)
	}
	slices.Sort(r.result.Unmapped)
	return &r.result
}

// column converts the byte column of p into the 1-based code-point column
// the usage facts use. It falls back to the byte column when the file
// cannot be read (a driver without ReadFile, a generated file).
func (r *Reporter) column(p token.Position) int {
	content, ok := r.content[p.Filename]
	if !ok {
		read := r.pass.ReadFile
		if read != nil {
			content, _ = read(p.Filename)
		}
		r.content[p.Filename] = content
	}
	start := p.Offset - (p.Column - 1)
	if start < 0 || p.Offset > len(content) {
		return p.Column
	}
	return utf8.RuneCount(content[start:p.Offset]) + 1
}
