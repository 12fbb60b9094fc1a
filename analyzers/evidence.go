package analyzers

import (
	"fmt"
	"strings"
)

const redacted = "[redacted]"

// Evidence holds the raw text behind a finding while the engine decides
// whether it is suppressed. Every way of printing or encoding it yields
// "[redacted]", so a stray log line or %v cannot leak a secret.
type Evidence struct {
	secret string
	match  string
	line   string
}

// NewEvidence records the secret, the whole rule match and the line it is on.
func NewEvidence(secret, match, line string) Evidence {
	return Evidence{secret: secret, match: match, line: line}
}

// Secret is the credential itself. Do not print it.
func (e Evidence) Secret() string { return e.secret }

// Match is the text the rule matched, which contains the secret.
func (e Evidence) Match() string { return e.match }

// Line is the source line the match starts on.
func (e Evidence) Line() string { return e.line }

// Empty reports whether there is no evidence (non-secret findings).
func (e Evidence) Empty() bool { return e.secret == "" && e.match == "" && e.line == "" }

// ContainsAny reports whether the secret contains one of the words, case-insensitively.
func (e Evidence) ContainsAny(words []string) bool {
	s := strings.ToLower(e.secret)
	for _, w := range words {
		if w != "" && strings.Contains(s, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

func (Evidence) String() string               { return redacted }
func (Evidence) GoString() string             { return redacted }
func (Evidence) Format(f fmt.State, _ rune)   { _, _ = f.Write([]byte(redacted)) }
func (Evidence) MarshalText() ([]byte, error) { return []byte(redacted), nil }
func (Evidence) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }
