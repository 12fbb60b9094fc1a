package introspect

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"
)

// clusterAdminGroup is the group Kubernetes' default RBAC binds to
// cluster-admin; a certificate with O=system:masters is a cluster root.
const clusterAdminGroup = "system:masters"

// KubeconfigClientCert reads a kubeconfig client certificate: the base64
// client-certificate-data value (with or without its "client-certificate-data:"
// key), or the PEM itself. The API server takes the subject CN as the user
// name and each O as a group, so groups become Scopes, and system:masters
// sets Role "cluster-admin". NotAfter is the expiry; Kubernetes cannot revoke
// a client certificate before then.
func KubeconfigClientCert(s string) (*Facts, error) {
	if len(s) > MaxInputSize {
		return nil, errTooLarge
	}
	der, err := certificateDER(s)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, decodeError("kubeconfig-client-cert", "certificate does not parse")
	}
	f := &Facts{Kind: "kubeconfig-client-cert"}
	f.Subject = clean(cert.Subject.CommonName, maxValueLen)
	f.Issuer = clean(cert.Issuer.CommonName, maxValueLen)
	f.addScopes(cert.Subject.Organization...)
	if slices.Contains(cert.Subject.Organization, clusterAdminGroup) {
		f.Role = "cluster-admin"
	}
	f.NotBefore = cert.NotBefore.UTC()
	f.ExpiresAt = cert.NotAfter.UTC()
	describeCryptoKey(f, cert.PublicKey)
	if cert.IsCA {
		f.setAttr("is-ca", "true")
	}
	f.classify()

	var b strings.Builder
	b.WriteString("Kubernetes client certificate")
	if f.Subject != "" {
		fmt.Fprintf(&b, " for user %s", f.Subject)
	}
	if len(f.Scopes) > 0 {
		fmt.Fprintf(&b, " in group(s) %s", strings.Join(f.finish().Scopes, ", "))
	}
	if f.Role != "" {
		fmt.Fprintf(&b, " (%s)", f.Role)
	}
	fmt.Fprintf(&b, " %s", describeExpiry(f))
	if !f.Expired(now()) {
		b.WriteString("; Kubernetes cannot revoke it before then")
	}
	f.Reason = b.String() + "."
	return f.finish(), nil
}

// certificateDER finds the first certificate in a PEM text, a base64 PEM or
// base64 DER, optionally after a "client-certificate-data:" key.
func certificateDER(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if _, v, ok := strings.Cut(s, "client-certificate-data:"); ok {
		s = strings.TrimSpace(v)
		if fields := strings.Fields(s); len(fields) > 0 {
			s = strings.Trim(fields[0], `"'`)
		}
	}
	if !strings.Contains(s, "-----BEGIN CERTIFICATE-----") {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, errNotApplicable
		}
		if !strings.Contains(string(b), "-----BEGIN CERTIFICATE-----") {
			if len(b) > 0 && b[0] == 0x30 { // an ASN.1 SEQUENCE: DER
				return b, nil
			}
			return nil, errNotApplicable
		}
		s = string(b)
	}
	rest := []byte(s)
	for len(rest) > 0 {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type == "CERTIFICATE" {
			return block.Bytes, nil
		}
	}
	return nil, decodeError("kubeconfig-client-cert", "truncated or corrupt PEM certificate")
}
