package agents

import (
	"regexp"
	"strings"
	"unicode"
)

// reference matches the ways agent configs point at a secret instead of
// holding it (research notes §2.4): ${VAR} and ${VAR:-default} (Claude
// Code, Gemini CLI), ${env:VAR}, ${input:id} and ${file:path} (VS Code,
// Cursor, Windsurf, Cline), ${{ secrets.X }} (Continue, GitHub Actions),
// os.environ/VAR (LiteLLM), {{ env.VAR }} (promptfoo), ${user_config.x}
// (Claude Desktop extensions), $VAR, and %VAR% on Windows.
var reference = regexp.MustCompile(`\$\{\{[^}]*\}\}|\$\{[^}]+\}|\{\{[^}]*\}\}|^os\.environ/\w+$|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%|^env:\w+$`)

// referencedVar extracts the variable a reference names, or "".
var referencedVar = regexp.MustCompile(`^(?:\$\{(?:env:)?([A-Za-z_]\w*)(?::-[^}]*)?\}|\$\{\{\s*secrets\.([\w.-]+)\s*\}\}|os\.environ/([A-Za-z_]\w*)|\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}|\$([A-Za-z_]\w*))$`)

// isReference reports whether v holds a reference anywhere in it: such a
// value is resolved at run time and is not a literal credential.
func isReference(v string) bool { return reference.MatchString(v) }

// refVar returns the name of the variable that v, a whole reference, names.
func refVar(v string) string {
	m := referencedVar.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return ""
	}
	for _, s := range m[1:] {
		if s != "" {
			return s
		}
	}
	return ""
}

// placeholderWords mark values that stand for a credential without being
// one. They are matched without regard to case.
var placeholderWords = []string{
	"example", "placeholder", "changeme", "change_me", "change-me", "redacted",
	"dummy", "your_", "your-", "yourkey", "yourtoken", "your key", "replace",
	"insert", "notreal", "not_real", "not-a-real", "sample", "fake", "todo",
	"fixme", "_here", "-here", "xxxx", "****", "...", "…", "<", ">", "secret_key_goes",
	"enter_", "enter-", "put_", "put-", "add_your", "add-your", "mock", "test_key",
	"test-key", "testkey", "testtoken", "test_token",
}

// isPlaceholder reports values that are obviously not a real credential:
// empty, masked (sk-..., xxxx, ***), marked (your-key-here, <token>),
// built from a handful of characters, or made of words only.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) < 8 {
		return true
	}
	lv := strings.ToLower(v)
	for _, w := range placeholderWords {
		if strings.Contains(lv, w) {
			return true
		}
	}
	body := stripKeyPrefix(v)
	if len(body) < 8 {
		body = v
	}
	if distinct(body) <= 4 {
		return true // aaaaaaaa, gsk_00000000, abababab
	}
	return wordsOnly(v)
}

// wordsOnly reports values made of letters and separators only, such as
// my-secret-key, postgres or MySecretToken: human-chosen names, not keys.
// Long runs of letters in mixed case are random, so they are not words.
func wordsOnly(v string) bool {
	changes := 0
	var prev rune
	for _, r := range v {
		if !unicode.IsLetter(r) && r != '-' && r != '_' && r != '.' && r != ' ' {
			return false
		}
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			changes++
		}
		prev = r
	}
	return changes*5 <= len(v)
}

