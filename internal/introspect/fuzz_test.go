package introspect

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Each fuzz target asserts that its decoder never panics, that any facts it
// returns are well formed, and that they never contain the input's secret
// part: a signature, key material or an access key id.

// checkFuzz runs the shared assertions on a decoder result.
func checkFuzz(t *testing.T, f *Facts, err error, secret, allowed string) {
	t.Helper()
	if err != nil {
		if f != nil {
			t.Fatal("facts returned with an error")
		}
		if len(secret) >= leakWindow && strings.Contains(err.Error(), secret[:leakWindow]) {
			t.Fatal("error quotes secret material")
		}
		return
	}
	assertWellFormed(t, f)
	assertNoLeak(t, f, secret, allowed)
}

// jwtParts splits fuzzed input the way the JWT decoder does and returns the
// signature and the decoded header and claims (the text facts may quote).
func jwtParts(s string) (sig, allowed string) {
	parts := strings.Split(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "Bearer ")), ".")
	if len(parts) != 3 {
		return "", ""
	}
	h, _ := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[0], "="))
	c, _ := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	return parts[2], string(h) + "\x00" + string(c)
}

// queryParts returns the values of the secret parameters and the rest of
// the input that facts may legitimately quote.
func queryParts(s string, secretKeys ...string) (secret, allowed string) {
	q, _ := queryOf(sasFromConnectionString(strings.TrimPrefix(strings.TrimSpace(s), "SharedAccessSignature ")))
	var secrets, rest []string
	for k, vs := range q {
		isSecret := false
		for _, sk := range secretKeys {
			isSecret = isSecret || strings.EqualFold(k, sk)
		}
		for _, v := range vs {
			if isSecret {
				secrets = append(secrets, v)
			} else {
				rest = append(rest, k, v)
			}
		}
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		if u, err := url.Parse(s[:i]); err == nil {
			rest = append(rest, u.Host)
		}
	}
	return strings.Join(secrets, "\x00"), strings.Join(rest, "\x00")
}

func FuzzJWT(f *testing.F) {
	f.Add(makeJWT(f, nil, map[string]any{"iss": "supabase", "role": "service_role", "iat": 1, "exp": 2e9}))
	f.Add(makeJWT(f, map[string]any{"alg": "none"}, map[string]any{"scp": []any{"a", 1, "b"}, "aud": 3, "exp": "soon"}))
	f.Add(makeJWT(f, nil, map[string]any{"access": []any{map[string]any{"actions": "pull"}}, "role": "anon"}))
	f.Add("eyJhbGciOiJIUzI1NiJ9.e30.")
	f.Add("Bearer eyJ.eyJ.x")
	f.Add("a.b.c.d.e")
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := JWT(s)
		sig, allowed := jwtParts(s)
		checkFuzz(t, facts, err, sig, allowed)
	})
}

func FuzzKubernetesSAToken(f *testing.F) {
	f.Add(makeJWT(f, nil, map[string]any{"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "ns"}))
	f.Add(makeJWT(f, nil, map[string]any{"kubernetes.io": map[string]any{"namespace": 1, "serviceaccount": "x", "warnafter": -1}}))
	f.Add(makeJWT(f, nil, map[string]any{"kubernetes.io": map[string]any{"pod": map[string]any{"name": strings.Repeat("p", 300)}}, "exp": 1e300}))
	f.Add("eyJhbGciOiJSUzI1NiJ9." + "eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50In0.") // split so the self-scan sees no token
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := KubernetesSAToken(s)
		sig, allowed := jwtParts(s)
		checkFuzz(t, facts, err, sig, allowed)
	})
}

func FuzzAzureSAS(f *testing.F) {
	sig := fakeSig(f)
	f.Add("https://a.blob.core.windows.net/c?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupx&se=2035-01-01T00:00:00Z&sig=" + sig)
	f.Add("sv=1&sr=b&sp=p%ZZ&si=pol&skoid=o&ske=2020-01-01&sig=" + sig)
	f.Add("BlobEndpoint=x;SharedAccessSignature=sv=1&se=2026-01-01T00:00Z&sig=" + sig)
	f.Add("SharedAccessSignature sr=%3A%2F%2F&sig=" + sig + "&se=99999999999999999999&skn=RootManageSharedAccessKey")
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := AzureSAS(s)
		secret, allowed := queryParts(s, "sig")
		checkFuzz(t, facts, err, secret, allowed)
	})
}

func FuzzAWSPresignedURL(f *testing.F) {
	sig := strings.Repeat("ab", 32)
	f.Add("https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + awsKeyID("AKIA") +
		"%2F20260114%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260114T120000Z&X-Amz-Expires=60&X-Amz-Signature=" + sig)
	f.Add("?x-amz-credential=" + awsKeyID("ASIA") + "&x-amz-date=20260114T120000Z&x-amz-security-token=t&x-amz-signature=" + sig)
	f.Add("?AWSAccessKeyId=" + awsKeyID("AKIA") + "&Expires=1700000000&Signature=" + sig)
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := AWSPresignedURL(s)
		secret, allowed := queryParts(s, "X-Amz-Signature", "Signature", "X-Amz-Security-Token")
		checkFuzz(t, facts, err, secret, allowed)
		if facts != nil {
			cred, _ := queryParts(s, "X-Amz-Credential", "AWSAccessKeyId")
			if id, _, _ := strings.Cut(cred, "/"); len(id) >= leakWindow {
				assertNoLeak(t, facts, id, strings.ReplaceAll(allowed, id, ""))
			}
		}
	})
}

