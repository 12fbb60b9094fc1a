package introspect

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
)

// jwtToken is a decoded, unverified JWT: its header and claims. The
// signature is checked for shape only and never kept.
type jwtToken struct {
	header map[string]any
	claims map[string]any
}

// parseJWT decodes a compact JWS. It accepts an optional "Bearer " prefix and
// padded segments, and rejects JWE (five segments), which cannot be read
// without the key.
func parseJWT(s string) (*jwtToken, error) {
	if len(s) > MaxInputSize {
		return nil, errTooLarge
	}
	s = strings.TrimSpace(s)
	if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
		s = strings.TrimSpace(s[7:])
	}
	parts := strings.Split(s, ".")
	switch len(parts) {
	case 3:
	case 5:
		return nil, decodeError("jwt", "encrypted JWT (JWE) cannot be read offline")
	default:
		return nil, errNotApplicable
	}
	if !isBase64URL(parts[2]) {
		return nil, decodeError("jwt", "signature is not base64url")
	}
	header, err := decodeJWTSegment(parts[0])
	if err != nil {
		return nil, decodeError("jwt", "header: "+err.Error())
	}
	if _, ok := stringValue(header["alg"]); !ok {
		return nil, decodeError("jwt", "header has no alg")
	}
	claims, err := decodeJWTSegment(parts[1])
	if err != nil {
		return nil, decodeError("jwt", "claims: "+err.Error())
	}
	return &jwtToken{header: header, claims: claims}, nil
}

func decodeJWTSegment(seg string) (map[string]any, error) {
	seg = strings.TrimRight(seg, "=")
	if seg == "" || !isBase64URL(seg) {
		return nil, fmt.Errorf("not base64url")
	}
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		return nil, fmt.Errorf("not base64url")
	}
	return decodeObject(b)
}

func isBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// JWT reads a JSON Web Token's header and claims without verifying it:
// iss, sub, aud, exp, iat, nbf, role, and the permission claims scope, scp,
// roles, permissions and Docker's access. A token without exp never expires;
// role "anon" marks a public-by-design PostgREST/Supabase key.
func JWT(s string) (*Facts, error) {
	tok, err := parseJWT(s)
	if err != nil {
		return nil, err
	}
	f := &Facts{Kind: "jwt"}
	tok.readStandard(f)
	f.classify()

	var b strings.Builder
	b.WriteString("JWT")
	if f.Issuer != "" && len(f.Issuer) <= maxUnknownLen {
		fmt.Fprintf(&b, " from issuer %s", f.Issuer)
	}
	if f.Role != "" {
		fmt.Fprintf(&b, " with role %s", f.Role)
	}
	switch f.Role {
	case "anon":
		f.NotSecret = true
		f.Reason = b.String() + " is a public client key by design: it only grants what row-level security allows anonymous users."
		return f.finish(), nil
	case "service_role":
		b.WriteString(" (bypasses row-level security)")
	}
	if f.Role == "" {
		b.WriteString(describeScopes(f.Scopes))
	}
	f.Reason = b.String() + " " + describeExpiry(f) + "."
	return f.finish(), nil
}

// readStandard copies the registered claims, the common permission claims
// and a few well-known identifiers into f.
func (t *jwtToken) readStandard(f *Facts) {
	c := t.claims
	for _, k := range []string{"alg", "typ", "kid"} {
		if v, ok := stringValue(t.header[k]); ok && len(v) <= maxUnknownLen {
			f.setAttr(k, v)
		}
	}
	f.Issuer = claimString(c, "iss")
	f.Subject = claimString(c, "sub")
	f.Audience = strings.Join(boundedList(stringList(c["aud"])), ", ")
	f.Role = claimString(c, "role")
	var ok bool
	if f.ExpiresAt, ok = numericDate(c["exp"]); !ok {
		f.NeverExpires = c["exp"] == nil
	}
	f.IssuedAt, _ = numericDate(c["iat"])
	f.NotBefore, _ = numericDate(c["nbf"])

	for _, k := range []string{"scope", "scp", "roles", "permissions", "groups"} {
		f.addScopes(stringList(c[k])...)
	}
	f.addScopes(dockerAccess(c["access"])...)
	f.finish() // sort and deduplicate scopes before Reasons count them

	// Identifiers that say whose token this is: Entra tenant and app,
	// OAuth client, Supabase project, GitHub Actions workflow.
	for _, k := range []string{"tid", "appid", "azp", "client_id", "ref", "repository", "job_workflow_ref", "environment"} {
		if v := claimString(c, k); v != "" {
			f.setAttr(k, v)
		}
	}
	t.copyUnknownClaims(f)
}

// knownClaims are read into named fields; everything else is "unknown".
var knownClaims = []string{
	"iss", "sub", "aud", "exp", "iat", "nbf", "jti", "role",
	"scope", "scp", "roles", "permissions", "groups", "access",
	"tid", "appid", "azp", "client_id", "ref", "repository", "job_workflow_ref", "environment",
}

// maxUnknownClaims bounds how many unknown claims are copied.
const maxUnknownClaims = 16

