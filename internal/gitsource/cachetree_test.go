package gitsource

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestStagedCacheTree: in every index state, Walk yields the same with the
// cache-tree shortcut as without it; the golden file records what that is
// and which directories the shortcut left out, and every valid cache-tree
// entry is checked against the tree git writes for its directory.
func TestStagedCacheTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	g := newRepo(t)
	var out strings.Builder
	check := func(state string) {
		t.Helper()
		out.WriteString(compareStaged(t, g.dir, state))
	}

	check("unborn") // no index yet
	g.write("a.txt", "a\n")
	g.write("d1/x.txt", "x\n")
	g.write("d1/sub/y.txt", "y\n")
	g.write("d1/sub/deep/z.txt", "z\n")
	g.write("d2/w.txt", "w\n")
	g.write("d3/f", "f\n")
	g.write("d4/gone.txt", "gone\n")
	g.git("add", "-A")
	check("unborn, staged")
	g.commit("first")
	check("fresh commit")

	g.write("d1/sub/y.txt", "y\ny2\n")
	g.git("add", "d1/sub/y.txt")
	check("one file modified and staged")

	g.write("new/n1/n2/file.txt", "new\n")
	g.git("add", "new")
	check("new file in a new nested directory")

	g.git("rm", "-q", "d4/gone.txt")
	check("deleted file")

	g.git("rm", "-q", "d3/f")
	g.write("d3/f/inner.txt", "inner\n")
	g.git("add", "d3/f/inner.txt")
	check("file replaced by a directory")

	g.write("d2/w.txt", "w\nw2\n")
	g.git("add", "d2/w.txt")
	g.git("reset", "-q", "d2/w.txt")
	check("add then reset")

	g.git("write-tree")
	check("cache tree rebuilt with changes staged")

	g.write("d2/ita.txt", "intent\n")
	g.git("add", "-N", "d2/ita.txt")
	g.git("write-tree")
	check("intent to add, cache tree rebuilt")

	g.git("update-index", "--index-version", "4")
	g.git("write-tree")
	check("index version 4")

	g.commit("second")
	g.git("update-index", "--index-version", "4")
	g.git("write-tree")
	check("index version 4, fresh commit")

	g.git("update-index", "--index-version", "3")
	g.git("update-index", "--skip-worktree", "d2/w.txt")
	g.write("d1/sub/deep/z.txt", "z\nz2\n")
	g.git("add", "d1/sub/deep/z.txt")
	g.git("write-tree")
	check("index version 3, skip-worktree")

	wt := filepath.Join(t.TempDir(), "wt")
	g.git("worktree", "add", "-q", "-b", "wt", wt)
	if err := os.WriteFile(filepath.Join(wt, "d2", "wt.txt"), []byte("wt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runGit(t, wt, g.tick, "add", "d2/wt.txt")
	runGit(t, wt, g.tick, "write-tree")
	out.WriteString(compareStaged(t, wt, "linked worktree"))
	check("main worktree beside a linked one")

	checkGolden(t, "cachetree", out.String())
}

// compareStaged renders the staged walk of dir with and without the cache
// tree, fails the test if they differ, and returns the rendering with the
// directories the cache tree lets the walk leave out.
func compareStaged(t *testing.T, dir, state string) string {
	t.Helper()
	walk := func(noCacheTree bool) string {
		s, err := Staged(dir, Options{})
		must(t, err)
		s.noCacheTree = noCacheTree
		return render(t, s, subjects(t, dir))
	}
	with, without := walk(false), walk(true)
	if with != without {
		t.Errorf("%s: with the cache tree\n%s\nwithout\n%s", state, with, without)
	}
	version, checked := checkCacheTreeIDs(t, dir, state)

	r, err := openRepository(dir)
	must(t, err)
	defer r.close()
	_, tree, err := r.readIndex(true)
	must(t, err)
	_, head, err := r.headTree()
	must(t, err)
	dirs, all := unchangedDirs(newTreeLookup(r, head), head, tree)
	var skipped []string
	for d := range dirs {
		skipped = append(skipped, d)
	}
	slices.Sort(skipped)
	return fmt.Sprintf("== %s\nindex version %d, cache tree: %v (%d valid entries checked); all unchanged: %v; unchanged dirs: %q\n%s",
		state, version, tree != nil, checked, all, skipped, with)
}

// TestStagedIntentToAddUnderValidCacheTree: an intent-to-add entry is
// not part of the trees git writes, so a cache tree equal to HEAD's does
// not prove it unchanged. Git invalidates the cache tree above such an
// entry; this index, whose cache tree comes from before the entry was
// added, does not.
func TestStagedIntentToAddUnderValidCacheTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	g := newRepo(t)
	g.write("a.txt", "a\n")
	g.write("d/b.txt", "b\n")
	g.commit("first")
	indexPath := filepath.Join(g.dir, ".git", "index")
	committed, err := os.ReadFile(indexPath)
	must(t, err)
	g.write("d/ita.txt", "intent\n")
	g.git("add", "-N", "d/ita.txt")
	staged, err := os.ReadFile(indexPath)
	must(t, err)
	// The new entries, then the old cache tree, then a new checksum.
	forged := slices.Clone(staged[:entriesEnd(t, staged)])
	tree := committed[entriesEnd(t, committed) : len(committed)-sha1Size]
	if string(tree[:4]) != "TREE" {
		t.Fatalf("the committed index starts its extensions with %q", tree[:4])
	}
	forged = append(forged, tree...)
	sum := sha1.Sum(forged)
	must(t, os.WriteFile(indexPath, append(forged, sum[:]...), 0o644))

	r, err := openRepository(g.dir)
	must(t, err)
	defer r.close()
	_, cache, err := r.readIndex(true)
	must(t, err)
	_, head, err := r.headTree()
	must(t, err)
	if _, all := unchangedDirs(newTreeLookup(r, head), head, cache); !all {
		t.Fatal("the forged cache tree should say that nothing is staged")
	}
	s, err := Staged(g.dir, Options{})
	must(t, err)
	got := render(t, s, subjects(t, g.dir))
	want := "item seq=0 commit=- path=\"d/ita.txt\" added=[] content=\"\"\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// entriesEnd returns where the entries of a raw index file end.
func entriesEnd(t *testing.T, data []byte) int {
	t.Helper()
	version := binary.BigEndian.Uint32(data[4:])
	pos := 12
	for range binary.BigEndian.Uint32(data[8:]) {
		next, err := skipEntry(data, pos, version)
		must(t, err)
		pos = next
	}
	return pos
}

// checkCacheTreeIDs checks every valid entry of the cache tree of dir's
// index against the tree git writes from that index for its directory. It
// returns the index's version (0: no index) and how many entries it
// checked.
func checkCacheTreeIDs(t *testing.T, dir, state string) (version uint32, checked int) {
	t.Helper()
	indexPath := runGit(t, dir, 0, "rev-parse", "--path-format=absolute", "--git-path", "index")
	data, err := os.ReadFile(indexPath)
	if os.IsNotExist(err) {
		return 0, 0
	}
	must(t, err)
	version = binary.BigEndian.Uint32(data[4:])
	tree, err := parseCacheTree(data)
	if err != nil {
		return version, 0
	}
	// git write-tree updates the cache tree it reads: give it a copy.
	scratch := filepath.Join(t.TempDir(), "index")
	must(t, os.WriteFile(scratch, data, 0o644))
	var visit func(n *cacheTree, path string)
	visit = func(n *cacheTree, path string) {
		if n.valid {
			cmd := exec.Command("git", "write-tree", "--prefix="+path)
			cmd.Dir, cmd.Env = dir, append(gitEnv(0), "GIT_INDEX_FILE="+scratch)
			got, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s: git write-tree --prefix=%s: %v", state, path, err)
			}
			if want := strings.TrimSpace(string(got)); n.hash.String() != want {
				t.Errorf("%s: cache tree of %q is %s; git writes %s", state, path, n.hash, want)
			}
			checked++
		}
		for _, c := range n.children {
			visit(c, path+c.name+"/")
		}
	}
	visit(tree, "")
	return version, checked
}

