package a

import (
	"context"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/drive/v3"
	"google.golang.org/api/option"
)

var readScopes = []string{drive.DriveReadonlyScope, "openid"}

func calls(ctx context.Context, key []byte) {
	srv, _ := drive.NewService(ctx, option.WithScopes(drive.DriveReadonlyScope)) // want `requests scopes https://www.googleapis.com/auth/drive.readonly \(option.WithScopes\)`
	_, _ = srv.Files.List().PageSize(10).Do()                                    // want `calls google drive.files.list \(\(\*drive.FilesListCall\).Do\)`
	_ = srv.Files.List().Pages(ctx, func(*drive.FileList) error { return nil })  // want `calls google drive.files.list \(\(\*drive.FilesListCall\).Pages\)`
	_, _ = srv.Files.Get("id").Do()                                              // not in the test table: unmapped

	_, _ = google.JWTConfigFromJSON(key, readScopes...)           // want `requests scopes https://www.googleapis.com/auth/drive.readonly openid \(google.JWTConfigFromJSON\)`
	_, _ = google.DefaultTokenSource(ctx, drive.DriveScope)       // want `requests scopes https://www.googleapis.com/auth/drive \(google.DefaultTokenSource\)`
	_, _ = google.CredentialsFromJSON(ctx, key, drive.DriveScope) // want `google.CredentialsFromJSON is deprecated` `requests scopes https://www.googleapis.com/auth/drive \(google.CredentialsFromJSON\)`
}

func oauthApp() *oauth2.Config {
	return &oauth2.Config{
		ClientID: "client-id",
		Scopes:   []string{"repo", "read:org"}, // want `requests scopes repo read:org \(oauth2.Config.Scopes\)`
	}
}
