// Package analyzers defines what an analyzer is. Each analyzer family lives in
// a sub-package (secrets, ci, agents, ...) and knows no command line and no
// output format: it reads a file and reports findings in the shared model.
package analyzers

import (
	"context"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/source"
)

// File is one piece of content to analyze. The engine reads it once and hands
// the same File to every analyzer that wants it; Content must not be modified.
type File struct {
	// Path is slash-separated and relative to where the scan was started.
	Path string
	// Rel is the slash path relative to the scan root, which config globs match.
	Rel     string
	Content []byte
	// Commit, Author and Date are set when the content comes from git history.
	Commit string
	Author string
	Date   time.Time
	// Added, when not nil, lists the inclusive 1-based line ranges that this
	// version of the file adds (history and staged scans). Secret rules
	// report only inside them; structural analyzers read the whole file.
	Added []source.LineRange

	lines []int // byte offset of the start of each line, built on demand
}

// Location returns a location in this file spanning byte offsets [start, end).
func (f *File) Location(start, end int) finding.Location {
	sl, sc := f.Position(start)
	el, ec := f.Position(end)
	return finding.Location{
		Path: f.Path, StartLine: sl, StartColumn: sc, EndLine: el, EndColumn: ec,
		Commit: f.Commit, Author: f.Author, Date: f.Date,
	}
}

// Position converts a byte offset into a 1-based line and a 1-based column
// counted in Unicode code points (invalid UTF-8 bytes count one each).
func (f *File) Position(offset int) (line, column int) {
	if f.lines == nil {
		f.lines = lineStarts(f.Content)
	}
	offset = min(max(offset, 0), len(f.Content))
	// The last line start at or before offset.
	lo, hi := 0, len(f.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.lines[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, RuneCount(f.Content[f.lines[lo]:offset]) + 1
}

// LineStart returns the byte offset where 1-based line n starts, or -1.
func (f *File) LineStart(n int) int {
	if f.lines == nil {
		f.lines = lineStarts(f.Content)
	}
	if n < 1 || n > len(f.lines) {
		return -1
	}
	return f.lines[n-1]
}

// Line returns the content of 1-based line n without its line ending.
func (f *File) Line(n int) []byte {
	start := f.LineStart(n)
	if start < 0 {
		return nil
	}
	end := len(f.Content)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	if end > start && f.Content[end-1] == '\r' {
		end--
	}
	return f.Content[start:end]
}

func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// RuneCount counts b's code points the way columns count them: each byte of
// an invalid or truncated sequence is one. Analyzers that compute columns
// themselves use it so that their columns agree with File's.
func RuneCount(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case c >= 0xC0 && c < 0xE0 && i+1 < len(b):
			i += 2
		case c >= 0xE0 && c < 0xF0 && i+2 < len(b):
			i += 3
		case c >= 0xF0 && i+3 < len(b):
			i += 4
		default:
			i++
		}
		n++
	}
	return n
}

// Result is a finding plus the evidence the engine needs to apply allowlists
// and inline suppressions. The engine drops the evidence before a finding
// leaves it, so no report can ever see a secret.
type Result struct {
	Finding  finding.Finding
	Evidence Evidence
}

// Analyzer is one family of rules.
type Analyzer interface {
	// Name is a short stable identifier ("secrets", "ci", "agents").
	Name() string
	// Rules documents every rule the analyzer can report.
	Rules() []*finding.Rule
	// Wants reports whether the analyzer reads the file at this slash path.
	Wants(path string) bool
	// Analyze reports what it finds in one file. It may be called from many
	// goroutines at once, each with its own File.
	Analyze(ctx context.Context, f *File) ([]Result, error)
}

// Finisher is implemented by analyzers that also report across files, such as
// one key shared by several agents. The engine calls Finish once, after
// Analyze has returned for every file; findings from Finish are not subject
// to inline suppression comments (they belong to no single line).
type Finisher interface {
	Finish(ctx context.Context) ([]Result, error)
}

// PathAnalyzer is implemented by analyzers with rules that judge a file by
// its path alone, such as a PKCS#12 key store (*.p12): the engine calls
// AnalyzePath for binary files, whose content no analyzer reads.
type PathAnalyzer interface {
	AnalyzePath(ctx context.Context, f *File) ([]Result, error)
}
