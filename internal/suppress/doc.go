// Package suppress decides whether a finding was silenced on purpose, and by
// what: an inline comment next to it (nhilint:ignore, gitleaks:allow), an
// allowlist from .nhilint.yaml, an entry in .gitleaksignore or a baseline
// file. The engine asks it about every finding while the file and the
// finding's evidence are still in memory; a suppressed finding gets a
// finding.Suppression and is counted, never hidden.
//
// Every Match function returns nil when the finding is not suppressed and
// allocates only when it is, so calling them on every finding is cheap.
package suppress
