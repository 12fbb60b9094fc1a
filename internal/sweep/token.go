package sweep

import (
	"fmt"
	"strings"
)

// Token is an API token. It is a secret: every way Go has of printing a
// value (%v, %s, %#v, %q, json.Marshal) prints a mask, so a token that ends
// up in a log line, an error or a state record by mistake is not leaked. The
// value is read only where it is sent: an Authorization header and the
// in-memory BasicAuth of a clone.
type Token struct{ value string }

// NewToken wraps a token read from the environment.
func NewToken(s string) Token { return Token{value: strings.TrimSpace(s)} }

const tokenMask = "[redacted]"

// IsZero reports whether no token was given.
func (t Token) IsZero() bool { return t.value == "" }

func (t Token) String() string   { return tokenMask }
func (t Token) GoString() string { return "sweep.Token{" + tokenMask + "}" }

// Format implements fmt.Formatter so that no verb, not even %x, reveals it.
func (t Token) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(tokenMask)) }

// MarshalJSON implements json.Marshaler.
func (t Token) MarshalJSON() ([]byte, error) { return []byte(`"` + tokenMask + `"`), nil }

// MarshalText implements encoding.TextMarshaler (used by map keys, CSV-ish encoders).
func (t Token) MarshalText() ([]byte, error) { return []byte(tokenMask), nil }

// scrub removes the token from s. Errors of net/http and go-git can quote
// URLs and server answers; the token is never put in a URL, but a server
// could echo a header back, so every error leaving the sweep goes through
// scrub.
func (t Token) scrub(s string) string {
	if len(t.value) < 4 { // a one-character "token" would mangle every message
		return s
	}
	return strings.ReplaceAll(s, t.value, tokenMask)
}

// scrubbedError is an error whose message had tokens removed. It keeps no
// reference to the original error, whose message still holds them.
type scrubbedError struct{ msg string }

func (e *scrubbedError) Error() string { return e.msg }

// scrubError returns err with every token of auths removed from its message.
func scrubError(err error, tokens ...Token) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, t := range tokens {
		clean = t.scrub(clean)
	}
	clean = stripUserinfo(clean)
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean}
}

// stripUserinfo masks "user:password@" in any URL that appears in s, for
// URLs the sweep did not build itself (a server's redirect, a proxy error).
func stripUserinfo(s string) string {
	for _, scheme := range []string{"https://", "http://"} {
		from := 0
		for {
			i := strings.Index(s[from:], scheme)
			if i < 0 {
				break
			}
			start := from + i + len(scheme)
			end := start
			for end < len(s) && !strings.ContainsRune("/ \t\n\"'<>", rune(s[end])) {
				end++
			}
			if at := strings.LastIndexByte(s[start:end], '@'); at >= 0 {
				s = s[:start] + tokenMask + s[start+at:]
				end = start + len(tokenMask) + (end - start - at)
			}
			from = end
		}
	}
	return s
}
