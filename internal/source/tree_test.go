package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIncludeExclude(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{
		"a.go": "", "b.min.js": "", "docs/g.md": "",
		"lib/c.min.js": "", "lib/d.go": "",
		"vendor/e.go": "", "vendor/sub/f.go": "",
	})
	// A link inside vendor shows up as a skip exactly when vendor is walked,
	// which tells a pruned directory from one whose files were all dropped.
	symlink(t, "e.go", filepath.Join("vendor", "link"))
	linkSkip := Skip{Path: "vendor/link", Reason: ReasonSymlink}

	tests := []struct {
		name      string
		opts      TreeOptions
		wantItems []string
		wantSkips []Skip
	}{
		{
			name:      "everything",
			wantItems: []string{"a.go", "b.min.js", "docs/g.md", "lib/c.min.js", "lib/d.go", "vendor/e.go", "vendor/sub/f.go"},
			wantSkips: []Skip{linkSkip},
		},
		{
			name:      "base name and directory excluded, directory pruned",
			opts:      TreeOptions{Exclude: []string{"*.min.js", "vendor"}},
			wantItems: []string{"a.go", "docs/g.md", "lib/d.go"},
		},
		{
			name:      "dir/** prunes dir",
			opts:      TreeOptions{Exclude: []string{"vendor/**"}},
			wantItems: []string{"a.go", "b.min.js", "docs/g.md", "lib/c.min.js", "lib/d.go"},
		},
		{
			name:      "path pattern",
			opts:      TreeOptions{Exclude: []string{"vendor/sub/*.go", "lib/*.js"}},
			wantItems: []string{"a.go", "b.min.js", "docs/g.md", "lib/d.go", "vendor/e.go"},
			wantSkips: []Skip{linkSkip},
		},
		{
			name:      "trailing slash matches directories only",
			opts:      TreeOptions{Exclude: []string{"lib/", "a.go/"}},
			wantItems: []string{"a.go", "b.min.js", "docs/g.md", "vendor/e.go", "vendor/sub/f.go"},
			wantSkips: []Skip{linkSkip},
		},
		{
			name:      "leading slash anchors to the root",
			opts:      TreeOptions{Exclude: []string{"/*.go"}},
			wantItems: []string{"b.min.js", "docs/g.md", "lib/c.min.js", "lib/d.go", "vendor/e.go", "vendor/sub/f.go"},
			wantSkips: []Skip{linkSkip},
		},
		{
			name:      "base name at any depth",
			opts:      TreeOptions{Exclude: []string{"e.go", "sub"}},
			wantItems: []string{"a.go", "b.min.js", "docs/g.md", "lib/c.min.js", "lib/d.go"},
			wantSkips: []Skip{linkSkip},
		},
		{
			name:      "include base name",
			opts:      TreeOptions{Include: []string{"*.go"}},
			wantItems: []string{"a.go", "lib/d.go", "vendor/e.go", "vendor/sub/f.go"},
		},
		{
			name:      "include directory includes its subtree",
			opts:      TreeOptions{Include: []string{"lib"}},
			wantItems: []string{"lib/c.min.js", "lib/d.go"},
		},
		{
			name:      "include path pattern",
			opts:      TreeOptions{Include: []string{"vendor/**/*.go"}},
			wantItems: []string{"vendor/e.go", "vendor/sub/f.go"},
		},
		{
			name:      "exclude wins over include",
			opts:      TreeOptions{Include: []string{"*.go", "lib"}, Exclude: []string{"vendor", "*.js"}},
			wantItems: []string{"a.go", "lib/d.go"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.NoIgnore = true
			items, skips := collect(t, newTree(t, ".", tt.opts))
			wantPaths(t, items, tt.wantItems...)
			wantSkips(t, skips, tt.wantSkips...)
		})
	}
}

func TestInvalidPatterns(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		opts    TreeOptions
		wantErr string
	}{
		{TreeOptions{Include: []string{"["}}, `source: include pattern "[": malformed glob`},
		{TreeOptions{Exclude: []string{"a/{b"}}, `source: exclude pattern "a/{b": malformed glob`},
		{TreeOptions{Exclude: []string{"/"}}, `source: exclude pattern "/": empty pattern`},
		{TreeOptions{Include: []string{""}}, `source: include pattern "": empty pattern`},
		{TreeOptions{MaxFileSize: -1}, `source: negative maximum file size -1`},
	}
	for _, tt := range tests {
		_, err := NewTree(dir, tt.opts)
		if err == nil || err.Error() != tt.wantErr {
			t.Errorf("NewTree(%+v) error = %v, want %q", tt.opts, err, tt.wantErr)
		}
	}
}

