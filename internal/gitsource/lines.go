package gitsource

import (
	"bytes"
	"hash/maphash"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/nhilint/nhilint/internal/source"
)

// lineSeed keys the line hashes. It is random per process, so content cannot
// be crafted to make a new line collide with an old one and hide it.
var lineSeed = maphash.MakeSeed()

// addedLines returns the lines of content whose text appears on no line of
// any old version, as sorted inclusive ranges. A line's text excludes its
// "\n" and a "\r" before it, so a change of line endings adds nothing.
// Versions are given as lineHashes; with no olds every line is added. The
// result is never nil: an empty slice means the version adds no line (it
// only deletes or reorders).
//
// This is a line-set difference, not a diff: it costs O(len) time, survives
// moved blocks that a diff would show as removed and re-added, but does not
// report a line that is added as a copy of a line that already existed
// elsewhere in the old version. A secret already present in the old version
// was reported there, so only new text needs scanning.
func addedLines(content []uint64, olds [][]uint64) []source.LineRange {
	if len(olds) == 0 {
		return rangeOf(len(content))
	}
	estimate := 0
	for _, old := range olds {
		estimate += len(old)
	}
	known := make(map[uint64]struct{}, estimate)
	for _, old := range olds {
		for _, h := range old {
			known[h] = struct{}{}
		}
	}
	ranges := []source.LineRange{}
	for i, h := range content {
		if _, ok := known[h]; ok {
			continue
		}
		n := i + 1
		if last := len(ranges) - 1; last >= 0 && ranges[last].End == n-1 {
			ranges[last].End = n
			continue
		}
		ranges = append(ranges, source.LineRange{Start: n, End: n})
	}
	return ranges
}

// lineHashes returns the hash of the text of each line of content.
func lineHashes(content []byte) []uint64 {
	hashes := make([]uint64, 0, lineCount(content))
	eachLine(content, func(_ int, line []byte) {
		hashes = append(hashes, maphash.Bytes(lineSeed, line))
	})
	return hashes
}

// rangeOf returns the range of lines 1 to n, empty (not nil) if n is 0.
func rangeOf(n int) []source.LineRange {
	if n == 0 {
		return []source.LineRange{}
	}
	return []source.LineRange{{Start: 1, End: n}}
}

// lineCache keeps the line hashes of recently read blobs, so that the next
// version of a file is compared with its parent without inflating the
// parent again. It holds at most max hashes and forgets the oldest first.
// It is safe for concurrent use: the workers of a history walk share it.
type lineCache struct {
	mu    sync.Mutex
	m     map[plumbing.Hash][]uint64
	order []plumbing.Hash
	size  int
	max   int
}

func newLineCache(max int) *lineCache {
	return &lineCache{m: map[plumbing.Hash][]uint64{}, max: max}
}

func (c *lineCache) get(h plumbing.Hash) ([]uint64, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	hashes, ok := c.m[h]
	return hashes, ok
}

func (c *lineCache) put(h plumbing.Hash, hashes []uint64) {
	if c == nil || len(hashes) > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[h]; ok {
		return
	}
	for c.size+len(hashes) > c.max && len(c.order) > 0 {
		oldest := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.m[oldest])
		delete(c.m, oldest)
	}
	c.m[h] = hashes
	c.order = append(c.order, h)
	c.size += len(hashes)
}

// lineCount counts lines as eachLine yields them: a final line without "\n"
// counts, the empty string after a final "\n" does not.
func lineCount(content []byte) int {
	n := bytes.Count(content, []byte{'\n'})
	if len(content) > 0 && content[len(content)-1] != '\n' {
		n++
	}
	return n
}

// eachLine calls fn with the 1-based number and the text of each line of
// content, without "\n" or "\r\n".
func eachLine(content []byte, fn func(n int, line []byte)) {
	for n := 1; len(content) > 0; n++ {
		line := content
		if i := bytes.IndexByte(content, '\n'); i >= 0 {
			line, content = content[:i], content[i+1:]
		} else {
			content = nil
		}
		if k := len(line) - 1; k >= 0 && line[k] == '\r' {
			line = line[:k]
		}
		fn(n, line)
	}
}

// treeCacheEntries bounds the tree entries a history walk keeps decoded:
// 8K entries, under a MiB, enough for the trees of the last few commits of
// most repositories.
const treeCacheEntries = 8 << 10

// treeCache keeps recently read trees, which are only read, never changed,
// once decoded. It holds at most max entries and forgets the oldest tree
// first. It is safe for concurrent use.
type treeCache struct {
	mu    sync.Mutex
	m     map[plumbing.Hash]*object.Tree
	order []plumbing.Hash
	size  int
	max   int
}

func newTreeCache(max int) *treeCache {
	return &treeCache{m: map[plumbing.Hash]*object.Tree{}, max: max}
}

func (c *treeCache) get(h plumbing.Hash) (*object.Tree, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.m[h]
	return t, ok
}

func (c *treeCache) put(h plumbing.Hash, t *object.Tree) {
	n := len(t.Entries) + 1
	if n > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[h]; ok {
		return
	}
	for c.size+n > c.max && len(c.order) > 0 {
		oldest := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.m[oldest].Entries) + 1
		delete(c.m, oldest)
	}
	c.m[h] = t
	c.order = append(c.order, h)
	c.size += n
}