// TestParseCacheTree: the parser reads the layouts git writes and refuses,
// without panicking, what it does not support.
func TestParseCacheTree(t *testing.T) {
	id := strings.Repeat("\x11", sha1Size)
	ext := "\x002 1\n" + id + "dir\x00-1 1\n" + "sub\x001 0\n" + id
	valid := indexFile(2, []string{"a.txt", "dir/sub/b.txt"}, "TREE", ext)
	tree, err := parseCacheTree(valid)
	must(t, err)
	if got, want := dumpCacheTree(tree, ""), "\"\" valid 1111111111111111111111111111111111111111\n"+
		"\"dir/\" invalid\n\"dir/sub/\" valid 1111111111111111111111111111111111111111\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, version := range []uint32{3, 4} {
		if _, err := parseCacheTree(indexFile(version, []string{"a.txt", "dir/sub/b.txt"}, "TREE", ext)); err != nil {
			t.Errorf("version %d: %v", version, err)
		}
	}

	bad := map[string][]byte{
		"version 5":        indexFile(5, []string{"a"}, "TREE", ext),
		"no TREE":          indexFile(2, []string{"a"}, "UNTR", "x"),
		"split index":      indexFile(2, []string{"a"}, "link", id),
		"bad count":        indexFile(2, []string{"a"}, "TREE", "\x00x 0\n"),
		"too many subtree": indexFile(2, []string{"a"}, "TREE", "\x00-1 9\n"),
		"empty child":      indexFile(2, []string{"a"}, "TREE", "\x00-1 1\n\x00-1 0\n"),
		"child with slash": indexFile(2, []string{"a"}, "TREE", "\x00-1 1\na/b\x00-1 0\n"),
		"trailing bytes":   indexFile(2, []string{"a"}, "TREE", "\x00-1 0\nxx"),
		"truncated id":     indexFile(2, []string{"a"}, "TREE", "\x001 0\n"+id[:5]),
		"short file":       []byte("DIRC"),
		"entry overrun":    indexFile(2, []string{"a"}, "TREE", ext)[:40],
	}
	for name, data := range bad {
		if tree, err := parseCacheTree(data); err == nil {
			t.Errorf("%s: got %s, want an error", name, dumpCacheTree(tree, ""))
		}
	}
	// A file that claims more entries than it has.
	more := slices.Clone(valid)
	binary.BigEndian.PutUint32(more[8:], 1<<31)
	if _, err := parseCacheTree(more); err == nil {
		t.Error("entry count beyond the file: want an error")
	}
}

