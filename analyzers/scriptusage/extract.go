package scriptusage

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// MaxSize is the largest content Extract lexes. Larger files are refused
// with an error, which the caller reports as a skip: generated or vendored
// bundles of that size are not where credentials are used by hand.
const MaxSize = 4 << 20

// language is one of the syntaxes Extract reads.
type language int

const (
	langNone language = iota
	langPython
	langJavaScript
	langShell
	langGitHubWorkflow
	langGitLabCI
)

// Wants reports whether Extract reads the file at the slash path rel.
func Wants(rel string) bool { return languageOf(rel) != langNone }

func languageOf(rel string) language {
	base := path.Base(rel)
	switch {
	case base == ".gitlab-ci.yml" || base == ".gitlab-ci.yaml":
		return langGitLabCI
	case isWorkflowPath(rel):
		return langGitHubWorkflow
	}
	switch strings.ToLower(path.Ext(base)) {
	case ".py", ".pyw":
		return langPython
	case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx":
		if strings.HasSuffix(base, ".min.js") {
			return langNone // minified bundles: no one writes credentials use there
		}
		return langJavaScript
	case ".sh", ".bash", ".zsh", ".ksh":
		return langShell
	}
	return langNone
}

// isWorkflowPath matches .github/workflows/<name>.yml|yaml at any depth (a
// scan root may hold several repositories), but not files in subdirectories
// of workflows/, which GitHub does not run.
func isWorkflowPath(rel string) bool {
	dir, file := path.Split(rel)
	ext := path.Ext(file)
	if ext != ".yml" && ext != ".yaml" {
		return false
	}
	dir = strings.TrimSuffix(dir, "/")
	return dir == ".github/workflows" || strings.HasSuffix(dir, "/.github/workflows")
}

// Extract returns the facts of one file, sorted by position. rel is the
// slash path relative to the scan root and becomes Fact.Path. Malformed
// input yields what could be read; the error is non-nil only when the file
// is too large or nothing of it could be parsed (YAML that does not parse).
func Extract(rel string, content []byte) ([]usage.Fact, error) {
	lang := languageOf(rel)
	if lang == langNone {
		return nil, nil
	}
	if len(content) > MaxSize {
		return nil, fmt.Errorf("scriptusage: %s: %d bytes exceeds the %d byte limit", rel, len(content), MaxSize)
	}
	var (
		facts []usage.Fact
		err   error
	)
	switch lang {
	case langPython:
		facts = extractPython(rel, content)
	case langJavaScript:
		facts = extractJavaScript(rel, content)
	case langShell:
		facts = extractShellFile(rel, content)
	case langGitHubWorkflow:
		facts, err = extractGitHubWorkflow(rel, content)
	case langGitLabCI:
		facts, err = extractGitLabCI(rel, content)
	}
	return normalize(facts), err
}

// normalize sorts facts by position and drops exact duplicates (the same
// construct reached twice, as through a YAML alias).
func normalize(facts []usage.Fact) []usage.Fact {
	slices.SortStableFunc(facts, func(a, b usage.Fact) int {
		return cmp.Or(
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Workload, b.Workload),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Ref, b.Ref),
			cmp.Compare(a.Op.String(), b.Op.String()),
			cmp.Compare(a.Via, b.Via),
		)
	})
	return slices.CompactFunc(facts, func(a, b usage.Fact) bool {
		return a.Line == b.Line && a.Column == b.Column && a.Workload == b.Workload &&
			a.Kind == b.Kind && a.Ref == b.Ref && a.RefKind == b.RefKind && a.Op == b.Op &&
			a.Via == b.Via && a.Provider == b.Provider
	})
}

// workload is where facts of one program go: its name and language, and
// the position of each fact.
type workload struct {
	path     string
	name     string // "python:a/b.py", "workflow:.github/workflows/ci.yml#build"
	language string // usage.Fact.Language
	facts    []usage.Fact
}

// environment records the deployment environment a CI job runs in.
func (w *workload) environment(line, col int, name string) {
	if name == "" {
		return
	}
	w.facts = append(w.facts, usage.Fact{Kind: usage.Environment, Ref: name, Via: "environment",
		Path: w.path, Line: line, Column: col, Workload: w.name, Language: w.language})
}

// runs records the programs a CI script runs (see programsRun).
func (w *workload) runs(line, col int, script string) {
	for _, p := range programsRun(script) {
		w.facts = append(w.facts, usage.Fact{Kind: usage.Runs, Ref: p, Via: "run",
			Path: w.path, Line: line, Column: col, Workload: w.name, Language: w.language})
	}
}

func (w *workload) ref(line, col int, name string, kind usage.RefKind, provider, via string) {
	if name == "" {
		return
	}
	w.facts = append(w.facts, usage.Fact{
		Kind: usage.Ref, Provider: provider, Ref: name, RefKind: kind, Via: via,
		Path: w.path, Line: line, Column: col, Workload: w.name, Language: w.language,
	})
}

func (w *workload) op(line, col int, op scopes.Operation, via string) {
	if op.Name == "" {
		return
	}
	w.facts = append(w.facts, usage.Fact{
		Kind: usage.Operation, Provider: op.Provider, Op: op, Via: via,
		Path: w.path, Line: line, Column: col, Workload: w.name, Language: w.language,
	})
}

// lineIndex converts byte offsets of one text into 1-based lines and
// columns counted in code points. Queries come in nearly increasing order,
// so it remembers the last answer and counts from there: facts on one long
// line cost time linear in the distance between them, not in the line.
type lineIndex struct {
	text   []byte
	starts []int

	lastOff, lastLine, lastCol int
}

func newLineIndex(text []byte) *lineIndex {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{text: text, starts: starts, lastLine: 1, lastCol: 1}
}

func (x *lineIndex) position(off int) (line, col int) {
	off = min(max(off, 0), len(x.text))
	if off >= x.starts[x.lastLine-1] && (x.lastLine == len(x.starts) || off < x.starts[x.lastLine]) {
		// On the line of the last answer: count from there, either way.
		if off >= x.lastOff {
			col = x.lastCol + analyzers.RuneCount(x.text[x.lastOff:off])
		} else {
			col = x.lastCol - analyzers.RuneCount(x.text[off:x.lastOff])
		}
		x.lastOff, x.lastCol = off, col
		return x.lastLine, col
	}
	i, found := slices.BinarySearch(x.starts, off)
	if !found {
		i--
	}
	line, col = i+1, analyzers.RuneCount(x.text[x.starts[i]:off])+1
	x.lastOff, x.lastLine, x.lastCol = off, line, col
	return line, col
}
