package secrets

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// Fake credentials are assembled at run time so this file holds none.
var (
	fakeGHP     = "ghp_" + "Zx8Kq2Lm4Np6Rs1Tv3Wy5Ab7Cd9Ef0Gh2Jk4"
	fakeAWSID   = "AKIA" + "QX4BZ7MNJ3KD2WUH"
	fakeSlack   = "xoxb-" + "482915736021-7730462918354-" + "Q7mZk2Lp9XvR4tWn8YbHs3Jd"
	fakeGeneric = "Hq7" + "Zp2Lx9Vn4Rt6Wm1Ks8Yb3Jd5"
)

func newAnalyzer(t *testing.T, opts Options) *Analyzer {
	t.Helper()
	a, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

type hit struct {
	rule                   string
	line, col, eline, ecol int
}

func scan(t *testing.T, a *Analyzer, path, content string) []hit {
	t.Helper()
	f := &analyzers.File{Path: path, Content: []byte(content)}
	results, err := a.Analyze(context.Background(), f)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	var hits []hit
	for _, r := range results {
		if r.Finding.Suppression != nil {
			continue // placeholders: see TestPlaceholdersAreReportedAsSuppressed
		}
		l := r.Finding.Location
		hits = append(hits, hit{r.Finding.RuleID, l.StartLine, l.StartColumn, l.EndLine, l.EndColumn})
	}
	// gitleaks iterates its rules in map order.
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.line, b.line), strings.Compare(a.rule, b.rule)) })
	return hits
}

