package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// TreeOptions select what a Tree yields.
type TreeOptions struct {
	// Include and Exclude are globs matched against Item.Rel (see glob for
	// the syntax). A directory matched by Exclude is not descended into; a
	// directory matched by Include includes everything below it. An empty
	// Include means everything. Both apply below the root only: a root that
	// is a single file is always scanned, as ripgrep does with explicit paths.
	Include, Exclude []string
	// MaxFileSize is the largest file, in bytes, that is read; 0 means no
	// limit. Larger files become ReasonTooLarge skips without being opened.
	MaxFileSize int64
	// NoIgnore disables .gitignore and .git/info/exclude rules. By default
	// they are honoured inside a git work tree, including the .gitignore files
	// of the directories above the root up to the work tree top.
	NoIgnore bool
	// FollowSymlinks follows symbolic links whose target resolves inside the
	// root (ReasonOutsideRoot otherwise), refusing links that point back at a
	// directory being walked (ReasonSymlinkLoop). Item.Path stays the link's
	// path. By default every link is a ReasonSymlink skip.
	FollowSymlinks bool
	// Only, when not empty, lists the slash paths below the root to yield
	// instead of walking it (files that pre-commit passes). Include and
	// Exclude still apply, with the rules of every parent directory; ignore
	// files do not (the caller chose the files). Directories are ignored.
	Only []string
}

// Tree yields the files of a directory tree, or a single file, on disk.
//
// It never descends into a .git directory, never opens anything but regular
// files, and visits directories in lexical order so that runs are repeatable.
type Tree struct {
	root    string // cleaned, in OS form: what is opened
	display string // root in slash form: the prefix of every Item.Path
	single  bool   // root is not a directory: yield just it

	include, exclude []glob
	only             []string
	maxSize          int64
	follow           bool
	realRoot         string // absolute root with symlinks resolved (follow only)

	honourIgnore bool
	// Where the root sits for ignore matching (see parentIgnores).
	rootComps      []string
	rootInRepo     bool
	parentPatterns []gitignore.Pattern
}

var _ Source = (*Tree)(nil)

// NewTree returns a Source over the file or directory root. root must exist;
// if it is a symbolic link it is followed, because the user named it.
func NewTree(root string, opts TreeOptions) (*Tree, error) {
	if root == "" {
		return nil, errors.New("source: empty scan root")
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("source: scan root: %w", err)
	}
	include, err := compileGlobs("include", opts.Include)
	if err != nil {
		return nil, err
	}
	exclude, err := compileGlobs("exclude", opts.Exclude)
	if err != nil {
		return nil, err
	}
	if opts.MaxFileSize < 0 {
		return nil, fmt.Errorf("source: negative maximum file size %d", opts.MaxFileSize)
	}
	clean := filepath.Clean(root)
	t := &Tree{
		root:         clean,
		display:      path.Clean(filepath.ToSlash(clean)),
		single:       !info.IsDir(),
		include:      include,
		exclude:      exclude,
		only:         opts.Only,
		maxSize:      opts.MaxFileSize,
		follow:       opts.FollowSymlinks,
		honourIgnore: !opts.NoIgnore,
	}
	if t.single {
		return t, nil
	}
	abs, err := filepath.Abs(clean)
	if err != nil {
		return nil, fmt.Errorf("source: scan root: %w", err)
	}
	if t.follow {
		if t.realRoot, err = filepath.EvalSymlinks(abs); err != nil {
			return nil, fmt.Errorf("source: scan root: %w", err)
		}
	}
	if t.honourIgnore {
		t.rootComps, t.rootInRepo, t.parentPatterns = parentIgnores(abs)
	}
	return t, nil
}

// Walk implements Source.
func (t *Tree) Walk(ctx context.Context, emit func(Item) error, skip func(Skip)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := &walker{tree: t, ctx: ctx, emit: emit, skip: skip}
	if t.single {
		return w.walkRootFile()
	}
	if len(t.only) > 0 {
		return w.walkOnly()
	}
	root := dirState{
		osPath:   t.root,
		comps:    t.rootComps,
		inRepo:   t.rootInRepo,
		patterns: t.parentPatterns,
	}
	if t.follow {
		info, err := os.Stat(t.root)
		if err != nil {
			w.skipUnreadable("", err)
			return nil
		}
		w.ancestors = []fs.FileInfo{info}
	}
	return w.walkDir(root)
}

// itemPath is Item.Path for rel: the root joined with rel, cleaned.
func (t *Tree) itemPath(rel string) string {
	if t.single {
		return t.display
	}
	return path.Join(t.display, rel)
}

// walker is the state of one Walk.
type walker struct {
	tree *Tree
	ctx  context.Context
	emit func(Item) error
	skip func(Skip)
	// ancestors are the directories on the way from the root to the current
	// one, for loop detection when following symlinks.
	ancestors []fs.FileInfo
}

