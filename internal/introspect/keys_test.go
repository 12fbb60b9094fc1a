package introspect

import (
	"crypto/x509"
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

func TestPEMPrivateKey(t *testing.T) {
	rsaKey, ecKey, edKey := testRSAKey(t), testECKey(t), testEd25519Key(t)
	ecDER, err := x509.MarshalECPrivateKey(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	pkcs1 := pemText("RSA PRIVATE KEY", nil, x509.MarshalPKCS1PrivateKey(rsaKey))
	legacyEncrypted := pemText("RSA PRIVATE KEY", map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00112233445566778899AABBCCDDEEFF"},
		x509.MarshalPKCS1PrivateKey(rsaKey))
	const noExpiry = " with no expiry of its own."
	tests := []struct {
		name   string
		in     string
		reason string
		attrs  map[string]string
	}{
		{"PKCS#1 RSA", pkcs1, "RSA 2048-bit private key, unencrypted," + noExpiry,
			map[string]string{"key-type": "RSA", "key-bits": "2048", "key-format": "pkcs1", "encrypted": "false", "pem-type": "RSA PRIVATE KEY"}},
		{"SEC 1 EC", pemText("EC PRIVATE KEY", nil, ecDER), "EC 256-bit private key, unencrypted," + noExpiry,
			map[string]string{"key-type": "EC", "key-bits": "256", "curve": "P-256", "key-format": "sec1", "encrypted": "false"}},
		{"PKCS#8 Ed25519", pkcs8PEM(t, edKey), "Ed25519 private key, unencrypted," + noExpiry,
			map[string]string{"key-type": "Ed25519", "key-format": "pkcs8", "encrypted": "false"}},
		{"PKCS#8 RSA in a JSON string", strings.ReplaceAll(pkcs8PEM(t, rsaKey), "\n", `\n`), "RSA 2048-bit private key, unencrypted," + noExpiry,
			map[string]string{"key-type": "RSA", "key-bits": "2048"}},
		{"PKCS#8 RSA after a JSON key", `  "private_key": "` + strings.ReplaceAll(pkcs8PEM(t, rsaKey), "\n", `\n`) + `",`, "RSA 2048-bit private key, unencrypted," + noExpiry,
			map[string]string{"key-type": "RSA", "key-bits": "2048"}},
		{"legacy encrypted PEM", legacyEncrypted, "RSA private key, passphrase-encrypted," + noExpiry,
			map[string]string{"key-type": "RSA", "encrypted": "true", "cipher": "AES-256-CBC", "key-bits": ""}},
		{"encrypted PKCS#8", pemText("ENCRYPTED PRIVATE KEY", nil, []byte("opaque")), "Private key, passphrase-encrypted," + noExpiry,
			map[string]string{"encrypted": "true", "key-format": "pkcs8"}},
		{"OpenSSH Ed25519", openSSHPEM(t, edKey, ""), "Ed25519 private key, unencrypted," + noExpiry,
			map[string]string{"key-type": "Ed25519", "ssh-key-type": "ssh-ed25519", "key-format": "openssh", "encrypted": "false"}},
		{"OpenSSH RSA encrypted", openSSHPEM(t, rsaKey, "correct horse"), "RSA 2048-bit private key, passphrase-encrypted," + noExpiry,
			map[string]string{"key-type": "RSA", "key-bits": "2048", "encrypted": "true", "cipher": "aes256-ctr", "kdf": "bcrypt"}},
		{"OpenSSH ECDSA", openSSHPEM(t, ecKey, ""), "EC 256-bit private key, unencrypted," + noExpiry,
			map[string]string{"key-type": "EC", "ssh-key-type": "ecdsa-sha2-nistp256"}},
		{"truncated", pkcs1[:len(pkcs1)/2], "RSA private key (truncated or corrupt PEM block)" + noExpiry,
			map[string]string{"key-type": "RSA", "parsed": "false", "encrypted": ""}},
		{"corrupt body", pemText("PRIVATE KEY", nil, []byte("not DER at all")), "Private key (key does not parse)" + noExpiry,
			map[string]string{"parsed": "false", "key-type": "unknown"}},
		{"PGP", "-----BEGIN PGP " + "PRIVATE KEY BLOCK-----\n\nlQ" + strings.Repeat("A", 40) + "\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\n",
			"PGP private key block with no expiry of its own.", map[string]string{"key-type": "PGP"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PEMPrivateKey(tt.in)
			if err != nil {
				t.Fatalf("PEMPrivateKey: %v", err)
			}
			kind := "pem-private-key"
			if tt.name == "PGP" {
				kind = "pgp-private-key"
			}
			checkFacts(t, got, &Facts{Kind: kind, Lifetime: "long-lived", NeverExpires: true, Reason: tt.reason}, tt.attrs)
			assertNoLeak(t, got, pemBody(strings.ReplaceAll(tt.in, `\n`, "\n")), "")
		})
	}
	for name, in := range map[string]string{
		"certificate": base64.StdEncoding.EncodeToString([]byte("x")) + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
		"public key":  "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
		"plain text":  "private key goes here",
		"too large":   "-----BEGIN RSA PRIVATE KEY-----\n" + strings.Repeat("A", MaxInputSize),
	} {
		t.Run("rejects "+name, func(t *testing.T) {
			if f, err := PEMPrivateKey(in); err == nil {
				t.Fatalf("accepted: %+v", f)
			}
		})
	}
}

func TestGCPServiceAccountJSON(t *testing.T) {
	key := gcpKeyJSON(t, nil)
	tests := []struct {
		name  string
		in    string
		want  Facts
		attrs map[string]string
	}{{
		name: "service account key",
		in:   key,
		want: Facts{Kind: "gcp-service-account", Lifetime: "long-lived", NeverExpires: true, Subject: "deployer@demo-project.iam.gserviceaccount.com",
			Reason: "GCP service-account key for deployer@demo-project.iam.gserviceaccount.com with no expiry; it stays valid until the key is deleted."},
		attrs: map[string]string{"client-email": "deployer@demo-project.iam.gserviceaccount.com", "private-key-id": strings.Repeat("ab12", 10),
			"project-id": "demo-project", "key-type": "RSA", "key-bits": "2048", "encrypted": "false"},
	}, {
		name: "base64 of the key file",
		in:   base64.StdEncoding.EncodeToString([]byte(key)),
		want: Facts{Kind: "gcp-service-account", Lifetime: "long-lived", NeverExpires: true, Subject: "deployer@demo-project.iam.gserviceaccount.com",
			Reason: "GCP service-account key for deployer@demo-project.iam.gserviceaccount.com with no expiry; it stays valid until the key is deleted."},
	}, {
		name: "authorized user",
		in:   `{"type":"authorized_user","client_id":"764086051850-example.apps.googleusercontent.com","quota_project_id":"p1"}`,
		want: Facts{Kind: "gcp-authorized-user", Lifetime: "long-lived", NeverExpires: true,
			Reason: "Google user credentials (gcloud application-default login) holding a refresh token with no expiry."},
		attrs: map[string]string{"quota-project-id": "p1"},
	}, {
		name: "external account holds no secret",
		in:   `{"type":"external_account","audience":"//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/providers/gh","subject_token_type":"urn:ietf:params:oauth:token-type:jwt"}`,
		want: Facts{Kind: "gcp-external-account", Lifetime: "short-lived", NotSecret: true,
			Audience: "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/providers/gh",
			Reason:   "Workload identity federation config: it holds no key and exchanges an external token for short-lived credentials."},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := GCPServiceAccountJSON(tt.in)
			if err != nil {
				t.Fatalf("GCPServiceAccountJSON: %v", err)
			}
			checkFacts(t, got, &tt.want, tt.attrs)
			assertNoLeak(t, got, pemBody(pkcs8PEM(t, testRSAKey(t))), "")
		})
	}
	for name, in := range map[string]string{
		"truncated":          key[:len(key)/2],
		"wrong type":         `{"type":"something_else","client_email":"a@b"}`,
		"no identity":        gcpKeyJSON(t, map[string]any{"client_email": nil, "private_key_id": nil}),
		"array":              `[{"type":"service_account"}]`,
		"deep":               `{"type":"service_account","x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`,
		"not base64 or JSON": "service_account",
	} {
		t.Run("rejects "+name, func(t *testing.T) {
			if f, err := GCPServiceAccountJSON(in); err == nil {
				t.Fatalf("accepted: %+v", f)
			}
		})
	}
}

func TestKubeconfigClientCert(t *testing.T) {
	issued := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	admin := clientCert(t, "kubernetes-admin", []string{"system:masters"}, issued, issued.AddDate(1, 0, 0))
	tests := []struct {
		name  string
		in    string
		want  Facts
		attrs map[string]string
	}{{
		name: "kubeadm admin certificate",
		in:   admin,
		want: Facts{Kind: "kubeconfig-client-cert", Lifetime: "long-lived", Subject: "kubernetes-admin", Issuer: "kubernetes",
			Scopes: []string{"system:masters"}, Role: "cluster-admin", NotBefore: issued, ExpiresAt: issued.AddDate(1, 0, 0),
			Reason: "Kubernetes client certificate for user kubernetes-admin in group(s) system:masters (cluster-admin) expiring 2026-06-01 (1 year); Kubernetes cannot revoke it before then."},
		attrs: map[string]string{"key-type": "EC", "key-bits": "256"},
	}, {
		name: "yaml line",
		in:   "    client-certificate-data: " + admin,
		want: Facts{Kind: "kubeconfig-client-cert", Lifetime: "long-lived", Subject: "kubernetes-admin", Issuer: "kubernetes",
			Scopes: []string{"system:masters"}, Role: "cluster-admin", NotBefore: issued, ExpiresAt: issued.AddDate(1, 0, 0),
			Reason: "Kubernetes client certificate for user kubernetes-admin in group(s) system:masters (cluster-admin) expiring 2026-06-01 (1 year); Kubernetes cannot revoke it before then."},
	}, {
		name: "short-lived developer certificate, expired",
		in:   clientCert(t, "alice", []string{"dev", "system:authenticated", "dev"}, issued, issued.Add(24*time.Hour)),
		want: Facts{Kind: "kubeconfig-client-cert", Lifetime: "short-lived", Subject: "alice", Issuer: "kubernetes",
			Scopes: []string{"dev", "system:authenticated"}, NotBefore: issued, ExpiresAt: issued.Add(24 * time.Hour),
			Reason: "Kubernetes client certificate for user alice in group(s) dev, system:authenticated expired 2025-06-02."},
		attrs: map[string]string{"expired": "true"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := KubeconfigClientCert(tt.in)
			if err != nil {
				t.Fatalf("KubeconfigClientCert: %v", err)
			}
			checkFacts(t, got, &tt.want, tt.attrs)
			assertNoLeak(t, got, admin, "")
		})
	}
	for name, in := range map[string]string{
		"truncated base64": admin[:len(admin)/2],
		"corrupt DER":      base64.StdEncoding.EncodeToString([]byte(pemText("CERTIFICATE", nil, []byte{0x30, 0x03, 1, 2, 3}))),
		"private key":      base64.StdEncoding.EncodeToString([]byte(pkcs8PEM(t, testEd25519Key(t)))),
		"not base64":       "client-certificate-data: !!!",
		"empty":            "",
		"truncated PEM":    "-----BEGIN CERTIFICATE-----\nMIIB",
		"DER-looking junk": base64.StdEncoding.EncodeToString([]byte{0x30, 0x82}),
		"too large":        strings.Repeat("A", MaxInputSize+1),
	} {
		t.Run("rejects "+name, func(t *testing.T) {
			if f, err := KubeconfigClientCert(in); err == nil {
				t.Fatalf("accepted: %+v", f)
			}
		})
	}
}