func TestPositionsAreOneBasedCharacterColumnsOfTheSecret(t *testing.T) {
	a := newAnalyzer(t, Options{})
	tests := []struct {
		name    string
		content string
		want    []hit
	}{
		{
			name:    "first line",
			content: "token: " + fakeGHP + "\n",
			want:    []hit{{"github-pat", 1, 8, 1, 8 + len(fakeGHP)}},
		},
		{
			// gitleaks shifts columns by one after the first line.
			name:    "third line",
			content: "a\nb\ntoken: " + fakeGHP + "\n",
			want:    []hit{{"github-pat", 3, 8, 3, 8 + len(fakeGHP)}},
		},
		{
			// gitleaks counts bytes; "é" and "→" are one character each.
			name:    "multibyte before the secret",
			content: "# café\nclé → " + fakeGHP,
			want:    []hit{{"github-pat", 2, 7, 2, 7 + len(fakeGHP)}},
		},
		{
			name:    "CRLF line endings",
			content: "x\r\ny\r\nkey=" + fakeAWSID + "\r\n",
			want:    []hit{{"aws-access-token", 3, 5, 3, 5 + len(fakeAWSID)}},
		},
		{
			// The secret group is narrower than the match; we report the secret.
			name:    "secret group",
			content: "\n\nconfig = {\n  api_key = \"" + fakeGeneric + "\"\n}\n",
			want:    []hit{{"generic-api-key", 4, 14, 4, 14 + len(fakeGeneric)}},
		},
		{
			name:    "no trailing newline, last line",
			content: "one\ntwo\n" + fakeSlack,
			want:    []hit{{"slack-bot-token", 3, 1, 3, 1 + len(fakeSlack)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scan(t, a, "f.txt", tt.content)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d findings %v, want %v", len(got), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("finding %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestFindingDescribesTheCredentialWithoutTheSecret(t *testing.T) {
	a := newAnalyzer(t, Options{})
	f := &analyzers.File{Path: "deploy.sh", Content: []byte("export GH=" + fakeGHP + "\n")}
	results, err := a.Analyze(context.Background(), f)
	if err != nil || len(results) != 1 {
		t.Fatalf("Analyze = %d results, %v; want 1", len(results), err)
	}
	fd := results[0].Finding
	if fd.Credential == nil {
		t.Fatal("no credential")
	}
	if got, want := fd.Credential.Preview, "ghp_…"; got != want {
		t.Errorf("preview = %q, want %q", got, want)
	}
	if fd.Credential.Lifetime != finding.LifetimeLongLived {
		t.Errorf("lifetime = %q, want long-lived", fd.Credential.Lifetime)
	}
	if fd.Fingerprint != finding.Fingerprint("github-pat", fakeGHP) {
		t.Errorf("fingerprint is not the rule+secret hash")
	}
	if fd.Remediation.Revoke == "" || fd.Title == "" || len(fd.CWEs) == 0 {
		t.Errorf("rule documentation not applied: %+v", fd)
	}
	for _, c := range []finding.Category{finding.NHI2, finding.NHI7} {
		if !containsCategory(fd.Categories, c) {
			t.Errorf("categories %v lack %s", fd.Categories, c)
		}
	}
	if strings.Contains(fd.Message, fakeGHP[4:]) {
		t.Errorf("message contains the secret")
	}
	if results[0].Evidence.Secret() != fakeGHP {
		t.Errorf("evidence does not carry the secret for suppression")
	}
}

func containsCategory(cs []finding.Category, c finding.Category) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func TestDecodedSecretsAreFoundAndMarked(t *testing.T) {
	a := newAnalyzer(t, Options{MaxDecodeDepth: DefaultMaxDecodeDepth})
	encoded := base64Std("token=" + fakeGHP)
	content := "payload: " + encoded + "\n"
	f := &analyzers.File{Path: "blob.yaml", Content: []byte(content)}
	results, err := a.Analyze(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var got *finding.Finding
	for i := range results {
		if results[i].Finding.RuleID == "github-pat" {
			got = &results[i].Finding
		}
	}
	if got == nil {
		t.Fatalf("base64-wrapped token not found; results: %d", len(results))
	}
	if !strings.Contains(got.Message, "base64") {
		t.Errorf("message %q does not say the key was base64-encoded", got.Message)
	}
	if got.Location.StartLine != 1 || got.Location.StartColumn != 10 {
		t.Errorf("location = %d:%d, want the encoded text at 1:10", got.Location.StartLine, got.Location.StartColumn)
	}

	off := newAnalyzer(t, Options{MaxDecodeDepth: 0})
	if hits := scan(t, off, "blob.yaml", content); len(hits) != 0 {
		t.Errorf("decoding off: got %v, want nothing", hits)
	}
}

func TestRuleSetIsGitleaksDefaultPlusOurs(t *testing.T) {
	a := newAnalyzer(t, Options{})
	rules := a.Rules()
	if len(rules) < 222 {
		t.Fatalf("%d rules, want at least gitleaks' 222", len(rules))
	}
	for _, r := range rules {
		if r.Title == "" || r.Description == "" || r.Remediation.Revoke == "" || r.Level == "" || len(r.CWEs) == 0 || len(r.Categories) == 0 {
			t.Errorf("rule %s is not fully documented: %+v", r.ID, r)
		}
	}
}

func TestDisabledRulesAreRemoved(t *testing.T) {
	a := newAnalyzer(t, Options{Disabled: []string{"github-pat"}})
	for _, r := range a.Rules() {
		if r.ID == "github-pat" {
			t.Fatal("github-pat still in the rule set")
		}
	}
	if hits := scan(t, a, "x", "t="+fakeGHP); len(hits) != 0 {
		t.Errorf("disabled rule reported %v", hits)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const customRule = `
[[rules]]
id = "acme-key"
description = "Acme internal key"
regex = '''acme_[a-z0-9]{12}'''
keywords = ["acme_"]
`

func TestGitleaksConfigWithoutExtendReplacesTheDefaults(t *testing.T) {
	p := writeFile(t, t.TempDir(), ".gitleaks.toml", customRule)
	a := newAnalyzer(t, Options{GitleaksConfig: p})
	if got := scan(t, a, "x", "k=acme_abcdef123456\nt="+fakeGHP+"\n"); len(got) != 1 || got[0].rule != "acme-key" {
		t.Errorf("got %v, want only acme-key (gitleaks' defaults are replaced)", got)
	}
	if _, ok := a.rules["acme-key"]; !ok {
		t.Error("acme-key not documented")
	}
}

func TestGitleaksConfigExtendingDefaultsTwiceInOneProcess(t *testing.T) {
	// gitleaks' own loader stops extending after two loads per process.
	p := writeFile(t, t.TempDir(), ".gitleaks.toml", "[extend]\nuseDefault = true\ndisabledRules = [\"slack-bot-token\"]\n"+customRule)
	for i := range 3 {
		a := newAnalyzer(t, Options{GitleaksConfig: p})
		got := scan(t, a, "x", "k=acme_abcdef123456\nt="+fakeGHP+"\ns="+fakeSlack+"\n")
		want := []hit{{"acme-key", 1, 3, 1, 3 + len("acme_abcdef123456")}, {"github-pat", 2, 3, 2, 3 + len(fakeGHP)}}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
			t.Fatalf("load %d: got %v, want %v", i+1, got, want)
		}
	}
}

func TestGitleaksConfigExtendPathIsRelativeToTheFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "base.toml", customRule)
	p := writeFile(t, dir, ".gitleaks.toml", "[extend]\npath = \"base.toml\"\n")
	a := newAnalyzer(t, Options{GitleaksConfig: p})
	if got := scan(t, a, "x", "k=acme_abcdef123456\n"); len(got) != 1 || got[0].rule != "acme-key" {
		t.Errorf("got %v, want acme-key from the extended file", got)
	}
}

func TestBadRuleFilesAreErrorsNotPanics(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]string{
		"bad regex":  "[[rules]]\nid = \"x\"\nregex = '''(unclosed'''\n",
		"bad toml":   "[[rules]\nid=",
		"no id":      "[[rules]]\nregex = '''abc'''\n",
		"extend url": "[extend]\nurl = \"https://example.com/x.toml\"\n",
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			p := writeFile(t, dir, strings.ReplaceAll(name, " ", "_")+".toml", content)
			if _, err := New(Options{GitleaksConfig: p}); err == nil {
				t.Error("New succeeded, want an error")
			} else if !strings.Contains(err.Error(), p) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestExtraRuleFilesAddRules(t *testing.T) {
	p := writeFile(t, t.TempDir(), "acme.toml", customRule)
	a := newAnalyzer(t, Options{RuleFiles: []string{p}})
	got := scan(t, a, "x", "k=acme_abcdef123456\nt="+fakeGHP+"\n")
	if len(got) != 2 || got[0].rule != "acme-key" || got[1].rule != "github-pat" {
		t.Errorf("got %v, want acme-key and github-pat", got)
	}
	bad := writeFile(t, t.TempDir(), "ext.toml", "[extend]\nuseDefault = true\n")
	if _, err := New(Options{RuleFiles: []string{bad}}); err == nil {
		t.Error("a rule file with [extend] was accepted")
	}
}

func TestTitleFromDescription(t *testing.T) {
	tests := map[string]string{
		"Identified a Slack Bot token, which may compromise bot integrations.": "Slack Bot token",
		"Detected a Generic API Key, potentially exposing access.":             "Generic API Key",
		"Uncovered an Adobe OAuth Web Client Secret.":                          "Adobe OAuth Web Client Secret",
		"":            "Fallback",
		"Plain title": "Plain title",
	}
	for in, want := range tests {
		if got := titleFromDescription(in, "Fallback"); got != want {
			t.Errorf("titleFromDescription(%q) = %q, want %q", in, got, want)
		}
	}
}

func base64Std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestPlaceholdersAreNotFindings(t *testing.T) {
	a := newAnalyzer(t, Options{})
	masked := "token: ghp_" + strings.Repeat("x", 36) + "\nkey: ghp_" + strings.Repeat("0123456789abcdef", 3)[:36] + "\n"
	if got := scan(t, a, "config.yml", masked); len(got) != 0 {
		t.Errorf("placeholder tokens reported: %v", got)
	}
	// A real-looking key in an example file is still a leak.
	if got := scan(t, a, ".env.example", "GITHUB_TOKEN="+fakeGHP+"\n"); len(got) != 1 || got[0].rule != "github-pat" {
		t.Errorf(".env.example with a real-looking key: got %v, want github-pat", got)
	}
}

func TestPlaceholdersAreReportedAsSuppressed(t *testing.T) {
	a := newAnalyzer(t, Options{})
	masked := "key: ghp_" + strings.Repeat("0123456789abcdef", 3)[:36] + "\n"
	results, err := a.Analyze(context.Background(), &analyzers.File{Path: "config.yml", Content: []byte(masked)})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Finding.Suppression == nil || results[0].Finding.Suppression.Kind != finding.SuppressedPlaceholder {
		t.Fatalf("got %d results (%+v), want one suppressed as a placeholder", len(results), results)
	}
	if l := results[0].Finding.Location; l.StartLine != 1 || l.StartColumn != 6 {
		t.Errorf("placeholder reported at %d:%d, want 1:6", l.StartLine, l.StartColumn)
	}
}

// jwtWith builds an unsigned-looking JWT with the given claims.
func jwtWith(claims string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims)) + "." + "Qm9ndXNTaWduYXR1cmVGb3JUZXN0aW5nT25seTEyMzQ"
}

func TestTokensAreReadForLifetimeAndScopes(t *testing.T) {
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	a := newAnalyzer(t, Options{Now: func() time.Time { return now }})
	iat := now.Add(-24 * time.Hour).Unix()
	tests := []struct {
		name     string
		claims   string
		want     bool
		lifetime finding.Lifetime
		expires  string
		scopes   []string
	}{
		{"service_role for ten years", fmt.Sprintf(`{"iss":"supabase","role":"service_role","iat":%d,"exp":%d}`, iat, iat+10*365*86400),
			true, finding.LifetimeLongLived, time.Unix(iat+10*365*86400, 0).UTC().Format(time.RFC3339), nil},
		{"one hour", fmt.Sprintf(`{"sub":"ci","scope":"read:packages write:packages","iat":%d,"exp":%d}`, iat, iat+3600),
			true, finding.LifetimeShortLived, time.Unix(iat+3600, 0).UTC().Format(time.RFC3339), []string{"read:packages", "write:packages"}},
		{"no expiry", `{"sub":"deploy-bot","iss":"internal"}`, true, finding.LifetimeLongLived, "never", nil},
		{"anon key is public", fmt.Sprintf(`{"iss":"supabase","role":"anon","iat":%d,"exp":%d}`, iat, iat+10*365*86400), false, "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &analyzers.File{Path: "app.env", Content: []byte("SUPABASE_KEY=" + jwtWith(tt.claims) + "\n")}
			results, err := a.Analyze(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want {
				if len(results) != 0 {
					t.Fatalf("public key reported: %+v", results[0].Finding)
				}
				return
			}
			if len(results) != 1 {
				t.Fatalf("%d results, want 1", len(results))
			}
			c := results[0].Finding.Credential
			if c.Lifetime != tt.lifetime || c.Expires != tt.expires || !slices.Equal(c.Scopes, tt.scopes) {
				t.Errorf("credential = lifetime %s, expires %q, scopes %v; want %s, %q, %v", c.Lifetime, c.Expires, c.Scopes, tt.lifetime, tt.expires, tt.scopes)
			}
			hasNHI7 := containsCategory(results[0].Finding.Categories, finding.NHI7)
			if hasNHI7 != (tt.lifetime == finding.LifetimeLongLived) {
				t.Errorf("NHI7 = %v for a %s credential", hasNHI7, tt.lifetime)
			}
		})
	}
}

// randomish returns n characters from alphabet, spread so that no placeholder
// heuristic (runs, repeats) mistakes them for a dummy value.
func randomish(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[(i*7+i*i*13+5)%len(alphabet)]
	}
	return string(b)
}

func TestLifetimeFromTheValueForProvidersWithBothKinds(t *testing.T) {
	a := newAnalyzer(t, Options{})
	const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	const upperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	tests := []struct {
		line, rule string
		want       finding.Lifetime
	}{
		{"id=AKIA" + randomish(upper, 16), "aws-access-token", finding.LifetimeLongLived},
		{"id=ASIA" + randomish(upper, 16), "aws-access-token", finding.LifetimeShortLived},
		{"t=ghp_" + randomish(alnum, 36), "github-pat", finding.LifetimeLongLived},
		{"t=ghs_" + randomish(alnum, 36), "github-app-token", finding.LifetimeShortLived},
		{"t=ghu_" + randomish(alnum, 36), "github-app-token", finding.LifetimeShortLived},
		{"t=xoxe.xoxp-1-" + randomish(upperDigits, 164), "slack-config-access-token", finding.LifetimeShortLived},
		{"t=xoxe-1-" + randomish(upperDigits, 146), "slack-config-refresh-token", finding.LifetimeLongLived},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.line[:8], func(t *testing.T) {
			f := &analyzers.File{Path: "x.cfg", Content: []byte(tt.line + "\n")}
			results, err := a.Analyze(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range results {
				if r.Finding.RuleID == tt.rule {
					if l := r.Finding.Credential.Lifetime; l != tt.want {
						t.Errorf("lifetime %s, want %s", l, tt.want)
					}
					return
				}
				got = append(got, r.Finding.RuleID)
			}
			t.Errorf("rule %s did not fire (got %v)", tt.rule, got)
		})
	}
}
