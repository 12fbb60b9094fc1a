package gitsource

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// The index's cache-tree extension ("TREE") records, for directories of
// the index, the id of the tree object that git would write for them. Git
// keeps an entry valid only while nothing under its directory changes, so
// a valid entry equal to HEAD's tree for the same directory proves that no
// file under it is staged, and a pre-commit scan need not read HEAD's
// trees there. (go-git's decoder drops invalid entries, with which it loses
// where their valid subtrees are, so the extension is parsed here.)
//
// The format is Documentation/gitformat-index.txt of git.

// cacheTree is one directory of the cache-tree extension.
type cacheTree struct {
	name     string // one path component; "" for the root
	valid    bool   // hash is the tree of the index's entries under it
	hash     plumbing.Hash
	children []*cacheTree
}

const (
	sha1Size = 20
	// maxCacheTreeDepth bounds the parser's recursion; a deeper index only
	// loses the shortcut.
	maxCacheTreeDepth = 512
)

var errNoCacheTree = errors.New("the index has no cache-tree extension")

// readIndex returns the index of r and, when r is stored on a file system
// and its index has a usable cache-tree extension (withCacheTree set), the
// cache tree. The file is read once, so both describe the same index even
// while git rewrites it.
func (r *repository) readIndex(withCacheTree bool) (*index.Index, *cacheTree, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fsStorage, ok := r.storer.(*filesystem.Storage)
	if !withCacheTree || !ok {
		idx, err := r.storer.Index()
		return idx, nil, err
	}
	// The storage's file system, not a path built here, so that a linked
	// work tree's index is the one in its own git directory, as go-git's
	// Index reads it.
	f, err := fsStorage.Filesystem().Open("index")
	if os.IsNotExist(err) {
		return &index.Index{Version: 2}, nil, nil // as go-git: nothing staged yet
	}
	if err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	idx := &index.Index{}
	if err := index.NewDecoder(bytes.NewReader(data)).Decode(idx); err != nil {
		return nil, nil, err
	}
	tree, err := parseCacheTree(data)
	if err != nil {
		return idx, nil, nil // only the shortcut is lost
	}
	return idx, tree, nil
}

// parseCacheTree returns the cache-tree extension of a raw index file of
// version 2, 3 or 4 in a SHA-1 repository. It does not verify the file's
// checksum, which go-git's decoder does.
func parseCacheTree(data []byte) (*cacheTree, error) {
	if len(plumbing.ZeroHash) != sha1Size {
		return nil, fmt.Errorf("object ids of %d bytes are not supported", len(plumbing.ZeroHash))
	}
	if len(data) < 12+sha1Size || string(data[:4]) != "DIRC" {
		return nil, errors.New("not an index file")
	}
	version := binary.BigEndian.Uint32(data[4:])
	if version < 2 || version > 4 {
		return nil, fmt.Errorf("index version %d", version)
	}
	count := binary.BigEndian.Uint32(data[8:])
	end := len(data) - sha1Size // the checksum
	pos := 12
	for i := uint32(0); i < count; i++ {
		next, err := skipEntry(data[:end], pos, version)
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		pos = next
	}
	var tree *cacheTree
	for pos < end {
		if end-pos < 8 {
			return nil, errors.New("truncated extension header")
		}
		sig := string(data[pos : pos+4])
		size := int(binary.BigEndian.Uint32(data[pos+4:]))
		pos += 8
		if size > end-pos {
			return nil, fmt.Errorf("extension %q overruns the file", sig)
		}
		ext := data[pos : pos+size]
		pos += size
		switch sig {
		case "link", "sdir":
			// A split index keeps most entries in another file, and a
			// sparse index has directory entries: both outside what the
			// walk compares, so the shortcut is not taken.
			return nil, fmt.Errorf("index extension %q is not supported", sig)
		case "TREE":
			if tree != nil {
				return nil, errors.New("two cache-tree extensions")
			}
			t, rest, err := parseCacheTreeNode(ext, 0)
			if err != nil {
				return nil, fmt.Errorf("cache tree: %w", err)
			}
			if len(rest) != 0 || t.name != "" {
				return nil, errors.New("cache tree: not one tree")
			}
			tree = t
		}
	}
	if tree == nil {
		return nil, errNoCacheTree
	}
	return tree, nil
}