// makeRepo lays out a work tree exercising gitignore rules.
func makeRepo(t *testing.T, root string) {
	writeFiles(t, root, map[string]string{
		".git/config":       "[core]\n",
		".git/info/exclude": "local.txt\n",
		".gitignore":        "\uFEFF# comment\n*.log\n!keep.log\n\nbuild/\n/top-only.txt\ncrlf.txt\r\n",
		"a.txt":             "", "x.log": "", "keep.log": "", "local.txt": "", "crlf.txt": "",
		"top-only.txt":     "",
		"build/out.txt":    "",
		"other/secret.txt": "",
		"sub/.gitignore":   "!debug.log\nsecret.txt\n",
		"sub/build":        "", // a file: "build/" matches directories only
		"sub/debug.log":    "", "sub/other.log": "", "sub/secret.txt": "",
		"sub/top-only.txt": "",
	})
}

func TestGitignore(t *testing.T) {
	chdirTemp(t)
	makeRepo(t, ".")
	items, skips := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items,
		".gitignore", "a.txt", "keep.log", "other/secret.txt",
		"sub/.gitignore", "sub/build", "sub/debug.log", "sub/top-only.txt")
	wantSkips(t, skips)
}

func TestNoIgnore(t *testing.T) {
	chdirTemp(t)
	makeRepo(t, ".")
	items, skips := collect(t, newTree(t, ".", TreeOptions{NoIgnore: true}))
	wantPaths(t, items,
		".gitignore", "a.txt", "build/out.txt", "crlf.txt", "keep.log", "local.txt", "other/secret.txt",
		"sub/.gitignore", "sub/build", "sub/debug.log", "sub/other.log", "sub/secret.txt", "sub/top-only.txt",
		"top-only.txt", "x.log")
	wantSkips(t, skips)
}

// Scanning a subdirectory of a work tree applies the .gitignore files of the
// directories above it, anchored where they live.
func TestGitignoreAboveRoot(t *testing.T) {
	repo := chdirTemp(t)
	writeFiles(t, ".", map[string]string{
		".git/HEAD":                  "",
		".gitignore":                 "*.log\n/mid/sub/generated/\n/a.txt\n",
		"mid/.gitignore":             "*.tmp\n!keep.log\n",
		"mid/sub/a.txt":              "", // "/a.txt" is anchored at the top: not this one
		"mid/sub/b.log":              "",
		"mid/sub/c.tmp":              "",
		"mid/sub/keep.log":           "",
		"mid/sub/generated/x.txt":    "",
		"mid/sub/deeper/d.log":       "",
		"mid/sub/deeper/e.txt":       "",
		"mid/sub/deeper/generated/y": "", // "/mid/sub/generated/" is anchored: not this one
	})

	items, skips := collect(t, newTree(t, filepath.Join("mid", "sub"), TreeOptions{}))
	wantPaths(t, items, "mid/sub/a.txt", "mid/sub/deeper/e.txt", "mid/sub/deeper/generated/y", "mid/sub/keep.log")
	wantSkips(t, skips)

	t.Chdir(filepath.Join(repo, "mid", "sub"))
	items, _ = collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, "a.txt", "deeper/e.txt", "deeper/generated/y", "keep.log")

	items, _ = collect(t, newTree(t, "deeper", TreeOptions{}))
	wantPaths(t, items, "deeper/e.txt", "deeper/generated/y")
}

// Like ripgrep, ignore files count only inside a git work tree.
func TestGitignoreOutsideRepo(t *testing.T) {
	dir := chdirTemp(t)
	requireNoRepoAbove(t, dir)
	writeFiles(t, ".", map[string]string{".gitignore": "*.log\n", "a.log": "", "b.txt": ""})
	items, _ := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, ".gitignore", "a.log", "b.txt")
}

// A repository inside a plain directory gets its rules, and only below it.
func TestRepoInsidePlainDirectory(t *testing.T) {
	dir := chdirTemp(t)
	requireNoRepoAbove(t, dir)
	writeFiles(t, ".", map[string]string{
		"loose.log":            "",
		"proj/.git/HEAD":       "",
		"proj/.gitignore":      "*.log\n",
		"proj/a.log":           "",
		"proj/b.txt":           "",
		"proj/.git/info/x":     "",
		"proj2/.gitignore":     "*.txt\n", // not a work tree: no effect
		"proj2/c.txt":          "",
		"proj2/sub/.git":       "gitdir: ../../elsewhere\n", // a .git file marks a work tree too
		"proj2/sub/d.txt":      "",
		"proj2/sub/e.log":      "",
		"proj2/sub/.ignore":    "",
		"proj2/sub/.gitignore": "*.log\n",
	})
	items, skips := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, "loose.log", "proj/.gitignore", "proj/b.txt",
		"proj2/.gitignore", "proj2/c.txt", "proj2/sub/.gitignore", "proj2/sub/.ignore", "proj2/sub/d.txt")
	wantSkips(t, skips)
}

