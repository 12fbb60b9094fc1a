package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Ignore rules follow ripgrep: .gitignore files and .git/info/exclude count
// only inside a git work tree, because outside one git would not honour them
// either and a stray .gitignore must not hide files from a secret scan.
//
// Patterns are matched by go-git against path components relative to the
// "ignore base": the top of the work tree that contains the scan root, or the
// scan root itself when it is not inside one. Each pattern carries the
// directory of the file it came from as its domain, so nested .gitignore files
// only apply below their own directory.

const (
	gitDirName        = ".git"
	gitignoreName     = ".gitignore"
	maxIgnoreFileSize = 8 << 20 // a larger "ignore file" is not one; skip its rules
)

// parentIgnores finds the git work tree that contains absRoot, if any, and
// loads the rules that apply to absRoot from above it: the work tree's
// .git/info/exclude and every .gitignore from the work tree top down to the
// parent of absRoot. absRoot's own .gitignore (and .git, if absRoot is the
// top) is read by the walk like any other directory's. It returns the
// components of absRoot relative to the ignore base.
func parentIgnores(absRoot string) (rootComps []string, inRepo bool, patterns []gitignore.Pattern) {
	if isGitEntry(absRoot) {
		return nil, false, nil // absRoot is a work tree top: the walk sees its .git
	}
	top, ok := findWorkTreeTop(filepath.Dir(absRoot))
	if !ok {
		return nil, false, nil
	}
	rel, err := filepath.Rel(top, absRoot)
	if err != nil {
		return nil, false, nil
	}
	rootComps = strings.Split(filepath.ToSlash(rel), "/")
	patterns = infoExcludePatterns(top, nil)
	dir := top
	for i := range rootComps {
		patterns = append(patterns, ignoreFilePatterns(filepath.Join(dir, gitignoreName), rootComps[:i])...)
		dir = filepath.Join(dir, rootComps[i])
	}
	return rootComps, true, patterns
}

// findWorkTreeTop walks up from dir to the nearest directory holding a .git
// directory or file (a linked work tree or submodule has a .git file).
func findWorkTreeTop(dir string) (string, bool) {
	for {
		if isGitEntry(dir) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isGitEntry(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, gitDirName))
	return err == nil
}

// infoExcludePatterns loads $GIT_DIR/info/exclude for the work tree at top.
// For a linked work tree the file lives in the common git directory.
func infoExcludePatterns(top string, domain []string) []gitignore.Pattern {
	gitDir, ok := resolveGitDir(top)
	if !ok {
		return nil
	}
	return ignoreFilePatterns(filepath.Join(gitDir, "info", "exclude"), domain)
}

// resolveGitDir returns the directory holding info/exclude for the work
// tree at top: top/.git itself, or the directory a "gitdir: <path>" file
// points to (then its "commondir", for linked work trees).
func resolveGitDir(top string) (string, bool) {
	dotGit := filepath.Join(top, gitDirName)
	info, err := os.Lstat(dotGit)
	if err != nil {
		return "", false
	}
	if info.IsDir() {
		return dotGit, true
	}
	if !info.Mode().IsRegular() {
		return "", false
	}
	data, err := os.ReadFile(dotGit)
	if err != nil {
		return "", false
	}
	target, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
	if !ok {
		return "", false
	}
	gitDir := resolveFrom(top, strings.TrimSpace(target))
	if common, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		gitDir = resolveFrom(gitDir, strings.TrimSpace(string(common)))
	}
	return gitDir, true
}

func resolveFrom(base, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(base, p)
}

// ignoreFilePatterns reads one ignore file. A missing or unreadable file
// contributes no rules: that can only make the scan read more, never less.
func ignoreFilePatterns(name string, domain []string) []gitignore.Pattern {
	info, err := os.Stat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxIgnoreFileSize {
		return nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	return parseIgnore(data, domain)
}

// parseIgnore turns the content of a .gitignore file into patterns for the
// directory domain (components relative to the ignore base). Matching itself
// is go-git's; this only splits lines the way git does: a leading BOM is
// dropped, "#" starts a comment, blank lines are skipped and a CR before the
// newline is not part of the pattern.
func parseIgnore(data []byte, domain []string) []gitignore.Pattern {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var patterns []gitignore.Pattern
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 || line[0] == '#' || len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		patterns = append(patterns, gitignore.ParsePattern(string(line), domain))
	}
	return patterns
}
