package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// ErrTooLarge is wrapped by the error Item.Read returns when a file is larger
// than TreeOptions.MaxFileSize at read time (it grew after it was listed), so
// the engine can report it as a ReasonTooLarge skip rather than a failure.
var ErrTooLarge = errors.New("file too large")

var errNotRegular = errors.New("not a regular file")

// readFile reads the whole regular file name, like os.ReadFile, but never
// more than limit+1 bytes when limit > 0. Errors are *fs.PathError.
//
// The file is opened without blocking and checked again after opening: it was
// a regular file when listed, but if it has since been replaced by a FIFO an
// ordinary open would hang the worker forever.
func readFile(name string, limit int64) ([]byte, error) {
	f, err := openNonBlocking(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	size := info.Size()
	if limit > 0 && size > limit {
		return nil, tooLarge(name, limit)
	}

	var r io.Reader = f
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	// One spare byte lets the loop see EOF without growing the buffer.
	data := make([]byte, 0, max(size+1, 512))
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, tooLarge(name, limit)
	}
	return data, nil
}

func tooLarge(name string, limit int64) error {
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)}
}
