// Package ghactions checks GitHub Actions workflows (.github/workflows/*.yml)
// and action metadata files (action.yml) for how they handle non-human
// identities: long-lived cloud keys and registry tokens where OIDC or trusted
// publishing exists, secrets spread wider than the step that needs them
// (secrets: inherit, toJSON(secrets), workflow-level env, unpinned actions,
// untrusted checkouts in privileged triggers), secrets printed or written to
// disk, literal credentials, and the job token's scopes: the permissions each
// job declares are compared with what its steps need, computed from a table
// of popular actions and from the gh, curl and git commands in run: scripts.
//
// Workflows are parsed with rhysd/actionlint's parser, which keeps positions
// and parses ${{ }} expressions; composite actions are read as YAML nodes and
// converted to the same step model so that every step rule applies to both.
package ghactions

//go:generate go run ./internal/gen -out permissions_gen.go
