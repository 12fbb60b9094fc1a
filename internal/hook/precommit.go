package hook

import (
	"bytes"
	"fmt"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// Under the pre-commit framework a hook cannot tell `git commit` from
// `pre-commit run --all-files` by its environment: pre_commit/commands/run.py
// exports PRE_COMMIT=1 in every mode and PRE_COMMIT_FROM_REF/_TO_REF only for
// --from-ref/--to-ref (pre-push), and nothing for --all-files or --files.
// What differs is the list of files it passes (with pass_filenames: true):
// the staged files on a commit, every tracked file for --all-files, the named
// ones for --files. PreCommitScope reads that list, so a hook that scans only
// the index on a commit still scans everything under --all-files instead of
// passing silently with nothing staged.

// Scope is what a pre-commit framework run asks nhilint to scan.
type Scope int

const (
	// ScopeStaged is a commit: scan what the index adds over HEAD.
	ScopeStaged Scope = iota
	// ScopeRange is a push or --from-ref/--to-ref: scan the commits
	// PreCommitRun.From..PreCommitRun.To.
	ScopeRange
	// ScopeFiles is --all-files or --files: scan PreCommitRun.Files as they
	// are in the work tree.
	ScopeFiles
)

func (s Scope) String() string {
	switch s {
	case ScopeStaged:
		return "staged"
	case ScopeRange:
		return "range"
	case ScopeFiles:
		return "files"
	}
	return fmt.Sprintf("Scope(%d)", int(s))
}

// PreCommitRun is the scan a pre-commit framework run asks for.
type PreCommitRun struct {
	Scope    Scope
	From, To string   // ScopeRange only
	Files    []string // ScopeFiles only: the files pre-commit passed
}

// PreCommitScope decides what to scan when the pre-commit framework runs
// nhilint in the repository at repoDir with the given file arguments (paths
// relative to the top of the work tree, as pre-commit passes them). getenv
// is os.Getenv or a stand-in.
//
// Both refs set means a range. No files, or only files that are staged, means
// a commit: scan the index. Any file without a staged change means pre-commit
// was asked for --all-files or --files: scan those files.
func PreCommitScope(repoDir string, getenv func(string) string, files []string) (PreCommitRun, error) {
	if from, to := getenv("PRE_COMMIT_FROM_REF"), getenv("PRE_COMMIT_TO_REF"); from != "" && to != "" {
		return PreCommitRun{Scope: ScopeRange, From: from, To: to}, nil
	}
	if len(files) == 0 {
		return PreCommitRun{Scope: ScopeStaged}, nil
	}
	staged, err := stagedFiles(repoDir)
	if err != nil {
		return PreCommitRun{}, err
	}
	for _, f := range files {
		if !staged[cleanSlash(f)] {
			return PreCommitRun{Scope: ScopeFiles, Files: files}, nil
		}
	}
	return PreCommitRun{Scope: ScopeStaged}, nil
}

// stagedFiles returns the paths, relative to the top of the work tree, that
// the index changes relative to HEAD (or adds, before the first commit).
func stagedFiles(repoDir string) (map[string]bool, error) {
	cmd := exec.Command("git", "-c", "core.quotePath=false", "diff", "--cached", "--name-only", "-z", "--no-ext-diff")
	cmd.Dir = repoDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing staged files in %s: %s", repoDir, strings.TrimSpace(stderr.String()+" "+err.Error()))
	}
	staged := map[string]bool{}
	for name := range strings.SplitSeq(string(out), "\x00") {
		if name != "" {
			staged[name] = true
		}
	}
	return staged, nil
}

func cleanSlash(p string) string {
	return strings.TrimPrefix(path.Clean(filepath.ToSlash(p)), "./")
}