// FuzzCacheTree: the parser never panics, and what it accepts has only
// well-formed names.
func FuzzCacheTree(f *testing.F) {
	id := strings.Repeat("\x11", sha1Size)
	ext := "\x002 1\n" + id + "dir\x00-1 1\n" + "sub\x001 0\n" + id
	for _, v := range []uint32{2, 3, 4} {
		f.Add(indexFile(v, []string{"a.txt", "dir/sub/b.txt"}, "TREE", ext))
	}
	f.Add(indexFile(2, nil, "TREE", "\x00-1 0\n"))
	f.Add([]byte("DIRC\x00\x00\x00\x02\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := parseCacheTree(data)
		if err != nil {
			return
		}
		var visit func(n *cacheTree, depth int)
		visit = func(n *cacheTree, depth int) {
			if depth > 0 && (n.name == "" || strings.Contains(n.name, "/")) {
				t.Fatalf("accepted name %q", n.name)
			}
			for _, c := range n.children {
				visit(c, depth+1)
			}
		}
		visit(tree, 0)
	})
}

// indexFile builds an index file of the given version with empty blobs at
// names (sorted by the caller) and one extension. The checksum is not
// computed: the parser does not read it.
func indexFile(version uint32, names []string, sig, ext string) []byte {
	b := []byte("DIRC")
	b = binary.BigEndian.AppendUint32(b, version)
	b = binary.BigEndian.AppendUint32(b, uint32(len(names)))
	prev := ""
	for i, name := range names {
		start := len(b)
		b = append(b, make([]byte, 40)...) // stat data
		b = append(b, emptyBlob[:]...)     // object id
		flags := uint16(len(name))
		if version >= 3 && i%2 == 1 {
			flags |= 0x4000
		}
		b = binary.BigEndian.AppendUint16(b, flags)
		if flags&0x4000 != 0 {
			b = append(b, 0x20, 0) // intent to add
		}
		if version == 4 {
			common := 0
			for common < len(prev) && common < len(name) && prev[common] == name[common] {
				common++
			}
			b = append(b, byte(len(prev)-common))
			b = append(b, name[common:]...)
			b = append(b, 0)
		} else {
			b = append(b, name...)
			b = append(b, 0)
			for (len(b)-start)%8 != 0 {
				b = append(b, 0)
			}
		}
		prev = name
	}
	b = append(b, sig...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(ext)))
	b = append(b, ext...)
	return append(b, make([]byte, sha1Size)...)
}

func dumpCacheTree(n *cacheTree, path string) string {
	var b strings.Builder
	if n.valid {
		fmt.Fprintf(&b, "%q valid %s\n", path, n.hash)
	} else {
		fmt.Fprintf(&b, "%q invalid\n", path)
	}
	for _, c := range n.children {
		b.WriteString(dumpCacheTree(c, path+c.name+"/"))
	}
	return b.String()
}
