package gitsource

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/nhilint/nhilint/internal/source"
)

// HistoryOptions select the commits History scans and what it reads from
// them. Branch and Since may be combined; Range excludes both.
type HistoryOptions struct {
	// Branch is the revision whose ancestry is scanned. Empty means every
	// commit reachable from HEAD or any reference: branches, tags, remote
	// branches, the stash, notes (as `git log --all`).
	Branch string
	// Since is a revision whose ancestry is left out: only commits not
	// reachable from it are scanned.
	Since string
	// Range is "A..B": the commits reachable from B and not from A. An
	// empty side means HEAD, as in git.
	Range string
	// MaxFileSize, Include and Exclude are as in Options.
	MaxFileSize      int64
	Include, Exclude []string
}

// HistorySource yields the content that a set of commits added: for each
// commit, parents first, each blob that is new at its path, with the lines
// it adds. See the package documentation.
type HistorySource struct {
	repoSource
	include, exclude []plumbing.Hash
}

var _ source.Source = (*HistorySource)(nil)

// History returns a source over the history of the repository at repoPath
// (a work tree, a directory in one, a linked work tree or a bare repository).
// Revisions are resolved now, so a typo fails here rather than in Walk.
func History(repoPath string, opts HistoryOptions) (*HistorySource, error) {
	if opts.Range != "" && (opts.Branch != "" || opts.Since != "") {
		return nil, fmt.Errorf("gitsource: a range (%q) cannot be combined with a branch or a since revision", opts.Range)
	}
	s, err := newHistory(repoPath, Options{MaxFileSize: opts.MaxFileSize, Include: opts.Include, Exclude: opts.Exclude})
	if err != nil {
		return nil, err
	}
	var includeRev, excludeRev string
	switch {
	case opts.Range != "":
		from, to, ok := strings.Cut(opts.Range, "..")
		if !ok || strings.HasPrefix(to, ".") {
			return nil, fmt.Errorf("gitsource: range %q is not of the form A..B", opts.Range)
		}
		excludeRev, includeRev = cmpOr(from, "HEAD"), cmpOr(to, "HEAD")
	default:
		includeRev, excludeRev = opts.Branch, opts.Since
	}
	if includeRev != "" {
		h, err := s.r.resolve(includeRev)
		if err != nil {
			return nil, err
		}
		s.include = []plumbing.Hash{h}
	} else {
		if s.include, err = s.r.refTips(isScannedRef); err != nil {
			return nil, err
		}
	}
	if excludeRev != "" {
		h, err := s.r.resolve(excludeRev)
		if err != nil {
			return nil, err
		}
		s.exclude = []plumbing.Hash{h}
	}
	return s, nil
}

// FromTo returns a source over the commits reachable from to and not from
// from, as pre-commit's PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF name
// them for its pre-push stage.
func FromTo(repoPath, from, to string, opts Options) (*HistorySource, error) {
	return History(repoPath, HistoryOptions{
		Range:       from + ".." + to,
		MaxFileSize: opts.MaxFileSize, Include: opts.Include, Exclude: opts.Exclude,
	})
}

func newHistory(repoPath string, opts Options) (*HistorySource, error) {
	// The walk's workers read through readers of their own, each with a
	// small object cache; this is the first.
	s := &HistorySource{repoSource: repoSource{objectCache: workerCacheSize}}
	if err := s.open(repoPath, opts); err != nil {
		return nil, err
	}
	return s, nil
}

