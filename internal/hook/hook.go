// Package hook installs nhilint as a native git hook, without the pre-commit
// framework.
//
// The hooks folder comes from `git rev-parse --git-path hooks`, so
// core.hooksPath (husky, shared hook folders) and linked worktrees, whose
// hooks live in the common git directory, are honoured. A hook that is already
// there is never lost: it is renamed to <name>.nhilint-chained and the script
// nhilint writes runs it first, respecting its exit code.
package hook

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Stages are the git hooks nhilint can install itself as.
var Stages = []string{"pre-commit", "pre-push"}

// ChainedSuffix is appended to the name of a hook that nhilint's hook
// replaced; nhilint's hook runs it first.
const ChainedSuffix = ".nhilint-chained"

// marker identifies a hook script written by this package. Install rewrites
// such a script in place and Uninstall removes it; anything else is the
// user's and is chained, never overwritten.
const marker = "# nhilint-managed-hook"

// Options say which hook to install and how it invokes nhilint.
type Options struct {
	// Stage is the git hook: "pre-commit" (scans the index with
	// `nhilint staged`) or "pre-push" (scans the pushed commits with
	// `nhilint push`, which reads git's pre-push lines on stdin).
	Stage string
	// Force lets Install replace an earlier <stage>.nhilint-chained file when
	// a foreign hook has to be chained again, losing the earlier one.
	Force bool
	// Command is the program the hook runs, one word: "nhilint" (the
	// default, looked up on PATH when the hook runs) or an absolute path,
	// which also works from git GUIs whose PATH lacks the user's bin folders.
	Command string
}

// ErrChainedExists is returned by Install when the hook to chain would
// overwrite an earlier chained hook and Options.Force is not set.
var ErrChainedExists = errors.New("a chained hook already exists")

// ErrForeignHook is returned by Uninstall when the hook is not nhilint's.
var ErrForeignHook = errors.New("hook was not installed by nhilint")

// Install writes nhilint's hook for opts.Stage into the hooks folder of the
// repository (or worktree) at repoDir and returns the hook's path.
//
// An existing hook written by nhilint is rewritten, so installing twice is
// harmless. Any other existing hook is renamed to <stage>.nhilint-chained and
// runs before nhilint; if that name is already taken, Install refuses unless
// opts.Force is set.
func Install(repoDir string, opts Options) (path string, err error) {
	opts, err = opts.normalize()
	if err != nil {
		return "", err
	}
	dir, err := HooksDir(repoDir)
	if err != nil {
		return "", err
	}
	// core.hooksPath may name a folder that does not exist yet.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating hooks folder: %w", err)
	}
	path = filepath.Join(dir, opts.Stage)
	chained := path + ChainedSuffix

	ours, exists, err := isOurs(path)
	if err != nil {
		return "", err
	}
	if exists && !ours {
		if _, err := os.Lstat(chained); err == nil && !opts.Force {
			return "", fmt.Errorf("installing %s hook: %s exists and %s would replace it: %w (move one of them away, or force)",
				opts.Stage, chained, path, ErrChainedExists)
		}
		// Rename keeps the mode, so a hook git did not run (not executable)
		// stays unrun; a symlink is moved as a link into the same folder.
		if err := os.Rename(path, chained); err != nil {
			return "", fmt.Errorf("chaining existing %s hook: %w", opts.Stage, err)
		}
	}
	if err := writeExecutable(path, Script(opts)); err != nil {
		return "", fmt.Errorf("writing %s hook: %w", opts.Stage, err)
	}
	return path, nil
}

