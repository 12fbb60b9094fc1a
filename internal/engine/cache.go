package engine

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/nhilint/nhilint/analyzers"
)

// A Cache remembers which file contents gave no result, so that a repeated
// scan of an unchanged tree reads and hashes each file but analyzes nothing
// again.
//
// Only "no result" is remembered. A result carries evidence (the secret
// itself), which suppression needs after analysis and which must never be
// written to disk; files with results are rare and are simply analyzed
// every time. An entry is therefore just the SHA-256 of
//
//   - the file's path and scan-relative path (rules and allowlists match
//     paths),
//   - the added line ranges of a history or staged scan, and
//   - the SHA-256 of the content,
//
// so the cache holds no secret, no content and no file name. Entries live
// in one file per scan key, named after the key's hash: the key covers
// everything that changes what analyzers report (the nhilint build, rule
// set, rule and config files, decode depth, analyzer set; the caller
// computes it), so a change of settings starts a new, empty file.
// Analyzers that report across files (Finishers) run on every file
// regardless: they must see it to report at Finish.
//
// The file is written once, at the end of a scan, to a temporary file of
// mode 0600 renamed into place, in a directory of mode 0700; of two scans
// finishing at once, the last one's entries are kept. A file that is not a
// cache file, or a truncated one, is ignored (as much of it as is not
// whole), and the cache never fails a scan: a file that cannot be written
// is not written. Delete the directory to empty the cache.
type Cache struct {
	path string

	mu    sync.Mutex
	known map[cacheEntry]bool // entries loaded from the file
	added []cacheEntry        // entries found clean by this scan
}

type cacheEntry [sha256.Size]byte

// cacheMagic starts every cache file; its version changes when the meaning
// of an entry does.
var cacheMagic = []byte("nhilint-cache v1\n")

// OpenCache opens (creating it if needed) the cache in dir for scans whose
// settings hash to key.
func OpenCache(dir string, key []byte) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("cache: %s is not a directory", dir)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		// Someone else who can write here could add entries that hide
		// findings.
		if err := os.Chmod(dir, 0o700); err != nil {
			return nil, fmt.Errorf("cache: %s is open to other users: %w", dir, err)
		}
	}
	sum := sha256.Sum256(key)
	c := &Cache{path: filepath.Join(dir, hex.EncodeToString(sum[:16])), known: map[cacheEntry]bool{}}
	c.load()
	return c, nil
}

// load reads the entries of an earlier scan with the same key.
func (c *Cache) load() {
	f, err := os.Open(c.path)
	if err != nil {
		return
	}
	defer f.Close()
	r := bufio.NewReader(f)
	magic := make([]byte, len(cacheMagic))
	if _, err := io.ReadFull(r, magic); err != nil || !bytes.Equal(magic, cacheMagic) {
		return
	}
	for {
		var e cacheEntry
		if _, err := io.ReadFull(r, e[:]); err != nil {
			return // end of file, or a truncated last entry
		}
		c.known[e] = true
	}
}

// entry is the cache entry of one file.
func entryOf(f *analyzers.File) cacheEntry {
	h := sha256.New()
	writeField(h, []byte(f.Path))
	writeField(h, []byte(f.Rel))
	if f.Added == nil {
		writeUint(h, 0)
	} else {
		writeUint(h, uint64(len(f.Added))+1)
		for _, r := range f.Added {
			writeUint(h, uint64(r.Start))
			writeUint(h, uint64(r.End))
		}
	}
	content := sha256.Sum256(f.Content)
	h.Write(content[:])
	var e cacheEntry
	h.Sum(e[:0])
	return e
}

func writeField(h hash.Hash, b []byte) {
	writeUint(h, uint64(len(b)))
	h.Write(b)
}

func writeUint(h hash.Hash, n uint64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	h.Write(b[:])
}

// clean reports whether the file is known to give no result. The map is
// only written by load, before any scan starts.
func (c *Cache) clean(e cacheEntry) bool { return c.known[e] }

// remember records that a file gave no result.
func (c *Cache) remember(e cacheEntry) {
	c.mu.Lock()
	c.added = append(c.added, e)
	c.mu.Unlock()
}

// save writes the entries of this and earlier scans, if there are new ones.
// Entries of files that have changed or gone since stay: they are 32 bytes
// each, and the key changes with every nhilint build anyway.
func (c *Cache) save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.added) == 0 {
		return nil
	}
	all := make([]cacheEntry, 0, len(c.known)+len(c.added))
	for e := range c.known {
		all = append(all, e)
	}
	all = append(all, c.added...)
	slices.SortFunc(all, func(a, b cacheEntry) int { return bytes.Compare(a[:], b[:]) })
	all = slices.Compact(all)

	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".tmp-*") // mode 0600
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	w := bufio.NewWriter(tmp)
	w.Write(cacheMagic)
	for _, e := range all {
		w.Write(e[:])
	}
	err = errors.Join(w.Flush(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), c.path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
