//go:build unix

package source

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestTreeGolden walks a realistic repository under several option sets and
// compares everything yielded and skipped with testdata/walk.golden.
func TestTreeGolden(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{
		".git/HEAD":                     "ref: refs/heads/main\n",
		".git/info/exclude":             ".env.local\n",
		".gitignore":                    "node_modules/\ndist/\n*.log\n!important.log\n.env*\n!.env.example\n",
		".env":                          "X=1\n",
		".env.example":                  "X=\n",
		".env.local":                    "X=2\n",
		".github/workflows/ci.yml":      "on: push\n",
		"README.md":                     "# demo\n",
		"app.log":                       "log\n",
		"important.log":                 "keep\n",
		"dist/bundle.min.js":            "x\n",
		"node_modules/pkg/index.js":     "x\n",
		"src/main.go":                   "package main\n",
		"src/main_test.go":              "package main\n",
		"src/assets/app.min.js":         "x\n",
		"src/assets/big.bin":            strings.Repeat("\x00", 4096),
		"src/internal/.gitignore":       "generated/\n*.gen.go\n!keep.gen.go\n",
		"src/internal/generated/zz.go":  "x\n",
		"src/internal/keep.gen.go":      "x\n",
		"src/internal/other.gen.go":     "x\n",
		"testdata/fixtures/creds.json":  "{}\n",
		"vendor/github.com/x/y/y.go":    "package y\n",
		"third_party/lib/.git":          "gitdir: ../../.git/modules/lib\n",
		"third_party/lib/lib.c":         "int x;\n",
		".git/modules/lib/info/exclude": "*.o\n",
		"third_party/lib/lib.o":         "\x7fELF",
	})
	symlink(t, "README.md", "README")
	symlink(t, "../src", filepath.Join("testdata", "src-link"))
	symlink(t, "/", "rootfs")
	mkfifo(t, filepath.Join("src", "events.fifo"))

	configs := []struct {
		name string
		root string
		opts TreeOptions
	}{
		{"defaults", ".", TreeOptions{}},
		{"no-ignore", ".", TreeOptions{NoIgnore: true}},
		{"exclude tests, vendor and minified", ".", TreeOptions{Exclude: []string{"*_test.go", "vendor", "*.min.js", "testdata/"}}},
		{"include go and yaml", ".", TreeOptions{Include: []string{"*.go", "**/*.yml"}}},
		{"max size and symlinks followed", ".", TreeOptions{MaxFileSize: 1024, FollowSymlinks: true}},
		{"subdirectory", "src/internal", TreeOptions{}},
	}
	var out bytes.Buffer
	for _, c := range configs {
		fmt.Fprintf(&out, "== %s: root %q %+v\n", c.name, c.root, c.opts)
		items, skips := collect(t, newTree(t, c.root, c.opts))
		for _, it := range items {
			fmt.Fprintf(&out, "item %q rel=%q size=%d\n", it.Path, it.Rel, it.Size)
		}
		for _, s := range skips {
			fmt.Fprintf(&out, "skip %q %s %q\n", s.Path, s.Reason, s.Detail)
		}
		readAll(t, items) // must not block
	}

	golden := filepath.Join(testdataDir(t), "walk.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("walk differs from %s (run with -update to accept):\n%s", golden, lineDiff(string(want), out.String()))
	}
}

// testdataDir is the package's testdata directory, found before the test
// changes directory.
var packageDir, _ = os.Getwd()

func testdataDir(t *testing.T) string {
	t.Helper()
	if packageDir == "" {
		t.Fatal("cannot find the package directory")
	}
	return filepath.Join(packageDir, "testdata")
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	inWant := map[string]int{}
	for _, l := range strings.Split(want, "\n") {
		inWant[l]++
	}
	inGot := map[string]int{}
	for _, l := range strings.Split(got, "\n") {
		inGot[l]++
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if inGot[l] == 0 {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if inWant[l] == 0 {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}
