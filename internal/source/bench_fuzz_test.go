package source

import (
	"fmt"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

func BenchmarkTreeWalk(b *testing.B) {
	root := b.TempDir()
	files := map[string]string{
		".git/HEAD":  "",
		".gitignore": "*.log\nbuild/\n",
	}
	for d := range 50 {
		for f := range 100 {
			files[fmt.Sprintf("pkg%02d/sub/file%03d.go", d, f)] = "package sub\n"
		}
		files[fmt.Sprintf("pkg%02d/.gitignore", d)] = "*.tmp\n"
	}
	writeFiles(b, root, files)
	tree, err := NewTree(root, TreeOptions{Exclude: []string{"*.min.js", "vendor"}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		items, _ := collect(b, tree)
		if len(items) != 5000+50+1 {
			b.Fatalf("walked %d items, want 5051", len(items))
		}
	}
}

// FuzzParseIgnore feeds arbitrary .gitignore content (which comes from the
// repository being scanned) through parsing and matching.
func FuzzParseIgnore(f *testing.F) {
	f.Add([]byte("*.log\n!keep.log\nbuild/\n/top\n# c\n\\#x\n\\!y\n**/z/**\na/**/b\n"), "a/b/c.log")
	f.Add([]byte("\uFEFF[\n!\n/\n**\n\r\n \n"), "x")
	f.Add([]byte("a\\ \nb  \n[a-\n"), "a /b")
	f.Fuzz(func(t *testing.T, data []byte, rel string) {
		patterns := parseIgnore(data, []string{"d"})
		m := gitignore.NewMatcher(patterns)
		comps := append([]string{"d"}, strings.Split(rel, "/")...)
		m.Match(comps, false)
		m.Match(comps, true)
	})
}

// FuzzGlob checks that any pattern either fails to compile or matches
// without panicking.
func FuzzGlob(f *testing.F) {
	f.Add("*.min.js", "a/b.min.js")
	f.Add("/src/**/", "src/x")
	f.Add("{a,b/[c-d]}/**", "b/c/d")
	f.Add("[", "x")
	f.Fuzz(func(t *testing.T, pattern, rel string) {
		g, err := compileGlob(pattern)
		if err != nil {
			return
		}
		g.match(rel, false)
		g.match(rel, true)
	})
}
