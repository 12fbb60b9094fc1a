package ghactions

import (
	"regexp"
	"strings"
)

// credentialName matches env and input names whose value is a credential.
// Only the end of the name counts: AWS_ACCESS_KEY_ID and TOKEN_URL are not.
var credentialName = regexp.MustCompile(`(?i)(^|[-_])(token|secret|password|passwd|api[-_]?key|apikey|access[-_]?key|secret[-_]?key|private[-_]?key|client[-_]?secret|credentials?|creds)$`)

// literalCredential reports whether v, the value of a credential-named key,
// is a credential written into the file: not an expression, not a reference
// to a variable, not a placeholder and not a throwaway value such as the
// "postgres" password of a test database.
func literalCredential(v string) bool {
	s := strings.TrimSpace(v)
	switch {
	case len(s) < 8 || len(s) > 4096:
		return false
	case hasExpr(s), strings.Contains(s, "${"), strings.HasPrefix(s, "$"), strings.Contains(s, "{{"):
		return false
	case strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">"):
		return false
	case strings.ContainsAny(s, " \t\n"):
		return false // prose, a command line, a list: not a key
	case placeholderWords.MatchString(s), maskRun.MatchString(s):
		return false
	case distinctBytes(s) <= 3:
		return false
	case onlyCommonWords(s):
		return false
	}
	return charClasses(s) >= 2
}

var (
	placeholderWords = regexp.MustCompile(`(?i)example|placeholder|changeme|change_me|change-me|redacted|dummy|your[-_]|replace[-_]?me|notreal|not[-_]a[-_]real|sample|fake[-_]|todo|fixme|_here|-here`)
	maskRun          = regexp.MustCompile(`(?i)x{4,}|\*{3,}|#{3,}|\.\.\.|…`)
	wordRun          = regexp.MustCompile(`[A-Za-z]+`)
)

// throwaway are words that test-database and demo passwords are made of.
var throwaway = map[string]bool{
	"password": true, "pass": true, "passwd": true, "secret": true, "postgres": true, "postgresql": true,
	"mysql": true, "mariadb": true, "root": true, "admin": true, "test": true, "testing": true, "user": true,
	"redis": true, "mongo": true, "mongodb": true, "dev": true, "local": true, "ci": true, "db": true,
	"default": true, "guest": true, "rabbitmq": true, "minio": true, "minioadmin": true, "sa": true,
	"my": true, "token": true, "key": true, "none": true, "null": true, "true": true, "false": true,
}

// onlyCommonWords reports values whose letter runs are all throwaway words
// ("password123", "postgres", "Test_1234").
func onlyCommonWords(s string) bool {
	runs := wordRun.FindAllString(s, -1)
	if len(runs) == 0 {
		return true // digits and symbols only: a port, a version
	}
	for _, w := range runs {
		if !throwaway[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

func distinctBytes(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}

func charClasses(s string) int {
	var lower, upper, digit, other bool
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9':
			digit = true
		default:
			other = true
		}
	}
	n := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			n++
		}
	}
	return n
}
