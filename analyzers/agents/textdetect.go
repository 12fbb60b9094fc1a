package agents

import (
	"regexp"
	"strings"
)

// textHit is a credential found in free text (a prompt, a notebook cell).
type textHit struct {
	start, end int // of the secret in the text
	secret     string
	provider   provider
	name       string // the assigned name, when found by assignment
}

// assignment matches NAME = value, NAME: value and "name": "value" in
// prose, code and shell, where NAME says it is a credential.
var assignment = regexp.MustCompile(`(?i)([A-Za-z0-9_.-]*(?:api[_-]?key|token|secret|password|passwd|access[_-]?key|auth)[A-Za-z0-9_]*)["']?[ \t]*(?::|=|=>)[ \t]*["'\x60]?([^\s"'\x60<>,;)\]}]{8,})`)

// bearer matches an Authorization header value in text.
var bearer = regexp.MustCompile(`(?i)\b(?:bearer|token)[ \t]+([A-Za-z0-9_\-.~+/=]{16,})`)

// findTextCredentials returns the credentials in text: values of known
// key formats anywhere, and literal values assigned to credential names.
func findTextCredentials(text string) []textHit {
	var hits []textHit
	covered := func(s, e int) bool {
		for _, h := range hits {
			if s < h.end && e > h.start {
				return true
			}
		}
		return false
	}
	for _, k := range findKeys(text) {
		if s := text[k.start:k.end]; !isPlaceholder(s) {
			hits = append(hits, textHit{k.start, k.end, s, k.provider, ""})
		}
	}
	for _, m := range assignment.FindAllStringSubmatchIndex(text, -1) {
		name, s, e := text[m[2]:m[3]], m[4], m[5]
		v := text[s:e]
		if !credentialName(name) || !isLiteralSecret(v) || covered(s, e) || looksLikeCode(v) {
			continue
		}
		prov, _ := matchKey(v)
		hits = append(hits, textHit{s, e, v, prov, name})
	}
	for _, m := range bearer.FindAllStringSubmatchIndex(text, -1) {
		s, e := m[2], m[3]
		v := text[s:e]
		if !isLiteralSecret(v) || covered(s, e) || !hasDigit(v) {
			continue
		}
		prov, _ := matchKey(v)
		hits = append(hits, textHit{s, e, v, prov, "Authorization"})
	}
	return hits
}

// looksLikeCode reports assigned values that are expressions, not
// literals: os.getenv(...), process.env.X, config.token, getToken().
func looksLikeCode(v string) bool {
	return strings.ContainsAny(v, "()[]{}$") || strings.Contains(v, "process.env") ||
		strings.Count(v, ".") >= 1 && wordsOnly(strings.ReplaceAll(v, ".", "_"))
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
