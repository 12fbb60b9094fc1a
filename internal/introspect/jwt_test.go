package introspect

import (
	"strings"
	"testing"
	"time"
)

func TestJWT(t *testing.T) {
	supabase := func(role string) map[string]any {
		return map[string]any{"iss": "supabase", "ref": "abcdefghijklmnopqrst", "role": role,
			"iat": unix(2025, 1, 1), "exp": unix(2035, 1, 1)}
	}
	tests := []struct {
		name   string
		header map[string]any
		claims map[string]any
		want   Facts
		attrs  map[string]string
	}{{
		name:   "supabase service_role ten years",
		claims: supabase("service_role"),
		want: Facts{Kind: "jwt", Lifetime: "long-lived", Issuer: "supabase", Role: "service_role",
			IssuedAt: time.Unix(unix(2025, 1, 1), 0).UTC(), ExpiresAt: time.Unix(unix(2035, 1, 1), 0).UTC(),
			Reason: "JWT from issuer supabase with role service_role (bypasses row-level security) expiring 2035-01-01 (10 years)."},
		attrs: map[string]string{"alg": "HS256", "typ": "JWT", "ref": "abcdefghijklmnopqrst", "expired": ""},
	}, {
		name:   "supabase anon is public by design",
		claims: supabase("anon"),
		want: Facts{Kind: "jwt", Lifetime: "long-lived", Issuer: "supabase", Role: "anon", NotSecret: true,
			IssuedAt: time.Unix(unix(2025, 1, 1), 0).UTC(), ExpiresAt: time.Unix(unix(2035, 1, 1), 0).UTC(),
			Reason: "JWT from issuer supabase with role anon is a public client key by design: it only grants what row-level security allows anonymous users."},
	}, {
		name: "one-hour access token with scopes",
		claims: map[string]any{"iss": "https://auth.example.com/", "sub": "svc-reporting", "aud": []any{"api", "admin"},
			"scope": "write:users read:users read:users", "iat": testNow.Add(-30 * time.Minute).Unix(), "exp": testNow.Add(30 * time.Minute).Unix()},
		want: Facts{Kind: "jwt", Lifetime: "short-lived", Issuer: "https://auth.example.com/", Subject: "svc-reporting",
			Audience: "api, admin", Scopes: []string{"read:users", "write:users"},
			IssuedAt: testNow.Add(-30 * time.Minute), ExpiresAt: testNow.Add(30 * time.Minute),
			Reason: "JWT from issuer https://auth.example.com/ with scopes read:users, write:users expiring 2026-01-15 (1 hour)."},
	}, {
		name:   "expired token is still reported",
		claims: map[string]any{"sub": "ci", "iat": unix(2024, 1, 1), "exp": unix(2024, 1, 2)},
		want: Facts{Kind: "jwt", Lifetime: "short-lived", Subject: "ci",
			IssuedAt: time.Unix(unix(2024, 1, 1), 0).UTC(), ExpiresAt: time.Unix(unix(2024, 1, 2), 0).UTC(),
			Reason: "JWT expired 2024-01-02."},
		attrs: map[string]string{"expired": "true"},
	}, {
		name:   "expired without iat has unknown lifetime",
		claims: map[string]any{"exp": unix(2024, 1, 2)},
		want:   Facts{Kind: "jwt", Lifetime: "unknown", ExpiresAt: time.Unix(unix(2024, 1, 2), 0).UTC(), Reason: "JWT expired 2024-01-02."},
		attrs:  map[string]string{"expired": "true"},
	}, {
		name:   "no exp never expires",
		claims: map[string]any{"sub": "worker", "iat": unix(2023, 6, 1)},
		want: Facts{Kind: "jwt", Lifetime: "long-lived", Subject: "worker", NeverExpires: true,
			IssuedAt: time.Unix(unix(2023, 6, 1), 0).UTC(), Reason: "JWT with no expiry."},
	}, {
		name:   "nonsense exp is unreadable, not never",
		claims: map[string]any{"exp": 1e20},
		want:   Facts{Kind: "jwt", Lifetime: "unknown", Reason: "JWT with no readable expiry."},
	}, {
		name:   "exp over the policy without iat counts from now",
		claims: map[string]any{"exp": testNow.AddDate(1, 0, 0).Unix()},
		want:   Facts{Kind: "jwt", Lifetime: "long-lived", ExpiresAt: testNow.AddDate(1, 0, 0), Reason: "JWT expiring 2027-01-15."},
	}, {
		name:   "entra app token",
		header: map[string]any{"alg": "RS256", "typ": "JWT", "kid": "abc123"},
		claims: map[string]any{"aud": "https://graph.microsoft.com", "scp": "User.Read Mail.Send", "roles": []any{"Admin"},
			"tid": "tenant-1", "appid": "app-1", "iat": testNow.Unix(), "nbf": testNow.Unix(), "exp": testNow.Add(time.Hour).Unix()},
		want: Facts{Kind: "jwt", Lifetime: "short-lived", Audience: "https://graph.microsoft.com",
			Scopes: []string{"Admin", "Mail.Send", "User.Read"}, IssuedAt: testNow, NotBefore: testNow, ExpiresAt: testNow.Add(time.Hour),
			Reason: "JWT with scopes Admin, Mail.Send, User.Read expiring 2026-01-15 (1 hour)."},
		attrs: map[string]string{"alg": "RS256", "kid": "abc123", "tid": "tenant-1", "appid": "app-1"},
	}, {
		name: "docker registry access and unknown claims",
		claims: map[string]any{"access": []any{map[string]any{"type": "repository", "name": "app", "actions": []any{"push", "pull"}}},
			"tier": "gold", "note": strings.Repeat("n", 65), "api_key": "short", "nested": map[string]any{"a": 1}, "count": 3, "exp": testNow.Add(5 * time.Minute).Unix()},
		want: Facts{Kind: "jwt", Lifetime: "short-lived", Scopes: []string{"repository:app:pull", "repository:app:push"},
			ExpiresAt: testNow.Add(5 * time.Minute), Reason: "JWT with scopes repository:app:pull, repository:app:push expiring 2026-01-15."},
		attrs: map[string]string{"claim.tier": "gold", "claim.count": "3", "claim.note": "", "claim.api_key": "", "claim.nested": ""},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := makeJWT(t, tt.header, tt.claims)
			got, err := JWT(tok)
			if err != nil {
				t.Fatalf("JWT: %v", err)
			}
			checkFacts(t, got, &tt.want, tt.attrs)
			assertNoLeak(t, got, jwtSignature(tok), "")
		})
	}
}

