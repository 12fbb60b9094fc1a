package gitsource

import (
	"fmt"

	"github.com/nhilint/nhilint/internal/source"
)

// Options select what a source yields from each tree it reads.
type Options struct {
	// MaxFileSize is the largest blob, in bytes, that is read; 0 means no
	// limit. Larger blobs become source.ReasonTooLarge skips: their size is
	// read from the object header, the content is never inflated.
	MaxFileSize int64
	// Include and Exclude are globs matched against the path in the
	// repository, with the syntax of source.TreeOptions: a pattern without
	// "/" matches a base name at any depth, a leading "/" anchors it, a
	// trailing "/" matches directories only, "**" spans directories. A
	// directory matched by Exclude is not descended into; a directory matched
	// by Include includes everything below it.
	Include, Exclude []string
}

// filter applies Options to paths: the globs as a work-tree scan reads them,
// and the size limit.
type filter struct {
	*source.PathFilter
	maxSize int64
}

func newFilter(opts Options) (*filter, error) {
	if opts.MaxFileSize < 0 {
		return nil, fmt.Errorf("gitsource: negative maximum file size %d", opts.MaxFileSize)
	}
	pf, err := source.NewPathFilter(opts.Include, opts.Exclude)
	if err != nil {
		return nil, fmt.Errorf("gitsource: %w", err)
	}
	return &filter{PathFilter: pf, maxSize: opts.MaxFileSize}, nil
}
