package source

import (
	"fmt"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// A glob is one --include or --exclude pattern, read with the conventions
// users know from .gitignore:
//
//   - a pattern without "/" matches a base name at any depth ("*.min.js");
//   - a leading "/" anchors the pattern to the scan root ("/build");
//   - a trailing "/" matches directories only ("fixtures/");
//   - otherwise the pattern is a doublestar glob over the whole Rel path
//     ("src/**/*_test.go"), and "dir/**" also matches dir itself.
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
			return nil, fmt.Errorf("source: %s pattern %q: %w", kind, p, err)
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
	// The pattern was validated by compileGlob.
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
