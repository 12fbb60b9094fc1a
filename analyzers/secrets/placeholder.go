package secrets

import (
	"math"
	"strings"
)

// placeholder reports whether secret, a value a detection rule matched in the
// file at path, is obviously not a real credential: a reference to one
// (${VAR}, {{ x }}, <TOKEN>, %VAR%), a masked or elided value (sk-...,
// xxxx, ****, [REDACTED]), a value that says it is fake (your-api-key-here,
// changeme, dummy, AWS's documented ...EXAMPLE keys), a value built from a
// handful of characters or a sequential or repeating run (abcdef…,
// 0123456789abcdef0123…), or a value made only of words and digits
// (test123, my_secret_key). In example files (.env.example, *.sample,
// *.template, …) every value that is not key-shaped counts as a placeholder;
// a key-shaped value there is still reported, because real keys do get
// pasted into templates.
//
// It runs on every finding, so it does not allocate.
func placeholder(secret, path string) bool {
	s := strings.Trim(secret, " \t\r\n'\"`")
	switch {
	case s == "":
		return true
	case isReference(s), isMasked(s), hasMarkerWord(s):
		return true
	case fewDistinct(s), hasSequentialRun(s), isPeriodic(s):
		return true
	case onlyWords(s):
		return true
	case isExampleFile(path) && !keyShaped(s):
		return true
	}
	return false
}

// isReference reports values that point at a secret instead of holding it:
// shell and CI variables, template expressions, angle-bracket and
// percent-sign placeholders, LiteLLM's os.environ/NAME.
func isReference(s string) bool {
	wrapped := func(open, close string) bool {
		return len(s) > len(open)+len(close) && strings.HasPrefix(s, open) && strings.HasSuffix(s, close)
	}
	switch {
	case wrapped("${", "}"), wrapped("$(", ")"), wrapped("{{", "}}"), wrapped("<", ">"),
		wrapped("%", "%"), wrapped("[", "]"), wrapped("#{", "}"):
		return true
	case s[0] == '$' && len(s) > 1 && isIdentifier(s[1:]):
		return true
	case strings.HasPrefix(s, "os.environ/"), strings.HasPrefix(s, "env:"):
		return true
	}
	// A template expression anywhere, as in "sk-${SUFFIX}" or "Bearer {{ token }}".
	return strings.Contains(s, "${") || strings.Contains(s, "{{")
}

func isIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// isMasked reports elided or masked values: three dots or an ellipsis
// ("sk-..."), four or more x's ("xxxx"), or three or more mask characters
// ("***", "•••", "###"). Random keys contain such runs with negligible
// probability (four x's in a 50-character base62 key: about 1 in 20,000).
func isMasked(s string) bool {
	if strings.Contains(s, "...") || strings.Contains(s, "…") {
		return true
	}
	var xs, masks int
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'x' || c == 'X':
			xs++
			masks = 0
		case c == '*' || c == '#':
			masks++
			xs = 0
		default:
			xs, masks = 0, 0
		}
		if xs >= 4 || masks >= 3 {
			return true
		}
	}
	return strings.Contains(s, "•••")
}

// markerWords say a value is not a real secret. They are compared without
// regard to case, so AWS's documented keys (AKIAIOSFODNN7EXAMPLE,
// wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) match "example". Words shorter
// than five letters would appear in random keys too often to be used here.
var markerWords = []string{
	"example", "placeholder", "changeme", "change_me", "change-me", "redacted",
	"dummy", "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourapi",
	"replace_", "replace-", "replaceme", "insert_", "insert-", "notreal", "not_real",
	"not-a-real", "sample", "lorem", "ipsum", "fake_", "fake-", "fakekey", "faketoken",
	"todo_", "fixme", "_here", "-here",
}

func hasMarkerWord(s string) bool {
	for _, w := range markerWords {
		if containsFold(s, w) {
			return true
		}
	}
	return false
}

