package gitsource

import (
	"context"
	"errors"
	"fmt"

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
	s.r.mu.Lock()
	idx, err := s.r.storer.Index()
	s.r.mu.Unlock()
	if err != nil {
		return fmt.Errorf("gitsource: read the index: %w", err)
	}
	_, head, err := s.r.headTree()
	if err != nil {
		return err
	}
	for _, e := range idx.Entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Stage 0 is a merged entry. (go-git's index.Merged constant is 1,
		// the same as AncestorMode: wrong, so it is not used.)
		if e.Stage != 0 || !s.filter.KeepPath(e.Name) {
			continue
		}
		old, err := s.headEntry(head, e.Name)
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

// headEntry returns the entry at path in HEAD's tree, or nil.
func (s *StagedSource) headEntry(head *object.Tree, path string) (*object.TreeEntry, error) {
	if head == nil {
		return nil, nil
	}
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	e, err := head.FindEntry(path)
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
