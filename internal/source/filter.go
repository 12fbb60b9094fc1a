package source

// PathFilter applies include and exclude globs (the syntax of TreeOptions)
// to slash paths relative to a scan root. Sources that do not walk a
// directory tree, such as git trees and indexes, use it to select paths the
// same way a work-tree scan does.
type PathFilter struct {
	include, exclude []glob
}

// NewPathFilter compiles the patterns; a malformed one is an error.
func NewPathFilter(include, exclude []string) (*PathFilter, error) {
	in, err := compileGlobs("include", include)
	if err != nil {
		return nil, err
	}
	ex, err := compileGlobs("exclude", exclude)
	if err != nil {
		return nil, err
	}
	return &PathFilter{include: in, exclude: ex}, nil
}

// EnterDir reports whether a walk descends into directory rel, and whether
// everything below it is included.
func (f *PathFilter) EnterDir(rel string, parentIncluded bool) (enter, included bool) {
	if matchAny(f.exclude, rel, true) {
		return false, false
	}
	return true, parentIncluded || (len(f.include) > 0 && matchAny(f.include, rel, true))
}

// KeepFile reports whether file rel, in a directory the walk entered, is
// scanned.
func (f *PathFilter) KeepFile(rel string, dirIncluded bool) bool {
	if matchAny(f.exclude, rel, false) {
		return false
	}
	return len(f.include) == 0 || dirIncluded || matchAny(f.include, rel, false)
}

// KeepPath is KeepFile for a path met without walking its directories (an
// index entry, a file named on the command line): it applies the directory
// rules of every ancestor.
func (f *PathFilter) KeepPath(rel string) bool {
	if len(f.include) == 0 && len(f.exclude) == 0 {
		return true
	}
	included := false
	for i := 0; i < len(rel); i++ {
		if rel[i] != '/' {
			continue
		}
		var enter bool
		if enter, included = f.EnterDir(rel[:i], included); !enter {
			return false
		}
	}
	return f.KeepFile(rel, included)
}
