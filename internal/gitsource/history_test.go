package gitsource

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/internal/source"
)

func mustHistory(t *testing.T, dir string, opts HistoryOptions) *HistorySource {
	t.Helper()
	s, err := History(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestHistoryLinear covers edits, line-ending changes, deletion, restores,
// copies, renames and git's tree order ("lib" sorts after "lib.txt").
func TestHistoryLinear(t *testing.T) {
	g := newRepo(t)
	g.write("config.env", "a=1\nb=2\n")
	g.write("README", "hello\n")
	g.write("lib.txt", "top\n")
	g.write("lib/x.txt", "x\n")
	g.commit("add config")
	g.write("config.env", "a=1\nb=2\nkey=K1\n")
	g.write("lib/x.txt", "x\nx2\n")
	g.commit("add key")
	g.write("config.env", "key=K1\r\na=1\r\nb=2\r\n")
	g.commit("reorder with CRLF")
	g.remove("config.env")
	g.commit("delete config")
	g.write("config.env", "a=1\nb=2\nkey=K1\n")
	g.commit("restore config")
	g.write("copy.env", "a=1\nb=2\nkey=K1\n")
	g.commit("copy config")
	g.remove("README")
	g.write("docs/README.md", "hello\nworld\n")
	g.commit("move readme")
	g.write("lib.txt", "top\n\nnew\n")
	g.commit("lines without final newline")
	g.write("lib.txt", "top\n\nnew\nlast")
	g.commit("final line")

	got := render(t, mustHistory(t, g.dir, HistoryOptions{}), subjects(t, g.dir))
	checkGolden(t, "linear", got)
}

// TestHistoryMerge: content merged from a branch is reported once, at the
// branch commit; a conflict resolution reports only its own lines.
func TestHistoryMerge(t *testing.T) {
	g := newRepo(t)
	g.write("app.txt", "one\n")
	g.commit("base")
	g.git("checkout", "-q", "-b", "feature")
	g.write("key.txt", "k=FEATURE\n")
	g.write("app.txt", "one\nfeature-line\n")
	g.commit("feature: add key")
	g.git("checkout", "-q", "main")
	g.write("other.txt", "main\n")
	g.commit("main: other")
	g.merge("feature", "merge feature", nil)

	g.git("checkout", "-q", "-b", "f2")
	g.write("app.txt", "one\nfeature-line\nthree-f2\n")
	g.commit("f2: three")
	g.git("checkout", "-q", "main")
	g.write("app.txt", "one\nfeature-line\nthree-main\n")
	g.commit("main: three")
	g.merge("f2", "merge f2 with resolution", map[string]string{
		"app.txt": "one\nfeature-line\nthree-f2\nthree-main\nresolved\n",
	})

	got := render(t, mustHistory(t, g.dir, HistoryOptions{}), subjects(t, g.dir))
	checkGolden(t, "merge", got)
	if n := strings.Count(got, `path="key.txt"`); n != 1 {
		t.Errorf("key.txt reported %d times, want once", n)
	}
}

// TestHistoryOptions covers Branch, Since, Range, FromTo, Include and
// Exclude.
func TestHistoryOptions(t *testing.T) {
	g := newRepo(t)
	g.write("src/a.go", "package a\n")
	g.write("src/a_test.go", "package a\n// test\n")
	g.write("vendor/v.go", "package v\n")
	g.write("docs/x.md", "doc\n")
	c1 := g.commit("c1")
	g.write("src/a.go", "package a\n// two\n")
	g.commit("c2")
	g.git("tag", "-a", "-m", "annotated", "v2")
	g.write("src/a.go", "package a\n// two\n// three\n")
	c3 := g.commit("c3")
	g.git("checkout", "-q", "-b", "side", c1)
	g.write("side.txt", "side\n")
	g.commit("side")
	g.git("checkout", "-q", "main")

	names := subjects(t, g.dir)
	var b strings.Builder
	for _, tc := range []struct {
		name string
		opts HistoryOptions
	}{
		{"all refs", HistoryOptions{}},
		{"branch main", HistoryOptions{Branch: "main"}},
		{"since annotated tag", HistoryOptions{Since: "v2"}},
		{"branch side since main", HistoryOptions{Branch: "side", Since: "main"}},
		{"range", HistoryOptions{Range: c1 + ".." + c3}},
		{"range to HEAD", HistoryOptions{Range: "HEAD~1.."}},
		{"include src, exclude tests", HistoryOptions{Include: []string{"src/"}, Exclude: []string{"*_test.go"}}},
		{"exclude dir", HistoryOptions{Exclude: []string{"/vendor", "docs/**"}}},
	} {
		b.WriteString("== " + tc.name + "\n")
		b.WriteString(render(t, mustHistory(t, g.dir, tc.opts), names))
	}
	from, err := FromTo(g.dir, c1, c3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b.WriteString("== FromTo c1 c3\n")
	b.WriteString(render(t, from, names))
	checkGolden(t, "options", b.String())

	for _, opts := range []HistoryOptions{
		{Branch: "nope"},
		{Since: "nope"},
		{Range: "main"},
		{Range: "a...b"},
		{Range: "main..side", Branch: "main"},
		{Include: []string{"["}},
		{MaxFileSize: -1},
	} {
		if _, err := History(g.dir, opts); err == nil {
			t.Errorf("History(%+v): want an error", opts)
		}
	}
	if _, err := History(t.TempDir(), HistoryOptions{}); err == nil {
		t.Error("History of a directory that is no repository: want an error")
	}
}

// TestShallowClone: the boundary commit of a shallow clone is scanned as a
// root commit, whole.
func TestShallowClone(t *testing.T) {
	g := newRepo(t)
	g.write("a.txt", "one\n")
	g.commit("first")
	g.write("a.txt", "one\ntwo\n")
	g.write("b.txt", "b\n")
	g.commit("second")
	g.write("a.txt", "one\ntwo\nthree\n")
	g.commit("third")
	dst := filepath.Join(t.TempDir(), "shallow")
	runGit(t, g.dir, 0, "clone", "-q", "--depth", "1", "file://"+g.dir, dst)

	got := render(t, mustHistory(t, dst, HistoryOptions{}), subjects(t, g.dir))
	checkGolden(t, "shallow", got)
}

// TestMissingAndCorruptObjects: a deleted loose blob is a missing-object
// skip, a garbage one an unreadable skip; the walk goes on.
func TestMissingAndCorruptObjects(t *testing.T) {
	g := newRepo(t)
	g.write("a.txt", "a\n")
	g.write("gone.txt", "gone\n")
	g.write("bad.txt", "bad\n")
	g.commit("first")
	g.write("gone.txt", "gone\nnew\n")
	g.write("bad.txt", "bad\nnew\n")
	g.commit("second")
	must(t, os.Remove(g.objectFile("HEAD~1:gone.txt")))
	bad := g.objectFile("HEAD:bad.txt")
	must(t, os.Chmod(bad, 0o644))
	must(t, os.WriteFile(bad, []byte("this is not zlib"), 0o644))

	s := mustHistory(t, g.dir, HistoryOptions{})
	got := render(t, s, subjects(t, g.dir))
	if s.Missing() != 1 {
		t.Errorf("Missing() = %d, want 1", s.Missing())
	}
	h, err := HeadTree(g.dir, Options{})
	must(t, err)
	got += "== HEAD\n" + render(t, h, subjects(t, g.dir))
	checkGolden(t, "damaged", got)
	if h.Missing() != 0 {
		t.Errorf("HeadTree Missing() = %d, want 0", h.Missing())
	}

	// A missing tree is reported once and the rest of the commit is walked.
	must(t, os.Remove(g.objectFile("HEAD^{tree}")))
	s = mustHistory(t, g.dir, HistoryOptions{})
	got = render(t, s, subjects(t, g.dir))
	checkGolden(t, "missing_tree", got)
	if s.Missing() != 2 {
		t.Errorf("Missing() = %d, want 2 (a blob and a tree)", s.Missing())
	}
}

// TestSubmodule: gitlinks are skips, never followed.
func TestSubmodule(t *testing.T) {
	g := newRepo(t)
	g.write("a.txt", "a\n")
	first := g.commit("first")
	g.git("update-index", "--add", "--cacheinfo", "160000,"+first+",vendor/lib")
	g.tick++
	g.git("commit", "-q", "-m", "add submodule")
	got := render(t, mustHistory(t, g.dir, HistoryOptions{}), subjects(t, g.dir))
	h, err := HeadTree(g.dir, Options{})
	must(t, err)
	got += "== HEAD\n" + render(t, h, subjects(t, g.dir))
	checkGolden(t, "submodule", got)
}

// TestBareRepository: a bare clone yields exactly what its origin does.
func TestBareRepository(t *testing.T) {
	g := newRepo(t)
	g.write("a.txt", "a\n")
	g.commit("first")
	g.write("a.txt", "a\nb\n")
	g.commit("second")
	bare := filepath.Join(t.TempDir(), "bare.git")
	runGit(t, g.dir, 0, "clone", "-q", "--bare", g.dir, bare)
	names := subjects(t, g.dir)
	want := render(t, mustHistory(t, g.dir, HistoryOptions{}), names)
	got := render(t, mustHistory(t, bare, HistoryOptions{}), names)
	if got != want || countLines(got, "item ") != 2 {
		t.Errorf("bare clone:\n%s\nwant:\n%s", got, want)
	}
}

// TestLinkedWorktree: a linked work tree shares history but has its own
// HEAD and index.
func TestLinkedWorktree(t *testing.T) {
	g := newRepo(t)
	g.write("a.txt", "a\n")
	g.commit("first")
	wt := filepath.Join(t.TempDir(), "wt")
	g.git("worktree", "add", "-q", "-b", "side", wt)
	w := &gitRepo{t: t, dir: wt, tick: 10}
	w.write("side.txt", "side\n")
	w.commit("on side")
	w.write("staged.txt", "staged\n")
	w.git("add", "staged.txt")

	names := subjects(t, g.dir)
	got := render(t, mustHistory(t, wt, HistoryOptions{}), names)
	h, err := HeadTree(wt, Options{})
	must(t, err)
	got += "== HEAD\n" + render(t, h, names)
	st, err := Staged(wt, Options{})
	must(t, err)
	got += "== staged\n" + render(t, st, names)
	checkGolden(t, "worktree", got)
}

// TestEmptyRepository: no commits, no items, no error.
func TestEmptyRepository(t *testing.T) {
	g := newRepo(t)
	for name, open := range map[string]func() (source.Source, error){
		"history": func() (source.Source, error) { return History(g.dir, HistoryOptions{}) },
		"head":    func() (source.Source, error) { return HeadTree(g.dir, Options{}) },
		"staged":  func() (source.Source, error) { return Staged(g.dir, Options{}) },
	} {
		src, err := open()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := render(t, src, subjects(t, g.dir)); got != "" {
			t.Errorf("%s: got\n%s", name, got)
		}
	}
	if _, err := History(g.dir, HistoryOptions{Branch: "main"}); err == nil {
		t.Error("History of an unborn branch: want an error")
	}
}

// TestOddNames: paths are the bytes git stores, whatever they are.
func TestOddNames(t *testing.T) {
	g := newRepo(t)
	for _, name := range []string{"with space.txt", "new\nline.txt", "caf\xe9.txt", "dir with space/ü.txt", "-dash", "tab\there"} {
		g.write(name, "content of "+name+"\n")
	}
	g.commit("odd names")
	got := render(t, mustHistory(t, g.dir, HistoryOptions{}), subjects(t, g.dir))
	checkGolden(t, "odd_names", got)
}

// TestTooLarge: a blob over the limit is skipped from its header alone: its
// loose object is truncated, so reading it would fail.
func TestTooLarge(t *testing.T) {
	g := newRepo(t)
	var big bytes.Buffer
	for i := range 20000 {
		big.WriteString(strings.Repeat(string(rune('a'+i%26)), i%7+1) + "\n")
	}
	g.write("big.txt", big.String())
	g.write("small.txt", "small\n")
	g.commit("first")
	obj := g.objectFile("HEAD:big.txt")
	data, err := os.ReadFile(obj)
	must(t, err)
	must(t, os.Chmod(obj, 0o644))
	must(t, os.WriteFile(obj, data[:len(data)/2], 0o644))

	opts := Options{MaxFileSize: 1000}
	got := render(t, mustHistory(t, g.dir, HistoryOptions{MaxFileSize: opts.MaxFileSize}), subjects(t, g.dir))
	h, err := HeadTree(g.dir, opts)
	must(t, err)
	got += "== HEAD\n" + render(t, h, subjects(t, g.dir))
	checkGolden(t, "too_large", got)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
