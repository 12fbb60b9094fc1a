// Package usage is the vocabulary shared by the extractors that read what
// code and CI do with credentials (Go through go/analysis, Python,
// JavaScript, shell and workflows through lighter parsers) and the identity
// comparison that sets those facts against what each identity declares.
//
// A Fact says one thing at one place: "this workload reads the credential
// named X", "this workload calls operation Y", "this workload asks for
// scopes Z", or "a literal flows into a credential sink". Facts never carry a
// secret value.
package usage

import "github.com/nhilint/nhilint/rules/scopes"

// Kind says what a Fact records.
type Kind uint8

const (
	// Ref: the workload reads a credential by reference (Fact.Ref, RefKind).
	Ref Kind = iota + 1
	// Operation: the workload calls a provider API operation (Fact.Op).
	Operation
	// ScopeRequest: the workload asks for scopes when it gets a token
	// (Google option.WithScopes, oauth2.Config.Scopes): Fact.Scopes.
	ScopeRequest
	// LiteralSink: a literal value flows into a credential sink such as a
	// client constructor's API-key argument. Fact.Via names the sink and
	// Fact.Preview holds at most finding.Preview of the value, never more.
	LiteralSink
	// Environment: a CI job deploys to the environment named Fact.Ref (a
	// GitHub job's environment:, a GitLab job's environment:).
	Environment
	// Runs: the workload runs the program whose workload key is Fact.Ref (a
	// job's step runs "python scripts/deploy.py": "scripts/deploy.py"; "go
	// run ./cmd/sync": "cmd/sync"), so the program inherits its credentials.
	Runs
)

func (k Kind) String() string {
	switch k {
	case Ref:
		return "ref"
	case Operation:
		return "operation"
	case ScopeRequest:
		return "scope-request"
	case LiteralSink:
		return "literal-sink"
	case Environment:
		return "environment"
	case Runs:
		return "runs"
	}
	return "unknown"
}

// RefKind says how a credential is referred to.
type RefKind string

const (
	RefEnv    RefKind = "env"       // an environment variable: os.Getenv("X"), process.env.X, $X
	RefSecret RefKind = "ci-secret" // a CI secret: ${{ secrets.X }}, $CI_VAR in GitLab
	RefFile   RefKind = "file"      // a credential file path: credentials.json, ~/.aws/credentials
)

// Fact is one observation at one place.
type Fact struct {
	Kind Kind
	// Provider is one of the scopes provider names ("aws", "github", ...)
	// or "" when a Ref cannot be attributed to a provider.
	Provider string

	Ref     string  // Ref, LiteralSink: the env var, secret name or path
	RefKind RefKind // Ref: how Ref refers to the credential
	Op      scopes.Operation
	Scopes  []string // ScopeRequest: the scopes asked for
	Preview string   // LiteralSink: finding.Preview of the literal
	// EnvVar, on a ci-secret Ref, is the environment variable CI sets from
	// the secret (env: TOKEN: ${{ secrets.DEPLOY_TOKEN }}), so that a program
	// reading $TOKEN refers to the secret.
	EnvVar string

	// Via is the call or construct as written, for messages:
	// "(*s3.Client).PutObject", "boto3 s3.put_object", "gh api", "curl".
	Via string

	// Path is slash-separated and relative to the scan root; Line and
	// Column are 1-based (Column counts code points).
	Path         string
	Line, Column int

	// Workload names the program that does this, so facts of one program
	// can be grouped: "go:<package path>", "python:<file>",
	// "javascript:<file>", "shell:<file>", "workflow:<file>#<job>".
	Workload string
	// Language is "go", "python", "javascript", "shell" or "workflow".
	Language string
	// Typed is true when the fact comes from type-checked Go code, false
	// when it comes from syntax alone (other languages, or Go whose
	// dependencies could not be loaded).
	Typed bool
}
