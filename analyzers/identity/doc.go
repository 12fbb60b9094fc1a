// Package identity is the analyzer family that treats each declared key as a
// non-human identity and reports where what it may do and how it lives
// differ from what the code does with it: over-privilege (NHI5), missing
// owners and expiries (NHI1, NHI7), sharing across workloads and
// environments (NHI8, NHI9), and credentials no identity declares.
//
// It runs only when .nhilint.yaml declares identities. While the engine
// walks the tree it collects usage facts from scripts and CI files
// (analyzers/scriptusage) and notes which Go files exist; when the walk
// ends it reads the Go code with types (analyzers/gocode, falling back to
// syntax when the code does not build), compares everything with the
// declarations (internal/identity) and reports one finding per problem.
// Declaration problems point at the identity in the configuration file;
// usage problems at the code.
package identity
