package ghactions

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
)

var update = flag.Bool("update", false, "rewrite golden files")

// literalMarker in a fixture is replaced at test time by a generated
// credential-shaped value, so that no committed file holds one.
const literalMarker = "@@LITERAL@@"

// fakeCredential is built by concatenation for the same reason.
func fakeCredential() string { return "Qw7" + "Zr4Tb9" + "Lm2Xc8" + "Vn5" }

// fixtureRel is the path the analyzer sees for a fixture: action*.yml files
// are action metadata, everything else a workflow.
func fixtureRel(name string) string {
	if strings.HasPrefix(name, "action") {
		return "sub/action.yml"
	}
	return ".github/workflows/" + name
}

func analyzeFixture(t *testing.T, path string) ([]analyzers.Result, error) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.ReplaceAll(string(b), literalMarker, fakeCredential()))
	f := &analyzers.File{Path: filepath.ToSlash(path), Rel: fixtureRel(filepath.Base(path)), Content: b}
	return New().Analyze(context.Background(), f)
}

// TestFixtures runs every testdata/<rule>/*.yml and compares the findings
// with the .out file next to it, one "path:line:col: rule-id: message" line
// per finding.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*.yml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range files {
		if strings.HasPrefix(path, filepath.Join("testdata", "scopes")) {
			continue
		}
		t.Run(strings.TrimPrefix(path, "testdata"+string(filepath.Separator)), func(t *testing.T) {
			results, err := analyzeFixture(t, path)
			var got strings.Builder
			if err != nil {
				fmt.Fprintf(&got, "error: %v\n", err)
			}
			for _, r := range results {
				fd := r.Finding
				if strings.Contains(fd.Message, fakeCredential()) || strings.Contains(fd.Remediation.Replace, fakeCredential()) {
					t.Errorf("finding %s quotes the credential", fd.RuleID)
				}
				fmt.Fprintf(&got, "%s:%d:%d: %s: %s\n", fd.Location.Path, fd.Location.StartLine, fd.Location.StartColumn, fd.RuleID, fd.Message)
			}
			golden := strings.TrimSuffix(path, ".yml") + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got.String() != string(want) {
				t.Errorf("findings differ\n--- got\n%s--- want\n%s", got.String(), want)
			}
		})
	}
}

// TestEveryRuleHasFixtures requires a positive and a negative fixture per
// rule: a directory named after the rule holding at least one .out file
// with a finding of the rule and one without.
func TestEveryRuleHasFixtures(t *testing.T) {
	for _, c := range checks {
		outs, _ := filepath.Glob(filepath.Join("testdata", c.rule.ID, "*.out"))
		var pos, neg bool
		for _, o := range outs {
			b, err := os.ReadFile(o)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), ": "+c.rule.ID+": ") {
				pos = true
			} else {
				neg = true
			}
		}
		if !pos || !neg {
			t.Errorf("%s: want a positive and a negative fixture (have positive %v, negative %v)", c.rule.ID, pos, neg)
		}
	}
}

func TestRulesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range New().Rules() {
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
		if !strings.HasPrefix(r.ID, "gha-") || r.Title == "" || r.Description == "" || r.Why == "" || r.Level == "" ||
			len(r.Categories) == 0 || len(r.CWEs) == 0 || r.Precision == "" || r.Remediation.Revoke == "" ||
			r.Remediation.Rotate == "" || r.Remediation.Replace == "" || r.Analyzer != Name {
			t.Errorf("%s: incomplete documentation", r.ID)
		}
	}
}

func TestWants(t *testing.T) {
	a := New()
	for rel, want := range map[string]bool{
		".github/workflows/ci.yml":           true,
		".github/workflows/ci.yaml":          true,
		"sub/repo/.github/workflows/ci.yml":  true,
		".github/workflows/nested/ci.yml":    false,
		".github/workflows/README.md":        false,
		"action.yml":                         true,
		"actions/setup/action.yaml":          true,
		"workflows/ci.yml":                   false,
		".github/dependabot.yml":             false,
		"docs/action.yml.txt":                false,
		"./.github/workflows/release.yml":    true,
		".github/workflows/.hidden/x.yml":    false,
		"src/.github/workflows/deploy.yaml":  true,
		"my-action.yml":                      false,
		".github/actions/build/action.yml":   true,
		".gitlab-ci.yml":                     false,
		".github/workflows/template.yml.bak": false,
	} {
		if got := a.Wants(rel); got != want {
			t.Errorf("Wants(%q) = %v, want %v", rel, got, want)
		}
	}
}

