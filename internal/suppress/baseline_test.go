package suppress

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// baselineFindings are findings as a scan reports them, unsorted, with a
// duplicate and paths that need quoting.
func baselineFindings() []finding.Finding {
	secret := func(rule, path, value string, line int) finding.Finding {
		return finding.Finding{
			RuleID: rule, Analyzer: "secrets", Fingerprint: finding.Fingerprint(rule, value),
			Location: finding.Location{Path: path, StartLine: line, StartColumn: 9},
		}
	}
	pat := fakeGitHubPAT()
	aws := fakeAWSKeyID("prod")
	return []finding.Finding{
		secret("github-pat", "src/config.py", pat, 12),
		secret("aws-access-key", "deploy/prod.env", aws, 3),
		secret("github-pat", "docs/My Notes/setup.md", pat, 40),
		secret("github-pat", "src/config.py", pat, 80), // the same key again further down: one entry
		secret("aws-access-key", "weird/tab\there.env", aws, 1),
		secret("aws-access-key", "weird/\"quoted\".env", aws, 1),
		secret("aws-access-key", "weird/back\\slash.env", aws, 1),
		secret("aws-access-key", "ünïcode/ключ.env", aws, 1),
		secret("aws-access-key", "weird/new\nline.env", aws, 1),
		{
			RuleID: "ci-secret-in-env", Analyzer: "ci",
			Fingerprint: finding.KeyFingerprint("ci-secret-in-env", ".github/workflows/ci.yml", "build"),
			Location:    finding.Location{Path: ".github/workflows/ci.yml", StartLine: 22},
		},
	}
}

