package source

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// walkTimeout bounds every walk in the tests: a walker that opens a FIFO
// blocks forever, and the test must fail instead of hanging.
const walkTimeout = 10 * time.Second

// collect runs src.Walk to the end, failing the test on error or timeout.
func collect(t testing.TB, src Source) ([]Item, []Skip) {
	t.Helper()
	items, skips, err := collectErr(t, context.Background(), src, nil)
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return items, skips
}

// collectErr runs src.Walk; onEmit, if set, decides what emit returns.
func collectErr(t testing.TB, ctx context.Context, src Source, onEmit func(Item) error) ([]Item, []Skip, error) {
	t.Helper()
	type result struct {
		items []Item
		skips []Skip
		err   error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.err = src.Walk(ctx,
			func(it Item) error {
				r.items = append(r.items, it)
				if onEmit != nil {
					return onEmit(it)
				}
				return nil
			},
			func(s Skip) { r.skips = append(r.skips, s) })
		done <- r
	}()
	select {
	case r := <-done:
		return r.items, r.skips, r.err
	case <-time.After(walkTimeout):
		t.Fatal("Walk did not finish: something blocked (an opened FIFO?)")
		return nil, nil, nil
	}
}

// readAll calls Read on every item, with a timeout, and returns the contents.
func readAll(t testing.TB, items []Item) []string {
	t.Helper()
	done := make(chan []string, 1)
	go func() {
		var contents []string
		for _, it := range items {
			data, err := it.Read()
			if err != nil {
				contents = append(contents, "error: "+err.Error())
				continue
			}
			contents = append(contents, string(data))
		}
		done <- contents
	}()
	select {
	case c := <-done:
		return c
	case <-time.After(walkTimeout):
		t.Fatal("Read did not finish: something blocked")
		return nil
	}
}

func itemPaths(items []Item) []string {
	paths := []string{}
	for _, it := range items {
		paths = append(paths, it.Path)
	}
	return paths
}

func itemRels(items []Item) []string {
	rels := []string{}
	for _, it := range items {
		rels = append(rels, it.Rel)
	}
	return rels
}

func wantPaths(t testing.TB, items []Item, want ...string) {
	t.Helper()
	got := itemPaths(items)
	if want == nil {
		want = []string{}
	}
	if !slices.Equal(got, want) {
		t.Errorf("item paths:\n got %q\nwant %q", got, want)
	}
}

func wantSkips(t testing.TB, skips []Skip, want ...Skip) {
	t.Helper()
	if !slices.Equal(skips, want) {
		t.Errorf("skips:\n got %+q\nwant %+q", skips, want)
	}
}

// writeFiles creates files under root: a name ending in "/" is an empty
// directory, anything else a file with the given content.
func writeFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t testing.TB, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// chdirTemp makes a fresh directory the working directory, so that roots
// and item paths in the test are short relative paths.
func chdirTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func newTree(t testing.TB, root string, opts TreeOptions) *Tree {
	t.Helper()
	tree, err := NewTree(root, opts)
	if err != nil {
		t.Fatalf("NewTree(%q): %v", root, err)
	}
	return tree
}

// requireNoRepoAbove skips a test that needs dir to be outside any git work
// tree (a TMPDIR inside a checkout would change its meaning).
func requireNoRepoAbove(t *testing.T, dir string) {
	t.Helper()
	if top, ok := findWorkTreeTop(dir); ok {
		t.Skipf("temporary directory is inside the git work tree %s", top)
	}
}
