package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Fake credentials, assembled at run time so this file holds none.
var (
	fakeGHP   = "ghp_" + "Zx8Kq2Lm4Np6Rs1Tv3Wy5Ab7Cd9Ef0Gh2Jk4"
	fakeAWSID = "AKIA" + "QX4BZ7MNJ3KD2WUH"
	fakeSlack = "xoxb-" + "482915736021-7730462918354-" + "Q7mZk2Lp9XvR4tWn8YbHs3Jd"
	fakeRSA   = "-----BEGIN RSA " + "PRIVATE KEY-----\n" + strings.Repeat("MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n", 8) + "-----END RSA " + "PRIVATE KEY-----\n"
)

// invocation is the outcome of one in-process run of the CLI.
type invocation struct {
	code           int
	stdout, stderr string
}

func nhilint(t *testing.T, args ...string) invocation {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return invocation{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// tree writes files (relative path → content) into a new temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s", path, got)
	}
}

// repoRoot changes to the repository root for tests that scan testdata/demo,
// so that report paths are the ones a user sees.
func repoRoot(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
}

func TestDemoReports(t *testing.T) {
	goldenDir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			repoRoot(t)
			got := nhilint(t, "scan", "testdata/demo", "--format", format)
			if got.code != ExitFindings {
				t.Fatalf("exit code %d, want %d; stderr: %s", got.code, ExitFindings, got.stderr)
			}
			golden(t, filepath.Join(goldenDir, "demo."+format+".golden"), got.stdout)
		})
	}
}

func TestExitCodes(t *testing.T) {
	clean := tree(t, map[string]string{"main.go": "package main\n"})
	leaky := tree(t, map[string]string{"deploy.sh": "export GH=" + fakeGHP + "\n"})
	warnOnly := tree(t, map[string]string{"app.cfg": "\n\nconfig = {\n  api_key = \"Hq7Zp2Lx9Vn4Rt6Wm1Ks8Yb3Jd5\"\n}\n"})
	binary := tree(t, map[string]string{"blob.bin": "\x00\x01\x02", "ok.txt": "fine\n"})
	badConfig := tree(t, map[string]string{".nhilint.yaml": "exclude: 3\nunknown: true\n"})
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean tree", []string{"scan", clean}, ExitOK},
		{"error finding", []string{"scan", leaky}, ExitFindings},
		{"fail-on none", []string{"scan", leaky, "--fail-on", "none"}, ExitOK},
		{"warning below fail-on error", []string{"scan", warnOnly, "--fail-on", "error"}, ExitOK},
		{"warning at fail-on warning", []string{"scan", warnOnly}, ExitFindings},
		{"skips do not fail", []string{"scan", binary}, ExitOK},
		{"skips fail with --strict", []string{"scan", binary, "--strict"}, ExitFindings},
		{"unknown flag", []string{"scan", "--no-such-flag"}, ExitUsage},
		{"unknown format", []string{"scan", clean, "--format", "xml"}, ExitUsage},
		{"bad fail-on", []string{"scan", clean, "--fail-on", "critical"}, ExitUsage},
		{"missing path", []string{"scan", filepath.Join(clean, "nope")}, ExitUsage},
		{"bad config", []string{"scan", badConfig}, ExitUsage},
		{"missing baseline", []string{"scan", clean, "--baseline", filepath.Join(clean, "none.txt")}, ExitUsage},
		{"two reports to stdout", []string{"scan", clean, "--format", "json", "--format", "sarif"}, ExitUsage},
		{"unwritable output", []string{"scan", clean, "-o", "json=" + filepath.Join(clean, "no", "such", "dir", "r.json")}, ExitInternal},
		{"unknown rule to explain", []string{"explain", "no-such-rule"}, ExitUsage},
		{"version", []string{"version"}, ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := nhilint(t, tt.args...)
			if got.code != tt.want {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", got.code, tt.want, got.stdout, got.stderr)
			}
		})
	}
}

func TestConfigErrorsNameFileLineAndKey(t *testing.T) {
	dir := tree(t, map[string]string{".nhilint.yaml": "version: 1\nrules:\n  disable: [no-such-rule]\n"})
	got := nhilint(t, "scan", dir)
	want := filepath.Join(dir, ".nhilint.yaml") + ":3:13: rules.disable[0]: unknown rule id \"no-such-rule\""
	if got.code != ExitUsage || !strings.Contains(got.stderr, want) {
		t.Errorf("exit %d, stderr %q; want exit 2 and %q", got.code, got.stderr, want)
	}
}

