package introspect

import (
	"encoding/base64"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nhilint/nhilint/internal/finding"
)

// Hints is the context a rule found a secret in. Decoders read the secret
// first; the match and the line are consulted only for candidates that
// contain the secret (a SAS whose rule matched only sig=, a presigned URL
// whose rule matched only the key id), so a neighbouring credential on the
// same line is never described instead.
type Hints struct {
	// Path is the file the secret is in; it recognises kubeconfig files.
	Path string
	// Match is the rule's whole match, which contains the secret.
	Match string
	// Line is the source line the match starts on.
	Line string
}

// Inspect runs the decoders that fit the secret and returns the first facts
// one of them reads, and false when none applies.
func Inspect(secret string, hints Hints) (*Facts, bool) {
	if strings.TrimSpace(secret) == "" || len(secret) > MaxInputSize {
		return nil, false
	}
	f := inspectValue(secret, true)
	// An access key id alone says little; when it sits in a presigned URL,
	// the URL is the credential that leaked and says more.
	if f == nil || f.Kind == "aws-key-id" {
		if fromContext := inspectContext(secret, hints); fromContext != nil {
			f = fromContext
		}
	}
	if f == nil {
		return nil, false
	}
	if f.Kind == "pem-private-key" && (isKubeconfigPath(hints.Path) || strings.Contains(hints.Line, "client-key-data")) {
		f.setAttr("kubeconfig-field", "client-key-data")
		f.Reason = "Kubeconfig client key: " + f.Reason
	}
	return f, true
}

// inspectContext decodes the pieces of the match and the line that contain
// the secret.
func inspectContext(secret string, hints Hints) *Facts {
	for _, ctx := range []string{hints.Match, hints.Line} {
		if len(ctx) > MaxInputSize || ctx == secret || !strings.Contains(ctx, secret) {
			continue
		}
		for _, c := range contextCandidates(ctx, secret) {
			if f := inspectValue(c, false); f != nil && f.Kind != "aws-key-id" {
				return f
			}
		}
	}
	return nil
}

// decoder is one format reader with a cheap test for whether to try it.
type decoder struct {
	fits   func(s string) bool
	decode func(s string) (*Facts, error)
}

// decoders are tried in order; the first that returns facts wins. Tests are
// cheap substring checks so that a secret costs only the decoders it could be.
var decoders = []decoder{
	// A service-account file embeds a PEM key: read the file, not the key.
	{containsAny(`"type"`), GCPServiceAccountJSON},
	{containsFold("PRIVATE KEY-----"), PEMPrivateKey},
	{containsAny("BEGIN CERTIFICATE", "client-certificate-data", "LS0tLS1CRUdJTiBDRVJUSUZJQ0FUR"), KubeconfigClientCert},
	{containsFold("x-amz-credential", "awsaccesskeyid"), AWSPresignedURL},
	{containsFold("x-goog-credential", "googleaccessid"), GCSSignedURL},
	{containsAny("sig="), AzureSAS},
	{looksLikeJWT, KubernetesSAToken},
	{looksLikeJWT, JWT},
	{func(s string) bool { return len(strings.TrimSpace(s)) == 20 }, AWSAccessKeyID},
	{func(string) bool { return true }, publicByDesign},
}

// inspectValue runs the decoders over v; when nothing fits and allowBase64
// is set, it tries once more on v's base64 decoding (kubeconfig *-data
// fields, Kubernetes Secret data, base64 GOOGLE_CREDENTIALS).
func inspectValue(v string, allowBase64 bool) *Facts {
	for _, d := range decoders {
		if !d.fits(v) {
			continue
		}
		if f, err := d.decode(v); err == nil && f != nil {
			return f
		}
	}
	if allowBase64 {
		if text, ok := base64Text(v); ok {
			return inspectValue(text, false)
		}
	}
	return nil
}

// contextCandidates returns the pieces of ctx around the secret worth
// decoding, narrowest first: the field the secret is in (split at
// whitespace, quotes and semicolons), the same without splitting at
// semicolons (a connection string), and the whole context.
func contextCandidates(ctx, secret string) []string {
	i := strings.Index(ctx, secret)
	field := func(stop func(rune) bool) string {
		start := 0
		if j := strings.LastIndexFunc(ctx[:i], stop); j >= 0 {
			_, size := utf8.DecodeRuneInString(ctx[j:])
			start = j + size
		}
		end := len(ctx)
		if j := strings.IndexFunc(ctx[i+len(secret):], stop); j >= 0 {
			end = i + len(secret) + j
		}
		return ctx[start:end]
	}
	quoteOrSpace := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("\"'`<>,()[]{}", r) }
	out := []string{
		field(func(r rune) bool { return quoteOrSpace(r) || r == ';' }),
		field(quoteOrSpace),
		strings.TrimSpace(ctx),
	}
	var uniq []string
	for _, c := range out {
		if c != "" && c != secret && !slices.Contains(uniq, c) {
			uniq = append(uniq, c)
		}
	}
	return uniq
}

// base64Text decodes v as standard base64 when the result is text, the way
// kubeconfig and Kubernetes Secrets wrap PEM and JSON.
func base64Text(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if len(v) < 32 {
		return "", false
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(v); err != nil {
			return "", false
		}
	}
	if !utf8.Valid(b) {
		return "", false
	}
	for _, r := range string(b) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' {
			return "", false
		}
	}
	return string(b), true
}

// looksLikeJWT is the cheap shape test: a base64url JSON header ("eyJ"),
// optionally after "Bearer ", and three dot-separated segments.
func looksLikeJWT(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
		s = strings.TrimSpace(s[7:])
	}
	return strings.HasPrefix(s, "eyJ") && strings.Count(s, ".") >= 2
}

func isKubeconfigPath(p string) bool {
	p = strings.ToLower(strings.ReplaceAll(p, `\`, "/"))
	return strings.Contains(path.Base(p), "kubeconfig") || strings.HasSuffix(p, ".kube/config")
}

func containsAny(subs ...string) func(string) bool {
	return func(s string) bool {
		for _, sub := range subs {
			if strings.Contains(s, sub) {
				return true
			}
		}
		return false
	}
}

// containsFold is containsAny ignoring ASCII case.
func containsFold(subs ...string) func(string) bool {
	return func(s string) bool {
		lower := strings.ToLower(s)
		for _, sub := range subs {
			if strings.Contains(lower, strings.ToLower(sub)) {
				return true
			}
		}
		return false
	}
}

// publishablePrefixes are keys that vendors publish by design, for use in
// browsers and mobile apps; finding one is not a leak.
var publishablePrefixes = []struct{ prefix, kind, reason string }{
	{"sb_publishable_", "supabase-publishable-key", "Supabase publishable key: public by design, access is governed by row-level security."},
	{"pk_live_", "stripe-publishable-key", "Stripe publishable key: public by design, it can only create tokens in the browser."},
	{"pk_test_", "stripe-publishable-key", "Stripe test-mode publishable key: public by design."},
}

// publicByDesign recognises publishable keys by prefix.
func publicByDesign(s string) (*Facts, error) {
	s = strings.TrimSpace(s)
	for _, p := range publishablePrefixes {
		if strings.HasPrefix(s, p.prefix) && len(s) > len(p.prefix)+8 {
			f := &Facts{Kind: p.kind, NotSecret: true, Lifetime: finding.LifetimeUnknown, Reason: p.reason}
			return f.finish(), nil
		}
	}
	return nil, errNotApplicable
}
