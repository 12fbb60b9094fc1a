// Command indexer lists Drive files; it asks for full Drive access although
// listing needs only read access.
package main

import (
	"context"

	"google.golang.org/api/drive/v3"
	"google.golang.org/api/option"
)

func main() {
	ctx := context.Background()
	srv, err := drive.NewService(ctx, option.WithCredentialsFile("secrets/indexer-sa.json"), option.WithScopes(drive.DriveScope))
	if err != nil {
		panic(err)
	}
	srv.Files.List().Do()
}
