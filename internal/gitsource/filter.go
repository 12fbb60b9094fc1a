package gitsource

import (
	"fmt"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
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

// filter applies Options to paths. It duplicates the glob rules of package
// source, which keeps them unexported; both must read patterns alike.
type filter struct {
	include, exclude []glob
	maxSize          int64
}

func newFilter(opts Options) (*filter, error) {
	if opts.MaxFileSize < 0 {
		return nil, fmt.Errorf("gitsource: negative maximum file size %d", opts.MaxFileSize)
	}
	include, err := compileGlobs("include", opts.Include)
	if err != nil {
		return nil, err
	}
	exclude, err := compileGlobs("exclude", opts.Exclude)
	if err != nil {
		return nil, err
	}
	return &filter{include: include, exclude: exclude, maxSize: opts.MaxFileSize}, nil
}

// enterDir reports whether the walk descends into directory rel, and
// whether everything below it is included.
func (f *filter) enterDir(rel string, parentIncluded bool) (enter, included bool) {
	if matchAny(f.exclude, rel, true) {
		return false, false
	}
	return true, parentIncluded || (len(f.include) > 0 && matchAny(f.include, rel, true))
}

// keepFile reports whether file rel, in a directory the walk entered, is
// scanned.
func (f *filter) keepFile(rel string, dirIncluded bool) bool {
	if matchAny(f.exclude, rel, false) {
		return false
	}
	return len(f.include) == 0 || dirIncluded || matchAny(f.include, rel, false)
}

// keepPath is keepFile for a path met without walking its directories (an
// index entry): it applies the directory rules of every ancestor.
func (f *filter) keepPath(rel string) bool {
	if len(f.include) == 0 && len(f.exclude) == 0 {
		return true
	}
	included := false
	for i := 0; i < len(rel); i++ {
		if rel[i] != '/' {
			continue
		}
		var enter bool
		if enter, included = f.enterDir(rel[:i], included); !enter {
			return false
		}
	}
	return f.keepFile(rel, included)
}

// A glob is one Include or Exclude pattern; see Options.
type glob struct {
	pattern  string // doublestar pattern, without the anchoring and directory slashes
	baseName bool   // match path.Base(rel) instead of rel
	dirOnly  bool
}

func compileGlobs(kind string, patterns []string) ([]glob, error) {
	globs := make([]glob, 0, len(patterns))
	for _, p := range patterns {
		g, err := compileGlob(p)
		if err != nil {
			return nil, fmt.Errorf("gitsource: %s pattern %q: %w", kind, p, err)
		}
		globs = append(globs, g)
	}
	return globs, nil
}

func compileGlob(p string) (glob, error) {
	var g glob
	rest := p
	if strings.HasSuffix(rest, "/") {
		g.dirOnly = true
		rest = strings.TrimRight(rest, "/")
	}
	anchored := strings.HasPrefix(rest, "/")
	rest = strings.TrimLeft(rest, "/")
	if rest == "" {
		return glob{}, fmt.Errorf("empty pattern")
	}
	g.baseName = !anchored && !strings.Contains(rest, "/")
	if !doublestar.ValidatePattern(rest) {
		return glob{}, fmt.Errorf("malformed glob")
	}
	g.pattern = rest
	return g, nil
}

func (g glob) match(rel string, isDir bool) bool {
	if g.dirOnly && !isDir {
		return false
	}
	name := rel
	if g.baseName {
		name = path.Base(rel)
	}
	return doublestar.MatchUnvalidated(g.pattern, name)
}

func matchAny(globs []glob, rel string, isDir bool) bool {
	for _, g := range globs {
		if g.match(rel, isDir) {
			return true
		}
	}
	return false
}
