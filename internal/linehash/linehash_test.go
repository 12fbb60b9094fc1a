package linehash

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// upstreamVectors are the cases of the 'hash' test in
// github/codeql-action src/fingerprints.test.ts.
var upstreamVectors = []struct {
	name    string
	content string
	want    []string
}{
	{"empty file", "", []string{"c129715d7a2bc9a3:1"}},
	{"LF with leading spaces", " a\nb\n  \t\tc\n d", []string{
		"271789c17abda88f:1",
		"54703d4cd895b18:1",
		"180aee12dab6264:1",
		"a23a3dc5e078b07b:1",
	}},
	{"LF without final newline", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", []string{
		"8b7cf3e952e7aeb2:1",
		"b1ae1287ec4718d9:1",
		"bff680108adb0fcc:1",
		"c6805c5e1288b612:1",
		"b86d3392aea1be30:1",
		"e6ceba753e1a442:1",
	}},
	{"LF", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", greetings},
	{"CR", " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", greetings},
	{"CRLF", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", greetings},
	{"mixed CR LF CRLF", " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", greetings},
	{"repeated line", strings.Repeat("Lorem ipsum dolor sit amet.\n", 10), []string{
		"a7f2ff13bc495cf2:1",
		"a7f2ff13bc495cf2:2",
		"a7f2ff13bc495cf2:3",
		"a7f2ff13bc495cf2:4",
		"a7f2ff13bc495cf2:5",
		"a7f2ff13bc495cf2:6",
		"a7f2ff1481e87703:1",
		"a9cf91f7bbf1862b:1",
		"55ec222b86bcae53:1",
		"cc97dc7b1d7d8f7b:1",
		"c129715d7a2bc9a3:1",
	}},
	// Not upstream's: computed by running upstream's hash() under Node on
	// this content, to pin down the BOM, astral characters (surrogate
	// pairs) and Node's replacement of invalid UTF-8.
	{"non-ASCII and invalid UTF-8",
		"\xef\xbb\xbfkey = \"x\"\n\xe2\x82A\xed\xa0\x80\xf0\x9f\x98\x80 emoji\r\n\xf4\x90\x80\x80z\xc0\xafq\n\xe2\x82",
		[]string{
			"f92ca4ddb26610de:1",
			"50fb2e8b42604a8b:1",
			"73aebaa235e8f1f7:1",
			"8989dec65f08d110:1",
		}},
}

var greetings = []string{
	"e9496ae3ebfced30:1",
	"fb7c023a8b9ccb3f:1",
	"ce8ba1a563dcdaca:1",
	"e20e36e16fcb0cc8:1",
	"b3edc88f2938467e:1",
	"c8e28b0b4002a3a0:1",
	"c129715d7a2bc9a3:1",
}

func TestHashesUpstreamVectors(t *testing.T) {
	for _, tc := range upstreamVectors {
		t.Run(tc.name, func(t *testing.T) {
			got := Hashes([]byte(tc.content))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Hashes(%q)\n got %q\nwant %q", tc.content, got, tc.want)
			}
		})
	}
}

func TestForLine(t *testing.T) {
	for _, tc := range upstreamVectors {
		t.Run(tc.name, func(t *testing.T) {
			for i, want := range tc.want {
				if got := ForLine([]byte(tc.content), i+1); got != want {
					t.Errorf("ForLine(line %d) = %q, want %q", i+1, got, want)
				}
			}
			for _, n := range []int{-1, 0, len(tc.want) + 1} {
				if got := ForLine([]byte(tc.content), n); got != "" {
					t.Errorf("ForLine(line %d) = %q, want \"\"", n, got)
				}
			}
		})
	}
}

