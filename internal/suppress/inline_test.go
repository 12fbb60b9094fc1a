package suppress

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// fakeGitHubPAT builds a token of the right shape at test time, so the
// repository never holds one that a scanner could flag.
func fakeGitHubPAT() string { return "ghp_" + strings.Repeat("A1b2", 9) }

// inlineFile is a file whose secret sits on the last line, under the given lines.
func inlineFile(path string, above ...string) (*analyzers.File, int) {
	lines := append(above, `token = "`+fakeGitHubPAT()+`"`)
	return &analyzers.File{Path: path, Content: []byte(strings.Join(lines, "\n") + "\n")}, len(lines)
}

func TestInline(t *testing.T) {
	secret := func(line int) *finding.Finding {
		return &finding.Finding{RuleID: "github-pat", Analyzer: "secrets", Location: finding.Location{Path: "app/config.py", StartLine: line}}
	}
	tests := []struct {
		name    string
		content string // "%s" is replaced by the fake secret; the finding is on the line holding it
		rule    string // default github-pat
		analyz  string // default secrets
		want    *finding.Suppression
	}{
		{
			name:    "marker on the start line",
			content: "a = 1\ntoken = \"%s\" # nhilint:ignore\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Source: "app/config.py:2"},
		},
		{
			name:    "marker with rule and reason on the start line",
			content: "token = \"%s\" // nhilint:ignore github-pat -- test fixture, revoked 2026-01-01\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Justification: "test fixture, revoked 2026-01-01", Source: "app/config.py:1"},
		},
		{
			name:    "marker alone on the line above",
			content: "x = 1\n# nhilint:ignore -- rotated\ntoken = \"%s\"\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Justification: "rotated", Source: "app/config.py:2"},
		},
		{
			name:    "indented block comment above, rule list with blanks",
			content: "\t/* nhilint:ignore aws-access-key, github-pat -- fixture */\n\ttoken := \"%s\"\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Justification: "fixture", Source: "app/config.py:1"},
		},
		{
			name:    "HTML comment above without reason",
			content: "<!-- nhilint:ignore github-pat -->\n<meta content=\"%s\">\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Source: "app/config.py:1"},
		},
		{
			name:    "HTML comment with reason",
			content: "<!-- nhilint:ignore -- docs example -->\n<meta content=\"%s\">\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Justification: "docs example", Source: "app/config.py:1"},
		},
		{
			name:    "template comment closer glued to the marker",
			content: "{{/*nhilint:ignore*/}}\nkey: %s\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Source: "app/config.py:1"},
		},
		{
			name:    "CRLF line endings",
			content: "# nhilint:ignore -- windows\r\ntoken = \"%s\"\r\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Justification: "windows", Source: "app/config.py:1"},
		},
		{
			name:    "gitleaks:allow on the start line",
			content: "token = \"%s\" # gitleaks:allow\n",
			want:    &finding.Suppression{Kind: finding.SuppressedGitleaksAllow, Source: "app/config.py:1"},
		},
		{
			name:    "nhilint:ignore wins over gitleaks:allow",
			content: "token = \"%s\" # gitleaks:allow nhilint:ignore -- both\n",
			want:    &finding.Suppression{Kind: finding.SuppressedInline, Justification: "both", Source: "app/config.py:1"},
		},
		{
			name:    "line-above rule list without the rule falls back to gitleaks:allow",
			content: "# nhilint:ignore aws-access-key\ntoken = \"%s\" # gitleaks:allow\n",
			want:    &finding.Suppression{Kind: finding.SuppressedGitleaksAllow, Source: "app/config.py:2"},
		},

		// Not suppressed.
		{name: "no marker", content: "token = \"%s\"\n"},
		{name: "rule list without the rule", content: "token = \"%s\" # nhilint:ignore aws-access-key,slack-token -- fixture\n"},
		{name: "rule list without the rule, line above", content: "# nhilint:ignore aws-access-key\ntoken = \"%s\"\n"},
		{name: "marker two lines above", content: "# nhilint:ignore\n\ntoken = \"%s\"\n"},
		{name: "marker at the end of a code line above", content: "other = \"x\" # nhilint:ignore\ntoken = \"%s\"\n"},
		{name: "marker on the line below", content: "token = \"%s\"\n# nhilint:ignore\n"},
		{name: "reason without --", content: "token = \"%s\" # nhilint:ignore because it is a test\n"},
		{name: "empty rule id", content: "token = \"%s\" # nhilint:ignore github-pat, -- fixture\n"},
		{name: "longer word is not the marker", content: "token = \"%s\" # nhilint:ignored\n"},
		{name: "upper case is not the marker", content: "token = \"%s\" # NHILINT:IGNORE\n"},
		{name: "gitleaks:allow on a non-secrets finding", content: "token = \"%s\" # gitleaks:allow\n", analyz: "ci"},
		{name: "gitleaks:allow on the line above", content: "# gitleaks:allow\ntoken = \"%s\"\n"},
		{
			name:    "rule id is case-sensitive",
			content: "token = \"%s\" # nhilint:ignore GitHub-PAT\n",
		},
		{
			name:    "other rule on the same line",
			content: "token = \"%s\" # nhilint:ignore github-pat\n",
			rule:    "generic-api-key",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := strings.Replace(tt.content, "%s", fakeGitHubPAT(), 1)
			f := &analyzers.File{Path: "app/config.py", Content: []byte(content)}
			line := 1 + strings.Count(content[:strings.Index(content, fakeGitHubPAT())], "\n")
			fd := secret(line)
			if tt.rule != "" {
				fd.RuleID = tt.rule
			}
			if tt.analyz != "" {
				fd.Analyzer = tt.analyz
			}
			got := Inline(f, fd)
			assertSuppression(t, got, tt.want)
		})
	}
}

