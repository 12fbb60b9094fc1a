// Package b runs against the real knowledge tables.
package b

import "google.golang.org/api/drive/v3"

func calls(srv *drive.Service) {
	_, _ = srv.Files.List().Do() // want `calls google drive.files.list`
}
