package gitsource

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/nhilint/nhilint/internal/source"
)

// binaryProbe is how much of a blob is searched for a NUL byte, as git and
// the engine do, before a line-set difference is worth computing.
const binaryProbe = 8000

// emptyBlob is the id of the empty blob. Git does not always store it (an
// intent-to-add index entry names it without writing it), so it is never
// looked up.
var emptyBlob = plumbing.NewHash("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")

// repository is an open repository. Every object access goes through its
// lock: go-git's filesystem storage loads pack indexes and caches lazily
// without locking, and HeadSource reads blobs on the engine's workers while
// its walk reads trees.
type repository struct {
	mu      sync.Mutex
	repo    *git.Repository
	storer  storage.Storer
	shallow map[plumbing.Hash]bool // commits whose parents were cut off by a shallow clone
	// dotGit is the .git file system when the storage is go-git's
	// filesystem storage, from which reopen opens more readers.
	dotGit billy.Filesystem
	loose  *looseObjects // nil when the objects are not in a directory on disk
}

// openRepository opens the repository containing path: a work tree (or a
// directory inside one), a linked work tree, or a bare repository.
func openRepository(path string) (*repository, error) {
	return openRepositoryCache(path, cache.DefaultMaxSize)
}

// openRepositoryCache is openRepository with an object cache of
// cacheSize bytes.
func openRepositoryCache(path string, cacheSize cache.FileSize) (*repository, error) {
	// Detecting .git in a parent directory does not recognise a bare
	// repository itself, so path is first tried as it is.
	repo, err := git.PlainOpenWithOptions(path, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		repo, err = git.PlainOpenWithOptions(path, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	}
	if err != nil {
		return nil, fmt.Errorf("gitsource: open repository %s: %w", path, err)
	}
	// PlainOpen's storage opens and closes a pack file for every object it
	// reads from it, which makes a history walk several times slower than
	// git. Reopen the same .git with pack files kept open until Close.
	var dotGit billy.Filesystem
	if fsStorage, ok := repo.Storer.(*filesystem.Storage); ok {
		dotGit = fsStorage.Filesystem()
		if repo, err = git.Open(keptStorage(dotGit, cache.NewObjectLRU(cacheSize)), nil); err != nil {
			return nil, fmt.Errorf("gitsource: open repository %s: %w", path, err)
		}
	}
	cut, err := repo.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("gitsource: read shallow commits of %s: %w", path, err)
	}
	shallow := make(map[plumbing.Hash]bool, len(cut))
	for _, h := range cut {
		shallow[h] = true
	}
	r := &repository{repo: repo, storer: repo.Storer, shallow: shallow, dotGit: dotGit}
	if dotGit != nil {
		r.loose = newLooseObjects(dotGit.Root())
	}
	return r, nil
}

func keptStorage(dotGit billy.Filesystem, objects cache.Object) *filesystem.Storage {
	return filesystem.NewStorageWithOptions(dotGit, objects, filesystem.Options{KeepDescriptors: true})
}

// reopen returns another reader of the same repository, with its own
// storage, lock and object cache of cacheSize bytes, so that readers on
// different goroutines do not wait for each other: go-git's storage is not
// safe for concurrent use, and inflating objects is most of a history
// walk. A repository whose storage cannot be reopened returns itself.
// Close the result when done with it.
func (r *repository) reopen(cacheSize cache.FileSize) *repository {
	if r.dotGit == nil {
		return r
	}
	return &repository{storer: keptStorage(r.dotGit, cache.NewObjectLRU(cacheSize)), shallow: r.shallow, dotGit: r.dotGit, loose: r.loose}
}

// close releases the pack files kept open. The repository stays usable:
// a later read opens them again.
func (r *repository) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.storer.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