// A linked work tree keeps info/exclude in the common git directory.
func TestLinkedWorkTreeInfoExclude(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{
		"common/info/exclude":     "secret.env\n",
		"gitdirs/wt/commondir":    "../../common\n",
		"work/.git":               "gitdir: ../gitdirs/wt\n",
		"work/a.txt":              "",
		"work/secret.env":         "",
		"work/sub/secret.env":     "",
		"submod/.git":             "gitdir: ../gitdirs/sm\n",
		"gitdirs/sm/info/exclude": "*.bin\n",
		"submod/x.bin":            "",
		"submod/y.txt":            "",
	})
	items, _ := collect(t, newTree(t, "work", TreeOptions{}))
	wantPaths(t, items, "work/a.txt")
	items, _ = collect(t, newTree(t, filepath.Join("work", "sub"), TreeOptions{}))
	wantPaths(t, items)
	items, _ = collect(t, newTree(t, "submod", TreeOptions{}))
	wantPaths(t, items, "submod/y.txt")
}

func TestGitDirNeverScanned(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{
		".git/config":          "",
		".git/objects/ab/cdef": "",
		".github/workflow.yml": "",
		"a.git":                "",
		"sub/.git":             "gitdir: ../.git/modules/sub\n",
		"sub/a.txt":            "",
		"deep/er/.git/HEAD":    "",
		"deep/er/b.txt":        "",
	})
	for _, noIgnore := range []bool{false, true} {
		items, skips := collect(t, newTree(t, ".", TreeOptions{NoIgnore: noIgnore}))
		wantPaths(t, items, ".github/workflow.yml", "a.git", "deep/er/b.txt", "sub/a.txt")
		wantSkips(t, skips)
	}
	// Include and Exclude cannot bring .git back.
	items, _ := collect(t, newTree(t, ".", TreeOptions{Include: []string{".git", "**"}}))
	wantPaths(t, items, ".github/workflow.yml", "a.git", "deep/er/b.txt", "sub/a.txt")
}

func TestTooLarge(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"big.txt": "01234567890", "fits.txt": "0123456789"})
	items, skips := collect(t, newTree(t, ".", TreeOptions{MaxFileSize: 10}))
	wantPaths(t, items, "fits.txt")
	wantSkips(t, skips, Skip{Path: "big.txt", Reason: ReasonTooLarge, Detail: "11 bytes, over the 10-byte limit"})
	if got := readAll(t, items); got[0] != "0123456789" {
		t.Errorf("content = %q", got[0])
	}
	if items[0].Size != 10 {
		t.Errorf("Size = %d, want 10", items[0].Size)
	}

	// No limit.
	items, skips = collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, "big.txt", "fits.txt")
	wantSkips(t, skips)
}

// A file that grows past the limit between listing and reading is refused by
// Read with ErrTooLarge; one that grows within the limit is read whole.
func TestReadFileGrewAfterListing(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"grows.txt": "12345", "within.txt": "12345"})
	items, _ := collect(t, newTree(t, ".", TreeOptions{MaxFileSize: 10}))
	wantPaths(t, items, "grows.txt", "within.txt")
	writeFiles(t, ".", map[string]string{"grows.txt": strings.Repeat("x", 20), "within.txt": "1234567890"})

	_, err := items[0].Read()
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Read of a grown file: err = %v, want ErrTooLarge", err)
	}
	if want := "read grows.txt: file too large: more than 10 bytes"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	data, err := items[1].Read()
	if err != nil || string(data) != "1234567890" {
		t.Errorf("Read = %q, %v; want the 10 bytes", data, err)
	}
}

// The content is read again by Read, and a file deleted since the walk
// gives an error the engine can report.
func TestReadDeletedFile(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"gone.txt": "x"})
	items, _ := collect(t, newTree(t, ".", TreeOptions{}))
	wantPaths(t, items, "gone.txt")
	if err := os.Remove("gone.txt"); err != nil {
		t.Fatal(err)
	}
	_, err := items[0].Read()
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Read = %v, want ErrNotExist", err)
	}
	var pathErr *fs.PathError
	if !errors.As(err, &pathErr) || pathErr.Path != "gone.txt" {
		t.Errorf("Read error %v is not a *fs.PathError for gone.txt", err)
	}
}

func TestLargeFileReadWhole(t *testing.T) {
	chdirTemp(t)
	content := strings.Repeat("0123456789abcdef", 64<<10) // 1 MiB, several read calls
	writeFiles(t, ".", map[string]string{"big": content, "empty": ""})
	for _, limit := range []int64{0, int64(len(content))} {
		items, _ := collect(t, newTree(t, ".", TreeOptions{MaxFileSize: limit}))
		got := readAll(t, items)
		if len(got) != 2 || got[0] != content || got[1] != "" {
			t.Errorf("limit %d: read %d items, first %d bytes", limit, len(got), len(got[0]))
		}
	}
}