func isScannedRef(name plumbing.ReferenceName) bool {
	return name == plumbing.HEAD || strings.HasPrefix(name.String(), "refs/")
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Walk implements source.Source.
//
// Commits are diffed and their new blobs read and compared with their
// parents on several goroutines, each with its own reader of the
// repository, a few commits ahead of the one being emitted; what each
// commit yields is then emitted in commit order, so the items, their Seq
// and the skips are those of a walk on one goroutine.
func (s *HistorySource) Walk(ctx context.Context, emit func(source.Item) error, skip func(source.Skip)) error {
	defer s.r.close()
	s.missing.Store(0)
	countMissing := func() { s.missing.Add(1) }
	order, commitTrees, err := s.r.revList(ctx, s.include, s.exclude, skip, countMissing)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := min(historyWorkers(), max(len(order), 1))
	lines := newLineCache(lineCacheSize)
	trees := newTreeCache(treeCacheEntries)
	// A worker takes the next commit only when a slot of the window is
	// free, which bounds the blobs held in memory to those of a few
	// commits; results[i%len(results)] receives what commit i yields, and
	// is free again since commit i-len(results) has been emitted.
	window := make(chan struct{}, workers+1)
	results := make([]chan commitResult, cap(window))
	for i := range results {
		results[i] = make(chan commitResult, 1)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for i := range workers {
		r := s.r
		if i > 0 {
			r = s.r.reopen(workerCacheSize)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r != s.r {
				defer r.close()
			}
			w := &historyWalk{r: r, filter: s.filter, ctx: ctx, lines: lines, trees: trees, commitTrees: commitTrees}
			for {
				select {
				case window <- struct{}{}:
				case <-ctx.Done():
					return
				}
				i := int(next.Add(1)) - 1
				if i >= len(order) {
					<-window
					return
				}
				results[i%len(results)] <- w.walkCommit(int64(i+1), order[i])
			}
		}()
	}
	defer wg.Wait()

	seen := map[plumbing.Hash]struct{}{}
	for i := range order {
		var res commitResult
		select {
		case res = <-results[i%len(results)]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		if res.err != nil {
			return res.err
		}
		for _, ev := range res.events {
			if _, ok := seen[ev.object]; ok {
				continue
			}
			seen[ev.object] = struct{}{}
			switch {
			case ev.item != nil:
				if err := emit(*ev.item); err != nil {
					return err
				}
			default:
				if ev.skip.Reason == source.ReasonMissingObject {
					countMissing()
				}
				skip(ev.skip)
			}
		}
	}
	return ctx.Err()
}

// historyWorkers is how many commits are walked at once: one per CPU, and
// at least two, so that one reads while the other waits on the disk.
func historyWorkers() int { return max(runtime.GOMAXPROCS(0), 2) }

// workerCacheSize bounds the object cache of each worker's reader: it
// mostly holds the bases of deltas in pack files (trees are in the shared
// treeCache). Every reader also loads the pack indexes, so more workers
// cost memory as well as saving time.
const workerCacheSize = 512 * cache.KiByte

// commitResult is what walking one commit yields, in the order of a walk
// on one goroutine.
type commitResult struct {
	events []historyEvent
	err    error
}

// historyEvent is a file or an unreadable tree met in a commit's diff.
// Only the first occurrence of object in the whole walk counts: later ones
// are dropped when the results are put in commit order.
type historyEvent struct {
	object plumbing.Hash
	item   *source.Item // the file's content, or
	skip   source.Skip  // why it is not scanned
}

// historyWalk diffs commits on one worker of HistorySource.Walk.
type historyWalk struct {
	r      *repository
	filter *filter
	ctx    context.Context
	// lines has the line hashes of recent blobs: the parents of the next
	// versions. The workers share it.
	lines *lineCache
	// trees has the trees of recent commits, the parents of the next
	// commits, which are likely diffed on another worker. Shared.
	trees *treeCache
	// commitTrees is the tree of each commit the revision walk read.
	// Read only.
	commitTrees map[plumbing.Hash]plumbing.Hash

	// The commit being walked, its events, and the objects they name.
	seq    int64
	commit *object.Commit
	events []historyEvent
	met    map[plumbing.Hash]struct{}
}

// firstTime reports whether h is met for the first time in this commit.
// Whether it is the first time in the walk is decided in commit order.
func (w *historyWalk) firstTime(h plumbing.Hash) bool {
	if _, ok := w.met[h]; ok {
		return false
	}
	w.met[h] = struct{}{}
	return true
}

func (w *historyWalk) skip(h plumbing.Hash, sk source.Skip) {
	w.events = append(w.events, historyEvent{object: h, skip: sk})
}

func (w *historyWalk) objectSkip(path, kind string, h plumbing.Hash, err error) {
	w.skip(h, objectSkip(path, kind, h, "commit "+short(w.commit.Hash), err))
}

func (w *historyWalk) blobFailed(rel string, h plumbing.Hash, err error) {
	if errors.Is(err, errTooLarge) {
		w.skip(h, source.Skip{Path: rel, Reason: source.ReasonTooLarge, Detail: tooLargeDetail(err)})
		return
	}
	w.objectSkip(rel, "blob", h, err)
}

// tree returns tree h from the shared cache or from the repository.
func (w *historyWalk) tree(h plumbing.Hash) (*object.Tree, error) {
	if t, ok := w.trees.get(h); ok {
		return t, nil
	}
	t, err := w.r.tree(h)
	if err == nil {
		w.trees.put(h, t)
	}
	return t, err
}

func (w *historyWalk) walkCommit(seq int64, h plumbing.Hash) commitResult {
	c, err := w.r.commit(h)
	if err != nil {
		// It was read moments ago by the revision walk.
		return commitResult{err: fmt.Errorf("gitsource: read commit %s: %w", h, err)}
	}
	w.seq, w.commit, w.events, w.met = seq, c, nil, map[plumbing.Hash]struct{}{}
	tree, err := w.tree(c.TreeHash)
	if err != nil {
		w.objectSkip("", "tree", c.TreeHash, err)
		return commitResult{events: w.events}
	}
	var parents []*object.Tree
	for _, p := range w.r.parents(c) {
		// A parent that cannot be read (reported by the revision walk) or
		// is outside the walk is still a parent; one that is unusable
		// counts as empty, which scans more rather than less.
		var pt *object.Tree
		if th, ok := w.commitTrees[p]; ok {
			pt, _ = w.tree(th)
		} else if pc, err := w.r.commit(p); err == nil {
			pt, _ = w.tree(pc.TreeHash)
		}
		parents = append(parents, pt)
	}
	err = w.diffTree("", false, tree, parents)
	return commitResult{events: w.events, err: err}
}

// diffTree visits the entries of tree that are new relative to every
// parent tree at the same path (nil parents are empty): an entry equal to
// the first parent's is unchanged, one equal to another parent's came with
// a merge and was visited on its own branch.
func (w *historyWalk) diffTree(dir string, included bool, tree *object.Tree, parents []*object.Tree) error {
	cursors := make([]cursor, len(parents))
	for i, p := range parents {
		if p != nil {
			cursors[i].entries = p.Entries
		}
	}
	olds := make([]object.TreeEntry, 0, len(parents))
	for i := range tree.Entries {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		e := &tree.Entries[i]
		olds = olds[:0]
		unchanged := false
		for j := range cursors {
			if old, ok := cursors[j].find(e); ok {
				unchanged = unchanged || old.Hash == e.Hash
				olds = append(olds, old)
			}
		}
		if unchanged {
			continue
		}
		rel := e.Name
		if dir != "" {
			rel = dir + "/" + e.Name
		}
		if e.Mode == filemode.Dir {
			if err := w.diffSubtree(rel, included, e.Hash, olds); err != nil {
				return err
			}
			continue
		}
		if !w.filter.KeepFile(rel, included) || !w.firstTime(e.Hash) {
			continue
		}
		if err := w.visitFile(rel, e, olds); err != nil {
			return err
		}
	}
	return nil
}

func (w *historyWalk) diffSubtree(rel string, parentIncluded bool, h plumbing.Hash, olds []object.TreeEntry) error {
	enter, included := w.filter.EnterDir(rel, parentIncluded)
	if !enter {
		return nil
	}
	sub, err := w.tree(h)
	if err != nil {
		if w.firstTime(h) {
			w.objectSkip(rel, "tree", h, err)
		}
		return nil
	}
	var parents []*object.Tree
	for _, old := range olds {
		if old.Mode == filemode.Dir {
			if pt, err := w.tree(old.Hash); err == nil {
				parents = append(parents, pt)
			}
		}
	}
	return w.diffTree(rel, included, sub, parents)
}

// visitFile handles a non-directory entry met for the first time.
func (w *historyWalk) visitFile(rel string, e *object.TreeEntry, olds []object.TreeEntry) error {
	switch e.Mode {
	case filemode.Submodule:
		w.skip(e.Hash, source.Skip{Path: rel, Reason: source.ReasonSubmodule,
			Detail: "gitlink to commit " + short(e.Hash) + " (commit " + short(w.commit.Hash) + "); submodules are not followed"})
		return nil
	case filemode.Symlink:
		w.skip(e.Hash, source.Skip{Path: rel, Reason: source.ReasonSymlink,
			Detail: "commit " + short(w.commit.Hash)})
		return nil
	}
	content, size, err := loadBlob(w.r, w.filter.maxSize, e.Hash)
	if err != nil {
		w.blobFailed(rel, e.Hash, err)
		return nil
	}
	var added []source.LineRange
	if isBinary(content) {
		added = rangeOf(lineCount(content)) // the engine skips it; no need to read the parents
	} else {
		hashes := lineHashes(content)
		added = addedLines(hashes, oldLineHashes(w.r, w.filter, olds, w.lines))
		w.lines.put(e.Hash, hashes)
	}
	c := w.commit
	w.events = append(w.events, historyEvent{object: e.Hash, item: &source.Item{
		Path:   rel,
		Rel:    rel,
		Size:   size,
		Commit: c.Hash.String(),
		Author: c.Author.Name,
		Date:   c.Author.When,
		Seq:    w.seq,
		Added:  added,
		Read:   func() ([]byte, error) { return content, nil },
	}})
	return nil
}

// loadBlob reads blob h after checking its size: a blob over maxSize (when
// positive) is an error wrapping errTooLarge, and is not inflated.
func loadBlob(r *repository, maxSize int64, h plumbing.Hash) ([]byte, int64, error) {
	return r.blob(h, maxSize)
}

var errTooLarge = errors.New("blob too large")

func errTooLargeSize(size, limit int64) error {
	return fmt.Errorf("%w: %d bytes, over the %d-byte limit", errTooLarge, size, limit)
}

// lineCacheSize bounds the line hashes a history walk keeps: 512K hashes,
// 4 MiB, enough for the files edited in the last few dozen commits of most
// repositories; an older parent is inflated again.
const lineCacheSize = 512 << 10

// oldLineHashes returns the line hashes of the previous versions of a file,
// the blobs among olds, from cache when it has them. A version that cannot
// be read or is over the size limit is left out, so its lines count as
// added: scanning more rather than less.
func oldLineHashes(r *repository, f *filter, olds []object.TreeEntry, cache *lineCache) [][]uint64 {
	var versions [][]uint64
	for _, old := range olds {
		if old.Mode == filemode.Dir || old.Mode == filemode.Submodule || old.Mode == filemode.Symlink {
			continue
		}
		if hashes, ok := cache.get(old.Hash); ok {
			versions = append(versions, hashes)
			continue
		}
		if content, _, err := r.blob(old.Hash, f.maxSize); err == nil {
			hashes := lineHashes(content)
			cache.put(old.Hash, hashes)
			versions = append(versions, hashes)
		}
	}
	return versions
}

// cursor finds the entries of a parent tree by name while the entries of
// the child tree are visited in order; both are in git's tree order.
type cursor struct {
	entries []object.TreeEntry
	next    int
}

func (c *cursor) find(e *object.TreeEntry) (object.TreeEntry, bool) {
	for c.next < len(c.entries) {
		old := c.entries[c.next]
		switch cmp := compareEntries(old.Name, old.Mode == filemode.Dir, e.Name, e.Mode == filemode.Dir); {
		case cmp < 0:
			c.next++
		case cmp == 0:
			c.next++
			return old, true
		default:
			return object.TreeEntry{}, false
		}
	}
	return object.TreeEntry{}, false
}

// compareEntries orders tree entries as git does: by name, a directory's
// name read as if it ended in "/". A file and a directory of the same name
// are therefore different entries, and a type change is an addition.
func compareEntries(a string, aDir bool, b string, bDir bool) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	return int(entryByte(a, n, aDir)) - int(entryByte(b, n, bDir))
}

func entryByte(name string, i int, dir bool) byte {
	switch {
	case i < len(name):
		return name[i]
	case dir:
		return '/'
	default:
		return 0
	}
}
