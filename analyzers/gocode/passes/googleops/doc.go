// Package googleops defines an Analyzer that lists the Google API methods a
// Go program calls and the OAuth scopes it asks for.
//
// # Analyzer googleops
//
// googleops: report Google API methods called and OAuth scopes requested
//
// Operations: the Do and Pages methods of the call types of the generated
// clients under google.golang.org/api (srv.Files.List().Do() runs a
// *drive.FilesListCall) are looked up with scopes.GoogleGoCallMethod, and
// each becomes a usage.Operation fact {google, "drive", "drive.files.list"}.
// Call types the table does not know are listed in the result's Unmapped.
//
// Scope requests: the constant scopes (string literals and constants such
// as drive.DriveReadonlyScope, also through a []string variable) given to
// option.WithScopes, golang.org/x/oauth2/google's JWTConfigFromJSON,
// DefaultTokenSource, FindDefaultCredentials and CredentialsFromJSON, and
// the Scopes field of oauth2.Config, google.CredentialsParams,
// jwt.Config and clientcredentials.Config become usage.ScopeRequest facts.
// The provider of an oauth2 configuration is google only when its scopes
// are Google's; oauth2 serves every provider.
//
// google.CredentialsFromJSON and CredentialsFromJSONWithParams are also
// reported as deprecated: they accept whatever credential type the JSON
// names, a risk when the JSON comes from outside the program.
package googleops