func TestSingleFileRoot(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{
		".git/HEAD":   "",
		".gitignore":  "*.txt\n",
		"dir/one.txt": "one",
	})
	// Named explicitly, so neither ignore rules nor globs leave it out.
	tree := newTree(t, "./dir/one.txt", TreeOptions{Exclude: []string{"*.txt"}})
	items, skips := collect(t, tree)
	wantPaths(t, items, "dir/one.txt")
	wantSkips(t, skips)
	if items[0].Rel != "one.txt" || items[0].Size != 3 {
		t.Errorf("Rel, Size = %q, %d; want one.txt, 3", items[0].Rel, items[0].Size)
	}
	if got := readAll(t, items); got[0] != "one" {
		t.Errorf("content = %q", got[0])
	}

	items, skips = collect(t, newTree(t, "dir/one.txt", TreeOptions{MaxFileSize: 2}))
	wantPaths(t, items)
	wantSkips(t, skips, Skip{Path: "dir/one.txt", Reason: ReasonTooLarge, Detail: "3 bytes, over the 2-byte limit"})
}

func TestMissingRoot(t *testing.T) {
	chdirTemp(t)
	_, err := NewTree("no-such-dir", TreeOptions{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want ErrNotExist", err)
	}
	if want := "source: scan root: stat no-such-dir: no such file or directory"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if _, err := NewTree("", TreeOptions{}); err == nil {
		t.Error("NewTree(\"\") succeeded")
	}
}

func TestItemPaths(t *testing.T) {
	dir := chdirTemp(t)
	writeFiles(t, ".", map[string]string{"sub/a/b.txt": ""})
	abs := filepath.ToSlash(dir)
	tests := []struct {
		root, wantPath, wantRel string
	}{
		{".", "sub/a/b.txt", "sub/a/b.txt"},
		{"./", "sub/a/b.txt", "sub/a/b.txt"},
		{"sub", "sub/a/b.txt", "a/b.txt"},
		{"./sub/", "sub/a/b.txt", "a/b.txt"},
		{"sub/a/..", "sub/a/b.txt", "a/b.txt"},
		{"sub/a", "sub/a/b.txt", "b.txt"},
		{dir, abs + "/sub/a/b.txt", "sub/a/b.txt"},
		{filepath.Join(dir, "sub"), abs + "/sub/a/b.txt", "a/b.txt"},
	}
	for _, tt := range tests {
		items, _ := collect(t, newTree(t, tt.root, TreeOptions{}))
		if len(items) != 1 || items[0].Path != tt.wantPath || items[0].Rel != tt.wantRel {
			t.Errorf("root %q: paths %q rels %q, want %q %q", tt.root, itemPaths(items), itemRels(items), tt.wantPath, tt.wantRel)
		}
	}
}

func TestWalkStops(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"a": "", "b": "", "c/d": ""})
	tree := newTree(t, ".", TreeOptions{})

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	items, _, err := collectErr(t, ctx, tree, nil)
	if !errors.Is(err, context.Canceled) || len(items) != 0 {
		t.Errorf("cancelled before: %d items, err %v", len(items), err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	items, _, err = collectErr(t, ctx, tree, func(Item) error { cancel(); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled during: err %v", err)
	}
	wantPaths(t, items, "a")

	errStop := errors.New("stop")
	items, _, err = collectErr(t, context.Background(), tree, func(Item) error { return errStop })
	if err != errStop {
		t.Errorf("emit error: Walk returned %v, want it unchanged", err)
	}
	wantPaths(t, items, "a")
}

func TestMulti(t *testing.T) {
	chdirTemp(t)
	writeFiles(t, ".", map[string]string{"x/1": "", "x/2": "", "y/3": "0123", "z": ""})
	src := Multi(
		newTree(t, "y", TreeOptions{MaxFileSize: 2}),
		newTree(t, "x", TreeOptions{}),
		newTree(t, "z", TreeOptions{}),
	)
	items, skips := collect(t, src)
	wantPaths(t, items, "x/1", "x/2", "z")
	wantSkips(t, skips, Skip{Path: "y/3", Reason: ReasonTooLarge, Detail: "4 bytes, over the 2-byte limit"})

	errStop := errors.New("stop")
	items, _, err := collectErr(t, context.Background(), src, func(Item) error { return errStop })
	if err != errStop {
		t.Errorf("Walk = %v, want the emit error", err)
	}
	wantPaths(t, items, "x/1")

	items, _ = collect(t, Multi())
	wantPaths(t, items)
}