// skipEntry returns where the index entry at pos ends.
func skipEntry(data []byte, pos int, version uint32) (int, error) {
	const fixed = 40 + sha1Size + 2 // stat data, object id, flags
	start := pos
	if len(data)-pos < fixed {
		return 0, errors.New("truncated")
	}
	flags := binary.BigEndian.Uint16(data[pos+fixed-2:])
	pos += fixed
	if flags&0x4000 != 0 { // extended flags
		if version < 3 {
			return 0, errors.New("extended flags in a version 2 index")
		}
		pos += 2
	}
	if version == 4 {
		// The name is prefix-compressed: a varint of how many bytes of
		// the previous name to drop, then the rest, NUL-terminated.
		for n := 0; ; n++ {
			if pos >= len(data) || n == 10 {
				return 0, errors.New("bad name prefix length")
			}
			b := data[pos]
			pos++
			if b&0x80 == 0 {
				break
			}
		}
	}
	if pos > len(data) {
		return 0, errors.New("truncated")
	}
	nul := bytes.IndexByte(data[pos:], 0)
	if nul < 0 {
		return 0, errors.New("name not terminated")
	}
	pos += nul + 1
	if version == 4 {
		return pos, nil
	}
	// One to eight NULs pad the entry to a multiple of eight bytes; the
	// first of them ends the name.
	padded := start + (pos-1-start+8)&^7
	if padded > len(data) {
		return 0, errors.New("truncated padding")
	}
	return padded, nil
}

// parseCacheTreeNode parses one directory of the cache-tree extension and,
// in pre-order, its subdirectories: name NUL, entry count SP, subtree count
// LF, and the tree's id if the entry count is not negative (the entry is
// valid).
func parseCacheTreeNode(data []byte, depth int) (*cacheTree, []byte, error) {
	if depth > maxCacheTreeDepth {
		return nil, nil, errors.New("too deep")
	}
	nul := bytes.IndexByte(data, 0)
	if nul < 0 {
		return nil, nil, errors.New("name not terminated")
	}
	n := &cacheTree{name: string(data[:nul])}
	if depth > 0 && (n.name == "" || bytes.IndexByte(data[:nul], '/') >= 0) {
		return nil, nil, fmt.Errorf("bad directory name %q", n.name)
	}
	data = data[nul+1:]
	sp := bytes.IndexByte(data, ' ')
	if sp < 0 {
		return nil, nil, errors.New("no entry count")
	}
	entries, err := parseCount(data[:sp], true)
	if err != nil {
		return nil, nil, err
	}
	data = data[sp+1:]
	lf := bytes.IndexByte(data, '\n')
	if lf < 0 {
		return nil, nil, errors.New("no subtree count")
	}
	subtrees, err := parseCount(data[:lf], false)
	if err != nil {
		return nil, nil, err
	}
	data = data[lf+1:]
	if entries >= 0 {
		if len(data) < sha1Size {
			return nil, nil, errors.New("truncated tree id")
		}
		n.valid = true
		copy(n.hash[:], data[:sha1Size])
		data = data[sha1Size:]
	}
	// Each subtree takes at least five bytes ("\x000 0\n" and more), which
	// bounds the work a forged count can ask for.
	if subtrees > len(data)/5 {
		return nil, nil, errors.New("more subtrees than bytes")
	}
	for range subtrees {
		var child *cacheTree
		if child, data, err = parseCacheTreeNode(data, depth+1); err != nil {
			return nil, nil, err
		}
		n.children = append(n.children, child)
	}
	return n, data, nil
}

// parseCount parses a count of the cache-tree extension: decimal ASCII,
// negative (an invalid entry, where git writes -1) only if negOK.
func parseCount(b []byte, negOK bool) (int, error) {
	if len(b) == 0 || len(b) > 10 {
		return 0, fmt.Errorf("bad count %q", b)
	}
	v, err := strconv.Atoi(string(b))
	if err != nil || v < 0 && !negOK || b[0] == '+' {
		return 0, fmt.Errorf("bad count %q", b)
	}
	return v, nil
}

// unchangedDirs is the set of directories of the index with nothing
// staged: those whose valid cache-tree entry is HEAD's tree for the same
// directory. It reads HEAD's trees only along the paths to the directories
// that changed. all is set when nothing at all is staged. A tree it cannot
// read only makes the set smaller: the walk then meets the error itself if
// it needs that tree.
func unchangedDirs(head *treeLookup, headTree *object.Tree, root *cacheTree) (dirs map[string]bool, all bool) {
	if headTree == nil || root == nil {
		return nil, false
	}
	if root.valid && root.hash == headTree.Hash {
		return nil, true
	}
	dirs = map[string]bool{}
	var descend func(n *cacheTree, dir string, t *object.Tree)
	descend = func(n *cacheTree, dir string, t *object.Tree) {
		for _, c := range n.children {
			path := dir + c.name
			e, err := lookupName(t, path, c.name)
			if err != nil || e == nil || e.Mode != filemode.Dir {
				continue // a new directory: everything under it is staged
			}
			if c.valid && c.hash == e.Hash {
				dirs[path] = true
				continue
			}
			if len(c.children) == 0 {
				continue
			}
			sub, err := head.dir(path)
			if err != nil || sub == nil {
				continue
			}
			descend(c, path+"/", sub)
		}
	}
	descend(root, "", headTree)
	return dirs, false
}

// inDirs reports whether path is under one of dirs.
func inDirs(dirs map[string]bool, path string) bool {
	if len(dirs) == 0 {
		return false
	}
	for i := 0; i < len(path); i++ {
		if path[i] == '/' && dirs[path[:i]] {
			return true
		}
	}
	return false
}