func (r *repository) commit(h plumbing.Hash) (*object.Commit, error) {
	if obj := r.looseObject(h, plumbing.CommitObject); obj != nil {
		if c, err := object.DecodeCommit(r.storer, obj); err == nil {
			return c, nil
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return object.GetCommit(r.storer, h)
}

func (r *repository) tree(h plumbing.Hash) (*object.Tree, error) {
	if obj := r.looseObject(h, plumbing.TreeObject); obj != nil {
		if t, err := object.DecodeTree(r.storer, obj); err == nil {
			return t, nil
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return object.GetTree(r.storer, h)
}

// looseObject returns object h if it is loose and of type t, else nil.
func (r *repository) looseObject(h plumbing.Hash, t plumbing.ObjectType) plumbing.EncodedObject {
	typ, content, _, ok, err := r.loose.read(h, 0)
	if !ok || err != nil || typ != t {
		return nil
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(typ)
	if _, err := obj.Write(content); err != nil {
		return nil
	}
	return obj
}

// blob returns the content and size of blob h after checking its size: a
// blob over maxSize (when positive) is an error wrapping errTooLarge, and
// is not inflated.
func (r *repository) blob(h plumbing.Hash, maxSize int64) ([]byte, int64, error) {
	if h != emptyBlob {
		if typ, content, size, ok, err := r.loose.read(h, maxSize); ok && typ == plumbing.BlobObject {
			return content, size, err
		}
	}
	size, err := r.blobSize(h)
	if err != nil {
		return nil, 0, err
	}
	if maxSize > 0 && size > maxSize {
		return nil, size, errTooLargeSize(size, maxSize)
	}
	content, err := r.readBlob(h)
	return content, size, err
}

// parents returns the parents of c that a walk follows: none for the
// boundary commits of a shallow clone, whose parents are not in the
// repository and are not missing either.
func (r *repository) parents(c *object.Commit) []plumbing.Hash {
	if r.shallow[c.Hash] {
		return nil
	}
	return c.ParentHashes
}

// blobSize returns the size of a blob from its object header, without
// inflating the content.
func (r *repository) blobSize(h plumbing.Hash) (int64, error) {
	if h == emptyBlob {
		return 0, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	type sizer interface {
		EncodedObjectSize(plumbing.Hash) (int64, error)
	}
	if s, ok := r.storer.(sizer); ok {
		size, err := s.EncodedObjectSize(h)
		if !errors.Is(err, plumbing.ErrObjectNotFound) {
			return size, err
		}
		// It may still be in an alternate object store, which only
		// EncodedObject consults.
	}
	obj, err := r.storer.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return 0, err
	}
	return obj.Size(), nil
}

// readBlob returns the content of a blob.
func (r *repository) readBlob(h plumbing.Hash) ([]byte, error) {
	if h == emptyBlob {
		return []byte{}, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	obj, err := r.storer.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return nil, err
	}
	if obj.Type() != plumbing.BlobObject {
		return nil, fmt.Errorf("object is a %s, not a blob", obj.Type())
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	data := make([]byte, obj.Size())
	if _, err := io.ReadFull(rd, data); err != nil {
		return nil, fmt.Errorf("content shorter than its header says: %w", err)
	}
	return data, nil
}

// resolve returns the commit a revision names ("main", "v1.2^{}",
// "HEAD~3", a hash), peeling tags.
func (r *repository) resolve(rev string) (plumbing.Hash, error) {
	r.mu.Lock()
	h, err := r.repo.ResolveRevision(plumbing.Revision(rev))
	r.mu.Unlock()
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("gitsource: revision %q: %w", rev, err)
	}
	c, ok, err := r.peel(*h)
	if err != nil || !ok {
		return plumbing.ZeroHash, fmt.Errorf("gitsource: revision %q does not name a commit", rev)
	}
	return c, nil
}

// peel follows tags from h to a commit; ok is false if h leads to a tree or
// a blob.
func (r *repository) peel(h plumbing.Hash) (commit plumbing.Hash, ok bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for range 16 { // tags of tags are legal; cycles are not possible but bound anyway
		obj, err := r.storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		switch obj.Type() {
		case plumbing.CommitObject:
			return h, true, nil
		case plumbing.TagObject:
			tag, err := object.DecodeTag(r.storer, obj)
			if err != nil {
				return plumbing.ZeroHash, false, err
			}
			h = tag.Target
		default:
			return plumbing.ZeroHash, false, nil
		}
	}
	return plumbing.ZeroHash, false, nil
}

// refTips returns the commits that the references accepted by keep point
// to (symbolic references such as HEAD resolved, tags peeled), without
// duplicates, in reference name order. References that do not resolve (an
// unborn HEAD) or lead to no commit are left out.
func (r *repository) refTips(keep func(plumbing.ReferenceName) bool) ([]plumbing.Hash, error) {
	r.mu.Lock()
	iter, err := r.repo.References()
	if err != nil {
		r.mu.Unlock()
		return nil, fmt.Errorf("gitsource: list references: %w", err)
	}
	type named struct {
		name plumbing.ReferenceName
		hash plumbing.Hash
	}
	var refs []named
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		if !keep(ref.Name()) {
			return nil
		}
		if ref.Type() == plumbing.SymbolicReference {
			resolved, err := r.repo.Reference(ref.Name(), true)
			if err != nil {
				return nil // unborn branch
			}
			ref = resolved
		}
		refs = append(refs, named{ref.Name(), ref.Hash()})
		return nil
	})
	r.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("gitsource: list references: %w", err)
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].name < refs[j].name })
	var tips []plumbing.Hash
	seen := map[plumbing.Hash]bool{}
	for _, ref := range refs {
		c, ok, err := r.peel(ref.hash)
		if err != nil || !ok || seen[c] {
			continue // a dangling reference or one to a tree or blob
		}
		seen[c] = true
		tips = append(tips, c)
	}
	return tips, nil
}

