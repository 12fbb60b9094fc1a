package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking the change)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

var goldenRuns = []struct {
	name string
	run  func() *Run
}{
	{"empty", emptyRun},
	{"full", fullRun},
}

var goldenFormats = []struct {
	suffix string
	write  func(*bytes.Buffer, *Run) error
}{
	{"text.golden", func(b *bytes.Buffer, r *Run) error { return WriteText(b, r, TextOptions{}) }},
	{"color.golden", func(b *bytes.Buffer, r *Run) error { return WriteText(b, r, TextOptions{Color: true}) }},
	{"verbose.golden", func(b *bytes.Buffer, r *Run) error { return WriteText(b, r, TextOptions{Verbose: true}) }},
	{"json.golden", func(b *bytes.Buffer, r *Run) error { return WriteJSON(b, r) }},
}

func TestGolden(t *testing.T) {
	for _, gr := range goldenRuns {
		for _, gf := range goldenFormats {
			name := gr.name + "." + gf.suffix
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := gf.write(&buf, gr.run()); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, name, buf.Bytes())
			})
		}
	}
}

// The goldens are easy to accept without reading; pin the lines that the
// text format promises.
func TestTextFullLines(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, fullRun(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		".github/workflows/deploy.yml\n  18:9  warning  ci-long-lived-cloud-key  Job \"deploy\" passes",
		"\n      → Replace: Grant the job id-token: write and use role-to-assume with a role that trusts token.actions.githubusercontent.com.\n",
		"internal/app/config.go\n  12:7    error  github-pat         GitHub personal access token  ghp_…  (NHI2, NHI7)\n",
		"      → Revoke: Delete the token at https://github.com/settings/tokens (e.g. with the Delete button).\n",
		"  104:15  error  aws-access-key-id  AWS access key ID with its secret access key nearby  AKIA…  (NHI2, NHI7)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q\n%s", want, out)
		}
	}
	wantLast := "3 findings (2 errors, 1 warning) in 2 files; 1 suppressed (1 baseline); " +
		"2 files skipped (1 binary, 1 too-large). Scanned 120 files, 1.2 MB.\n"
	if !strings.HasSuffix(out, "\n\n"+wantLast) {
		t.Errorf("text report does not end with\n%s\ngot\n%s", wantLast, out)
	}
	if strings.Contains(out, "slack-bot-token") || strings.Contains(out, "Skipped files") {
		t.Errorf("non-verbose report lists suppressed findings or skips:\n%s", out)
	}
}

