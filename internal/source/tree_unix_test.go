//go:build unix

package source

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
}

// A FIFO is reported and never opened: opening one for reading blocks until
// a writer appears, so a walker that opens it hangs (collect times out).
func TestSpecialFilesSkipped(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"a.txt": "a", "dir/b.txt": "b"})
	mkfifo(t, "pipe")
	mkfifo(t, filepath.Join("dir", "pipe.log"))
	ln, err := net.Listen("unix", "sock")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	defer ln.Close()

	items, skips := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, "a.txt", "dir/b.txt")
	wantSkips(t, skips,
		Skip{Path: "dir/pipe.log", Reason: ReasonSpecialFile, Detail: "named pipe"},
		Skip{Path: "pipe", Reason: ReasonSpecialFile, Detail: "named pipe"},
		Skip{Path: "sock", Reason: ReasonSpecialFile, Detail: "socket"},
	)
	if got := readAll(t, items); got[0] != "a" || got[1] != "b" {
		t.Errorf("contents = %q", got)
	}

	// Excluded special files are left out without a skip.
	_, skips = collect(t, newTree(t, ".", TreeOptions{Exclude: []string{"*.log", "sock"}}))
	wantSkips(t, skips, Skip{Path: "pipe", Reason: ReasonSpecialFile, Detail: "named pipe"})

	// Named as the root, a FIFO is still not opened.
	items, skips = collect(t, newTree(t, "pipe", TreeOptions{}))
	wantPaths(t, items)
	wantSkips(t, skips, Skip{Path: "pipe", Reason: ReasonSpecialFile, Detail: "named pipe"})

	// Followed links to a FIFO are not opened either.
	symlink(t, "pipe", "pipe-link")
	_, skips = collect(t, newTree(t, ".", TreeOptions{FollowSymlinks: true, Exclude: []string{"dir", "sock"}}))
	wantSkips(t, skips,
		Skip{Path: "pipe", Reason: ReasonSpecialFile, Detail: "named pipe"},
		Skip{Path: "pipe-link", Reason: ReasonSpecialFile, Detail: "named pipe"},
	)
}

// A file listed as regular and replaced by a FIFO before Read is refused by
// Read instead of blocking the worker.
func TestReadRefusesFIFOSwappedIn(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"swap": "x"})
	items, _ := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, "swap")
	if err := os.Remove("swap"); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, "swap")
	if got := readAll(t, items); got[0] != "error: read swap: not a regular file" {
		t.Errorf("Read = %q", got[0])
	}
}

func TestSymlinksSkippedByDefault(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"a.txt": "", "dir/b.txt": ""})
	symlink(t, "a.txt", "link.txt")
	symlink(t, "dir", "linkdir")
	symlink(t, "missing", "broken")
	symlink(t, "/etc/passwd", "outside")

	items, skips := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, "a.txt", "dir/b.txt")
	wantSkips(t, skips,
		Skip{Path: "broken", Reason: ReasonSymlink},
		Skip{Path: "link.txt", Reason: ReasonSymlink},
		Skip{Path: "linkdir", Reason: ReasonSymlink},
		Skip{Path: "outside", Reason: ReasonSymlink},
	)

	_, skips = collect(t, newTree(t, ".", TreeOptions{Exclude: []string{"link*"}}))
	wantSkips(t, skips,
		Skip{Path: "broken", Reason: ReasonSymlink},
		Skip{Path: "outside", Reason: ReasonSymlink},
	)
}

func TestSymlinksFollowedInsideRoot(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"a.txt": "hello", "dir/b.txt": "bee"})
	symlink(t, "a.txt", "link.txt")
	symlink(t, "dir", "linkdir")
	symlink(t, "../a.txt", filepath.Join("dir", "up.txt"))
	symlink(t, "missing", "broken")

	items, skips := collect(t, newTree(t, ".", TreeOptions{FollowSymlinks: true}))
	wantPaths(t, items, "a.txt", "dir/b.txt", "dir/up.txt", "link.txt", "linkdir/b.txt", "linkdir/up.txt")
	wantSkips(t, skips, Skip{Path: "broken", Reason: ReasonUnreadable, Detail: "stat: no such file or directory"})
	got := readAll(t, items)
	want := []string{"hello", "bee", "hello", "hello", "bee", "hello"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: content %q, want %q", items[i].Path, got[i], want[i])
		}
	}
	if items[3].Size != 5 || items[3].Rel != "link.txt" {
		t.Errorf("link item Size, Rel = %d, %q; want the target's size and the link's name", items[3].Size, items[3].Rel)
	}

	// A directory link is a directory to Exclude and Include.
	items, _ = collect(t, newTree(t, ".", TreeOptions{FollowSymlinks: true, Exclude: []string{"linkdir/"}, Include: []string{"*.txt"}}))
	wantPaths(t, items, "a.txt", "dir/b.txt", "dir/up.txt", "link.txt")
}

