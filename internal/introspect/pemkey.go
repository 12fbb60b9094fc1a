package introspect

import (
	"crypto/dsa" //nolint:staticcheck // DSA keys still turn up in repositories; we only read their size.
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"
)

// PEMPrivateKey reads a PEM private key: its format (PKCS#1, SEC 1, PKCS#8,
// OpenSSH), its algorithm and size where the key can be parsed, and whether
// it is encrypted (Proc-Type: 4,ENCRYPTED, ENCRYPTED PRIVATE KEY, or an
// OpenSSH cipher other than "none"). Encrypted keys are not decrypted;
// OpenSSH keys are read from their public half, which the format stores in
// the clear. A private key never expires.
//
// Keys pasted into JSON or YAML strings often have "\n" escapes instead of
// newlines; those are undone first. A block whose BEGIN line is recognisable
// but whose body is truncated or corrupt still yields facts, with
// Attributes["parsed"] = "false".
func PEMPrivateKey(s string) (*Facts, error) {
	if len(s) > MaxInputSize {
		return nil, errTooLarge
	}
	label, ok := privateKeyLabel(s)
	if !ok {
		return nil, errNotApplicable
	}
	f := &Facts{Kind: "pem-private-key", NeverExpires: true}
	f.setAttr("pem-type", knownLabel(label))
	if label == "PGP PRIVATE KEY BLOCK" {
		// OpenPGP armor is not PEM (it has a CRC line); the label is all we read.
		f.Kind = "pgp-private-key"
		f.setAttr("key-type", "PGP")
		f.classify()
		f.Reason = "PGP private key block with no expiry of its own."
		return f.finish(), nil
	}
	block := decodePEMBlock(s, label)
	var err error
	if block == nil {
		err = errors.New("truncated or corrupt PEM block")
	} else {
		err = readPrivateKeyBlock(f, block)
	}
	if err != nil {
		f.setAttr("parsed", "false")
		if _, ok := f.Attributes["key-type"]; !ok {
			f.setAttr("key-type", keyTypeFromLabel(label))
		}
	}
	f.classify()
	f.Reason = describeKey(f, err)
	return f.finish(), nil
}

// privateKeyLabel finds the first "-----BEGIN <label>-----" whose label names
// a private key.
func privateKeyLabel(s string) (string, bool) {
	rest := s
	for {
		i := strings.Index(rest, "-----BEGIN ")
		if i < 0 {
			return "", false
		}
		rest = rest[i+len("-----BEGIN "):]
		j := strings.Index(rest, "-----")
		if j < 0 || j > 64 {
			continue
		}
		if label := rest[:j]; strings.Contains(label, "PRIVATE KEY") && isPEMLabel(label) {
			return label, true
		}
	}
}

// knownLabels are the private-key PEM labels in use. Anything else is
// reported as "other": a label is copied from the scanned text, and facts
// must never carry text that could be part of a secret.
var knownLabels = map[string]bool{
	"PRIVATE KEY": true, "RSA PRIVATE KEY": true, "EC PRIVATE KEY": true, "DSA PRIVATE KEY": true,
	"OPENSSH PRIVATE KEY": true, "ENCRYPTED PRIVATE KEY": true, "PGP PRIVATE KEY BLOCK": true,
	"ANY PRIVATE KEY": true, "SSH2 ENCRYPTED PRIVATE KEY": true, "X25519 PRIVATE KEY": true,
	"ED25519 PRIVATE KEY": true,
}

func knownLabel(label string) string {
	if knownLabels[label] {
		return label
	}
	return "other"
}

// isPEMLabel reports whether label is one line of upper-case words, as
// every real PEM label is.
func isPEMLabel(label string) bool {
	for i := 0; i < len(label); i++ {
		if c := label[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}

// decodePEMBlock returns the block with the given label, undoing "\n"
// escapes and leading indentation if the raw text does not decode.
func decodePEMBlock(s, label string) *pem.Block {
	// The key may start mid-line, after a JSON or YAML key.
	if i := strings.Index(s, "-----BEGIN "+label); i > 0 {
		s = s[i:]
	}
	for _, text := range []string{s, unescapePEM(s)} {
		rest := []byte(text)
		for len(rest) > 0 {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			if b.Type == label {
				return b
			}
		}
	}
	return nil
}

// unescapePEM turns a PEM embedded in a string literal back into lines: it
// replaces \n and \r\n escapes and strips indentation and quotes per line.
func unescapePEM(s string) string {
	s = strings.NewReplacer(`\r\n`, "\n", `\n`, "\n", `\r`, "").Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Trim(l, " \t\"'|,")
	}
	return strings.Join(lines, "\n")
}

// readPrivateKeyBlock fills key-type, key-bits, format and encryption facts.
func readPrivateKeyBlock(f *Facts, b *pem.Block) error {
	if strings.Contains(b.Headers["Proc-Type"], "ENCRYPTED") {
		f.setAttr("encrypted", "true")
		if cipher, _, _ := strings.Cut(b.Headers["DEK-Info"], ","); cipher != "" {
			f.setAttr("cipher", clean(cipher, 32))
		}
		f.setAttr("key-type", keyTypeFromLabel(b.Type))
		f.setAttr("key-format", formatFromLabel(b.Type))
		return nil
	}
	f.setAttr("key-format", formatFromLabel(b.Type))
	var key any
	var err error
	switch b.Type {
	case "ENCRYPTED PRIVATE KEY":
		f.setAttr("encrypted", "true")
		return nil
	case "OPENSSH PRIVATE KEY":
		return readOpenSSHKey(f, b.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(b.Bytes)
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
	case "DSA PRIVATE KEY":
		key, err = ssh.ParseDSAPrivateKey(b.Bytes)
	default:
		f.setAttr("key-type", keyTypeFromLabel(b.Type))
		return errors.New("unsupported key format")
	}
	if err != nil {
		// x509's messages describe the ASN.1 structure, never its bytes,
		// but keep ours generic all the same.
		return errors.New("key does not parse")
	}
	f.setAttr("encrypted", "false")
	describeCryptoKey(f, key)
	return nil
}

// describeCryptoKey records the algorithm and size of a parsed key, private
// or public.
func describeCryptoKey(f *Facts, key any) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		setKey(f, "RSA", k.N.BitLen())
	case *rsa.PublicKey:
		setKey(f, "RSA", k.N.BitLen())
	case *ecdsa.PrivateKey:
		setKey(f, "EC", k.Curve.Params().BitSize)
		f.setAttr("curve", k.Curve.Params().Name)
	case *ecdsa.PublicKey:
		setKey(f, "EC", k.Curve.Params().BitSize)
		f.setAttr("curve", k.Curve.Params().Name)
	case ed25519.PrivateKey, *ed25519.PrivateKey, ed25519.PublicKey:
		setKey(f, "Ed25519", 256)
	case *ecdh.PrivateKey:
		setKey(f, "X25519", 256)
	case *dsa.PrivateKey:
		setKey(f, "DSA", k.P.BitLen())
	case *dsa.PublicKey:
		setKey(f, "DSA", k.P.BitLen())
	default:
		f.setAttr("key-type", "unknown")
	}
}

