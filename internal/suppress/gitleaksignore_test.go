package suppress

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/internal/finding"
)

const (
	commitA = "4e5a7f0c2b9d8e1f3a6b5c4d7e8f9a0b1c2d3e4f"
	commitB = "0123456789abcdef0123456789abcdef01234567"
)

// testGitleaksIgnore is a .gitleaksignore as gitleaks users write them.
var testGitleaksIgnore = strings.Join([]string{
	"# secrets we accepted",
	"",
	"config/app.env:github-pat:3",
	`  deploy\windows\setup.ps1:aws-access-key:10  `,
	"./docs/setup.md:slack-token:7",
	commitA + ":src/old.py:generic-api-key:42",
	"C:\\work\\repo\\a.env:github-pat:1",
	"not an entry",
	"config/app.env:github-pat:three",
	"config/app.env::3",
	"config/app.env:github-pat:3",
}, "\n")

func TestGitleaksIgnoreMatch(t *testing.T) {
	g, err := ParseGitleaksIgnore(strings.NewReader(testGitleaksIgnore), ".gitleaksignore")
	if err != nil {
		t.Fatal(err)
	}
	at := func(p, rule string, line int, commit string) *finding.Finding {
		return &finding.Finding{RuleID: rule, Location: finding.Location{Path: p, StartLine: line, Commit: commit}}
	}
	suppressed := func(line int) *finding.Suppression {
		return &finding.Suppression{Kind: finding.SuppressedGitleaksIgnore, Source: ".gitleaksignore:" + strconv.Itoa(line)}
	}
	tests := []struct {
		name string
		fd   *finding.Finding
		want *finding.Suppression
	}{
		{"dir entry", at("config/app.env", "github-pat", 3, ""), suppressed(3)},
		{"dir entry matches in any commit", at("config/app.env", "github-pat", 3, commitB), suppressed(3)},
		{"backslashes normalised", at("deploy/windows/setup.ps1", "aws-access-key", 10, ""), suppressed(4)},
		{"leading ./ dropped", at("docs/setup.md", "slack-token", 7, ""), suppressed(5)},
		{"commit entry", at("src/old.py", "generic-api-key", 42, commitA), suppressed(6)},
		{"drive letter path", at("C:/work/repo/a.env", "github-pat", 1, ""), suppressed(7)},

		{"commit entry, other commit", at("src/old.py", "generic-api-key", 42, commitB), nil},
		{"commit entry, no commit", at("src/old.py", "generic-api-key", 42, ""), nil},
		{"wrong rule", at("config/app.env", "aws-access-key", 3, ""), nil},
		{"wrong line (the secret moved)", at("config/app.env", "github-pat", 4, ""), nil},
		{"wrong path", at("config/other.env", "github-pat", 3, ""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertSuppression(t, g.Match(tt.fd), tt.want)
		})
	}
	if got, want := g.Len(), 5; got != want {
		t.Errorf("Len = %d, want %d", got, want)
	}
	wantWarnings := []string{
		`.gitleaksignore:8: entry "not an entry" is not file:rule-id:start-line or commit:file:rule-id:start-line`,
		`.gitleaksignore:9: entry "config/app.env:github-pat:three": start line "three" is not a line number`,
		`.gitleaksignore:10: entry "config/app.env::3": "" is not a rule id`,
	}
	if got := g.Warnings(); !slices.Equal(got, wantWarnings) {
		t.Errorf("Warnings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantWarnings, "\n"))
	}
}

func TestGitleaksIgnoreEmpty(t *testing.T) {
	fd := &finding.Finding{RuleID: "github-pat", Location: finding.Location{Path: "a", StartLine: 1}}
	var nilIgnore *GitleaksIgnore
	assertSuppression(t, nilIgnore.Match(fd), nil)
	g, err := ParseGitleaksIgnore(strings.NewReader("# nothing\n\n"), "x")
	if err != nil {
		t.Fatal(err)
	}
	assertSuppression(t, g.Match(fd), nil)
}

func TestLoadGitleaksIgnore(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".gitleaksignore")
	if err := os.WriteFile(p, []byte("a.env:github-pat:2\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	g, err := LoadGitleaksIgnore(p)
	if err != nil {
		t.Fatal(err)
	}
	fd := &finding.Finding{RuleID: "github-pat", Location: finding.Location{Path: "a.env", StartLine: 2}}
	assertSuppression(t, g.Match(fd), &finding.Suppression{Kind: finding.SuppressedGitleaksIgnore, Source: p + ":1"})

	_, err = LoadGitleaksIgnore(filepath.Join(dir, "missing"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want fs.ErrNotExist", err)
	}
}

func TestParseGitleaksIgnoreLongLine(t *testing.T) {
	long := "a.env:rule:1\n" + strings.Repeat("x", maxEntryLine+1) + "\n"
	_, err := ParseGitleaksIgnore(strings.NewReader(long), ".gitleaksignore")
	if err == nil || !strings.HasPrefix(err.Error(), ".gitleaksignore:2: ") {
		t.Errorf("err = %v, want an error at .gitleaksignore:2", err)
	}
}

func FuzzParseGitleaksIgnore(f *testing.F) {
	f.Add(testGitleaksIgnore)
	f.Add("a:b:c:d:e:1\n")
	f.Add(commitA + ":C:\\x:y:0\n")
	f.Add("::\n:0\n\\:r:1")
	f.Fuzz(func(t *testing.T, data string) {
		g, err := ParseGitleaksIgnore(strings.NewReader(data), "f")
		if err != nil {
			return // only lines over maxEntryLine fail
		}
		for key, line := range g.entries {
			if line < 1 || key.rule == "" || key.path == "" || key.line < 0 {
				t.Fatalf("bad entry %+v at line %d", key, line)
			}
			if strings.Contains(key.path, `\`) {
				t.Fatalf("path %q is not normalised", key.path)
			}
			// Every entry matches the finding it names.
			fd := &finding.Finding{RuleID: key.rule, Location: finding.Location{Path: key.path, StartLine: key.line, Commit: key.commit}}
			s := g.Match(fd)
			if s == nil || s.Kind != finding.SuppressedGitleaksIgnore {
				t.Fatalf("entry %+v does not match its own finding", key)
			}
		}
	})
}
