package introspect

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"flag"
	"math/big"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testNow is the fixed clock every test classifies against.
var testNow = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	now = func() time.Time { return testNow }
	os.Exit(m.Run())
}

// Every key-like fixture is generated here at test time; nothing key-like is
// committed, because the repository scans itself.

func unix(y int, mo time.Month, d int) int64 {
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix()
}

// makeJWT builds an unsigned-looking JWT from a header and claims, with a
// random signature segment.
func makeJWT(t testing.TB, header, claims map[string]any) string {
	t.Helper()
	if header == nil {
		header = map[string]any{"alg": "HS256", "typ": "JWT"}
	}
	return segment(t, header) + "." + segment(t, claims) + "." + randomB64(t, 32)
}

func segment(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func randomB64(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// jwtSignature returns the third segment of a JWT.
func jwtSignature(tok string) string { return tok[strings.LastIndexByte(tok, '.')+1:] }

var (
	rsaOnce sync.Once
	rsaKey  *rsa.PrivateKey
)

// testRSAKey is generated once per test binary: RSA generation is slow.
func testRSAKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	rsaOnce.Do(func() {
		var err error
		if rsaKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
	})
	return rsaKey
}

func testECKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func testEd25519Key(t testing.TB) ed25519.PrivateKey {
	t.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func pemText(typ string, headers map[string]string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Headers: headers, Bytes: der}))
}

func pkcs8PEM(t testing.TB, key any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pemText("PRIVATE KEY", nil, der)
}

func openSSHPEM(t testing.TB, key any, passphrase string) string {
	t.Helper()
	var block *pem.Block
	var err error
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(key, "test")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(key, "test", []byte(passphrase))
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(block))
}

// pemBody is the base64 body of a PEM text: the key material.
func pemBody(s string) string {
	var body []string
	for _, l := range strings.Split(s, "\n") {
		if l == "" || strings.HasPrefix(l, "-----") || strings.Contains(l, ":") {
			continue
		}
		body = append(body, l)
	}
	return strings.Join(body, "")
}

// clientCert builds a client certificate signed by a throwaway CA and
// returns it as base64 PEM, the way kubeconfig's client-certificate-data
// holds it.
func clientCert(t testing.TB, cn string, groups []string, notBefore, notAfter time.Time) string {
	t.Helper()
	caKey := testECKey(t)
	ca := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kubernetes"},
		NotBefore:             notBefore,
		NotAfter:              notAfter.AddDate(10, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: cn, Organization: groups},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, leaf, ca, &testECKey(t).PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString([]byte(pemText("CERTIFICATE", nil, der)))
}

// gcpKeyJSON builds a service-account key file around a generated key.
func gcpKeyJSON(t testing.TB, fields map[string]any) string {
	t.Helper()
	m := map[string]any{
		"type":           "service_account",
		"project_id":     "demo-project",
		"private_key_id": strings.Repeat("ab12", 10),
		"private_key":    pkcs8PEM(t, testRSAKey(t)),
		"client_email":   "deployer@demo-project.iam.gserviceaccount.com",
		"client_id":      "123456789012345678901",
		"token_uri":      "https://oauth2.googleapis.com/token",
	}
	for k, v := range fields {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// outputs lists every string a report could show from f.
func outputs(f *Facts) []string {
	out := []string{f.Kind, string(f.Lifetime), f.Subject, f.Issuer, f.Audience, f.Role, f.Reason}
	out = append(out, f.Scopes...)
	for k, v := range f.Attributes {
		out = append(out, k, v)
	}
	return out
}

// leakWindow is the length of a substring of secret material that must not
// appear in any output.
const leakWindow = 16

// assertNoLeak fails when any leakWindow-long piece of secret appears in
// f's outputs, unless that piece also appears in allowed (the non-secret
// text the decoder legitimately reads, which may coincide in fuzzed input).
func assertNoLeak(t testing.TB, f *Facts, secret, allowed string) {
	t.Helper()
	if f == nil || len(secret) < leakWindow {
		return
	}
	secret = secret[:min(len(secret), 4096)]
	outs := outputs(f)
	allowedClean := allowed + "\x00" + clean(allowed, len(allowed))
	for i := 0; i+leakWindow <= len(secret); i++ {
		w := secret[i : i+leakWindow]
		if strings.Contains(allowedClean, w) {
			continue
		}
		for _, o := range outs {
			if strings.Contains(o, w) {
				t.Fatalf("facts leak secret material at offset %d (output %d chars)", i, len(o))
			}
		}
	}
}

// assertWellFormed checks the invariants every returned Facts keeps.
func assertWellFormed(t testing.TB, f *Facts) {
	t.Helper()
	if f.Kind == "" || f.Reason == "" {
		t.Fatalf("facts without kind or reason: %+v", f.Kind)
	}
	switch f.Lifetime {
	case "long-lived", "short-lived", "unknown":
	default:
		t.Fatalf("bad lifetime %q", f.Lifetime)
	}
	if !slices.IsSorted(f.Scopes) || len(slices.Compact(slices.Clone(f.Scopes))) != len(f.Scopes) {
		t.Fatalf("scopes not sorted and unique: %q", f.Scopes)
	}
	for _, o := range outputs(f) {
		if len(o) > maxReasonLen+8 || (len(o) > maxValueLen+8 && o != f.Reason) {
			t.Fatalf("output of %d bytes exceeds the bound", len(o))
		}
	}
}

// checkFacts compares got with want on every field but Attributes, which
// are compared only on the keys of wantAttrs ("" meaning absent).
func checkFacts(t *testing.T, got, want *Facts, wantAttrs map[string]string) {
	t.Helper()
	assertWellFormed(t, got)
	g, w := *got, *want
	g.Attributes, w.Attributes = nil, nil
	if w.Lifetime == "" {
		w.Lifetime = "unknown"
	}
	gj, _ := json.MarshalIndent(g, "", "  ")
	wj, _ := json.MarshalIndent(w, "", "  ")
	if string(gj) != string(wj) {
		t.Errorf("facts differ\ngot:  %s\nwant: %s", gj, wj)
	}
	for k, v := range wantAttrs {
		if got.Attributes[k] != v {
			t.Errorf("attribute %q = %q, want %q", k, got.Attributes[k], v)
		}
	}
}