// A root reached through a link still contains what its links point to.
func TestSymlinkedRoot(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"real/a.txt": "a"})
	symlink(t, "a.txt", filepath.Join("real", "b.txt"))
	symlink(t, "real", "alias")
	items, skips := collect(t, newTree(t, "alias", TreeOptions{FollowSymlinks: true}))
	wantPaths(t, items, "alias/a.txt", "alias/b.txt")
	wantSkips(t, skips)
}

func TestSymlinksOutsideRootRefused(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"out.txt": "", "outdir/c.txt": "", "root/a.txt": "", "rootling/d.txt": ""})
	abs, err := filepath.Abs("outdir")
	if err != nil {
		t.Fatal(err)
	}
	symlink(t, "../out.txt", filepath.Join("root", "up"))
	symlink(t, abs, filepath.Join("root", "absdir"))
	symlink(t, "../rootling", filepath.Join("root", "prefix")) // shares "root" as a string prefix
	symlink(t, "..", filepath.Join("root", "parent"))

	items, skips := collect(t, newTree(t, "root", TreeOptions{FollowSymlinks: true}))
	wantPaths(t, items, "root/a.txt")
	detail := "the link target is outside the scan root"
	wantSkips(t, skips,
		Skip{Path: "root/absdir", Reason: ReasonOutsideRoot, Detail: detail},
		Skip{Path: "root/parent", Reason: ReasonOutsideRoot, Detail: detail},
		Skip{Path: "root/prefix", Reason: ReasonOutsideRoot, Detail: detail},
		Skip{Path: "root/up", Reason: ReasonOutsideRoot, Detail: detail},
	)
}

func TestSymlinkLoops(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"loopdir/x.txt": "x"})
	symlink(t, "self", "self")
	symlink(t, "b", "a")
	symlink(t, "a", "b")
	symlink(t, "..", filepath.Join("loopdir", "up"))
	symlink(t, ".", filepath.Join("loopdir", "here"))
	symlink(t, "loopdir", "down") // not a loop: walks loopdir again, whose links then loop

	items, skips := collect(t, newTree(t, ".", TreeOptions{FollowSymlinks: true}))
	wantPaths(t, items, "down/x.txt", "loopdir/x.txt")
	cycles := "the link cycles without reaching a file"
	ancestor := "the link points to a directory that contains it"
	wantSkips(t, skips,
		Skip{Path: "a", Reason: ReasonSymlinkLoop, Detail: cycles},
		Skip{Path: "b", Reason: ReasonSymlinkLoop, Detail: cycles},
		Skip{Path: "down/here", Reason: ReasonSymlinkLoop, Detail: ancestor},
		Skip{Path: "down/up", Reason: ReasonSymlinkLoop, Detail: ancestor},
		Skip{Path: "loopdir/here", Reason: ReasonSymlinkLoop, Detail: ancestor},
		Skip{Path: "loopdir/up", Reason: ReasonSymlinkLoop, Detail: ancestor},
		Skip{Path: "self", Reason: ReasonSymlinkLoop, Detail: cycles},
	)
}

// Tests run as root in CI, where permissions do not stop reads.
func TestUnreadableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads directories regardless of permissions")
	}
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"locked/x.txt": "", "ok.txt": ""})
	if err := os.Chmod("locked", 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod("locked", 0o755) })
	items, skips := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, "ok.txt")
	wantSkips(t, skips, Skip{Path: "locked", Reason: ReasonUnreadable, Detail: "open: permission denied"})
}

// File names are data: invalid UTF-8, newlines and control characters pass
// through unchanged.
func TestOddFileNames(t *testing.T) {
	chdirTemp(t)
	names := []string{"\x01ctl", "bad\xff.txt", "dir\nname/in", "new\nline.txt", "sp ace", "tab\tname", "ünï"}
	files := map[string]string{}
	for _, n := range names {
		files[n] = "content of " + n
	}
	writeFiles(t, ".", files)
	items, skips := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, names...)
	wantSkips(t, skips)
	got := readAll(t, items)
	for i, n := range names {
		if got[i] != "content of "+n {
			t.Errorf("%q: content %q", n, got[i])
		}
	}
	items, _ = collect(t, newTree(t, ".", TreeOptions{Include: []string{"*.txt"}, Exclude: []string{"new*"}}))
	wantPaths(t, items, "bad\xff.txt")
}
