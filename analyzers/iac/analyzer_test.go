package iac

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/analyzers/internal/fakesecret"
	"github.com/nhilint/nhilint/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testNow fixes the clock for end dates without a start date.
var testNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func newTestAnalyzer() *Analyzer {
	return New(Options{Now: func() time.Time { return testNow }})
}

// Fixtures are testdata/<rule-id>/<case>.tf.txt with a .out file of expected
// findings; the .txt keeps nhilint's self-scan from analyzing them.
func TestGolden(t *testing.T) {
	for _, c := range checks {
		for _, kind := range []string{"positive", "negative"} {
			if m, _ := filepath.Glob(filepath.Join("testdata", c.rule.ID, kind+"*.tf.txt")); len(m) == 0 {
				t.Errorf("rule %s has no %s fixture", c.rule.ID, kind)
			}
		}
	}
	inputs, err := filepath.Glob("testdata/*/*.tf.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		t.Run(filepath.ToSlash(in), func(t *testing.T) { golden(t, in) })
	}
}

func golden(t *testing.T, in string) {
	src, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestAnalyzer()
	if a.Wants(filepath.ToSlash(in)) {
		t.Fatalf("the analyzer wants fixture %s: the self-scan would analyze it", in)
	}
	path := filepath.ToSlash(strings.TrimPrefix(in, "testdata"+string(filepath.Separator)))
	f := &analyzers.File{Path: path, Rel: "main.tf", Content: []byte(fakesecret.Expand(string(src)))}
	results, err := a.Analyze(context.Background(), f)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	slices.SortStableFunc(results, func(a, b analyzers.Result) int { return finding.Compare(a.Finding, b.Finding) })
	var b strings.Builder
	for _, r := range results {
		fd := r.Finding
		if !r.Evidence.Empty() && strings.Contains(fd.Message, r.Evidence.Secret()) {
			t.Errorf("%s: message contains the secret", fd.RuleID)
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s\n", fd.Location.Path, fd.Location.StartLine, fd.Location.StartColumn, fd.RuleID, fd.Message)
	}
	got := b.String()
	outPath := strings.TrimSuffix(in, ".tf.txt") + ".out"
	if *update {
		if err := os.WriteFile(outPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("findings differ from %s\n--- got ---\n%s--- want ---\n%s", outPath, got, want)
	}
	rule := filepath.Base(filepath.Dir(in))
	if pos := strings.HasPrefix(filepath.Base(in), "positive"); pos != strings.Contains(got, ": "+rule+":") {
		t.Errorf("%s: reports %s = %v, want %v", in, rule, !pos, pos)
	}
}

func TestRulesDocumented(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range newTestAnalyzer().Rules() {
		if ids[r.ID] || !strings.HasPrefix(r.ID, "tf-") {
			t.Errorf("rule id %q duplicated or without the tf- prefix", r.ID)
		}
		ids[r.ID] = true
		if r.Title == "" || r.Description == "" || r.Why == "" || r.Level == "" || r.Precision == "" ||
			len(r.Categories) == 0 || len(r.CWEs) == 0 || r.SecuritySeverity == 0 || r.Analyzer != Name ||
			r.Remediation.Revoke == "" || r.Remediation.Rotate == "" || r.Remediation.Replace == "" || len(r.Remediation.References) == 0 {
			t.Errorf("rule %s is not fully documented", r.ID)
		}
	}
	if len(ids) != 4 {
		t.Errorf("got %d rules, want 4", len(ids))
	}
}

func TestLevelsAndSnippets(t *testing.T) {
	src, _ := os.ReadFile("testdata/tf-azuread-password-long-lived/positive.tf.txt")
	f := &analyzers.File{Path: "main.tf", Rel: "main.tf", Content: src}
	results, err := newTestAnalyzer().Analyze(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var levels []string
	for _, r := range results {
		levels = append(levels, string(r.Finding.Level))
	}
	// No end date: the rule's level (set by the engine); literal long end dates: notes.
	if want := []string{"", "note", "note", "note"}; !slices.Equal(levels, want) {
		t.Errorf("levels = %q, want %q", levels, want)
	}
	if !strings.Contains(results[0].Finding.Remediation.Replace, `resource "azuread_application_federated_identity_credential"`) {
		t.Errorf("no federated credential snippet in %q", results[0].Finding.Remediation.Replace)
	}
}

func TestProviderSecretEvidence(t *testing.T) {
	secret := fakesecret.Value("SECRET40", "evidence")
	src := "provider \"aws\" {\n  secret_key = \"" + secret + "\"\n}\n"
	f := &analyzers.File{Path: "main.tf", Rel: "main.tf", Content: []byte(src)}
	results, err := newTestAnalyzer().Analyze(context.Background(), f)
	if err != nil || len(results) != 1 {
		t.Fatalf("got %d results, %v; want 1", len(results), err)
	}
	r := results[0]
	if r.Evidence.Secret() != secret {
		t.Error("evidence does not hold the literal")
	}
	l := r.Finding.Location
	if got := fmt.Sprintf("%d:%d-%d:%d", l.StartLine, l.StartColumn, l.EndLine, l.EndColumn); got != "2:16-2:58" {
		t.Errorf("location %s, want 2:16-2:58 (the quoted string)", got)
	}
	if c := r.Finding.Credential; c == nil || c.Preview != finding.Preview(secret) || c.Provider != "aws" {
		t.Errorf("credential %+v", c)
	}
}

func TestMalformedHCLIsAnError(t *testing.T) {
	for _, src := range []string{"resource \"aws_iam_access_key\" \"x\" {\n", "provider \"aws\" { secret_key = \"abc\n}", "a = <<EOT\nno end\n", "}}}"} {
		f := &analyzers.File{Path: "main.tf", Rel: "main.tf", Content: []byte(src)}
		results, err := newTestAnalyzer().Analyze(context.Background(), f)
		if err == nil || results != nil {
			t.Errorf("%q: got %d results and error %v, want an error only", src, len(results), err)
		}
		if err != nil && strings.Contains(err.Error(), "abc") {
			t.Errorf("error quotes content: %v", err)
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/*/*.tf.txt")
	for _, in := range inputs {
		if b, err := os.ReadFile(in); err == nil {
			f.Add(fakesecret.Expand(string(b)))
		}
	}
	f.Add("provider \"aws\" { token = <<-X\n  ${a}\n  X\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		file := &analyzers.File{Path: "main.tf", Rel: "main.tf", Content: []byte(src)}
		results, err := newTestAnalyzer().Analyze(context.Background(), file)
		if err != nil && results != nil {
			t.Fatal("results alongside an error")
		}
		for _, r := range results {
			l := r.Finding.Location
			if l.StartLine < 1 || l.StartColumn < 1 || l.EndLine < l.StartLine || r.Finding.Message == "" {
				t.Fatalf("bad finding %+v", r.Finding)
			}
		}
	})
}