// Uninstall removes nhilint's hook for opts.Stage and puts back the hook it
// chained, if any. It returns the hook's path. It refuses to remove a hook
// nhilint did not write; a missing hook is not an error.
func Uninstall(repoDir string, opts Options) (path string, err error) {
	opts, err = opts.normalize()
	if err != nil {
		return "", err
	}
	dir, err := HooksDir(repoDir)
	if err != nil {
		return "", err
	}
	path = filepath.Join(dir, opts.Stage)
	ours, exists, err := isOurs(path)
	if err != nil {
		return "", err
	}
	if !exists {
		return path, nil
	}
	if !ours {
		return "", fmt.Errorf("uninstalling %s: %w", path, ErrForeignHook)
	}
	chained := path + ChainedSuffix
	if _, err := os.Lstat(chained); err == nil {
		if err := os.Rename(chained, path); err != nil {
			return "", fmt.Errorf("restoring chained %s hook: %w", opts.Stage, err)
		}
		return path, nil
	}
	if err := os.Remove(path); err != nil {
		return "", fmt.Errorf("removing %s hook: %w", opts.Stage, err)
	}
	return path, nil
}

// HooksDir returns the absolute path of the folder git runs hooks from for
// the repository or worktree at repoDir. It asks git, which applies
// core.hooksPath and maps a linked worktree to the common git directory.
func HooksDir(repoDir string) (string, error) {
	cmd := exec.Command("git", "rev-parse", "--git-path", "hooks")
	cmd.Dir = repoDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("finding the git hooks folder of %s: %s", repoDir, msg)
	}
	dir := strings.TrimRight(string(out), "\r\n")
	if dir == "" {
		return "", fmt.Errorf("finding the git hooks folder of %s: git printed nothing", repoDir)
	}
	// git prints a path relative to its working directory unless it is
	// absolute (a linked worktree, an absolute core.hooksPath).
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(repoDir, dir)
	}
	return filepath.Abs(dir)
}

// Script returns the POSIX sh hook Install writes for opts.
//
// The pre-push hook reads git's ref lines from stdin once and replays them to
// the chained hook and to nhilint, since both need them and stdin can be read
// only once. Hook arguments (the pre-push remote name and URL) go to the
// chained hook only: nhilint push takes what it needs from stdin.
func Script(opts Options) string {
	opts, _ = opts.normalize()
	var b strings.Builder
	fmt.Fprintf(&b, `#!/bin/sh
%s
# Installed by nhilint for the %s hook; remove with nhilint's hook uninstall.
# A hook that was here before is kept as %s%s and runs first.
chained="$(dirname -- "$0")/%s%s"
`, marker, opts.Stage, opts.Stage, ChainedSuffix, opts.Stage, ChainedSuffix)
	cmd := shellQuote(opts.Command)
	switch opts.Stage {
	case "pre-push":
		fmt.Fprintf(&b, `input=$(cat)
replay() { if [ -n "$input" ]; then printf '%%s\n' "$input"; fi; }
if [ -x "$chained" ]; then
	replay | "$chained" "$@" || exit $?
fi
replay | %s push
`, cmd)
	default:
		fmt.Fprintf(&b, `if [ -x "$chained" ]; then
	"$chained" "$@" || exit $?
fi
exec %s staged
`, cmd)
	}
	return b.String()
}

func (o Options) normalize() (Options, error) {
	if !slices.Contains(Stages, o.Stage) {
		return o, fmt.Errorf("unsupported hook %q: want one of %s", o.Stage, strings.Join(Stages, ", "))
	}
	if o.Command == "" {
		o.Command = "nhilint"
	}
	if strings.ContainsAny(o.Command, "\n\r\x00") {
		return o, fmt.Errorf("hook command %q: contains a line break or NUL", o.Command)
	}
	return o, nil
}

// isOurs reports whether a hook exists at path and whether nhilint wrote it.
func isOurs(path string) (ours, exists bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := os.Lstat(path); lerr == nil {
			return false, true, nil // a dangling symlink is still someone's hook
		}
		return false, false, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("reading existing hook: %w", err)
	}
	return bytes.Contains(data, []byte("\n"+marker+"\n")), true, nil
}

// writeExecutable writes data to path through a temporary file in the same
// folder, so git never runs half a hook, and leaves it mode 0755.
func writeExecutable(path, data string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.WriteString(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o755); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// shellQuote quotes s as one sh word.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+:@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
