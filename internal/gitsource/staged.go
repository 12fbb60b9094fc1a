package gitsource

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/nhilint/nhilint/internal/source"
)

// StagedSource yields what a commit made now would add: each file whose
// staged version differs from HEAD's, with its content from the index (not
// the work tree, which may hold unstaged edits) and Added set to the lines
// that are not in HEAD's version. For a pre-commit hook.
type StagedSource struct {
	repoSource
	noCacheTree bool // compare every index entry with HEAD; for tests
}

var _ source.Source = (*StagedSource)(nil)

// Staged returns a source over the index of the repository (or linked work
// tree) at repoPath. In a repository without commits every staged file is
// new. Paths with unresolved merge conflicts are not yielded: git refuses
// to commit them.
func Staged(repoPath string, opts Options) (*StagedSource, error) {
	s := &StagedSource{}
	if err := s.open(repoPath, opts); err != nil {
		return nil, err
	}
	return s, nil
}

// Walk implements source.Source.
func (s *StagedSource) Walk(ctx context.Context, emit func(source.Item) error, skip func(source.Skip)) error {
	defer s.r.close()
	s.missing.Store(0)
	idx, cache, err := s.r.readIndex(!s.noCacheTree)
	if err != nil {
		return fmt.Errorf("gitsource: read the index: %w", err)
	}
	_, head, err := s.r.headTree()
	if err != nil {
		return err
	}
	headDirs := newTreeLookup(s.r, head)
	// Directories the cache tree proves unchanged are not compared entry
	// by entry, which would read each of their trees from HEAD. Intent-to-
	// add entries are not part of the trees git writes, so they are always
	// compared.
	unchanged, all := unchangedDirs(headDirs, head, cache)
	for _, e := range idx.Entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Stage 0 is a merged entry. (go-git's index.Merged constant is 1,
		// the same as AncestorMode: wrong, so it is not used.)
		if e.Stage != 0 || !s.filter.KeepPath(e.Name) {
			continue
		}
		if (all || inDirs(unchanged, e.Name)) && !e.IntentToAdd {
			continue
		}
		old, err := headDirs.entry(e.Name)
		if err != nil {
			return err
		}
		if old != nil && old.Hash == e.Hash {
			continue
		}
		if err := s.visit(e, old, emit, skip); err != nil {
			return err
		}
	}
	return nil
}

// treeLookup finds entries of one tree by path, reading each directory's
// tree object once. (go-git's Tree.FindEntry caches only directories two or
// more levels deep, and reads each top-level directory again for every path
// under it: most of a pre-commit scan's time in a large repository.)
type treeLookup struct {
	r    *repository
	root *object.Tree
	dirs map[string]*object.Tree // nil: not a directory in the tree
}

// newTreeLookup looks paths up in root, which may be nil (no commit yet).
func newTreeLookup(r *repository, root *object.Tree) *treeLookup {
	return &treeLookup{r: r, root: root, dirs: map[string]*object.Tree{}}
}

// entry returns the entry at path, or nil when the tree has none.
func (l *treeLookup) entry(path string) (*object.TreeEntry, error) {
	dir, name := "", path
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		dir, name = path[:i], path[i+1:]
	}
	t, err := l.dir(dir)
	if t == nil || err != nil {
		return nil, err
	}
	return lookupName(t, path, name)
}

// dir returns the tree of directory dir ("" is the root), or nil when the
// tree has no directory there.
func (l *treeLookup) dir(dir string) (*object.Tree, error) {
	if dir == "" {
		return l.root, nil
	}
	if t, ok := l.dirs[dir]; ok {
		return t, nil
	}
	parentDir, name := "", dir
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		parentDir, name = dir[:i], dir[i+1:]
	}
	parent, err := l.dir(parentDir)
	if err != nil {
		return nil, err
	}
	var t *object.Tree
	if parent != nil {
		e, err := lookupName(parent, dir, name)
		if err != nil {
			return nil, err
		}
		if e != nil && e.Mode == filemode.Dir {
			if t, err = l.r.tree(e.Hash); err != nil {
				return nil, fmt.Errorf("gitsource: look up %q in HEAD: %w", dir, err)
			}
		}
	}
	l.dirs[dir] = t
	return t, nil
}

// lookupName returns the entry called name in t (which is at path), or nil.
func lookupName(t *object.Tree, path, name string) (*object.TreeEntry, error) {
	e, err := t.FindEntry(name) // one component: no object is read
	switch {
	case err == nil:
		return e, nil
	case errors.Is(err, object.ErrEntryNotFound), errors.Is(err, object.ErrDirectoryNotFound):
		return nil, nil
	default:
		return nil, fmt.Errorf("gitsource: look up %q in HEAD: %w", path, err)
	}
}

func (s *StagedSource) visit(e *index.Entry, old *object.TreeEntry, emit func(source.Item) error, skip func(source.Skip)) error {
	rel := e.Name
	switch e.Mode {
	case filemode.Submodule:
		skip(source.Skip{Path: rel, Reason: source.ReasonSubmodule,
			Detail: "gitlink to commit " + short(e.Hash) + "; submodules are not followed"})
		return nil
	case filemode.Symlink:
		skip(source.Skip{Path: rel, Reason: source.ReasonSymlink})
		return nil
	}
	content, size, err := loadBlob(s.r, s.filter.maxSize, e.Hash)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			skip(source.Skip{Path: rel, Reason: source.ReasonTooLarge, Detail: tooLargeDetail(err)})
			return nil
		}
		sk := objectSkip(rel, "blob", e.Hash, "index", err)
		if sk.Reason == source.ReasonMissingObject {
			s.missing.Add(1)
		}
		skip(sk)
		return nil
	}
	var olds []object.TreeEntry
	if old != nil {
		olds = []object.TreeEntry{*old}
	}
	added := rangeOf(lineCount(content))
	if !isBinary(content) {
		added = addedLines(lineHashes(content), oldLineHashes(s.r, s.filter, olds, nil))
	}
	return emit(source.Item{
		Path:  rel,
		Rel:   rel,
		Size:  size,
		Added: added,
		Read:  func() ([]byte, error) { return content, nil },
	})
}
