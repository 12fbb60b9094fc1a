// Package fakesecret fills test fixtures with credential-shaped values made at
// test time, so that no committed file holds anything key-shaped and the
// repository's self-scan stays clean. A fixture writes @@KIND:seed@@ where it
// needs a value; the same kind and seed always give the same value.
package fakesecret

import (
	"crypto/sha256"
	"fmt"
	"regexp"
	"strings"
)

// marker is @@KIND:seed@@ with KIND one of AKIA (an AWS access key id),
// SECRET40 (an AWS-style 40-character secret), TOKEN (36 base62 characters)
// or PASSWORD (a mixed 13-character password).
var marker = regexp.MustCompile(`@@(AKIA|SECRET40|TOKEN|PASSWORD):([a-z0-9-]+)@@`)

// Expand replaces every marker in src with its value.
func Expand(src string) string {
	return marker.ReplaceAllStringFunc(src, func(m string) string {
		parts := marker.FindStringSubmatch(m)
		return Value(parts[1], parts[2])
	})
}

// Value derives a deterministic, random-looking value of the given kind.
func Value(kind, seed string) string {
	const (
		upperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
		base62      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		pw          = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!%^*-_"
	)
	draw := func(alphabet string, n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%s/%d", kind, seed, i)))
			for _, c := range sum {
				if b.Len() < n {
					b.WriteByte(alphabet[int(c)%len(alphabet)])
				}
			}
		}
		return b.String()
	}
	switch kind {
	case "AKIA":
		return "AKIA" + draw(upperDigits, 16)
	case "SECRET40":
		return draw(base62+"/+", 40)
	case "PASSWORD":
		return draw(pw, 10) + "7a!"
	}
	return draw(base62, 36)
}