func TestInlineEdges(t *testing.T) {
	f, n := inlineFile("a.env", "# nhilint:ignore")
	for _, line := range []int{0, -3, n + 5} {
		fd := &finding.Finding{RuleID: "github-pat", Analyzer: "secrets", Location: finding.Location{Path: "a.env", StartLine: line}}
		if got := Inline(f, fd); got != nil {
			t.Errorf("StartLine %d: got %+v, want nil", line, *got)
		}
	}
	// Line 1 has no line above.
	f, n = inlineFile("b.env")
	fd := &finding.Finding{RuleID: "github-pat", Analyzer: "secrets", Location: finding.Location{Path: "b.env", StartLine: n}}
	if got := Inline(f, fd); got != nil {
		t.Errorf("got %+v, want nil", *got)
	}
}

func TestInlineAllocations(t *testing.T) {
	f, n := inlineFile("c.env", "x = 1 # nhilint:ignore")
	fd := &finding.Finding{RuleID: "github-pat", Analyzer: "secrets", Location: finding.Location{Path: "c.env", StartLine: n}}
	f.Line(1) // build the line index outside the measurement
	if allocs := testing.AllocsPerRun(100, func() { Inline(f, fd) }); allocs != 0 {
		t.Errorf("Inline allocates %v times for an unsuppressed finding, want 0", allocs)
	}
}

func TestParseDirective(t *testing.T) {
	tests := []struct {
		line  string
		found bool
		want  directive
	}{
		{"", false, directive{}},
		{"nhilint:ignoreX", false, directive{}},
		{"nhilint:ignore", true, directive{valid: true, standalone: true}},
		{"  // nhilint:ignore  ", true, directive{valid: true, standalone: true}},
		{"x // nhilint:ignore a", true, directive{valid: true, rules: []byte("a")}},
		{"# nhilint:ignore a,b -- r", true, directive{valid: true, standalone: true, rules: []byte("a,b"), reason: []byte("r")}},
		{"# nhilint:ignore a , b--x", true, directive{valid: true, standalone: true, rules: []byte("a , b--x")}},
		{"# nhilint:ignore a b", true, directive{standalone: true}},
		{"# nhilint:ignore --", true, directive{valid: true, standalone: true}},
		{"# nhilint:ignore -- a -- b", true, directive{valid: true, standalone: true, reason: []byte("a -- b")}},
		{"/** nhilint:ignore -- r **/", true, directive{valid: true, standalone: true, reason: []byte("r")}},
		{"<%# nhilint:ignore -%>", true, directive{valid: true, standalone: true}},
		{"nhilint:ignored # nhilint:ignore a", true, directive{valid: true, rules: []byte("a")}},
	}
	for _, tt := range tests {
		got, found := parseDirective([]byte(tt.line))
		if found != tt.found || !equalDirective(got, tt.want) {
			t.Errorf("parseDirective(%q) = %s, %v; want %s, %v", tt.line, fmtDirective(got), found, fmtDirective(tt.want), tt.found)
		}
	}
}

func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{
		"// nhilint:ignore",
		"# nhilint:ignore github-pat,aws-access-key -- fixture",
		"<!-- nhilint:ignore a, b -- c -->",
		"x = 1 # nhilint:ignore because",
		"{{/*nhilint:ignore*/}}",
		"nhilint:ignore,",
		"nhilint:ignore\t--\t",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		d, found := parseDirective([]byte(line))
		if !strings.Contains(line, ignoreMarker) {
			if found {
				t.Fatalf("found a directive in %q, which has no marker", line)
			}
			return
		}
		if !found {
			return
		}
		if !d.valid && (d.rules != nil || d.reason != nil) {
			t.Fatalf("invalid directive carries rules or a reason: %s", fmtDirective(d))
		}
		if !bytes.Equal(bytes.TrimSpace(d.reason), d.reason) {
			t.Fatalf("reason %q is not trimmed", d.reason)
		}
		for _, id := range bytes.Split(d.rules, []byte(",")) {
			id = trimBlanks(id)
			if d.rules != nil && (len(id) == 0 || bytes.ContainsAny(id, " \t")) {
				t.Fatalf("rule list %q holds a bad id %q", d.rules, id)
			}
			if d.rules != nil && !d.applies(string(id)) {
				t.Fatalf("directive with rules %q does not apply to %q", d.rules, id)
			}
		}
		if d.valid && d.rules == nil && !d.applies("any-rule") {
			t.Fatal("a directive without rules must apply to every rule")
		}
	})
}

func equalDirective(a, b directive) bool {
	return a.valid == b.valid && a.standalone == b.standalone && bytes.Equal(a.rules, b.rules) && bytes.Equal(a.reason, b.reason)
}

func fmtDirective(d directive) string {
	return "{valid:" + boolString(d.valid) + " standalone:" + boolString(d.standalone) +
		" rules:" + string(d.rules) + " reason:" + string(d.reason) + "}"
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// assertSuppression compares suppressions by value; it never prints evidence.
func assertSuppression(t *testing.T, got, want *finding.Suppression) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil:
		t.Errorf("got no suppression, want %+v", *want)
	case want == nil:
		t.Errorf("got %+v, want no suppression", *got)
	case *got != *want:
		t.Errorf("got %+v, want %+v", *got, *want)
	}
}
