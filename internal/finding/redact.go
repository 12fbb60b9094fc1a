package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"
)

// PreviewMaxPrefix is the most characters of a secret a preview ever shows.
const PreviewMaxPrefix = 4

// Preview returns the redacted form of a secret: a prefix of at most four
// characters (a quarter of the secret, so short secrets show less or nothing)
// followed by an ellipsis. The prefix of most keys is their public type marker
// (AKIA, ghp_, sk-a), which is what a reader needs to recognise the key.
func Preview(secret string) string {
	n := utf8.RuneCountInString(secret) / 4
	if n > PreviewMaxPrefix {
		n = PreviewMaxPrefix
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(secret[i:])
		i += size
	}
	return sanitizePreview(secret[:i]) + "…"
}

// sanitizePreview keeps control characters out of previews.
func sanitizePreview(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c == 0x7f {
			b[i] = '?'
		}
	}
	return string(b)
}

// Fingerprint is the line-independent identity of a secret found by a rule:
// a SHA-256 over a versioned domain, the rule id and the secret. It never
// reveals the secret and stays the same when the secret moves or its file is
// edited, so baselines and code-scanning alerts do not churn.
func Fingerprint(ruleID, secret string) string {
	return hashParts("nhilint/secret/v1", ruleID, secret)
}

// SecretHash identifies a secret independently of the rule that found it, so
// the same key found by two rules, or in two places, can be recognised (NHI9).
func SecretHash(secret string) string {
	return hashParts("nhilint/value/v1", secret)
}

// KeyFingerprint identifies a non-secret finding by rule, path and a key the
// rule chooses (a job name, a setting), without line numbers.
func KeyFingerprint(ruleID, path, key string) string {
	return hashParts("nhilint/finding/v1", ruleID, path, key)
}

func hashParts(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:16])
}
