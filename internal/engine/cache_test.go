package engine

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/source"
)

// tallyAnalyzer counts the files it analyzes.
type tallyAnalyzer struct {
	wordAnalyzer
	calls *atomic.Int64
}

func (a tallyAnalyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	a.calls.Add(1)
	return a.wordAnalyzer.Analyze(ctx, f)
}

// finishingAnalyzer reports across files, so it must see every file.
type finishingAnalyzer struct{ calls *atomic.Int64 }

func (finishingAnalyzer) Name() string           { return "finisher" }
func (finishingAnalyzer) Rules() []*finding.Rule { return nil }
func (finishingAnalyzer) Wants(string) bool      { return true }
func (finishingAnalyzer) Finish(context.Context) ([]analyzers.Result, error) {
	return nil, nil
}
func (a finishingAnalyzer) Analyze(context.Context, *analyzers.File) ([]analyzers.Result, error) {
	a.calls.Add(1)
	return nil, nil
}

// cachedRun scans items with a cache in dir and returns the findings and
// how many files each analyzer analyzed.
func cachedRun(t *testing.T, dir, key string, items ...source.Item) (res *Result, perFile, finisher int64) {
	t.Helper()
	c, err := OpenCache(dir, []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	var pc, fc atomic.Int64
	opts := Options{Cache: c, Jobs: 2, Analyzers: []analyzers.Analyzer{
		tallyAnalyzer{wordAnalyzer{word: "KEY"}, &pc},
		finishingAnalyzer{&fc},
	}}
	return run(t, opts, items...), pc.Load(), fc.Load()
}

func TestCacheSkipsCleanFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	items := []source.Item{item("a.txt", "nothing here"), item("b.txt", "a KEY here"), item("c.txt", "nor here")}

	res, perFile, fin := cachedRun(t, dir, "k1", items...)
	if len(res.Findings) != 1 || perFile != 3 || fin != 3 {
		t.Fatalf("cold: %d findings, %d per-file and %d finisher analyses; want 1, 3, 3", len(res.Findings), perFile, fin)
	}
	res, perFile, fin = cachedRun(t, dir, "k1", items...)
	if len(res.Findings) != 1 || perFile != 1 || fin != 3 {
		t.Fatalf("warm: %d findings, %d per-file and %d finisher analyses; want 1, 1 (the file with a finding), 3", len(res.Findings), perFile, fin)
	}
	// Changed content, another path and another key are all misses.
	changed := []source.Item{item("a.txt", "nothing here either"), item("d.txt", "nor here"), item("c.txt", "nor here")}
	if _, perFile, _ = cachedRun(t, dir, "k1", changed...); perFile != 2 {
		t.Fatalf("changed content and path: %d per-file analyses, want 2", perFile)
	}
	if _, perFile, _ = cachedRun(t, dir, "k2", items...); perFile != 3 {
		t.Fatalf("other key: %d per-file analyses, want 3", perFile)
	}
	// Added lines are part of the entry: a history scan of the same
	// content is not the work-tree scan.
	hist := item("c.txt", "nor here")
	hist.Added = []source.LineRange{{Start: 1, End: 1}}
	if _, perFile, _ = cachedRun(t, dir, "k1", hist); perFile != 1 {
		t.Fatalf("added lines: %d per-file analyses, want 1", perFile)
	}
}

func TestCacheFilesArePrivateAndHoldNoContent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	content := "a distinctive line of content"
	cachedRun(t, dir, "k", item("secret-name.txt", content))
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o700 {
		t.Errorf("cache directory mode %o, want 700", got)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d files in the cache, want 1", len(entries))
	}
	p := filepath.Join(dir, entries[0].Name())
	fi, err = os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("cache file mode %o, want 600", got)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(cacheMagic) + 32; len(data) != want {
		t.Errorf("cache file is %d bytes, want %d (the header and one entry)", len(data), want)
	}
	if bytes.Contains(data, []byte("distinctive")) || bytes.Contains(data, []byte("secret-name")) {
		t.Error("the cache file holds content or a file name")
	}
}

func TestCacheIgnoresCorruptFiles(t *testing.T) {
	items := []source.Item{item("a.txt", "nothing here"), item("b.txt", "nor here")}
	for name, corrupt := range map[string]func([]byte) []byte{
		"truncated entry": func(b []byte) []byte { return b[:len(b)-5] },
		"bad header":      func(b []byte) []byte { b[0] ^= 0xff; return b },
		"empty":           func([]byte) []byte { return nil },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			cachedRun(t, dir, "k", items...)
			entries, _ := os.ReadDir(dir)
			p := filepath.Join(dir, entries[0].Name())
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, corrupt(data), 0o600); err != nil {
				t.Fatal(err)
			}
			res, perFile, _ := cachedRun(t, dir, "k", items...)
			want := int64(2)
			if name == "truncated entry" {
				want = 1 // the whole first entry still counts
			}
			if perFile != want || len(res.Findings) != 0 {
				t.Fatalf("%d per-file analyses and %d findings, want %d and 0", perFile, len(res.Findings), want)
			}
			// The next scan rewrites the file whole.
			if _, perFile, _ = cachedRun(t, dir, "k", items...); perFile != 0 {
				t.Fatalf("after rewrite: %d per-file analyses, want 0", perFile)
			}
		})
	}
}

func TestCacheDoesNotRememberFailures(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenCache(dir, []byte("k"))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Cache: c, Analyzers: []analyzers.Analyzer{wordAnalyzer{word: "KEY", panic: "BOOM"}}}
	run(t, opts, item("a.txt", "BOOM"))
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a file whose analysis failed was cached: %d cache files", len(entries))
	}
}
