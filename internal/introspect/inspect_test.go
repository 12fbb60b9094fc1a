package introspect

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInspect checks that Inspect picks the right decoder from the secret
// and its context; the facts are compared with testdata/inspect.golden.json.
func TestInspect(t *testing.T) {
	sig := fakeSig(t)
	sas := "sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=2030-01-01T00:00:00Z&st=2025-01-01T00:00:00Z&sig=" + sig
	serviceRole := makeJWT(t, nil, map[string]any{"iss": "supabase", "ref": "abcdefghijklmnopqrst", "role": "service_role",
		"iat": unix(2025, 1, 1), "exp": unix(2035, 1, 1)})
	bearer := makeJWT(t, map[string]any{"alg": "RS256"}, map[string]any{"sub": "svc", "scope": "read write",
		"iat": testNow.Unix(), "exp": testNow.Add(time.Hour).Unix()})
	presigned := "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + awsKeyID("AKIA") +
		"%2F20260114%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260114T120000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=" + strings.Repeat("ab", 32)
	gcsSig := strings.Repeat("cd", 64)
	gcs := "https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=s%40p.iam.gserviceaccount.com%2F20260114%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20260114T120000Z&X-Goog-Expires=3600&X-Goog-SignedHeaders=host&X-Goog-Signature=" + gcsSig
	clientKey := base64.StdEncoding.EncodeToString([]byte(pkcs8PEM(t, testEd25519Key(t))))
	issued := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	clientCertData := clientCert(t, "kubernetes-admin", []string{"system:masters"}, issued, issued.AddDate(1, 0, 0))
	legacySA := makeJWT(t, map[string]any{"alg": "RS256"}, map[string]any{"iss": "kubernetes/serviceaccount",
		"kubernetes.io/serviceaccount/namespace": "kube-system", "kubernetes.io/serviceaccount/service-account.name": "admin",
		"sub": "system:serviceaccount:kube-system:admin"})
	other := makeJWT(t, nil, map[string]any{"sub": "neighbour"})

	tests := []struct {
		name   string
		secret string
		hints  Hints
		none   bool // Inspect must return false
	}{
		{name: "sas-in-connection-string", secret: sig,
			hints: Hints{Path: "app/settings.json", Match: "sig=" + sig, Line: `  "Storage": "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=` + sas + `",`}},
		{name: "sas-url-secret-is-whole-url", secret: "https://acct.blob.core.windows.net/c?" + sas},
		{name: "presigned-url-found-by-its-key-id", secret: awsKeyID("AKIA"), hints: Hints{Line: "url = " + presigned}},
		{name: "bare-key-id", secret: awsKeyID("AKIA"), hints: Hints{Line: "aws_access_key_id = " + awsKeyID("AKIA")}},
		{name: "gcs-signed-url-found-by-signature", secret: gcsSig, hints: Hints{Line: "curl '" + gcs + "'"}},
		{name: "supabase-service-role", secret: serviceRole, hints: Hints{Path: ".env", Line: "SUPABASE_SERVICE_ROLE_KEY=" + serviceRole}},
		{name: "bearer-jwt-in-header", secret: bearer, hints: Hints{Line: "Authorization: Bearer " + bearer}},
		{name: "legacy-sa-token", secret: legacySA},
		{name: "kubeconfig-client-key", secret: clientKey, hints: Hints{Path: "deploy/kubeconfig.yaml", Line: "    client-key-data: " + clientKey}},
		{name: "kubeconfig-client-cert", secret: clientCertData, hints: Hints{Path: ".kube/config"}},
		{name: "gcp-key-base64", secret: base64.StdEncoding.EncodeToString([]byte(gcpKeyJSON(t, nil)))},
		{name: "gcp-key-json", secret: gcpKeyJSON(t, nil)},
		{name: "supabase-publishable", secret: "sb_publishable_" + strings.Repeat("x1", 12)},
		{name: "neighbour-jwt-is-not-described", secret: "opaque" + strings.Repeat("Z", 20), none: true,
			hints: Hints{Line: "A=" + other + " B=opaque" + strings.Repeat("Z", 20)}},
		{name: "opaque-token", secret: "ghp_" + strings.Repeat("a1", 18), none: true, hints: Hints{Line: "token: ghp_" + strings.Repeat("a1", 18)}},
		{name: "empty", secret: "", none: true},
	}
	got := map[string]*Facts{}
	for _, tt := range tests {
		f, ok := Inspect(tt.secret, tt.hints)
		if ok != !tt.none {
			t.Errorf("%s: Inspect ok = %v, want %v (kind %v)", tt.name, ok, !tt.none, kindOf(f))
			continue
		}
		if !ok {
			continue
		}
		assertWellFormed(t, f)
		for _, part := range []string{sig, gcsSig, jwtSignature(serviceRole), jwtSignature(bearer), jwtSignature(legacySA), pemBody(string(mustB64(t, clientKey)))} {
			assertNoLeak(t, f, part, "")
		}
		got[tt.name] = f
	}
	compareGolden(t, "inspect.golden.json", got)
}

func kindOf(f *Facts) string {
	if f == nil {
		return "<nil>"
	}
	return f.Kind
}

func mustB64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func compareGolden(t *testing.T, name string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(b) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, b)
	}
}

func TestExceedsPolicy(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name string
		f    Facts
		p    Policy
		want bool
	}{
		{"never expires", Facts{NeverExpires: true}, Policy{}, true},
		{"unknown expiry", Facts{}, Policy{}, false},
		{"validity from iat over 90 days", Facts{IssuedAt: testNow.Add(-200 * day), ExpiresAt: testNow.Add(-100 * day)}, Policy{}, true},
		{"validity from iat exactly 90 days", Facts{IssuedAt: testNow, ExpiresAt: testNow.Add(90 * day)}, Policy{}, false},
		{"validity from nbf", Facts{NotBefore: testNow, ExpiresAt: testNow.Add(91 * day)}, Policy{}, true},
		{"no start counts from now", Facts{ExpiresAt: testNow.Add(30 * day)}, Policy{}, false},
		{"no start, far expiry", Facts{ExpiresAt: testNow.Add(365 * day)}, Policy{}, true},
		{"stricter policy", Facts{IssuedAt: testNow, ExpiresAt: testNow.Add(2 * day)}, Policy{MaxLifetime: day}, true},
		{"expired without start", Facts{ExpiresAt: testNow.Add(-day)}, Policy{}, false},
	}
	for _, tt := range tests {
		if got := tt.f.ExceedsPolicy(tt.p, testNow); got != tt.want {
			t.Errorf("%s: ExceedsPolicy = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		-time.Second:          "negative validity",
		30 * time.Second:      "30 seconds",
		time.Minute:           "1 minute",
		90 * time.Minute:      "1 hour",
		49 * time.Hour:        "2 days",
		3652 * 24 * time.Hour: "10 years",
		364 * 24 * time.Hour:  "364 days",
		365 * 24 * time.Hour:  "1 year",
	} {
		if got := humanDuration(d); got != want {
			t.Errorf("humanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestCleanBoundsAndStripsControls(t *testing.T) {
	if got := clean("a\x00b\x1bc\u00e9", 100); got != "abcé" {
		t.Errorf("clean = %q", got)
	}
	if got := clean(strings.Repeat("é", 10), 5); got != "éé…" {
		t.Errorf("clean cut = %q", got)
	}
	if got := clean("\xff\xfe", 10); got != "\uFFFD" {
		t.Errorf("clean invalid = %q", got)
	}
}