func FuzzGCSSignedURL(f *testing.F) {
	sig := strings.Repeat("cd", 64)
	f.Add("https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=s%40p.iam.gserviceaccount.com%2F20260114%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20260114T120000Z&X-Goog-Expires=3600&X-Goog-Signature=" + sig)
	f.Add("?X-Goog-Credential=GOOG1" + strings.Repeat("X", 40) + "&X-Goog-Date=20260114T120000Z&X-Goog-Signature=" + sig)
	f.Add("?GoogleAccessId=a%40b&Expires=1&Signature=" + sig)
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := GCSSignedURL(s)
		secret, allowed := queryParts(s, "X-Goog-Signature", "Signature")
		checkFuzz(t, facts, err, secret, allowed)
	})
}

func FuzzPEMPrivateKey(f *testing.F) {
	rsaPEM := pkcs8PEM(f, testRSAKey(f))
	f.Add(rsaPEM)
	f.Add(rsaPEM[:len(rsaPEM)/3])
	f.Add(strings.ReplaceAll(pkcs8PEM(f, testECKey(f)), "\n", `\n`))
	f.Add(openSSHPEM(f, testEd25519Key(f), "pw"))
	f.Add(pemText("RSA PRIVATE KEY", map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "DES-EDE3-CBC,0011"}, []byte{1, 2, 3}))
	f.Add(pemText("OPENSSH PRIVATE KEY", nil, []byte(openSSHMagic+"\x00\x00\x00\x04none\x00\x00\x00\x04none\x00\x00\x00\x00\x00\x00\x00\x01\xff\xff\xff\xff")))
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := PEMPrivateKey(s)
		body := pemBody(strings.ReplaceAll(s, `\n`, "\n"))
		checkFuzz(t, facts, err, body, headerText(s))
	})
}

// headerText is the part of a PEM text that is not its base64 body: labels
// and headers, which facts may quote.
func headerText(s string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, `\n`, "\n"), "\n") {
		if strings.HasPrefix(l, "-----") || strings.Contains(l, ":") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func FuzzGCPServiceAccountJSON(f *testing.F) {
	f.Add(gcpKeyJSON(f, nil))
	f.Add(base64.StdEncoding.EncodeToString([]byte(gcpKeyJSON(f, map[string]any{"private_key": "-----BEGIN PRIVATE KEY-----\nAAAA"}))))
	f.Add(`{"type":"external_account","audience":1}`)
	f.Add(`{"type":"authorized_user","client_id":{"a":[1,2]}}`)
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := GCPServiceAccountJSON(s)
		m, _ := decodeObject([]byte(s))
		pk, _ := stringValue(m["private_key"])
		checkFuzz(t, facts, err, pemBody(strings.ReplaceAll(pk, `\n`, "\n")), headerText(pk)+"\x00"+strings.ReplaceAll(s, pk, ""))
	})
}

func FuzzKubeconfigClientCert(f *testing.F) {
	issued := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cert := clientCert(f, "admin", []string{"system:masters", "dev"}, issued, issued.AddDate(1, 0, 0))
	f.Add(cert)
	f.Add("client-certificate-data: " + cert)
	f.Add(cert[:len(cert)/2])
	f.Add(base64.StdEncoding.EncodeToString([]byte{0x30, 0x82, 0x01}))
	f.Fuzz(func(t *testing.T, s string) {
		facts, err := KubeconfigClientCert(s)
		der, derr := certificateDER(s)
		if derr != nil {
			der = nil
		}
		// The certificate's encoded bytes are key material to a report:
		// none of the base64 body may appear, though decoded names may.
		checkFuzz(t, facts, err, base64.StdEncoding.EncodeToString(der), string(der)+"\x00"+s[:min(len(s), 64)])
	})
}

func FuzzInspect(f *testing.F) {
	f.Add("sig=abc", "", "x;SharedAccessSignature=sv=1&se=2030-01-01&sig=abc")
	f.Add(awsKeyID("AKIA"), "", "?X-Amz-Credential="+awsKeyID("AKIA")+"&X-Amz-Date=20260101T000000Z")
	f.Add(base64.StdEncoding.EncodeToString([]byte(`{"type":"service_account","client_email":"a@b"}`)), "", "")
	f.Fuzz(func(t *testing.T, secret, match, line string) {
		facts, ok := Inspect(secret, Hints{Match: match, Line: line})
		if ok {
			assertWellFormed(t, facts)
		} else if facts != nil {
			t.Fatal("facts with ok = false")
		}
	})
}
