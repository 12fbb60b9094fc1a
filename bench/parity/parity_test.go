package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtureRules are the rule ids the fixtures treat as gitleaks rules.
var fixtureRules = map[string]bool{"rule-a": true, "rule-b": true, "rule-c": true, "private-key": true}

const (
	fixtureGitleaks = "testdata/gitleaks.json"
	fixtureNhilint  = "testdata/nhilint.json"
)

func loadFixtures(t *testing.T) *Result {
	t.Helper()
	r, err := Load(fixtureGitleaks, fixtureNhilint, "")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return Compare(r, fixtureRules)
}

func TestCompareCounts(t *testing.T) {
	res := loadFixtures(t)
	got := map[string]int{
		"gitleaks":              res.Gitleaks,
		"nhilint":               res.Nhilint,
		"suppressed":            res.Suppressed,
		"skipped":               res.Skipped,
		"sameLine":              res.SameLine,
		"inSpan":                res.InSpan,
		"onlyGitleaks":          len(res.OnlyGitleaks),
		"onlyNhilint":           len(res.OnlyNhilint),
		"unexplained":           res.Unexplained(),
		"explainedOnlyGitleaks": explained(res.OnlyGitleaks),
	}
	want := map[string]int{
		"gitleaks":              9,
		"nhilint":               7,
		"suppressed":            1,
		"skipped":               2,
		"sameLine":              3,
		"inSpan":                1,
		"onlyGitleaks":          5,
		"onlyNhilint":           3,
		"unexplained":           4,
		"explainedOnlyGitleaks": 3,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counts = %v\nwant     %v", got, want)
	}
}

func TestCompareDiffs(t *testing.T) {
	res := loadFixtures(t)
	var got []string
	for _, d := range append(res.OnlyGitleaks, res.OnlyNhilint...) {
		got = append(got, diffLine(d))
	}
	want := []string{
		"only-gitleaks arch.tar.gz!inner/x.txt:2 rule-a  [nhilint skipped the file: binary]",
		"only-gitleaks big.txt:1 rule-a  [nhilint skipped the file: too-large (30 MB)]",
		"only-gitleaks c.go:3 rule-b  [nhilint suppressed it (gitleaks-allow)]",
		"only-gitleaks d.go:20 rule-c  (nhilint has this rule in this file at line 25)",
		"only-gitleaks e.go:1 rule-a",
		"only-nhilint d.go:25 rule-c  (gitleaks has this rule in this file at line 20)",
		"only-nhilint f.go:4 nhilint-only-rule  [rule is not in gitleaks' default config]",
		"only-nhilint h.go:2 rule-b",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diffs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRuleSummary(t *testing.T) {
	res := loadFixtures(t)
	want := []RuleSummary{
		{Rule: "rule-a", Gitleaks: 5, Nhilint: 2, Matched: 2, OnlyGitleaks: 3, Unexplained: 1},
		{Rule: "rule-b", Gitleaks: 2, Nhilint: 2, Matched: 1, OnlyGitleaks: 1, OnlyNhilint: 1, Unexplained: 1},
		{Rule: "rule-c", Gitleaks: 1, Nhilint: 1, Matched: 0, OnlyGitleaks: 1, OnlyNhilint: 1, Unexplained: 2},
		{Rule: "nhilint-only-rule", Nhilint: 1, OnlyNhilint: 1},
		{Rule: "private-key", Gitleaks: 1, Nhilint: 1, Matched: 1},
	}
	if !reflect.DeepEqual(res.Rules, want) {
		t.Errorf("rules =\n%+v\nwant\n%+v", res.Rules, want)
	}
}

func TestGolden(t *testing.T) {
	res := loadFixtures(t)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"text", func(b *bytes.Buffer) error { return WriteText(b, res) }},
		{"markdown", func(b *bytes.Buffer) error { return WriteMarkdown(b, res, 30) }},
		{"markdown-capped", func(b *bytes.Buffer) error { return WriteMarkdown(b, res, 3) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(b.String(), "not-a-secret") {
				t.Fatal("output contains a secret or match value from the fixture")
			}
			golden := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("output differs from %s:\n%s\nwant:\n%s", golden, b.String(), want)
			}
		})
	}
}

func TestMatchPasses(t *testing.T) {
	f := func(p, rule string, line, end int) Finding {
		return Finding{Path: p, Rule: rule, Line: line, EndLine: end}
	}
	a := []Finding{
		f("x", "r", 1, 1),   // same line as b[0]
		f("x", "r", 4, 8),   // span: b[2] (line 6) before b[3] (line 7)
		f("x", "r", 10, 12), // b[1] is at 9, before the span: no partner
		f("x", "s", 4, 8),   // other rule: no partner
	}
	b := []Finding{
		f("x", "r", 1, 1),
		f("x", "r", 9, 9),
		f("x", "r", 6, 6),
		f("x", "r", 7, 7),
	}
	m := match(a, b)
	wantPairs := map[int]int{0: 0, 1: 2}
	if !reflect.DeepEqual(m.pairs, wantPairs) || m.sameLine != 1 || m.inSpan != 1 {
		t.Errorf("pairs = %v sameLine=%d inSpan=%d, want %v 1 1", m.pairs, m.sameLine, m.inSpan, wantPairs)
	}
	if !reflect.DeepEqual(m.restA, []int{2, 3}) || !reflect.DeepEqual(m.restB, []int{1, 3}) {
		t.Errorf("restA = %v restB = %v, want [2 3] [1 3]", m.restA, m.restB)
	}
}