func TestOutputsPairWithFormats(t *testing.T) {
	dir := tree(t, map[string]string{"deploy.sh": "export GH=" + fakeGHP + "\n"})
	out := t.TempDir()
	got := nhilint(t, "scan", dir, "--format", "sarif", "--output", filepath.Join(out, "r.sarif"), "-o", "json="+filepath.Join(out, "r.json"), "--format", "text")
	if got.code != ExitFindings {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	if !strings.Contains(got.stdout, "github-pat") {
		t.Errorf("text report not on stdout: %q", got.stdout)
	}
	for _, name := range []string{"r.sarif", "r.json"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) || !bytes.Contains(data, []byte("github-pat")) {
			t.Errorf("%s is not a report with the finding", name)
		}
	}
}

type jsonReport struct {
	Findings []struct {
		RuleID   string `json:"ruleId"`
		Location struct {
			Path      string `json:"path"`
			StartLine int    `json:"startLine"`
		} `json:"location"`
	} `json:"findings"`
	Suppressed []struct {
		RuleID      string `json:"ruleId"`
		Suppression struct {
			Kind string `json:"kind"`
		} `json:"suppression"`
	} `json:"suppressed"`
	Skipped []struct {
		Path   string `json:"path"`
		Reason string `json:"reason"`
	} `json:"skipped"`
}

func scanJSON(t *testing.T, args ...string) (jsonReport, invocation) {
	t.Helper()
	got := nhilint(t, append(args, "--format", "json")...)
	var r jsonReport
	if err := json.Unmarshal([]byte(got.stdout), &r); err != nil {
		t.Fatalf("bad JSON (exit %d, stderr %s): %v", got.code, got.stderr, err)
	}
	return r, got
}

