package source

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestOnlyYieldsTheNamedFilesWithFilters(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a.txt", "sub/b.txt", "testdata/c.txt", "d.min.js"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.txt", filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	tree, err := NewTree(root, TreeOptions{
		Exclude: []string{"testdata/**", "*.min.js"},
		Only:    []string{"sub/b.txt", "./a.txt", "testdata/c.txt", "d.min.js", "gone.txt", "link.txt", "sub", "../outside", "a.txt"},
	})
	if err != nil {
		t.Fatal(err)
	}
	items, skips := collect(t, tree)
	var rels []string
	for _, it := range items {
		rels = append(rels, it.Rel)
	}
	if want := []string{"a.txt", "sub/b.txt"}; !reflect.DeepEqual(rels, want) {
		t.Errorf("items %v, want %v", rels, want)
	}
	var reasons []Reason
	for _, s := range skips {
		reasons = append(reasons, s.Reason)
	}
	if want := []Reason{ReasonUnreadable, ReasonSymlink}; !reflect.DeepEqual(reasons, want) {
		t.Errorf("skips %+v, want gone.txt unreadable and link.txt symlink", skips)
	}
}