func setKey(f *Facts, typ string, bits int) {
	f.setAttr("key-type", typ)
	if bits > 0 {
		f.setAttr("key-bits", strconv.Itoa(bits))
	}
}

// openSSHMagic opens the body of every "OPENSSH PRIVATE KEY" block.
const openSSHMagic = "openssh-key-v1\x00"

// readOpenSSHKey reads the unencrypted header of an openssh-key-v1 body:
// cipher name, KDF name, key count and the public key. The private section
// is never touched, so encrypted and plain keys are read the same way.
func readOpenSSHKey(f *Facts, body []byte) error {
	rest, ok := strings.CutPrefix(string(body), openSSHMagic)
	if !ok {
		return errors.New("not an openssh-key-v1 body")
	}
	cipher, rest, ok1 := sshString(rest)
	kdf, rest, ok2 := sshString(rest)
	_, rest, ok3 := sshString(rest) // KDF options: salt and rounds
	if !ok1 || !ok2 || !ok3 || len(rest) < 4 {
		return errors.New("truncated openssh key header")
	}
	n := binary.BigEndian.Uint32([]byte(rest[:4]))
	pub, _, ok := sshString(rest[4:])
	if !ok || n != 1 {
		return errors.New("openssh key header has no single public key")
	}
	f.setAttr("encrypted", strconv.FormatBool(cipher != "none"))
	if cipher != "none" {
		f.setAttr("cipher", clean(cipher, 32))
		f.setAttr("kdf", clean(kdf, 32))
	}
	pk, err := ssh.ParsePublicKey([]byte(pub))
	if err != nil {
		return errors.New("openssh public key does not parse")
	}
	f.setAttr("ssh-key-type", pk.Type())
	if ck, ok := pk.(ssh.CryptoPublicKey); ok {
		describeCryptoKey(f, ck.CryptoPublicKey())
	} else {
		f.setAttr("key-type", "OpenSSH")
	}
	return nil
}

// sshString reads one uint32-length-prefixed string (RFC 4251).
func sshString(s string) (value, rest string, ok bool) {
	if len(s) < 4 {
		return "", "", false
	}
	n := binary.BigEndian.Uint32([]byte(s[:4]))
	if uint64(n) > uint64(len(s)-4) {
		return "", "", false
	}
	return s[4 : 4+n], s[4+n:], true
}

func keyTypeFromLabel(label string) string {
	switch {
	case strings.HasPrefix(label, "RSA "):
		return "RSA"
	case strings.HasPrefix(label, "EC "):
		return "EC"
	case strings.HasPrefix(label, "DSA "):
		return "DSA"
	case strings.HasPrefix(label, "OPENSSH "):
		return "OpenSSH"
	}
	return "unknown"
}

func formatFromLabel(label string) string {
	switch label {
	case "RSA PRIVATE KEY":
		return "pkcs1"
	case "EC PRIVATE KEY":
		return "sec1"
	case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
		return "pkcs8"
	case "OPENSSH PRIVATE KEY":
		return "openssh"
	case "DSA PRIVATE KEY":
		return "openssl-dsa"
	}
	return "unknown"
}

// describeKey renders the Reason for a private key.
func describeKey(f *Facts, parseErr error) string {
	a := f.Attributes
	what := "Private key"
	if typ := a["key-type"]; typ != "unknown" && typ != "" {
		what = typ + " private key"
		if bits := a["key-bits"]; bits != "" && typ != "Ed25519" && typ != "X25519" {
			what = typ + " " + bits + "-bit private key"
		}
	}
	switch {
	case parseErr != nil:
		return fmt.Sprintf("%s (%s) with no expiry of its own.", what, parseErr)
	case a["encrypted"] == "true":
		return what + ", passphrase-encrypted, with no expiry of its own."
	}
	return what + ", unencrypted, with no expiry of its own."
}
