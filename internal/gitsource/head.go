package gitsource

import (
	"context"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/nhilint/nhilint/internal/source"
)

// HeadSource yields every blob of the tree HEAD points to, whole (Added is
// nil), to tell whether a secret found in history is still present. Items
// carry no commit, so a finding in them matches the same finding in a work
// tree scan.
type HeadSource struct {
	repoSource
}

var _ source.Source = (*HeadSource)(nil)

// HeadTree returns a source over the tree at HEAD of the repository at
// repoPath. A repository without commits yields nothing.
// Item.Read reads lazily, so call Close once the engine has read every item.
func HeadTree(repoPath string, opts Options) (*HeadSource, error) {
	s := &HeadSource{}
	if err := s.open(repoPath, opts); err != nil {
		return nil, err
	}
	return s, nil
}

// Walk implements source.Source. Blob sizes are checked while walking;
// contents are read by Item.Read.
func (s *HeadSource) Walk(ctx context.Context, emit func(source.Item) error, skip func(source.Skip)) error {
	s.missing.Store(0)
	_, tree, err := s.r.headTree()
	if err != nil || tree == nil {
		return err
	}
	return s.walkTree(ctx, "", false, tree, emit, skip)
}

func (s *HeadSource) objectSkip(skip func(source.Skip), path, kind string, h plumbing.Hash, err error) {
	sk := objectSkip(path, kind, h, "HEAD", err)
	if sk.Reason == source.ReasonMissingObject {
		s.missing.Add(1)
	}
	skip(sk)
}

func (s *HeadSource) walkTree(ctx context.Context, dir string, included bool, tree *object.Tree, emit func(source.Item) error, skip func(source.Skip)) error {
	for _, e := range tree.Entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel := e.Name
		if dir != "" {
			rel = dir + "/" + e.Name
		}
		switch e.Mode {
		case filemode.Dir:
			enter, subIncluded := s.filter.EnterDir(rel, included)
			if !enter {
				continue
			}
			sub, err := s.r.tree(e.Hash)
			if err != nil {
				s.objectSkip(skip, rel, "tree", e.Hash, err)
				continue
			}
			if err := s.walkTree(ctx, rel, subIncluded, sub, emit, skip); err != nil {
				return err
			}
			continue
		}
		if !s.filter.KeepFile(rel, included) {
			continue
		}
		switch e.Mode {
		case filemode.Submodule:
			skip(source.Skip{Path: rel, Reason: source.ReasonSubmodule,
				Detail: "gitlink to commit " + short(e.Hash) + "; submodules are not followed"})
			continue
		case filemode.Symlink:
			skip(source.Skip{Path: rel, Reason: source.ReasonSymlink})
			continue
		}
		size, err := s.r.blobSize(e.Hash)
		if err != nil {
			s.objectSkip(skip, rel, "blob", e.Hash, err)
			continue
		}
		if max := s.filter.maxSize; max > 0 && size > max {
			skip(source.Skip{Path: rel, Reason: source.ReasonTooLarge, Detail: tooLargeDetail(errTooLargeSize(size, max))})
			continue
		}
		h := e.Hash
		if err := emit(source.Item{
			Path: rel,
			Rel:  rel,
			Size: size,
			Read: func() ([]byte, error) { return s.r.readBlob(h) },
		}); err != nil {
			return err
		}
	}
	return nil
}