// dirState is what a directory passes down to its entries.
type dirState struct {
	osPath string
	rel    string // "" at the root
	// comps is the directory's path relative to the ignore base, as go-git
	// patterns want it; maintained only when ignore rules are honoured.
	comps    []string
	inRepo   bool
	patterns []gitignore.Pattern // from info/exclude and .gitignore files above, in priority order
	matcher  gitignore.Matcher   // over patterns; nil when there are none or outside a work tree
	included bool                // the directory or one above it matched Include
}

func (w *walker) walkRootFile() error {
	t := w.tree
	info, err := os.Stat(t.root)
	if err != nil {
		w.skipUnreadable("", err)
		return nil
	}
	return w.visitFile(filepath.Base(t.root), t.root, info)
}

// walkOnly yields the files of TreeOptions.Only, in lexical order.
func (w *walker) walkOnly() error {
	t := w.tree
	filter := &PathFilter{include: t.include, exclude: t.exclude}
	rels := make([]string, len(t.only))
	for i, rel := range t.only {
		rels[i] = path.Clean(filepath.ToSlash(rel))
	}
	slices.Sort(rels)
	for _, rel := range slices.Compact(rels) {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) || !filter.KeepPath(rel) {
			continue
		}
		osPath := filepath.Join(t.root, filepath.FromSlash(rel))
		info, err := os.Lstat(osPath)
		switch {
		case err != nil:
			w.skipUnreadable(rel, err)
		case info.IsDir():
		case info.Mode()&fs.ModeSymlink != 0:
			w.skip(Skip{Path: t.itemPath(rel), Reason: ReasonSymlink})
		default:
			if err := w.visitFile(rel, osPath, info); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *walker) walkDir(d dirState) error {
	entries, err := os.ReadDir(d.osPath)
	if err != nil {
		// ReadDir returns what it read before failing; those are scanned.
		w.skipUnreadable(d.rel, err)
	}
	if w.tree.honourIgnore {
		d = withIgnoreFiles(d, entries)
	}
	for _, e := range entries {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if e.Name() == gitDirName {
			continue // the repository itself, or a work tree or submodule pointer
		}
		if err := w.visit(d, e); err != nil {
			return err
		}
	}
	return nil
}

// withIgnoreFiles adds the rules of the directory's own ignore files: a .git
// entry makes it a work tree top (so its info/exclude applies), and its
// .gitignore applies if it is inside a work tree.
func withIgnoreFiles(d dirState, entries []fs.DirEntry) dirState {
	added := false
	for _, e := range entries {
		name := e.Name()
		if name > gitignoreName {
			break // entries are sorted
		}
		switch {
		case name == gitDirName:
			d.inRepo = true
			d.patterns = append(slices.Clip(d.patterns), infoExcludePatterns(d.osPath, d.comps)...)
			added = true
		case name == gitignoreName && d.inRepo && e.Type().IsRegular():
			d.patterns = append(slices.Clip(d.patterns), ignoreFilePatterns(filepath.Join(d.osPath, name), d.comps)...)
			added = true
		}
	}
	if (added || d.matcher == nil) && d.inRepo && len(d.patterns) > 0 {
		d.matcher = gitignore.NewMatcher(d.patterns)
	}
	return d
}

func (w *walker) visit(d dirState, e fs.DirEntry) error {
	name := e.Name()
	rel := name
	if d.rel != "" {
		rel = d.rel + "/" + name
	}
	osPath := filepath.Join(d.osPath, name)
	mode := e.Type()
	switch {
	case mode&fs.ModeSymlink != 0:
		return w.visitSymlink(d, name, rel, osPath)
	case mode.IsDir():
		if w.leftOut(d, name, rel, true) {
			return nil
		}
		return w.visitDir(d, name, rel, osPath, nil)
	case mode.IsRegular():
		if w.leftOut(d, name, rel, false) {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			w.skipUnreadable(rel, err)
			return nil
		}
		return w.visitFile(rel, osPath, info)
	default:
		if !w.leftOut(d, name, rel, false) {
			w.skipSpecial(rel, mode)
		}
		return nil
	}
}

// leftOut reports whether the user asked for rel to be left out, by ignore
// rules or Exclude, or, for a file, by not matching Include. Such paths are
// not skips: nothing is reported for them.
func (w *walker) leftOut(d dirState, name, rel string, isDir bool) bool {
	if d.matcher != nil && d.matcher.Match(append(slices.Clip(d.comps), name), isDir) {
		return true
	}
	t := w.tree
	if matchAny(t.exclude, rel, isDir) {
		return true
	}
	if isDir || len(t.include) == 0 || d.included {
		return false
	}
	return !matchAny(t.include, rel, false)
}

// visitDir descends into the directory rel. info is the directory's
// FileInfo when already known (a followed link's target).
func (w *walker) visitDir(d dirState, name, rel, osPath string, info fs.FileInfo) error {
	t := w.tree
	child := d
	child.osPath = osPath
	child.rel = rel
	child.included = d.included || (len(t.include) > 0 && matchAny(t.include, rel, true))
	if t.honourIgnore {
		child.comps = append(slices.Clip(d.comps), name)
	}
	if t.follow {
		if info == nil {
			var err error
			if info, err = os.Stat(osPath); err != nil {
				w.skipUnreadable(rel, err)
				return nil
			}
		}
		w.ancestors = append(w.ancestors, info)
		defer func() { w.ancestors = w.ancestors[:len(w.ancestors)-1] }()
	}
	return w.walkDir(child)
}

func (w *walker) visitSymlink(d dirState, name, rel, osPath string) error {
	t := w.tree
	if !t.follow {
		// Git records a link as a file holding its target, so ignore rules
		// see a file here.
		if !w.leftOut(d, name, rel, false) {
			w.skip(Skip{Path: t.itemPath(rel), Reason: ReasonSymlink})
		}
		return nil
	}
	target, err := os.Stat(osPath)
	if err != nil {
		if w.leftOut(d, name, rel, false) {
			return nil
		}
		if errors.Is(err, syscall.ELOOP) {
			w.skip(Skip{Path: t.itemPath(rel), Reason: ReasonSymlinkLoop, Detail: "the link cycles without reaching a file"})
		} else {
			w.skipUnreadable(rel, err)
		}
		return nil
	}
	if w.leftOut(d, name, rel, target.IsDir()) {
		return nil
	}
	inside, err := w.insideRoot(osPath)
	if err != nil {
		w.skipUnreadable(rel, err)
		return nil
	}
	if !inside {
		w.skip(Skip{Path: t.itemPath(rel), Reason: ReasonOutsideRoot, Detail: "the link target is outside the scan root"})
		return nil
	}
	switch {
	case target.IsDir():
		for _, a := range w.ancestors {
			if os.SameFile(a, target) {
				w.skip(Skip{Path: t.itemPath(rel), Reason: ReasonSymlinkLoop, Detail: "the link points to a directory that contains it"})
				return nil
			}
		}
		return w.visitDir(d, name, rel, osPath, target)
	default:
		return w.visitFile(rel, osPath, target)
	}
}

// insideRoot reports whether the link at osPath resolves inside the root.
func (w *walker) insideRoot(osPath string) (bool, error) {
	resolved, err := filepath.EvalSymlinks(osPath)
	if err != nil {
		return false, err
	}
	abs, err := filepath.Abs(resolved)
	if err != nil {
		return false, err
	}
	rel, err := filepath.Rel(w.tree.realRoot, abs)
	if err != nil {
		return false, nil // e.g. another volume
	}
	return filepath.IsLocal(rel) || rel == ".", nil
}

// visitFile yields a file that was listed (or stat'ed through a link) with
// info. Anything but a regular file is skipped without being opened.
func (w *walker) visitFile(rel, osPath string, info fs.FileInfo) error {
	t := w.tree
	if !info.Mode().IsRegular() {
		w.skipSpecial(rel, info.Mode())
		return nil
	}
	size := info.Size()
	limit := t.maxSize
	if limit > 0 && size > limit {
		w.skip(Skip{
			Path:   t.itemPath(rel),
			Reason: ReasonTooLarge,
			Detail: fmt.Sprintf("%d bytes, over the %d-byte limit", size, limit),
		})
		return nil
	}
	return w.emit(Item{
		Path: t.itemPath(rel),
		Rel:  rel,
		Size: size,
		Read: func() ([]byte, error) { return readFile(osPath, limit) },
	})
}

func (w *walker) skipSpecial(rel string, mode fs.FileMode) {
	w.skip(Skip{Path: w.tree.itemPath(rel), Reason: ReasonSpecialFile, Detail: fileKind(mode)})
}

func (w *walker) skipUnreadable(rel string, err error) {
	w.skip(Skip{Path: w.tree.itemPath(rel), Reason: ReasonUnreadable, Detail: errorDetail(err)})
}

func fileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "named pipe"
	case mode&fs.ModeSocket != 0:
		return "socket"
	case mode&fs.ModeCharDevice != 0:
		return "character device"
	case mode&fs.ModeDevice != 0:
		return "block device"
	case mode.IsDir():
		return "directory"
	default:
		return "irregular file (" + mode.Type().String() + ")"
	}
}

// errorDetail is the text of a file system error without the path, which
// the Skip already carries: "open: permission denied".
func errorDetail(err error) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Op + ": " + pathErr.Err.Error()
	}
	var linkErr *os.LinkError
	if errors.As(err, &linkErr) {
		return linkErr.Op + ": " + linkErr.Err.Error()
	}
	return err.Error()
}
