package codec

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// encodingsRe is compiled on first use: encodingsPattern is set by init,
// after package variables.
var encodingsRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(encodingsPattern) })

// regexpEncodings is gitleaks' own search, the reference for scanEncodings.
func regexpEncodings(data string) []encodingMatch {
	var all []encodingMatch
	for _, mi := range encodingsRe().FindAllStringSubmatchIndex(data, -1) {
		for i, j := 2, 0; i < len(mi); i, j = i+2, j+1 {
			if mi[i] > -1 {
				all = append(all, encodingMatch{encodings[j], startEnd{mi[i], mi[i+1]}})
			}
		}
	}
	return all
}

func format(ms []encodingMatch) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s%s ", m.encoding.kind, m.startEnd)
	}
	return b.String()
}

func checkScan(t *testing.T, data string) {
	t.Helper()
	got, want := scanEncodings(data, nil), regexpEncodings(data)
	if !slices.Equal(got, want) {
		t.Errorf("scanEncodings(%q)\n got %s\nwant %s", data, format(got), format(want))
	}
}

var scanSeeds = []string{
	"",
	"plain words only",
	"%41", "%4", "%41%42", "a%41b%zz%43c\n%44", "%41 x %4g %42\n%43 %44",
	"U+0041", "U+0041 U+0042\tU+0043\nx", "U+0041x", "U+004", "xU+0041 ", "U+0041 U+00",
	`\u0041`, `\\u0041\U0042`, `\\\u0041`, `\x\u00411`, `\\x`,
	strings.Repeat("a1", 16), strings.Repeat("f", 31) + "g", strings.Repeat("0", 40) + "zz",
	"abcdefghijklmnop", "abcdefghijklmno", "abcdefghijklmnop==", "abcdefghijklmnop===",
	"dGhpcyBpcyBhIHRlc3Qgb2YgYmFzZTY0Cg==", "aGVsbG8gd29ybGQ=\n6c6f6c6f6c6f6c6f6c6f6c6f6c6f6c6f6c",
	"AAAAU+0041AAAAAAAAAAAAAAAAAAAA", "short-U+0041 rest", strings.Repeat("ab", 7) + "U+0041 x",
	"caf\xc3\xa9 %41 \xff %42", "%41\xff" + strings.Repeat("Z", 16),
}

func TestScanEncodingsMatchesRegexp(t *testing.T) {
	for _, s := range scanSeeds {
		checkScan(t, s)
	}
}

func FuzzScanEncodings(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		checkScan(t, data)
	})
}