// A line longer than the window is hashed on its first blockSize
// non-blank characters only, so edits past them keep the hash.
func TestLongLineHashesItsStart(t *testing.T) {
	prefix := strings.Repeat("x", blockSize)
	a := Hashes([]byte(prefix + "tail one\nnext"))
	b := Hashes([]byte(prefix + "another tail\nnext"))
	if a[0] != b[0] {
		t.Errorf("line 1: %q != %q, want equal hashes", a[0], b[0])
	}
	if a[1] != b[1] {
		t.Errorf("line 2: %q != %q, want equal hashes", a[1], b[1])
	}
	c := Hashes([]byte("y" + prefix[1:] + "tail one\nnext"))
	if a[0] == c[0] {
		t.Errorf("line 1: changing the first character kept hash %q", a[0])
	}
}

func TestMaximalSubpart(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"\x80", 1},         // stray continuation byte
		{"\xc0\xaf", 1},     // C0 never starts a sequence
		{"\xe2\x82", 2},     // truncated 3-byte sequence
		{"\xe2\x82A", 2},    // interrupted 3-byte sequence
		{"\xe0\x80\x80", 1}, // overlong: E0 needs A0..BF next
		{"\xed\xa0\x80", 1}, // surrogate: ED needs 80..9F next
		{"\xf0\x9f\x98", 3}, // truncated 4-byte sequence
		{"\xf4\x90\x80", 1}, // above U+10FFFF
		{"\xf5", 1},
	}
	for _, tc := range tests {
		if got := maximalSubpart([]byte(tc.in)); got != tc.want {
			t.Errorf("maximalSubpart(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

var hashFormat = regexp.MustCompile(`^[0-9a-f]{1,16}:[1-9][0-9]*$`)

func FuzzHashes(f *testing.F) {
	for _, tc := range upstreamVectors {
		f.Add([]byte(tc.content))
	}
	f.Add([]byte("\r\n\r\r\n\n \r \n\t"))
	f.Add([]byte(strings.Repeat("ab\n", 150)))
	f.Add(bytes.Repeat([]byte{0xff, 0xc3, '\r'}, 70))
	f.Fuzz(func(t *testing.T, content []byte) {
		got := Hashes(content)
		if want := countLines(content); len(got) != want {
			t.Fatalf("got %d hashes, want one per line: %d", len(got), want)
		}
		if want := naiveHashes(content); !slices.Equal(got, want) {
			t.Fatalf("rolling hashes differ from direct computation\n got %q\nwant %q", got, want)
		}
		for i, h := range got {
			if !hashFormat.MatchString(h) {
				t.Fatalf("line %d: malformed hash %q", i+1, h)
			}
		}
		if n := len(got); ForLine(content, n) != got[n-1] {
			t.Fatalf("ForLine(last line %d) = %q, want %q", n, ForLine(content, n), got[n-1])
		}
	})
}

// countLines counts lines as upstream's test does: input.split(/\r\n|\r|\n/).length.
func countLines(b []byte) int {
	n := 1
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			n++
		case '\n':
			n++
		}
	}
	return n
}

// naiveHashes is an independent statement of the algorithm: normalize the
// text, then hash the blockSize characters that start each line directly,
// without a rolling window.
func naiveHashes(content []byte) []string {
	var runes []rune
	for i := 0; i < len(content); {
		r, size := decodeRune(content[i:])
		runes = append(runes, r)
		i += size
	}
	var text []uint16 // normalized: no blanks, every line ending one '\n'
	prevCR := false
	for _, c := range utf16.Encode(runes) {
		if c == ' ' || c == '\t' || (prevCR && c == '\n') {
			prevCR = false
			continue
		}
		prevCR = c == '\r'
		if c == '\r' {
			c = '\n'
		}
		text = append(text, c)
	}
	text = append(text, eof)
	starts := []int{0}
	for i, c := range text[:len(text)-1] {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	text = append(text, make([]uint16, blockSize)...)

	seen := map[uint64]int{}
	var out []string
	for _, s := range starts {
		var h uint64
		for _, c := range text[s : s+blockSize] {
			h = h*base + uint64(c)
		}
		seen[h]++
		out = append(out, strconv.FormatUint(h, 16)+":"+strconv.Itoa(seen[h]))
	}
	return out
}
