package sweep

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

// Mode is what a sweep scans of each repository.
type Mode string

const (
	// ModeTree scans the tree of the default branch's last commit, from a
	// shallow clone.
	ModeTree Mode = "tree"
	// ModeHistory scans every commit of every branch, from a full clone.
	ModeHistory Mode = "history"
)

// ParseMode accepts "tree" and "history".
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case ModeTree, ModeHistory:
		return m, nil
	}
	return "", fmt.Errorf("mode %q: want tree or history", s)
}

// errTooLarge marks a repository above --max-repo-size.
var errTooLarge = errors.New("repository too large")

// clone makes a bare clone of repo in a new temporary folder under workDir
// and returns its path and a function that removes it. The folder name is
// random: it never carries the repository URL, let alone a token. The
// token travels in memory only, as go-git's BasicAuth, and only to the
// host it is bound to.
func clone(ctx context.Context, repo Repo, mode Mode, workDir string, auths []HostAuth) (dir string, remove func(), err error) {
	dir, err = os.MkdirTemp(workDir, "nhilint-sweep-*")
	if err != nil {
		return "", nil, fmt.Errorf("creating a folder to clone into: %w", err)
	}
	remove = func() { _ = os.RemoveAll(dir) }
	opts := &git.CloneOptions{URL: repo.CloneURL, Tags: git.AllTags}
	if mode == ModeTree {
		opts.Depth, opts.SingleBranch, opts.Tags = 1, true, git.NoTags
	}
	var tokens []Token
	if a, ok := authFor(auths, repo.CloneURL); ok {
		opts.Auth = &githttp.BasicAuth{Username: a.User, Password: a.Token.value}
		tokens = append(tokens, a.Token)
	}
	_, err = git.PlainCloneContext(ctx, dir, true, opts)
	if err != nil {
		remove()
		if errors.Is(err, transport.ErrEmptyRemoteRepository) {
			// An empty repository has nothing to scan; it is not a failure.
			dir, err = os.MkdirTemp(workDir, "nhilint-sweep-*")
			if err != nil {
				return "", nil, err
			}
			remove = func() { _ = os.RemoveAll(dir) }
			if _, err := git.PlainInit(dir, true); err != nil {
				remove()
				return "", nil, err
			}
			return dir, remove, nil
		}
		return "", nil, scrubError(describeCloneError(err), tokens...)
	}
	return dir, remove, nil
}

// describeCloneError says in words what the usual clone failures mean.
func describeCloneError(err error) error {
	// go-git's transport errors end in ": " when the server said nothing more.
	err = &trimmedError{err}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("clone timed out: %w", err)
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return fmt.Errorf("clone refused (check the token and its scopes): %w", err)
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("clone: %w (deleted, renamed, or not visible to the token)", err)
	}
	return fmt.Errorf("clone: %w", err)
}

// headCommit returns the commit HEAD points to, or "" for a repository
// without commits.
func headCommit(path string) (string, error) {
	// A bare repository is not found by DetectDotGit: try path as it is first.
	r, err := git.PlainOpenWithOptions(path, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		r, err = git.PlainOpenWithOptions(path, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	}
	if err != nil {
		return "", fmt.Errorf("opening %s: %w", path, err)
	}
	ref, err := r.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading HEAD: %w", err)
	}
	return strings.ToLower(ref.Hash().String()), nil
}

// trimmedError drops the dangling ": " of go-git's detail-less errors.
type trimmedError struct{ err error }

func (e *trimmedError) Error() string { return strings.TrimRight(e.err.Error(), ": ") }
func (e *trimmedError) Unwrap() error { return e.err }
