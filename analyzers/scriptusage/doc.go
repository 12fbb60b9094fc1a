// Package scriptusage reads Python, JavaScript/TypeScript, shell scripts and
// CI workflow files (GitHub Actions, GitLab CI) for what they do with
// credentials: which credentials they read by reference (environment
// variables, CI secrets, credential files), which provider API operations
// they call and which OAuth scopes they ask for (Google). It emits
// usage.Facts that the identity comparison sets against what each key
// declares; Go is read separately, with type information, through
// go/analysis.
//
// The extractors are syntactic and dependency-free: each language has a
// small lexer that knows its comments and string literals, so a commented-out
// call or a string that only looks like a call is not a fact, and a pattern
// matcher over the tokens that binds client constructors to names
// (s3 = boto3.client("s3"), const octokit = new Octokit()) and attributes
// method calls on those names. Nothing is executed or resolved across files.
// What is and is not understood is listed in docs/usage-extraction.md.
//
// Work is linear in the input and bounded: content larger than MaxSize is
// refused with an error the caller reports as a skip, and YAML aliases are
// followed under a node budget.
package scriptusage