// copyUnknownClaims copies short scalar claims under "claim.<name>". Long
// values, structured values and claims whose names suggest a secret are
// skipped: a token can embed another credential, and a report must not.
func (t *jwtToken) copyUnknownClaims(f *Facts) {
	names := make([]string, 0, len(t.claims))
	for k := range t.claims {
		if !slices.Contains(knownClaims, k) && len(k) <= maxUnknownLen && !secretish(k) {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	copied := 0
	for _, k := range names {
		if copied == maxUnknownClaims {
			break
		}
		var v string
		switch x := t.claims[k].(type) {
		case string:
			v = x
		case bool:
			v = fmt.Sprint(x)
		case interface{ String() string }: // json.Number
			v = x.String()
		default:
			continue
		}
		if v == "" || len(v) > maxUnknownLen {
			continue
		}
		f.setAttr("claim."+k, v)
		copied++
	}
}

// secretish reports whether a claim name suggests its value is a credential.
func secretish(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"secret", "token", "key", "pass", "pwd", "cred", "auth", "sig", "cookie", "session", "nonce", "hash"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// claimString returns a string claim, bounded for display.
func claimString(c map[string]any, k string) string {
	v, _ := stringValue(c[k])
	return clean(v, maxValueLen)
}

// boundedList keeps at most 16 short entries of a claim list.
func boundedList(l []string) []string {
	var out []string
	for _, s := range l {
		if s = clean(s, maxValueLen); s != "" && len(out) < 16 {
			out = append(out, s)
		}
	}
	return out
}

// dockerAccess reads a Docker registry token's access claim,
// [{"type":"repository","name":"app","actions":["pull","push"]}], as
// "repository:app:pull" scopes, the form registries use in scope requests.
func dockerAccess(v any) []string {
	entries, ok := v.([]any)
	if !ok {
		return nil
	}
	var out []string
	for _, e := range entries {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		typ, _ := stringValue(m["type"])
		name, _ := stringValue(m["name"])
		for _, a := range stringList(m["actions"]) {
			out = append(out, typ+":"+name+":"+a)
		}
	}
	return out
}

// Kubernetes service-account token claims.
const (
	legacySAIssuer     = "kubernetes/serviceaccount"
	legacyNamespace    = "kubernetes.io/serviceaccount/namespace"
	legacySAName       = "kubernetes.io/serviceaccount/service-account.name"
	legacySecretName   = "kubernetes.io/serviceaccount/secret.name"
	boundKubernetesKey = "kubernetes.io"
)

// KubernetesSAToken reads a Kubernetes service-account token. Legacy tokens
// stored in kubernetes.io/service-account-token Secrets (iss
// "kubernetes/serviceaccount") have no exp and stay valid until the Secret
// is deleted; bound tokens from the TokenRequest API carry exp and the pod
// they are bound to. Any other JWT is not applicable.
func KubernetesSAToken(s string) (*Facts, error) {
	tok, err := parseJWT(s)
	if err != nil {
		return nil, err
	}
	f := &Facts{}
	tok.readStandard(f)
	c := tok.claims
	var namespace, account string
	switch bound, _ := c[boundKubernetesKey].(map[string]any); {
	case f.Issuer == legacySAIssuer:
		f.Kind = "k8s-legacy-sa-token"
		namespace, account = claimString(c, legacyNamespace), claimString(c, legacySAName)
		f.setAttr("secret-name", claimString(c, legacySecretName))
	case bound != nil:
		f.Kind = "k8s-sa-token"
		namespace = claimString(bound, "namespace")
		if sa, ok := bound["serviceaccount"].(map[string]any); ok {
			account = claimString(sa, "name")
		}
		if pod, ok := bound["pod"].(map[string]any); ok {
			f.setAttr("bound-pod", claimString(pod, "name"))
		}
		if secret, ok := bound["secret"].(map[string]any); ok {
			f.setAttr("bound-secret", claimString(secret, "name"))
		}
		if node, ok := bound["node"].(map[string]any); ok {
			f.setAttr("bound-node", claimString(node, "name"))
		}
		if warn, ok := numericDate(bound["warnafter"]); ok {
			// Auto-extended tokens: exp is a year out, but the issuer
			// expects rotation after warnafter.
			f.setAttr("warn-after", warn.Format(time.RFC3339))
		}
	default:
		return nil, errNotApplicable
	}
	for k := range f.Attributes {
		if strings.HasPrefix(k, "claim.") {
			delete(f.Attributes, k) // legacy claims are read above; keep the facts focused
		}
	}
	f.setAttr("namespace", namespace)
	f.setAttr("service-account", account)
	if f.Subject == "" && namespace != "" && account != "" {
		f.Subject = "system:serviceaccount:" + namespace + ":" + account
	}
	f.classify()
	who := f.Subject
	if who == "" {
		who = "an unnamed service account"
	}
	if f.Kind == "k8s-legacy-sa-token" {
		f.Reason = fmt.Sprintf("Legacy Kubernetes service-account token for %s %s; it stays valid until its Secret is deleted.", who, describeExpiry(f))
	} else {
		f.Reason = fmt.Sprintf("Kubernetes service-account token for %s %s.", who, describeExpiry(f))
	}
	if f.Lifetime == "" {
		f.Lifetime = finding.LifetimeUnknown
	}
	return f.finish(), nil
}
