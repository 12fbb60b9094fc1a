package gitsource

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
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
	s := &HistorySource{}
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
func (s *HistorySource) Walk(ctx context.Context, emit func(source.Item) error, skip func(source.Skip)) error {
	defer s.r.close()
	s.missing.Store(0)
	countMissing := func() { s.missing.Add(1) }
	order, err := s.r.revList(ctx, s.include, s.exclude, skip, countMissing)
	if err != nil {
		return err
	}
	w := &historyWalk{
		r: s.r, filter: s.filter, ctx: ctx, emit: emit, skip: skip, missing: countMissing,
		seen: map[plumbing.Hash]struct{}{}, lines: newLineCache(lineCacheSize),
	}
	for i, h := range order {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.walkCommit(int64(i+1), h); err != nil {
			return err
		}
	}
	return nil
}

// historyWalk is the state of one HistorySource.Walk.
type historyWalk struct {
	r       *repository
	filter  *filter
	ctx     context.Context
	emit    func(source.Item) error
	skip    func(source.Skip)
	missing func()
	// seen holds every blob, gitlink and missing tree met so far: each is
	// scanned or reported once, at its first (oldest) occurrence.
	seen map[plumbing.Hash]struct{}
	// lines has the line hashes of recent blobs: the parents of the next
	// versions.
	lines *lineCache

	// The commit being walked.
	seq    int64
	commit *object.Commit
}

func (w *historyWalk) firstTime(h plumbing.Hash) bool {
	if _, ok := w.seen[h]; ok {
		return false
	}
	w.seen[h] = struct{}{}
	return true
}

func (w *historyWalk) objectSkip(path, kind string, h plumbing.Hash, err error) {
	sk := objectSkip(path, kind, h, "commit "+short(w.commit.Hash), err)
	if sk.Reason == source.ReasonMissingObject {
		w.missing()
	}
	w.skip(sk)
}

func (w *historyWalk) blobFailed(rel string, h plumbing.Hash, err error) {
	if errors.Is(err, errTooLarge) {
		w.skip(source.Skip{Path: rel, Reason: source.ReasonTooLarge, Detail: tooLargeDetail(err)})
		return
	}
	w.objectSkip(rel, "blob", h, err)
}

func (w *historyWalk) walkCommit(seq int64, h plumbing.Hash) error {
	c, err := w.r.commit(h)
	if err != nil {
		// It was read moments ago by the revision walk.
		return fmt.Errorf("gitsource: read commit %s: %w", h, err)
	}
	w.seq, w.commit = seq, c
	tree, err := w.r.tree(c.TreeHash)
	if err != nil {
		if w.firstTime(c.TreeHash) {
			w.objectSkip("", "tree", c.TreeHash, err)
		}
		return nil
	}
	var parents []*object.Tree
	for _, p := range w.r.parents(c) {
		// A parent that cannot be read (reported by the revision walk) or
		// is outside the walk is still a parent; one that is unusable
		// counts as empty, which scans more rather than less.
		var pt *object.Tree
		if pc, err := w.r.commit(p); err == nil {
			pt, _ = w.r.tree(pc.TreeHash)
		}
		parents = append(parents, pt)
	}
	return w.diffTree("", false, tree, parents)
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
	sub, err := w.r.tree(h)
	if err != nil {
		if w.firstTime(h) {
			w.objectSkip(rel, "tree", h, err)
		}
		return nil
	}
	var parents []*object.Tree
	for _, old := range olds {
		if old.Mode == filemode.Dir {
			if pt, err := w.r.tree(old.Hash); err == nil {
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
		w.skip(source.Skip{Path: rel, Reason: source.ReasonSubmodule,
			Detail: "gitlink to commit " + short(e.Hash) + " (commit " + short(w.commit.Hash) + "); submodules are not followed"})
		return nil
	case filemode.Symlink:
		w.skip(source.Skip{Path: rel, Reason: source.ReasonSymlink,
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
	return w.emit(source.Item{
		Path:   rel,
		Rel:    rel,
		Size:   size,
		Commit: c.Hash.String(),
		Author: c.Author.Name,
		Date:   c.Author.When,
		Seq:    w.seq,
		Added:  added,
		Read:   func() ([]byte, error) { return content, nil },
	})
}

// loadBlob reads blob h after checking its size: a blob over maxSize (when
// positive) is an error wrapping errTooLarge, and is not inflated.
func loadBlob(r *repository, maxSize int64, h plumbing.Hash) ([]byte, int64, error) {
	size, err := r.blobSize(h)
	if err != nil {
		return nil, 0, err
	}
	if maxSize > 0 && size > maxSize {
		return nil, size, errTooLargeSize(size, maxSize)
	}
	content, err := r.readBlob(h)
	return content, size, err
}

var errTooLarge = errors.New("blob too large")

func errTooLargeSize(size, limit int64) error {
	return fmt.Errorf("%w: %d bytes, over the %d-byte limit", errTooLarge, size, limit)
}

// lineCacheSize bounds the line hashes a history walk keeps: 4M hashes,
// 32 MiB, enough for the files edited in the last few hundred commits of
// most repositories.
const lineCacheSize = 4 << 20

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
		if size, err := r.blobSize(old.Hash); err != nil || (f.maxSize > 0 && size > f.maxSize) {
			continue
		}
		if content, err := r.readBlob(old.Hash); err == nil {
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
