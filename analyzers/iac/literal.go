package iac

import "strings"

// Whether a literal attribute value is a real credential rather than a
// placeholder. Provider attributes are secret by name, so only the value is
// judged. (The ci analyzer judges CI variables the same way; the two could
// share a package once a second family needs it.)

var placeholderWords = []string{
	"example", "placeholder", "changeme", "change_me", "change-me", "redacted", "dummy", "your_",
	"your-", "replace", "insert", "notreal", "not_real", "not-real", "sample", "fake", "mock",
	"xxxx", "****", "...", "…", "todo", "fixme", "<", ">",
}

// literalCredential reports whether v looks like a credential: a key-shaped
// value for keys and tokens, or a mixed password for passwords.
func literalCredential(v string, password bool) bool {
	v = strings.TrimSpace(v)
	l := strings.ToLower(v)
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return false
		}
	}
	if v == "" || strings.ContainsAny(v, " \t\n") || strings.Contains(v, "${") || strings.Contains(v, "://") {
		return false
	}
	var lower, upper, digit, symbol bool
	seen := map[rune]bool{}
	for _, r := range v {
		seen[r] = true
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= '0' && r <= '9':
			digit = true
		default:
			symbol = true
		}
	}
	if password {
		classes := 0
		for _, b := range []bool{lower, upper, digit, symbol} {
			if b {
				classes++
			}
		}
		return len(v) >= 8 && len(seen) >= 5 && classes >= 2
	}
	return len(v) >= 16 && len(seen) >= 6 && (digit && (lower || upper) || lower && upper)
}
