package secrets

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
)

// corpusEnv names a directory of text files for BenchmarkAnalyzeCorpus, for
// example one built by bench/corpus.sh. Compare runs with benchstat:
//
//	NHILINT_BENCH_CORPUS=/tmp/corpus go test ./analyzers/secrets -run '^$' -bench AnalyzeCorpus -count 6
const corpusEnv = "NHILINT_BENCH_CORPUS"

// loadCorpus reads the text files under dir (binary files, those with a NUL
// byte in their first 8 KiB, are left out as the engine leaves them out).
func loadCorpus(b *testing.B, dir string) (files []*analyzers.File, size int64) {
	b.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(data[:min(len(data), 8<<10)], 0) >= 0 {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		files = append(files, &analyzers.File{Path: filepath.ToSlash(rel), Content: data})
		size += int64(len(data))
		return nil
	})
	if err != nil {
		b.Fatalf("reading corpus: %v", err)
	}
	return files, size
}

// BenchmarkAnalyzeCorpus runs the analyzer over every file of a corpus on
// one goroutine: the per-byte cost of matching, without file system or
// engine overheads.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	dir := os.Getenv(corpusEnv)
	if dir == "" {
		b.Skipf("set %s to a corpus directory (see bench/corpus.sh)", corpusEnv)
	}
	files, size := loadCorpus(b, dir)
	a, err := New(Options{MaxDecodeDepth: DefaultMaxDecodeDepth})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			fc := *f
			if _, err := a.Analyze(ctx, &fc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkNew measures building the analyzer: rule parsing and regex
// compilation are paid by every process, including pre-commit hooks.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