func TestJWTAcceptsBearerAndPadding(t *testing.T) {
	tok := makeJWT(t, nil, map[string]any{"sub": "x"})
	parts := strings.Split(tok, ".")
	padded := parts[0] + strings.Repeat("=", (4-len(parts[0])%4)%4) + "." + parts[1] + "." + parts[2]
	for _, s := range []string{"Bearer " + tok, "  " + tok + "\n", padded} {
		if f, err := JWT(s); err != nil || f.Subject != "x" {
			t.Errorf("JWT(variant) = %v, %v", f, err)
		}
	}
}

func TestJWTRejects(t *testing.T) {
	tok := makeJWT(t, nil, map[string]any{"sub": "x", "exp": 1})
	parts := strings.Split(tok, ".")
	tests := map[string]string{
		"two segments":         parts[0] + "." + parts[1],
		"JWE":                  tok + ".a.b",
		"truncated payload":    parts[0] + "." + parts[1][:len(parts[1])/2] + "." + parts[2],
		"header not JSON":      segment(t, "just a string") + "." + parts[1] + "." + parts[2],
		"header without alg":   segment(t, map[string]any{"typ": "JWT"}) + "." + parts[1] + "." + parts[2],
		"payload not base64":   parts[0] + ".@@@." + parts[2],
		"signature with space": parts[0] + "." + parts[1] + ".a b",
		"empty":                "",
		"azure sas":            "sv=2024-11-04&sp=r&sig=abc",
		"deep nesting":         parts[0] + "." + segment(t, deep(40)) + "." + parts[2],
		"too large":            parts[0] + "." + strings.Repeat("A", MaxInputSize) + "." + parts[2],
	}
	for name, s := range tests {
		t.Run(name, func(t *testing.T) {
			f, err := JWT(s)
			if err == nil {
				t.Fatalf("JWT accepted %s: %+v", name, f)
			}
			if len(parts[2]) >= leakWindow && strings.Contains(err.Error(), parts[2][:leakWindow]) {
				t.Fatal("error quotes the signature")
			}
		})
	}
}

