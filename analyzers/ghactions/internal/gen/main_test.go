package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedIsCurrent regenerates the tables from the shared data and
// compares them with the committed file. It is skipped where the data
// directory is not present (it lives outside the repository).
func TestGeneratedIsCurrent(t *testing.T) {
	// The default data directory is relative to the analyzer's directory,
	// where go generate runs; tests run two levels below it.
	dir := os.Getenv("NHILINT_GITHUB_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", defaultDataDir())
	}
	if _, err := os.Stat(filepath.Join(dir, fileRoutes)); err != nil {
		t.Skipf("upstream data not present at %s", dir)
	}
	got, err := generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "permissions_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("permissions_gen.go is stale: run go generate ./analyzers/ghactions")
	}
	again, err := generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Error("generation is not deterministic")
	}
}

func TestGenerateMissingData(t *testing.T) {
	if _, err := generate(t.TempDir()); err == nil {
		t.Error("no error for an empty data directory")
	}
}