func writeBaseline(t testing.TB, fs []finding.Finding) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteBaseline(&buf, fs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBaselineGolden(t *testing.T) {
	got := writeBaseline(t, baselineFindings())
	golden := filepath.Join("testdata", "baseline.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("WriteBaseline output differs from %s (run go test -update):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}

func TestBaselineOrderIndependent(t *testing.T) {
	fs := baselineFindings()
	want := writeBaseline(t, fs)
	// Reverse, rotate and shift lines: none of it may change the bytes.
	for i := range fs {
		shuffled := append(append([]finding.Finding{}, fs[i:]...), fs[:i]...)
		for j := range shuffled {
			shuffled[j].Location.StartLine += 100 * i
		}
		if got := writeBaseline(t, shuffled); !bytes.Equal(got, want) {
			t.Fatalf("rotation %d changed the baseline:\n%s\nwant:\n%s", i, got, want)
		}
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	fs := baselineFindings()
	b, err := ParseBaseline(bytes.NewReader(writeBaseline(t, fs)), "nhilint.baseline")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Len(), len(fs)-1; got != want {
		t.Errorf("Len = %d, want %d", got, want)
	}
	want := &finding.Suppression{Kind: finding.SuppressedBaseline, Source: "nhilint.baseline"}
	for _, fd := range fs {
		assertSuppression(t, b.Match(&fd), want)

		moved := fd
		moved.Location.StartLine += 57
		moved.Location.StartColumn = 1
		assertSuppression(t, b.Match(&moved), want)
	}
}

func TestBaselineMatch(t *testing.T) {
	pat := fakeGitHubPAT()
	fp := finding.Fingerprint("github-pat", pat)
	other := finding.Fingerprint("github-pat", pat+"x")
	handWritten := finding.Fingerprint("slack-token", "xoxb-"+strings.Repeat("9", 20))
	content := "# nhilint baseline v1 — one finding per line: <fingerprint> <rule-id> <path>\n" +
		fp + " github-pat src/config.py\n" +
		"\n" +
		"  # a hand-written entry for a key that is everywhere\n" +
		"# nhilint baseline notes: the comment above is not a version\n" +
		strings.ToUpper(handWritten) + "\n" +
		fp + "\tgithub-pat\t  docs/My Notes/setup.md  \r\n"
	b, err := ParseBaseline(strings.NewReader(content), "base.txt")
	if err != nil {
		t.Fatal(err)
	}
	at := func(fingerprint, path string) *finding.Finding {
		return &finding.Finding{RuleID: "github-pat", Fingerprint: fingerprint, Location: finding.Location{Path: path, StartLine: 7}}
	}
	suppressed := &finding.Suppression{Kind: finding.SuppressedBaseline, Source: "base.txt"}
	tests := []struct {
		name string
		fd   *finding.Finding
		want *finding.Suppression
	}{
		{"fingerprint and path", at(fp, "src/config.py"), suppressed},
		{"hand-written path with a blank", at(fp, "docs/My Notes/setup.md"), suppressed},
		{"fingerprint-only entry, any path", at(handWritten, "anywhere/at/all.yml"), suppressed},
		{"same key in another file", at(fp, "src/other.py"), nil},
		{"another key in the same file", at(other, "src/config.py"), nil},
		{"no fingerprint", at("", "src/config.py"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertSuppression(t, b.Match(tt.fd), tt.want)
		})
	}
	if got := b.Len(); got != 3 {
		t.Errorf("Len = %d, want 3", got)
	}
	var nilBaseline *Baseline
	assertSuppression(t, nilBaseline.Match(at(fp, "src/config.py")), nil)
}

func TestParseBaselineErrors(t *testing.T) {
	fp := finding.Fingerprint("r", "v")
	tests := []struct {
		content string
		want    string
	}{
		{"# nhilint baseline v2 — future\n", `b:1: unsupported baseline version "v2" (this nhilint reads v1)`},
		{"\n\nnot-hex r p\n", `b:3: "not-hex" is not a fingerprint (hex digits)`},
		{fp + " github-pat\n", "b:1: entry has a rule id but no path; want <fingerprint> <rule-id> <path>, or <fingerprint> alone"},
		{fp + " \"rule\" p\n", `b:1: "\"rule\"" is not a rule id`},
		{fp + " r \"unterminated\n", `b:1: path "unterminated is not a valid quoted string`},
		{fp + " r \"a\" b\n", `b:1: unexpected "b" after the quoted path`},
		{"{\n  \"findings\": []\n}\n", "b:1: this looks like a JSON report, not an nhilint baseline; create one with: nhilint baseline FILE"},
		{fp + " r p\n" + strings.Repeat("a", maxEntryLine+1), "b:2: bufio.Scanner: token too long"},
	}
	for _, tt := range tests {
		_, err := ParseBaseline(strings.NewReader(tt.content), "b")
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseBaseline(%.40q) error = %v, want %s", tt.content, err, tt.want)
		}
	}
}

func TestWriteBaselineErrors(t *testing.T) {
	tests := []struct {
		fd   finding.Finding
		want string
	}{
		{finding.Finding{RuleID: "r", Location: finding.Location{Path: "a b"}}, `writing baseline: finding r at "a b" has no valid fingerprint ("")`},
		{finding.Finding{RuleID: "two words", Fingerprint: "ab", Location: finding.Location{Path: "p"}}, `writing baseline: finding at p has an invalid rule id "two words"`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := WriteBaseline(&buf, []finding.Finding{tt.fd})
		if err == nil || err.Error() != tt.want {
			t.Errorf("WriteBaseline error = %v, want %s", err, tt.want)
		}
		if buf.Len() != 0 {
			t.Errorf("WriteBaseline wrote %d bytes before failing", buf.Len())
		}
	}
}

func TestLoadBaseline(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nhilint.baseline")
	if err := os.WriteFile(p, writeBaseline(t, baselineFindings()), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := LoadBaseline(p)
	if err != nil {
		t.Fatal(err)
	}
	fd := baselineFindings()[0]
	assertSuppression(t, b.Match(&fd), &finding.Suppression{Kind: finding.SuppressedBaseline, Source: p})

	if _, err := LoadBaseline(p + ".missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want fs.ErrNotExist", err)
	}
}

func TestQuotePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"src/a.go", "src/a.go"},
		{"ünï/ключ.env", "ünï/ключ.env"},
		{"", `""`},
		{"a b", `"a b"`},
		{"a\tb", `"a\tb"`},
		{"a\u00a0b", `"a\u00a0b"`},
		{`"x"`, `"\"x\""`},
		{`a\b`, `"a\\b"`},
		{"bad\xffutf8", `"bad\xffutf8"`},
	}
	for _, tt := range tests {
		if got := quotePath(tt.in); got != tt.want {
			t.Errorf("quotePath(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func FuzzParseBaseline(f *testing.F) {
	var golden bytes.Buffer
	if err := WriteBaseline(&golden, baselineFindings()); err != nil {
		f.Fatal(err)
	}
	f.Add(golden.String())
	f.Add("ab\nab r p\nAB r \"p q\"\n")
	f.Add("# nhilint baseline v1\nab r \"\"\n")
	f.Add("ab r \"\\x00\"  \n\xef\xbb\xbfcd\n")
	f.Fuzz(func(t *testing.T, data string) {
		b, err := ParseBaseline(strings.NewReader(data), "f")
		if err != nil {
			return
		}
		// Whatever parsed must survive WriteBaseline and parse back the same.
		var fs []finding.Finding
		for k := range b.atPath {
			fs = append(fs, finding.Finding{RuleID: "r", Fingerprint: k.fingerprint, Location: finding.Location{Path: k.path}})
		}
		var buf bytes.Buffer
		if err := WriteBaseline(&buf, fs); err != nil {
			t.Fatalf("WriteBaseline of parsed entries: %v", err)
		}
		again, err := ParseBaseline(&buf, "f")
		if err != nil {
			t.Fatalf("reparsing written baseline: %v", err)
		}
		if !maps.Equal(again.atPath, b.atPath) {
			t.Fatalf("round trip changed entries: %d before, %d after", len(b.atPath), len(again.atPath))
		}
		for k := range b.atPath {
			fd := finding.Finding{Fingerprint: k.fingerprint, Location: finding.Location{Path: k.path}}
			if b.Match(&fd) == nil {
				t.Fatalf("entry does not match its own finding")
			}
		}
	})
}
