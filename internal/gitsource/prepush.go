package gitsource

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// RefUpdate is one line of the standard input of git's pre-push hook: a
// reference the push updates. Object names are hex; an all-zero LocalSHA
// deletes RemoteRef, an all-zero RemoteSHA creates it.
type RefUpdate struct {
	LocalRef, LocalSHA, RemoteRef, RemoteSHA string
}

// Deletes reports whether the update deletes the remote reference.
func (u RefUpdate) Deletes() bool { return isZeroID(u.LocalSHA) }

// Creates reports whether the update creates the remote reference.
func (u RefUpdate) Creates() bool { return isZeroID(u.RemoteSHA) }

// ParsePrePushInput reads the lines git writes to a pre-push hook,
// "<local ref> SP <local sha> SP <remote ref> SP <remote sha>", one per
// updated reference. Blank lines are ignored; anything else malformed is
// an error naming the line.
func ParsePrePushInput(r io.Reader) ([]RefUpdate, error) {
	var updates []RefUpdate
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Split(line, " ")
		if len(fields) != 4 {
			return nil, fmt.Errorf("gitsource: pre-push input line %d: want 4 space-separated fields, got %d", n, len(fields))
		}
		u := RefUpdate{LocalRef: fields[0], LocalSHA: fields[1], RemoteRef: fields[2], RemoteSHA: fields[3]}
		if u.LocalRef == "" || u.RemoteRef == "" {
			return nil, fmt.Errorf("gitsource: pre-push input line %d: empty reference name", n)
		}
		for _, id := range []string{u.LocalSHA, u.RemoteSHA} {
			if !isObjectID(id) {
				return nil, fmt.Errorf("gitsource: pre-push input line %d: %q is not an object name", n, truncate(id, 80))
			}
		}
		updates = append(updates, u)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gitsource: read pre-push input: %w", err)
	}
	return updates, nil
}

// Push returns a source over the commits a push sends: those reachable from
// the updates' local objects and not from their remote objects. For a new
// remote reference (or a remote object this repository does not have, as
// after someone else's push), commits reachable from any remote-tracking
// reference are left out instead, as the remote is likely to have them.
// Deletions send nothing.
func Push(repoPath string, updates []RefUpdate, opts Options) (*HistorySource, error) {
	s, err := newHistory(repoPath, opts)
	if err != nil {
		return nil, err
	}
	excludeRemotes := false
	for _, u := range updates {
		if u.Deletes() {
			continue
		}
		local, err := s.r.objectCommit(u.LocalSHA)
		if err != nil {
			return nil, fmt.Errorf("gitsource: pushed %s: %w", u.LocalRef, err)
		}
		s.include = append(s.include, local)
		if u.Creates() {
			excludeRemotes = true
			continue
		}
		remote, err := s.r.objectCommit(u.RemoteSHA)
		if err != nil {
			excludeRemotes = true
			continue
		}
		s.exclude = append(s.exclude, remote)
	}
	if excludeRemotes && len(s.include) > 0 {
		tips, err := s.r.refTips(func(name plumbing.ReferenceName) bool { return name.IsRemote() })
		if err != nil {
			return nil, err
		}
		s.exclude = append(s.exclude, tips...)
	}
	return s, nil
}

// objectCommit returns the commit a hex object name leads to.
func (r *repository) objectCommit(id string) (plumbing.Hash, error) {
	if len(id) != 2*len(plumbing.ZeroHash) {
		return plumbing.ZeroHash, fmt.Errorf("object %s: only SHA-1 repositories are supported", id)
	}
	c, ok, err := r.peel(plumbing.NewHash(id))
	switch {
	case err != nil:
		return plumbing.ZeroHash, fmt.Errorf("object %s: %w", id, err)
	case !ok:
		return plumbing.ZeroHash, fmt.Errorf("object %s is not a commit", id)
	}
	return c, nil
}

// isObjectID reports whether s is a SHA-1 or SHA-256 object name in hex.
func isObjectID(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func isZeroID(s string) bool { return strings.Trim(s, "0") == "" }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