// TestActionTable checks the embedded table: it parses, every entry names a
// source, and it covers at least 60 actions.
func TestActionTable(t *testing.T) {
	table, err := loadActions(actionsYAML)
	if err != nil {
		t.Fatal(err)
	}
	if len(table) < 60 {
		t.Errorf("table has %d actions, want at least 60", len(table))
	}
	for _, name := range []string{"actions/checkout", "softprops/action-gh-release", "peter-evans/create-pull-request",
		"github/codeql-action/analyze", "actions/deploy-pages", "actions/attest-build-provenance",
		"googleapis/release-please-action", "actions/create-github-app-token", "actions/labeler", "actions/stale", "docker/login-action"} {
		if table[name] == nil {
			t.Errorf("table lacks %s", name)
		}
	}
	if _, err := loadActions([]byte("- uses: a/b\n  needs: {contents: admin}\n  source: x\n")); err == nil {
		t.Error("bad access level accepted")
	}
	if _, err := loadActions([]byte("- uses: a/b\n  needs: {id-token: read}\n  source: x\n")); err == nil {
		t.Error("id-token: read accepted")
	}
	if _, err := loadActions([]byte("- uses: a/b\n")); err == nil {
		t.Error("entry without source accepted")
	}
	// Every route in the generated table names a scope that exists.
	for _, r := range restRoutes {
		a, ok := parseAccess(r.access)
		if !ok {
			t.Errorf("route %s %s: bad access %q", r.method, r.path, r.access)
		}
		for _, s := range strings.FieldsFunc(r.scope, func(c rune) bool { return c == '/' || c == ',' }) {
			if s != "none" && !scopeAccepts(s, a) {
				t.Errorf("route %s %s: scope %s does not take %s", r.method, r.path, s, r.access)
			}
		}
	}
}

func TestMalformed(t *testing.T) {
	for name, src := range map[string]string{
		"tab indent":   "on: push\njobs:\n\tbuild: {}\n",
		"unclosed":     "on: [push\njobs: {}\n",
		"bad mapping":  "on: push\njobs:\n  a: b: c\n",
		"unterminated": "jobs:\n  x:\n    steps:\n      - run: \"echo\n",
	} {
		t.Run(name, func(t *testing.T) {
			f := &analyzers.File{Path: "w.yml", Rel: ".github/workflows/w.yml", Content: []byte(src)}
			res, err := New().Analyze(context.Background(), f)
			if err == nil || len(res) != 0 {
				t.Errorf("got %d results, error %v; want an error only", len(res), err)
			}
		})
	}
	// Valid YAML that is not a workflow is no error and no finding.
	for _, src := range []string{"", "# only a comment\n", "- a\n- b\n", "just a string\n", "on: push\n"} {
		f := &analyzers.File{Path: "w.yml", Rel: ".github/workflows/w.yml", Content: []byte(src)}
		if res, err := New().Analyze(context.Background(), f); err != nil || len(res) != 0 {
			t.Errorf("%q: got %d results, error %v", src, len(res), err)
		}
	}
}

// TestAliasBomb feeds a billion-laughs document: Analyze must refuse it
// quickly instead of walking the expanded tree.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("on: push\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("jobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        v: *a9\n    steps:\n      - run: echo\n")
	for _, rel := range []string{".github/workflows/bomb.yml", "action.yml"} {
		f := &analyzers.File{Path: rel, Rel: rel, Content: []byte(b.String())}
		res, err := New().Analyze(context.Background(), f)
		if err == nil || !strings.Contains(err.Error(), "aliases expand") || len(res) != 0 {
			t.Errorf("%s: got %d results, error %v; want the alias error", rel, len(res), err)
		}
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &analyzers.File{Path: "w.yml", Rel: ".github/workflows/w.yml", Content: []byte("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n")}
	if _, err := New().Analyze(ctx, f); err == nil {
		t.Error("canceled context: no error")
	}
}

func FuzzAnalyze(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.yml")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b, !strings.Contains(s, "action"))
		}
	}
	f.Add([]byte("on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ toJSON(secrets) }}\n"), true)
	f.Add([]byte("runs:\n  using: composite\n  steps:\n    - run: echo $X\n      env: {X: '${{ inputs.token }}'}\n"), false)
	f.Fuzz(func(t *testing.T, content []byte, workflow bool) {
		rel := "action.yml"
		if workflow {
			rel = ".github/workflows/f.yml"
		}
		file := &analyzers.File{Path: rel, Rel: rel, Content: content}
		res, err := New().Analyze(context.Background(), file)
		if err != nil && len(res) > 0 {
			t.Fatal("results with an error")
		}
		for _, r := range res {
			l := r.Finding.Location
			if l.StartLine < 1 || l.EndLine < l.StartLine || r.Finding.RuleID == "" || strings.Contains(r.Finding.Message, "\n") {
				t.Fatalf("bad finding %+v", r.Finding)
			}
		}
	})
}
