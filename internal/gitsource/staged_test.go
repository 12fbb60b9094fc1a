package gitsource

import (
	"strings"
	"testing"
)

// TestStaged: content comes from the index, not the work tree, and Added
// is relative to HEAD.
func TestStaged(t *testing.T) {
	g := newRepo(t)
	g.write("a.txt", "x\n")
	g.write("d.txt", "deleted\n")
	g.write("same.txt", "same\n")
	g.commit("first")
	g.write("a.txt", "x\ny\n")
	g.write("n.txt", "new\nfile\n")
	g.git("add", "a.txt", "n.txt")
	g.git("rm", "-q", "d.txt")
	g.write("a.txt", "x\ny\nunstaged\n")     // work tree only
	g.write("untracked.txt", "not staged\n") // never added
	g.git("update-index", "--chmod=+x", "same.txt")
	g.write("intent.txt", "intent\n")
	g.git("add", "-N", "intent.txt")

	s, err := Staged(g.dir, Options{})
	must(t, err)
	got := render(t, s, subjects(t, g.dir))
	f, err := Staged(g.dir, Options{Exclude: []string{"n.txt"}})
	must(t, err)
	got += "== exclude n.txt\n" + render(t, f, subjects(t, g.dir))
	checkGolden(t, "staged", got)
}

// TestStagedUnborn: before the first commit every staged line is added.
func TestStagedUnborn(t *testing.T) {
	g := newRepo(t)
	g.write("a.txt", "one\ntwo\n")
	g.write("sub/b.txt", "b\n")
	g.git("add", "-A")
	s, err := Staged(g.dir, Options{Include: []string{"sub/"}})
	must(t, err)
	got := render(t, s, subjects(t, g.dir))
	want := "item seq=0 commit=- path=\"sub/b.txt\" added=[1-1] content=\"b\\n\"\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	s, err = Staged(g.dir, Options{})
	must(t, err)
	if got := render(t, s, subjects(t, g.dir)); strings.Count(got, "item ") != 2 || !strings.Contains(got, `path="a.txt" added=[1-2]`) {
		t.Errorf("got\n%s", got)
	}
}

// TestStagedConflict: paths with unresolved conflicts are not yielded.
func TestStagedConflict(t *testing.T) {
	g := newRepo(t)
	g.write("c.txt", "base\n")
	g.commit("base")
	g.git("checkout", "-q", "-b", "other")
	g.write("c.txt", "other\n")
	g.commit("other")
	g.git("checkout", "-q", "main")
	g.write("c.txt", "main\n")
	g.commit("main")
	g.conflict("other", "merge other")
	s, err := Staged(g.dir, Options{})
	must(t, err)
	if got := render(t, s, subjects(t, g.dir)); got != "" {
		t.Errorf("got\n%s", got)
	}
}

// TestStagedFileBecomesDirectory: a file in HEAD replaced by a directory of
// the same name is not an error; the directory's files are new.
func TestStagedFileBecomesDirectory(t *testing.T) {
	g := newRepo(t)
	g.write("a", "file\n")
	g.commit("first")
	g.git("rm", "-q", "a")
	g.write("a/b.txt", "one\ntwo\n")
	g.git("add", "a/b.txt")
	s, err := Staged(g.dir, Options{})
	must(t, err)
	got := render(t, s, subjects(t, g.dir))
	want := "item seq=0 commit=- path=\"a/b.txt\" added=[1-2] content=\"one\\ntwo\\n\"\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestTreeLookupIsFindEntry: looking paths up directory by directory finds
// what go-git's Tree.FindEntry finds, for paths at every depth, paths that
// are missing, and paths under a file.
func TestTreeLookupIsFindEntry(t *testing.T) {
	g := newRepo(t)
	for _, name := range []string{"top.txt", "d/one.txt", "d/two.txt", "d/e/three.txt", "d/e/f/four.txt", "x/y/z/five.txt", "d.txt"} {
		g.write(name, name+"\n")
	}
	g.commit("first")
	r, err := openRepository(g.dir)
	must(t, err)
	defer r.close()
	_, head, err := r.headTree()
	must(t, err)
	l := newTreeLookup(r, head)
	paths := []string{"top.txt", "d/one.txt", "d/two.txt", "d/e/three.txt", "d/e/f/four.txt", "x/y/z/five.txt",
		"d.txt", "missing", "d/missing", "d/e/f/missing", "nodir/x", "x/y/missing/x", "d/e", "x/y/z"}
	for _, p := range paths {
		got, err := l.entry(p)
		must(t, err)
		want, err := head.FindEntry(p)
		if err != nil {
			want = nil
		}
		if (got == nil) != (want == nil) || got != nil && (got.Hash != want.Hash || got.Mode != want.Mode || got.Name != want.Name) {
			t.Errorf("%s: got %v, want %v", p, got, want)
		}
	}
	for _, p := range []string{"top.txt/x", "d/one.txt/x/y"} { // under a file
		if got, err := l.entry(p); got != nil || err != nil {
			t.Errorf("%s: got %v, %v; want nothing", p, got, err)
		}
	}
}
