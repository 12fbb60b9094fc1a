//go:build unix

package source

import (
	"os"
	"syscall"
)

// openNonBlocking opens name for reading with O_NONBLOCK, which makes opening
// a FIFO return at once instead of waiting for a writer. It has no effect on
// reads of regular files.
func openNonBlocking(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