func TestBaselineReportsOnlyNewFindings(t *testing.T) {
	dir := tree(t, map[string]string{"a/deploy.sh": "export GH=" + fakeGHP + "\n"})
	base := filepath.Join(t.TempDir(), "baseline.txt")
	if got := nhilint(t, "baseline", base, dir); got.code != ExitOK {
		t.Fatalf("baseline: exit %d: %s", got.code, got.stderr)
	}
	data, _ := os.ReadFile(base)
	if strings.Contains(string(data), fakeGHP) {
		t.Fatal("the baseline holds the secret")
	}
	// Move the secret down two lines and add a new one: only the new one is reported.
	if err := os.WriteFile(filepath.Join(dir, "a", "deploy.sh"), []byte("#!/bin/sh\n\nexport GH="+fakeGHP+"\nexport AWS="+fakeAWSID+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, got := scanJSON(t, "scan", dir, "--baseline", base)
	if got.code != ExitFindings || len(r.Findings) != 1 || r.Findings[0].RuleID != "aws-access-token" || r.Findings[0].Location.StartLine != 4 {
		t.Errorf("exit %d, findings %+v; want only aws-access-token at line 4", got.code, r.Findings)
	}
	if len(r.Suppressed) != 1 || r.Suppressed[0].Suppression.Kind != "baseline" {
		t.Errorf("suppressed %+v; want the moved github-pat, by baseline", r.Suppressed)
	}
}

func TestSuppressionMechanisms(t *testing.T) {
	dir := tree(t, map[string]string{
		"inline.sh":     "export GH=" + fakeGHP + " # nhilint:ignore github-pat -- revoked\n",
		"allow.sh":      "export GH=" + fakeGHP + " # gitleaks:allow\n",
		"fixtures/x.sh": "export GH=" + fakeGHP + "\n",
		"ignored.sh":    "export GH=" + fakeGHP + "\n",
		"stop.sh":       "SLACK=" + fakeSlack + "\n",
		".nhilint.yaml": "allowlists:\n  - description: test fixtures\n    paths: [\"fixtures/**\"]\n  - description: demo slack app\n    stopwords: [Q7mZk2]\n",
	})
	// .gitleaksignore entries are gitleaks fingerprints: file:rule:line.
	if err := os.WriteFile(filepath.Join(dir, ".gitleaksignore"), []byte(filepath.ToSlash(filepath.Join(dir, "ignored.sh"))+":github-pat:1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, got := scanJSON(t, "scan", dir)
	if got.code != ExitOK || len(r.Findings) != 0 {
		t.Fatalf("exit %d, findings %+v; want everything suppressed", got.code, r.Findings)
	}
	kinds := map[string]int{}
	for _, s := range r.Suppressed {
		kinds[s.Suppression.Kind]++
	}
	want := map[string]int{"inline": 1, "gitleaks-allow": 1, "allowlist": 2, "gitleaksignore": 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("suppressed by %s: %d, want %d (all: %v)", k, kinds[k], n, kinds)
		}
	}
	r, _ = scanJSON(t, "scan", dir, "--no-inline-ignore", "--fail-on", "none")
	if len(r.Findings) != 2 {
		t.Errorf("--no-inline-ignore: %d findings, want 2", len(r.Findings))
	}
}

func TestGitleaksConfigIsHonoured(t *testing.T) {
	dir := tree(t, map[string]string{
		".gitleaks.toml": "[extend]\nuseDefault = true\ndisabledRules = [\"github-pat\"]\n",
		"deploy.sh":      "export GH=" + fakeGHP + "\nexport AWS=" + fakeAWSID + "\n",
	})
	r, _ := scanJSON(t, "scan", dir)
	if len(r.Findings) != 1 || r.Findings[0].RuleID != "aws-access-token" {
		t.Errorf("findings %+v; want only aws-access-token", r.Findings)
	}
	r, _ = scanJSON(t, "scan", dir, "--no-gitleaks-config")
	if len(r.Findings) != 2 {
		t.Errorf("--no-gitleaks-config: %d findings, want 2", len(r.Findings))
	}
}

func TestNoOutputEverContainsASecret(t *testing.T) {
	secrets := []string{fakeGHP, fakeAWSID, fakeSlack}
	dir := tree(t, map[string]string{
		"deploy.sh":  "export GH=" + fakeGHP + "\nexport AWS=" + fakeAWSID + "\n",
		"slack.py":   "TOKEN = '" + fakeSlack + "'\n",
		"key.pem":    fakeRSA,
		"inline.txt": fakeGHP + " nhilint:ignore\n",
	})
	out := t.TempDir()
	var outputs []string
	for _, args := range [][]string{
		{"scan", dir, "--verbose", "-o", "json=" + filepath.Join(out, "r.json"), "-o", "sarif=" + filepath.Join(out, "r.sarif"), "--format", "text"},
		{"scan", dir, "--format", "json"},
		{"baseline", filepath.Join(out, "baseline.txt"), dir},
		{"scan", dir, "--baseline", filepath.Join(out, "baseline.txt"), "--verbose"},
	} {
		got := nhilint(t, args...)
		outputs = append(outputs, got.stdout, got.stderr)
	}
	for _, name := range []string{"r.json", "r.sarif", "baseline.txt"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, string(data))
	}
	if !strings.Contains(outputs[0], "github-pat") || !strings.Contains(outputs[0], "private-key") {
		t.Fatalf("the scan did not find the planted keys:\n%s", outputs[0])
	}
	for i, o := range outputs {
		for _, s := range secrets {
			// More than the 4-character preview of any secret is a leak.
			for j := 4; j+8 <= len(s); j++ {
				if strings.Contains(o, s[j:j+8]) {
					t.Fatalf("output %d contains part of a secret (%q…)", i, s[:4])
				}
			}
		}
		if strings.Contains(o, "MIIEowIBAAKCAQEA") {
			t.Fatalf("output %d contains private key material", i)
		}
	}
}

func TestRulesAndExplain(t *testing.T) {
	got := nhilint(t, "rules")
	if got.code != ExitOK || !strings.Contains(got.stdout, "aws-access-token") || !strings.Contains(got.stdout, "CWE-798") {
		t.Fatalf("rules: exit %d, output lacks aws-access-token/CWE-798", got.code)
	}
	var listed []struct {
		ID string `json:"id"`
	}
	j := nhilint(t, "rules", "--format", "json")
	if err := json.Unmarshal([]byte(j.stdout), &listed); err != nil || len(listed) < 222 {
		t.Fatalf("rules --format json: %d rules, %v", len(listed), err)
	}
	ex := nhilint(t, "explain", "aws-access-token")
	for _, want := range []string{"aws-access-token — ", "OWASP NHI:  NHI2 Secret Leakage", "Revoke", "Replace with a short-lived credential", "CWE-798"} {
		if !strings.Contains(ex.stdout, want) {
			t.Errorf("explain output lacks %q:\n%s", want, ex.stdout)
		}
	}
}

func TestHugeSingleLineFileIsScanned(t *testing.T) {
	line := strings.Repeat("function(a,b){return a+b};var x=[1,2,3];", 1<<18) // 10.5 MiB, one line
	dir := tree(t, map[string]string{"big.min.js": line + "token=" + fakeGHP + "\n"})
	// Decoding is off: this test is about windowing a huge line; the cost of
	// decoding is measured by the benchmark, not by the race-enabled suite.
	r, got := scanJSON(t, "scan", dir, "--fail-on", "none", "--max-decode-depth", "0")
	if got.code != ExitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	if len(r.Findings) != 1 || r.Findings[0].RuleID != "github-pat" {
		t.Errorf("findings %+v; want the token at the end of the line", r.Findings)
	}
}

func TestMaxFileSizeSkipsAreReported(t *testing.T) {
	dir := tree(t, map[string]string{"big.txt": strings.Repeat("x", 2048) + fakeGHP, "small.txt": "ok\n"})
	r, got := scanJSON(t, "scan", dir, "--max-file-size", "1KiB")
	if got.code != ExitOK || len(r.Findings) != 0 {
		t.Errorf("exit %d, findings %+v", got.code, r.Findings)
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Reason != "too-large" || !strings.HasSuffix(r.Skipped[0].Path, "big.txt") {
		t.Errorf("skipped %+v; want big.txt too-large", r.Skipped)
	}
}

func TestParseOutputs(t *testing.T) {
	tests := []struct {
		formats, outputs []string
		want             []output
		err              bool
	}{
		{nil, nil, []output{{format: "text"}}, false},
		{[]string{"sarif"}, []string{"r.sarif"}, []output{{"sarif", "r.sarif"}}, false},
		{nil, []string{"json=r.json", "sarif=r.sarif"}, []output{{"json", "r.json"}, {"sarif", "r.sarif"}}, false},
		{[]string{"json", "text"}, []string{"r.json"}, []output{{"json", "r.json"}, {"text", ""}}, false},
		{nil, []string{"r.json"}, nil, true},
		{[]string{"json", "text"}, nil, nil, true},
		{nil, []string{"json="}, nil, true},
	}
	for _, tt := range tests {
		got, err := parseOutputs(tt.formats, tt.outputs)
		if (err != nil) != tt.err {
			t.Errorf("parseOutputs(%v, %v) error = %v, want error %v", tt.formats, tt.outputs, err, tt.err)
			continue
		}
		if !tt.err && !equalOutputs(got, tt.want) {
			t.Errorf("parseOutputs(%v, %v) = %v, want %v", tt.formats, tt.outputs, got, tt.want)
		}
	}
}

func equalOutputs(a, b []output) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPolicyDecidesWhichLifetimesFail(t *testing.T) {
	// A one-hour token (short-lived) and nothing else.
	iat := time.Now().Add(-time.Minute).Unix()
	enc := base64.RawURLEncoding
	jwt := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." +
		enc.EncodeToString([]byte(fmt.Sprintf(`{"sub":"ci","iat":%d,"exp":%d}`, iat, iat+3600))) + "." + "Qm9ndXNTaWduYXR1cmVGb3JUZXN0aW5nT25seTEyMzQ"
	dir := tree(t, map[string]string{"ci.env": "TOKEN=" + jwt + "\n"})
	if got := nhilint(t, "scan", dir); got.code != ExitFindings {
		t.Errorf("default policy: exit %d, want 1 (every lifetime fails)", got.code)
	}
	writeConfig := func(body string) {
		if err := os.WriteFile(filepath.Join(dir, ".nhilint.yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeConfig("policy:\n  fail-on-lifetimes: [long-lived, unknown]\n")
	if got := nhilint(t, "scan", dir); got.code != ExitOK {
		t.Errorf("short-lived allowed: exit %d, want 0\n%s", got.code, got.stdout)
	}
	// With a maximum lifetime under an hour, the same token is long-lived.
	writeConfig("policy:\n  max-lifetime: 30m\n  fail-on-lifetimes: [long-lived]\n")
	r, got := scanJSON(t, "scan", dir)
	if got.code != ExitFindings || len(r.Findings) != 1 {
		t.Errorf("max-lifetime 30m: exit %d, findings %d; want 1 and 1", got.code, len(r.Findings))
	}
}

// TestRulesDocIsCurrent fails when docs/rules.md no longer matches the rules;
// regenerate it with: go test ./internal/cli -run TestRulesDocIsCurrent -update
func TestRulesDocIsCurrent(t *testing.T) {
	got := nhilint(t, "rules", "--format", "markdown")
	if got.code != ExitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	golden(t, filepath.Join("..", "..", "docs", "rules.md"), got.stdout)
}

func TestKeyStoresAreReportedByName(t *testing.T) {
	dir := tree(t, map[string]string{"certs/server.p12": "\x30\x82\x00\x00binary"})
	r, got := scanJSON(t, "scan", dir)
	if got.code != ExitFindings || len(r.Findings) != 1 || r.Findings[0].RuleID != "pkcs12-file" {
		t.Errorf("exit %d, findings %+v; want pkcs12-file", got.code, r.Findings)
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Reason != "binary" {
		t.Errorf("skipped %+v; want the .p12 content skipped as binary", r.Skipped)
	}
}

func TestOutputToADeviceOrSymlinkWritesThrough(t *testing.T) {
	dir := tree(t, map[string]string{"a.txt": "fine\n"})
	out := t.TempDir()
	target := filepath.Join(out, "real.json")
	if err := os.WriteFile(target, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(out, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if got := nhilint(t, "scan", dir, "-o", "json="+link); got.code != ExitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	if data, _ := os.ReadFile(target); !json.Valid(data) || len(data) == 0 {
		t.Error("the report did not reach the symlink's target")
	}
	// A character device must stay one (the report goes to the bit bucket).
	if got := nhilint(t, "scan", dir, "-o", "json=/dev/null"); got.code != ExitOK {
		t.Fatalf("exit %d: %s", got.code, got.stderr)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatal("/dev/null is no longer a device")
	}
}

// fixedClock is the date the identity projects' expiries are written for.
func fixedClock() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }

func nhilintAt(t *testing.T, args ...string) invocation {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, now: fixedClock}
	code := run(context.Background(), e, args)
	return invocation{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestInventory(t *testing.T) {
	repoRoot(t)
	const project = "testdata/identity/workflow-runs-python"
	for _, tc := range []struct{ name, format string }{
		{"table", "table"}, {"json", "json"}, {"markdown", "markdown"},
	} {
		inv := nhilintAt(t, "inventory", project, "--format", tc.format)
		if inv.code != ExitOK || inv.stderr != "" {
			t.Fatalf("inventory --format %s: exit %d, stderr %q", tc.format, inv.code, inv.stderr)
		}
		golden(t, filepath.Join("internal", "cli", "testdata", "inventory."+tc.name+".golden"), inv.stdout)
	}
	sug := nhilintAt(t, "inventory", "testdata/identity/unowned-env-reference", "--suggest")
	if sug.code != ExitOK {
		t.Fatalf("inventory --suggest: exit %d, stderr %q", sug.code, sug.stderr)
	}
	golden(t, filepath.Join("internal", "cli", "testdata", "inventory.suggest.golden"), sug.stdout)
	if bad := nhilintAt(t, "inventory", project, "--format", "xml"); bad.code != ExitUsage {
		t.Errorf("--format xml: exit %d, want %d", bad.code, ExitUsage)
	}
}

func TestScanReportsIdentityDrift(t *testing.T) {
	repoRoot(t)
	res := nhilintAt(t, "scan", "testdata/identity/js-octokit-unused-scope", "--format", "json", "-q")
	if res.code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr %q", res.code, ExitFindings, res.stderr)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s", f.Location.Path, f.Location.StartLine, f.RuleID))
	}
	if want := "[testdata/identity/js-octokit-unused-scope/.nhilint.yaml:6 identity-unused-scope]"; fmt.Sprint(got) != want {
		t.Errorf("findings %v, want %s", got, want)
	}
}

func TestVet(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", "analyzers", "gocode", "testdata", "typed"))
	res := nhilint(t, "vet", "./storage")
	if res.code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr %q", res.code, ExitFindings, res.stderr)
	}
	for _, want := range []string{
		"storage/storage.go:24:18: calls aws s3:PutObject ((*s3.Client).PutObject) (awsops)",
		"storage/storage.go:33:28: calls google drive.files.list ((*drive.FilesListCall).Do) (googleops)",
	} {
		if !strings.Contains(res.stdout, want+"\n") {
			t.Errorf("vet output lacks %q:\n%s", want, res.stdout)
		}
	}
}
