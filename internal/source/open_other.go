//go:build !unix

package source

import "os"

// openNonBlocking opens name for reading. Platforms outside unix have no
// FIFOs that block on open.
func openNonBlocking(name string) (*os.File, error) {
	return os.Open(name)
}