// headTree returns HEAD's commit and tree; both are nil in a repository
// whose current branch has no commit yet.
func (r *repository) headTree() (*object.Commit, *object.Tree, error) {
	r.mu.Lock()
	ref, err := r.repo.Head()
	r.mu.Unlock()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("gitsource: resolve HEAD: %w", err)
	}
	c, err := r.commit(ref.Hash())
	if err != nil {
		return nil, nil, fmt.Errorf("gitsource: HEAD commit %s: %w", ref.Hash(), err)
	}
	t, err := r.tree(c.TreeHash)
	if err != nil {
		return nil, nil, fmt.Errorf("gitsource: tree of HEAD commit %s: %w", ref.Hash(), err)
	}
	return c, t, nil
}

// isBinary reports whether content looks binary to git and the engine.
func isBinary(content []byte) bool {
	return bytes.IndexByte(content[:min(len(content), binaryProbe)], 0) >= 0
}

// short abbreviates an object id for messages.
func short(h plumbing.Hash) string { return h.String()[:12] }

// objectSkip describes an object that could not be read: a missing one (a
// partial or damaged clone) or a corrupt or unreadable one.
func objectSkip(path, kind string, h plumbing.Hash, context string, err error) source.Skip {
	where := kind + " " + short(h)
	if context != "" {
		where += " (" + context + ")"
	}
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return source.Skip{Path: path, Reason: source.ReasonMissingObject,
			Detail: where + " is not in the repository (a partial or damaged clone)"}
	}
	return source.Skip{Path: path, Reason: source.ReasonUnreadable,
		Detail: where + " is corrupt or unreadable: " + err.Error()}
}

// tooLargeDetail is the detail of a too-large skip: err without the
// errTooLarge prefix, which the reason already says.
func tooLargeDetail(err error) string {
	return strings.TrimPrefix(err.Error(), errTooLarge.Error()+": ")
}

// repoSource is what every source of this package holds: the open
// repository, the path filter, and the count of objects found missing.
type repoSource struct {
	r       *repository
	filter  *filter
	missing atomic.Int64
	// objectCache is the size of the repository's object cache; 0 means
	// go-git's default.
	objectCache cache.FileSize
}

func (s *repoSource) open(repoPath string, opts Options) error {
	f, err := newFilter(opts)
	if err != nil {
		return err
	}
	r, err := openRepositoryCache(repoPath, cmp.Or(s.objectCache, cache.DefaultMaxSize))
	if err != nil {
		return err
	}
	s.r, s.filter = r, f
	return nil
}

// Missing returns how many objects (blobs, trees, commits) the last Walk
// found missing from the repository, as in a partial clone. Each is also a
// source.ReasonMissingObject skip. Call it after Walk returns.
func (s *repoSource) Missing() int { return int(s.missing.Load()) }

// Close releases the pack files the source keeps open. The source stays
// usable.
func (s *repoSource) Close() error { return s.r.close() }