func distinct(s string) int {
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

// stripKeyPrefix drops a vendor prefix (sk-proj-, ghp_, xoxb-) so that
// gsk_0000… counts as built from one character.
func stripKeyPrefix(s string) string {
	cut := -1
	for i := 0; i < len(s) && i < 12; i++ {
		if s[i] == '-' || s[i] == '_' {
			cut = i
		}
	}
	return s[cut+1:]
}

// isLiteralSecret reports whether v, found where a credential belongs (a
// credential-named key, a token flag, an Authorization header), is a
// literal credential: not a reference, not a placeholder, not a boolean,
// number, path or URL, and shaped like a token (no spaces).
func isLiteralSecret(v string) bool {
	v = strings.TrimSpace(v)
	switch {
	case v == "", isReference(v), isPlaceholder(v):
		return false
	case strings.ContainsAny(v, " \t\n"):
		return false
	case strings.HasPrefix(v, "/"), strings.HasPrefix(v, "./"), strings.HasPrefix(v, "~/"),
		strings.HasPrefix(v, "../"), len(v) > 2 && v[1] == ':' && v[2] == '\\':
		return false // a path to a key file is not the key
	case strings.Contains(v, "://"):
		return false // URLs are checked part by part
	case isNumber(v):
		return false
	}
	return true
}

func isNumber(v string) bool {
	for _, r := range v {
		if !unicode.IsDigit(r) && r != '.' && r != '-' && r != '+' && r != 'e' && r != 'E' {
			return false
		}
	}
	return true
}

// credentialWords are name parts that say a setting holds a credential.
var credentialWords = map[string]bool{
	"key": true, "apikey": true, "token": true, "secret": true, "password": true,
	"passwd": true, "pwd": true, "pass": true, "auth": true, "authorization": true,
	"credential": true, "credentials": true, "pat": true, "bearer": true, "cookie": true,
	"passphrase": true, "privatekey": true, "accesskey": true, "secretkey": true,
	"dsn": true, "sig": true,
}

// notCredentialWords are name parts that say the value is about a
// credential (where it is, how long it lives) rather than the credential.
var notCredentialWords = map[string]bool{
	"file": true, "path": true, "dir": true, "url": true, "uri": true, "endpoint": true,
	"id": true, "name": true, "type": true, "header": true, "env": true, "var": true,
	"max": true, "limit": true, "tokens": true, "count": true, "ttl": true,
	"expiry": true, "expires": true, "expiration": true, "duration": true, "helper": true,
	"region": true, "host": true, "port": true, "user": true, "username": true,
	"length": true, "size": true, "enabled": true, "required": true, "policy": true,
	"prefix": true, "field": true, "mode": true, "method": true, "provider": true,
	"command": true, "cmd": true, "source": true, "store": true, "vault": true,
	"description": true, "hint": true, "label": true, "public": true, "publishable": true,
	"sensitive": true, "kind": true, "format": true, "scope": true, "scopes": true,
	"keys": true, "model": true, "org": true, "organization": true, "project": true,
	"version": true, "deployment": true, "base": true, "usage": true, "budget": true,
}

// credentialName reports whether a key, env variable, header or flag name
// says its value is a credential: OPENAI_API_KEY, x-api-key, apiKey,
// Authorization, --token. MAX_TOKENS, TOKEN_FILE or CLIENT_ID do not.
func credentialName(name string) bool {
	parts := nameParts(name)
	found := false
	for i, p := range parts {
		if notCredentialWords[p] {
			return false
		}
		if credentialWords[p] {
			// "key" alone is too common (a sort key, a cache key); it needs
			// a word that says which kind of key.
			if p == "key" && !keyQualified(parts, i) {
				continue
			}
			found = true
		}
	}
	return found
}

func keyQualified(parts []string, i int) bool {
	if len(parts) == 1 {
		return false
	}
	return i > 0 // OPENAI_API_KEY, SERPER_KEY, ACCESS_KEY; not KEY_ORDER
}

// nameParts splits a name into lower-case words at separators and at
// lower-to-upper case changes: "x-api-key", "OPENAI_API_KEY", "apiKey".
func nameParts(name string) []string {
	var parts []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range name {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return parts
}

// stripAuthScheme removes an HTTP authorization scheme ("Bearer ", "Basic
// ", "Token ") from a header value.
func stripAuthScheme(v string) (string, int) {
	for _, s := range []string{"Bearer ", "bearer ", "Basic ", "basic ", "Token ", "token ", "Bot ", "Key "} {
		if strings.HasPrefix(v, s) {
			return v[len(s):], len(s)
		}
	}
	return v, 0
}
