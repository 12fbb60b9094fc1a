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