// deep returns a JSON object nested n levels.
func deep(n int) map[string]any {
	m := map[string]any{"x": 1}
	for range n {
		m = map[string]any{"x": m}
	}
	return m
}

func TestKubernetesSAToken(t *testing.T) {
	tests := []struct {
		name   string
		claims map[string]any
		want   Facts
		attrs  map[string]string
	}{{
		name: "legacy secret-based token never expires",
		claims: map[string]any{"iss": "kubernetes/serviceaccount",
			"kubernetes.io/serviceaccount/namespace":            "ci",
			"kubernetes.io/serviceaccount/secret.name":          "deployer-token-x7k2p",
			"kubernetes.io/serviceaccount/service-account.name": "deployer",
			"kubernetes.io/serviceaccount/service-account.uid":  "0b6c2c9e-1111-2222-3333-444455556666",
			"sub": "system:serviceaccount:ci:deployer"},
		want: Facts{Kind: "k8s-legacy-sa-token", Lifetime: "long-lived", NeverExpires: true,
			Issuer: "kubernetes/serviceaccount", Subject: "system:serviceaccount:ci:deployer",
			Reason: "Legacy Kubernetes service-account token for system:serviceaccount:ci:deployer with no expiry; it stays valid until its Secret is deleted."},
		attrs: map[string]string{"namespace": "ci", "service-account": "deployer", "secret-name": "deployer-token-x7k2p",
			"claim.kubernetes.io/serviceaccount/service-account.uid": ""},
	}, {
		name: "bound token has exp",
		claims: map[string]any{"iss": "https://kubernetes.default.svc.cluster.local", "aud": []any{"https://kubernetes.default.svc.cluster.local"},
			"iat": testNow.Unix(), "nbf": testNow.Unix(), "exp": testNow.Add(time.Hour).Unix(), "sub": "system:serviceaccount:prod:api",
			"kubernetes.io": map[string]any{"namespace": "prod", "pod": map[string]any{"name": "api-7d9f", "uid": "u1"},
				"serviceaccount": map[string]any{"name": "api", "uid": "u2"}}},
		want: Facts{Kind: "k8s-sa-token", Lifetime: "short-lived", Issuer: "https://kubernetes.default.svc.cluster.local",
			Audience: "https://kubernetes.default.svc.cluster.local", Subject: "system:serviceaccount:prod:api",
			IssuedAt: testNow, NotBefore: testNow, ExpiresAt: testNow.Add(time.Hour),
			Reason: "Kubernetes service-account token for system:serviceaccount:prod:api expiring 2026-01-15 (1 hour)."},
		attrs: map[string]string{"namespace": "prod", "service-account": "api", "bound-pod": "api-7d9f"},
	}, {
		name: "auto-extended bound token is long-lived by policy",
		claims: map[string]any{"iss": "https://oidc.example", "iat": testNow.Unix(), "exp": testNow.AddDate(1, 0, 0).Unix(),
			"kubernetes.io": map[string]any{"namespace": "prod", "warnafter": testNow.Add(time.Hour).Unix(),
				"serviceaccount": map[string]any{"name": "api"}}},
		want: Facts{Kind: "k8s-sa-token", Lifetime: "long-lived", Issuer: "https://oidc.example", Subject: "system:serviceaccount:prod:api",
			IssuedAt: testNow, ExpiresAt: testNow.AddDate(1, 0, 0),
			Reason: "Kubernetes service-account token for system:serviceaccount:prod:api expiring 2027-01-15 (1 year)."},
		attrs: map[string]string{"warn-after": "2026-01-15T01:00:00Z"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := makeJWT(t, map[string]any{"alg": "RS256", "kid": "k1"}, tt.claims)
			got, err := KubernetesSAToken(tok)
			if err != nil {
				t.Fatalf("KubernetesSAToken: %v", err)
			}
			checkFacts(t, got, &tt.want, tt.attrs)
			assertNoLeak(t, got, jwtSignature(tok), "")
		})
	}
	t.Run("other JWT is not applicable", func(t *testing.T) {
		if f, err := KubernetesSAToken(makeJWT(t, nil, map[string]any{"iss": "supabase"})); err == nil {
			t.Fatalf("accepted a non-Kubernetes JWT: %+v", f)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		if _, err := KubernetesSAToken("eyJhbGciOiJSUzI1NiJ9.e30"); err == nil {
			t.Fatal("accepted a truncated token")
		}
	})
}