// containsFold is strings.Contains ignoring ASCII case, without allocating.
func containsFold(s, substr string) bool {
	for i := 0; i+len(substr) <= len(s); i++ {
		if hasPrefixFold(s[i:], substr) {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lower(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// fewDistinct reports values of eight or more characters that use at most
// three distinct characters once a rule's prefix is removed: "aaaaaaaa",
// "gsk_000000…", "abababab".
func fewDistinct(s string) bool {
	body := stripPrefix(s)
	if len(body) < 8 {
		return false
	}
	var seen [256]bool
	n := 0
	for i := 0; i < len(body); i++ {
		if !seen[body[i]] {
			seen[body[i]] = true
			if n++; n > 3 {
				return false
			}
		}
	}
	return true
}

// stripPrefix drops a leading vendor prefix such as "sk-proj-", "gsk_" or
// "xoxb-": everything up to the last '-' or '_' among the first 12 bytes.
func stripPrefix(s string) string {
	cut := -1
	for i := 0; i < len(s) && i < 12; i++ {
		if s[i] == '-' || s[i] == '_' {
			cut = i
		}
	}
	return s[cut+1:]
}

// sequenceAlphabet orders the characters keys are drawn from, so that
// "0123456789abcdef" counts as one ascending run.
const sequenceAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz"

func sequencePos(c byte) int {
	c = lower(c)
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	}
	return -1
}

// hasSequentialRun reports an ascending or descending run of eight or more
// characters of sequenceAlphabet ("abcdefgh", "12345678", "9876543210").
// A random base62 key has such a run with probability below 1e-9.
func hasSequentialRun(s string) bool {
	const minRun = 8
	up, down := 1, 1
	for i := 1; i < len(s); i++ {
		p, q := sequencePos(s[i-1]), sequencePos(s[i])
		switch {
		case p >= 0 && q == p+1:
			up, down = up+1, 1
		case p >= 0 && q >= 0 && q == p-1:
			up, down = 1, down+1
		default:
			up, down = 1, 1
		}
		if up >= minRun || down >= minRun {
			return true
		}
	}
	return false
}

// isPeriodic reports values whose body (prefix removed) repeats a pattern of
// at most 16 characters over at least three quarters of its length, such as
// "0123456789abcdef0123456789abcdef" or "abc123abc123abc123".
func isPeriodic(s string) bool {
	body := stripPrefix(s)
	n := len(body)
	if n < 12 {
		return false
	}
	for p := 1; p <= 16 && 2*p <= n; p++ {
		// Length of the longest suffix with period p.
		run := p
		for i := n - 1; i >= p && body[i] == body[i-p]; i-- {
			run++
		}
		if run*4 >= n*3 && run >= 2*p {
			return true
		}
	}
	return false
}

// words are what values made up by people consist of. A value whose letters
// all split into these words, with digits and separators between them
// ("test123", "my-secret-key", "adminpassword"), is not a generated key.
var words = []string{
	"test", "testing", "tests", "demo", "dev", "local", "staging", "prod", "my", "our", "the",
	"api", "key", "keys", "token", "tokens", "secret", "secrets", "pass", "password", "passwd", "pwd",
	"access", "auth", "client", "app", "user", "admin", "root", "login", "private", "public",
	"foo", "bar", "baz", "qux", "abc", "xyz", "value", "string", "default", "none", "null", "nil",
	"empty", "some", "random", "hello", "world", "super", "live", "sk", "pk", "id", "bearer",
	"example", "sample", "dummy", "fake", "mock", "here", "goes", "put", "enter", "insert", "replace",
	"with", "me", "this", "to", "be", "set", "not", "real", "invalid", "bogus", "todo", "fixme", "change",
	"changeme", "placeholder", "redacted", "your", "yours", "new", "old", "temp", "tmp", "one", "two",
	"openai", "azure", "aws", "google", "github", "slack", "stripe", "db", "database", "service", "account",
}

// onlyWords reports values of letters, digits and separators whose letter
// runs all split into words, and that have at least one letter.
func onlyWords(s string) bool {
	letters := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isLetter(c):
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			if !splitsIntoWords(s[i:j]) {
				return false
			}
			letters = true
			i = j
		case c >= '0' && c <= '9', c == '-', c == '_', c == '.', c == ' ', c == '/', c == ':', c == '@':
			i++
		default:
			return false
		}
	}
	return letters
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// splitsIntoWords segments run (ASCII letters) into words by dynamic
// programming over a fixed-size table; runs longer than it are not words.
func splitsIntoWords(run string) bool {
	const maxRun = 48
	if len(run) > maxRun {
		return false
	}
	var reach [maxRun + 1]bool
	reach[0] = true
	for i := 0; i < len(run); i++ {
		if !reach[i] {
			continue
		}
		for _, w := range words {
			if hasPrefixFold(run[i:], w) {
				reach[i+len(w)] = true
			}
		}
	}
	return reach[len(run)]
}

// Example files are recognised by name: .env.example, config.sample.yaml,
// settings.dist, example.env, …
var (
	exampleSuffixes = []string{".example", ".sample", ".template", ".tmpl", ".dist"}
	exampleInfixes  = []string{".example.", ".sample.", ".template.", ".tmpl.", ".dist."}
	examplePrefixes = []string{"example.", "sample.", "template."}
)

// isExampleFile reports files that by name hold sample configuration.
func isExampleFile(p string) bool {
	base := p
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		base = p[i+1:]
	}
	for _, s := range exampleSuffixes {
		if hasSuffixFold(base, s) {
			return true
		}
	}
	for _, s := range exampleInfixes {
		if containsFold(base, s) {
			return true
		}
	}
	for _, s := range examplePrefixes {
		if hasPrefixFold(base, s) {
			return true
		}
	}
	return false
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && hasPrefixFold(s[len(s)-len(suffix):], suffix)
}

// keyShaped reports values that look generated rather than typed: at least
// 16 characters, at least six distinct ones, and a digit or both letter
// cases (or, for upper-case only values such as some AWS key ids, a Shannon
// entropy of at least 3 bits per character). Words and phrases
// ("supersecretvaluegoeshere") fail the character-class test; entropy alone
// cannot tell them apart, as short random hex can score lower than prose.
func keyShaped(s string) bool {
	if len(s) < 16 {
		return false
	}
	var seen [256]bool
	distinct := 0
	var lowerSeen, upperSeen, digitSeen bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !seen[c] {
			seen[c] = true
			distinct++
		}
		switch {
		case c >= 'a' && c <= 'z':
			lowerSeen = true
		case c >= 'A' && c <= 'Z':
			upperSeen = true
		case c >= '0' && c <= '9':
			digitSeen = true
		}
	}
	if distinct < 6 {
		return false
	}
	return digitSeen || lowerSeen && upperSeen || upperSeen && !lowerSeen && shannonEntropy(s) >= 3
}

// shannonEntropy returns the entropy of s in bits per byte.
func shannonEntropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}