func TestTextEmptyIsOneLine(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, emptyRun(), TextOptions{Color: true, Verbose: true}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "No findings. Scanned 0 files, 0 B.\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSummaryLine(t *testing.T) {
	one := fullRun()
	one.Findings = one.Findings[:1]
	one.Findings[0].Level = finding.LevelNote
	one.Skips = one.Skips[:1]
	one.Stats = Stats{Files: 1, Bytes: 999}

	none := fullRun()
	none.Findings = nil

	tests := []struct {
		name string
		run  *Run
		want string
	}{
		{"singular", one, "1 finding (1 note) in 1 file; 1 suppressed (1 baseline); 1 file skipped (1 binary). Scanned 1 file, 999 B."},
		{"no findings but suppressed and skipped", none, "No findings; 1 suppressed (1 baseline); 2 files skipped (1 binary, 1 too-large). Scanned 120 files, 1.2 MB."},
		{"empty", emptyRun(), "No findings. Scanned 0 files, 0 B."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summaryLine(tt.run); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSuppressedBreakdownOrder(t *testing.T) {
	counts := map[finding.SuppressionKind]int{
		finding.SuppressedBaseline: 2, finding.SuppressedInline: 1, "zz-new": 1, "aa-new": 3, finding.SuppressedAllowlist: 0,
	}
	if got, want := suppressedBreakdown(counts), "1 inline, 2 baseline, 3 aa-new, 1 zz-new"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCommitHeader(t *testing.T) {
	run := fullRun()
	run.Command = "history"
	for i := range run.Findings {
		run.Findings[i].Location.Commit = "0123456789abcdef0123456789abcdef01234567"
		run.Findings[i].Location.Author = "Dev <dev@example.com>"
		run.Findings[i].Location.Date = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	}
	// The same path in another commit is another group.
	other := run.Findings[1]
	other.Location.Commit = "fedcba9876543210fedcba9876543210fedcba98"
	run.Findings = append(run.Findings, other)
	finding.Sort(run.Findings)

	var buf bytes.Buffer
	if err := WriteText(&buf, run, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	var headers []string
	for line := range strings.Lines(out) {
		if line != "\n" && !strings.HasPrefix(line, " ") {
			headers = append(headers, strings.TrimSuffix(line, "\n"))
		}
	}
	want := []string{
		".github/workflows/deploy.yml@01234567",
		"internal/app/config.go@01234567",
		"internal/app/config.go@fedcba98",
		"4 findings (3 errors, 1 warning) in 3 files; 1 suppressed (1 baseline); 2 files skipped (1 binary, 1 too-large). Scanned 120 files, 1.2 MB.",
	}
	if strings.Join(headers, "\n") != strings.Join(want, "\n") {
		t.Errorf("headers:\n%s\nwant:\n%s", strings.Join(headers, "\n"), strings.Join(want, "\n"))
	}
	if err := validateReport(t, run); err != nil {
		t.Errorf("history report does not match the schema: %v", err)
	}
}

// ansiSGR matches the colour sequences the text writer itself emits.
var ansiSGR = regexp.MustCompile(`\x1b\[(0|1|31|33|36)m`)

func TestTextEscapesScannedContent(t *testing.T) {
	for _, opts := range []TextOptions{{}, {Verbose: true}, {Color: true, Verbose: true}} {
		var buf bytes.Buffer
		if err := WriteText(&buf, hostileRun(), opts); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !opts.Color && strings.Contains(out, "\x1b") {
			t.Errorf("%+v: output without colour contains ESC:\n%q", opts, out)
		}
		assertTerminalSafe(t, ansiSGR.ReplaceAllString(out, ""))

		for _, want := range []string{
			`dir/evil\x1b[31m\nname\u202e.go@\x9b2Jccccc`,
			`found in \x1b[31mred\x1b[0m\r\nclean: 0 findings\u2066`,
			`ab\u0085…`,
			`→ Revoke: Revoke\a it\u2028now`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%+v: output lacks escaped %q:\n%s", opts, want, out)
			}
		}
		if opts.Verbose {
			for _, want := range []string{
				`s\tp\x00ath`,
				`suppressed by inline (a\nb:1): ok\x1b[8m`,
				`bin\x1b[5m\xff  unreadable (open: \x1b[41mpermission denied\u202d)`,
			} {
				if !strings.Contains(out, want) {
					t.Errorf("%+v: output lacks escaped %q:\n%s", opts, want, out)
				}
			}
		}
	}
}

// assertTerminalSafe fails if s holds anything Sanitize should have escaped,
// other than the newlines that end lines.
func assertTerminalSafe(t *testing.T, s string) {
	t.Helper()
	for line := range strings.Lines(s) {
		line = strings.TrimSuffix(line, "\n")
		if i := firstUnsafe(line); i >= 0 {
			t.Errorf("unescaped %q at byte %d of line %q", line[i:min(i+4, len(line))], i, line)
		}
	}
}

// jsonDoc mirrors the JSON report for round-trip tests, written separately
// from jsonReport so that a renamed field shows up as a failure.
type jsonDoc struct {
	SchemaVersion string `json:"schemaVersion"`
	Tool          struct {
		Name, Version, InformationURI string
	} `json:"tool"`
	Command    string            `json:"command"`
	Roots      []string          `json:"roots"`
	Findings   []finding.Finding `json:"findings"`
	Suppressed []finding.Finding `json:"suppressed"`
	Summary    struct {
		Findings int `json:"findings"`
		ByLevel  struct {
			Error, Warning, Note int
		} `json:"byLevel"`
		Suppressed map[string]int `json:"suppressed"`
		Skipped    int            `json:"skipped"`
		Files      int            `json:"files"`
		Bytes      int64          `json:"bytes"`
	} `json:"summary"`
	Skipped []struct{ Path, Reason, Detail string } `json:"skipped"`
}

func TestJSONRoundTrip(t *testing.T) {
	run := fullRun()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, run); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	var doc jsonDoc
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Summary
	if doc.SchemaVersion != "1" || doc.Command != "scan" || doc.Tool.Name != "nhilint" || doc.Tool.InformationURI != testTool.URI {
		t.Errorf("header: %+v", doc)
	}
	if len(doc.Findings) != 3 || s.Findings != 3 || s.ByLevel.Error != 2 || s.ByLevel.Warning != 1 || s.ByLevel.Note != 0 {
		t.Errorf("findings: %d in array, summary %+v", len(doc.Findings), s)
	}
	wantSuppressed := map[string]int{"inline": 0, "gitleaks-allow": 0, "allowlist": 0, "gitleaksignore": 0, "baseline": 1, "placeholder": 0}
	if len(doc.Suppressed) != 1 || !equalMaps(s.Suppressed, wantSuppressed) {
		t.Errorf("suppressed: %d in array, summary %v", len(doc.Suppressed), s.Suppressed)
	}
	if len(doc.Skipped) != 2 || s.Skipped != 2 || doc.Skipped[1].Reason != "too-large" {
		t.Errorf("skipped: %+v, summary %d", doc.Skipped, s.Skipped)
	}
	if s.Files != 120 || s.Bytes != 1_234_567 {
		t.Errorf("stats: files %d, bytes %d", s.Files, s.Bytes)
	}
	for i, f := range doc.Findings {
		orig := run.Findings[i]
		if f.RuleID != orig.RuleID || f.Location != orig.Location || f.Fingerprint != orig.Fingerprint ||
			(f.Credential == nil) != (orig.Credential == nil) {
			t.Errorf("finding %d did not round-trip:\ngot  %+v\nwant %+v", i, f, orig)
		}
	}
	if got := doc.Suppressed[0].Suppression; got == nil || *got != *run.Suppressed[0].Suppression {
		t.Errorf("suppression did not round-trip: %+v", got)
	}
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestJSONNeverNull(t *testing.T) {
	run := hostileRun()
	// A finding straight from an analyzer that set neither categories nor
	// CWEs, with a credential whose lifetime nobody filled in.
	run.Findings[0].Categories = nil
	run.Findings[0].CWEs = nil
	run.Findings[0].Credential.Lifetime = ""
	var buf bytes.Buffer
	if err := WriteJSON(&buf, run); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "null") {
		t.Errorf("JSON report contains null:\n%s", out)
	}
	for _, want := range []string{`"categories": []`, `"cwes": []`, `"lifetime": "unknown"`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON report lacks %s", want)
		}
	}
	if run.Findings[0].Categories != nil || run.Findings[0].Credential.Lifetime != "" {
		t.Error("WriteJSON modified the run")
	}
	if err := validateReport(t, run); err != nil {
		t.Errorf("report does not match the schema: %v", err)
	}
}

func TestJSONDeterministicAndUnescaped(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteJSON(&a, fullRun()); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, fullRun()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same run differ")
	}
	if !strings.Contains(a.String(), "role-to-assume & OIDC") {
		t.Error(`"&" was HTML-escaped`)
	}
	if !bytes.HasSuffix(a.Bytes(), []byte("}\n")) {
		t.Error("no trailing newline")
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteErrors(t *testing.T) {
	if err := WriteJSON(failingWriter{}, fullRun()); !errors.Is(err, errDiskFull) {
		t.Errorf("WriteJSON: got %v, want %v", err, errDiskFull)
	}
	if err := WriteText(failingWriter{}, fullRun(), TextOptions{}); !errors.Is(err, errDiskFull) {
		t.Errorf("WriteText: got %v, want %v", err, errDiskFull)
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  Revoke it.  ", "Revoke it."},
		{"Revoke it. Then rotate.", "Revoke it."},
		{"Revoke it\nThen rotate.", "Revoke it"},
		{"Open the console (e.g. Settings). Then click.", "Open the console (e.g. Settings)."},
		{"Use the API, i.e. DELETE /keys. Or the UI.", "Use the API, i.e. DELETE /keys."},
		{"See https://example.com/a.b.c for details", "See https://example.com/a.b.c for details"},
		{"Run aws iam delete-access-key.", "Run aws iam delete-access-key."},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.in); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {999, "999 B"}, {1000, "1.0 kB"}, {1_234_567, "1.2 MB"}, {9_960, "10 kB"},
		{340_000, "340 kB"}, {999_499, "999 kB"}, {999_500, "1.0 MB"}, {5_000_000_000, "5.0 GB"},
	}
	for _, tt := range tests {
		if got := formatBytes(tt.n); got != tt.want {
			t.Errorf("formatBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestPosition(t *testing.T) {
	tests := []struct {
		loc  finding.Location
		want string
	}{
		{finding.Location{StartLine: 12, StartColumn: 7}, "12:7"},
		{finding.Location{StartLine: 12}, "12"},
		{finding.Location{}, "-"},
	}
	for _, tt := range tests {
		if got := position(tt.loc); got != tt.want {
			t.Errorf("position(%+v) = %q, want %q", tt.loc, got, tt.want)
		}
	}
}