func TestPathNormaliser(t *testing.T) {
	for _, tc := range []struct {
		roots []string
		in    string
		want  string
	}{
		{[]string{"/scan/root"}, "/scan/root/a/b.go", "a/b.go"},
		{[]string{"/scan/root/"}, "/scan/root/./a/../b.go", "b.go"},
		{[]string{"/scan/root"}, "/scan/rootless/b.go", "/scan/rootless/b.go"},
		{[]string{"/scan/root"}, "/scan/root", "."},
		{[]string{"/scan", "/scan/root"}, "/scan/root/b.go", "b.go"},
		{[]string{"."}, "./a/b.go", "a/b.go"},
		{[]string{"."}, "/abs/b.go", "/abs/b.go"},
		{[]string{"corpus"}, "corpus/m@v1/x.zip!in/y.txt", "m@v1/x.zip!in/y.txt"},
		{[]string{"/"}, "/a/b", "a/b"},
		{nil, "a//b", "a/b"},
	} {
		if got := pathNormaliser(tc.roots)(tc.in); got != tc.want {
			t.Errorf("pathNormaliser(%q)(%q) = %q, want %q", tc.roots, tc.in, got, tc.want)
		}
	}
}

func TestGitleaksRuleIDs(t *testing.T) {
	ids := gitleaksRuleIDs()
	for _, id := range []string{"generic-api-key", "aws-access-token", "github-pat", "private-key"} {
		if !ids[id] {
			t.Errorf("gitleaks default rule %q missing", id)
		}
	}
	// gitleaks v8.30.1 ships 222 rules; a different count means the parse broke
	// or the dependency changed, and either deserves a look.
	if len(ids) != 222 {
		t.Errorf("got %d gitleaks rule ids, want 222", len(ids))
	}
}

func TestRunExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"-gitleaks", fixtureGitleaks, "-nhilint", fixtureNhilint}, 0},
		{[]string{"-gitleaks", fixtureGitleaks, "-nhilint", fixtureNhilint, "-strict"}, 1},
		{[]string{"-gitleaks", fixtureGitleaks, "-nhilint", fixtureNhilint, "-markdown"}, 0},
		{[]string{"-gitleaks", fixtureGitleaks}, 2},
		{[]string{"-gitleaks", fixtureNhilint, "-nhilint", fixtureNhilint}, 2}, // an object where gitleaks writes an array
		{[]string{"-gitleaks", fixtureGitleaks, "-nhilint", "testdata/missing.json"}, 2},
	} {
		var stdout, stderr bytes.Buffer
		if got := run(tc.args, &stdout, &stderr); got != tc.want {
			t.Errorf("run(%q) = %d, want %d; stderr: %s", tc.args, got, tc.want, stderr.String())
		}
		if strings.Contains(stdout.String()+stderr.String(), "not-a-secret") {
			t.Errorf("run(%q) printed a fixture secret", tc.args)
		}
	}
}

func TestStrictCleanRun(t *testing.T) {
	dir := t.TempDir()
	gl := filepath.Join(dir, "gl.json")
	nh := filepath.Join(dir, "nh.json")
	writeFile(t, gl, `[{"RuleID":"rule-a","File":"r/a.go","StartLine":2,"EndLine":2}]`)
	writeFile(t, nh, `{"schemaVersion":"1","roots":["r"],"findings":[{"ruleId":"rule-a","location":{"path":"r/a.go","startLine":2}}],"suppressed":[],"skipped":[]}`)
	var stdout, stderr bytes.Buffer
	if got := run([]string{"-gitleaks", gl, "-nhilint", nh, "-strict"}, &stdout, &stderr); got != 0 {
		t.Errorf("run -strict on identical findings = %d, want 0; output:\n%s%s", got, stdout.String(), stderr.String())
	}
	want := "gitleaks: 1 findings\nnhilint:  1 findings, 0 suppressed, 0 files skipped\nmatched:  1 (1 on the same line, 0 within gitleaks' match span)\nonly-gitleaks: 0 (0 explained)\nonly-nhilint:  0 (0 explained)\nunexplained:   0\n"
	if stdout.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", stdout.String(), want)
	}
}

func TestDecodeNhilintSchemaVersion(t *testing.T) {
	_, err := decodeNhilint(strings.NewReader(`{"schemaVersion":"2"}`))
	if err == nil || !strings.Contains(err.Error(), `schemaVersion "2"`) {
		t.Errorf("decodeNhilint of version 2: err = %v, want a schemaVersion error", err)
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStructuralRuleOnTheSameLineExplains(t *testing.T) {
	r := &Reports{
		Gitleaks: []Finding{{Path: ".env.prod", Rule: "generic-api-key", Line: 4, EndLine: 4}},
		Nhilint:  []Finding{{Path: ".env.prod", Rule: "agents-literal-credential", Line: 4, EndLine: 4}},
	}
	res := Compare(r, map[string]bool{"generic-api-key": true})
	if len(res.OnlyGitleaks) != 1 || res.OnlyGitleaks[0].Explanation != "nhilint reports the same line under its structural rule agents-literal-credential" {
		t.Errorf("only-gitleaks: %+v", res.OnlyGitleaks)
	}
	if res.Unexplained() != 0 {
		t.Errorf("%d unexplained, want 0", res.Unexplained())
	}
}
