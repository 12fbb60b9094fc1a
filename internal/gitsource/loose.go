package gitsource

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// looseObjects reads loose objects straight from the objects directory.
// go-git's storage opens each one through a chroot file system that checks
// every component of its path for symbolic links, then opens it a second
// time to read the content after reading its size: four times the system
// calls. In a repository that has not been packed recently, where most
// history is loose, that is most of a history walk. Anything unusual (an
// object that is not loose, a corrupt one) is left to go-git, so results
// and messages are go-git's.
type looseObjects struct {
	dir string // the objects directory, in the common directory of a linked work tree
}

// newLooseObjects returns the reader of the loose objects of the .git
// directory gitDir, or nil if gitDir is not a directory on disk.
func newLooseObjects(gitDir string) *looseObjects {
	if gitDir == "" {
		return nil
	}
	common := gitDir
	if b, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		common = strings.TrimSpace(string(b))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitDir, common)
		}
	}
	dir := filepath.Join(common, "objects")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil
	}
	return &looseObjects{dir: dir}
}

// maxLooseRead bounds the loose objects read whole; larger ones go through
// go-git.
const maxLooseRead = 64 << 20

var zlibReaders sync.Pool // of zlib readers (io.ReadCloser and zlib.Resetter)

// read returns the type and content of loose object h. ok is false when
// it is not loose or cannot be read as one; maxSize, when positive, makes
// a larger object a (size, errTooLarge) result without inflating it.
func (l *looseObjects) read(h plumbing.Hash, maxSize int64) (t plumbing.ObjectType, content []byte, size int64, ok bool, err error) {
	if l == nil {
		return 0, nil, 0, false, nil
	}
	hex := h.String()
	path := filepath.Join(l.dir, hex[:2], hex[2:])
	// A huge loose object is left to go-git, which streams it, rather than
	// read whole into memory here.
	if fi, serr := os.Stat(path); serr != nil || (maxSize > 0 && fi.Size() > maxSize+maxSize/8+1024) || fi.Size() > maxLooseRead {
		return 0, nil, 0, false, nil
	}
	compressed, rerr := os.ReadFile(path)
	if rerr != nil {
		return 0, nil, 0, false, nil
	}
	zr, _ := zlibReaders.Get().(io.ReadCloser)
	if zr == nil {
		if zr, rerr = zlib.NewReader(bytes.NewReader(compressed)); rerr != nil {
			return 0, nil, 0, false, nil
		}
	} else if rerr = zr.(zlib.Resetter).Reset(bytes.NewReader(compressed), nil); rerr != nil {
		return 0, nil, 0, false, nil
	}
	defer zlibReaders.Put(zr)
	// The header is "<type> <size>\x00", at most 32 bytes for any real object.
	var head [32]byte
	n, _ := io.ReadFull(zr, head[:])
	i := bytes.IndexByte(head[:n], 0)
	if i < 0 {
		return 0, nil, 0, false, nil
	}
	typ, sz, found := strings.Cut(string(head[:i]), " ")
	t, terr := plumbing.ParseObjectType(typ)
	size, serr := strconv.ParseInt(sz, 10, 64)
	if !found || terr != nil || serr != nil || size < 0 {
		return 0, nil, 0, false, nil
	}
	if maxSize > 0 && size > maxSize {
		return t, nil, size, true, errTooLargeSize(size, maxSize)
	}
	// zlib expands at most about 1032:1; a header claiming more is corrupt
	// (or hostile) and must not decide an allocation.
	if size > int64(len(compressed))*1032+64 {
		return 0, nil, 0, false, nil
	}
	content = make([]byte, size)
	got := copy(content, head[i+1:n])
	if _, rerr = io.ReadFull(zr, content[got:]); rerr != nil && !(got == len(content) && errors.Is(rerr, io.EOF)) {
		return 0, nil, 0, false, nil
	}
	return t, content, size, true, nil
}
