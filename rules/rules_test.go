package rules

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"github.com/zricethezav/gitleaks/v8/config"
)

var update = flag.Bool("update", false, "rewrite golden files")

// gitleaksRuleIDs returns the ids of gitleaks' default rules in file order.
func gitleaksRuleIDs(t *testing.T) []string {
	t.Helper()
	var ids []string
	for _, m := range regexp.MustCompile(`(?m)^id = "([^"]+)"`).FindAllStringSubmatch(config.DefaultConfig, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// tomlRules is the part of gitleaks' TOML format the tests read.
type tomlRules struct {
	Rules []struct {
		ID    string `toml:"id"`
		Regex string `toml:"regex"`
	} `toml:"rules"`
}

func mustLoad(t *testing.T) *KnowledgeBase {
	t.Helper()
	kb, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return kb
}

func TestLoadEmbedded(t *testing.T) {
	kb := mustLoad(t)
	again, err := Load()
	if err != nil || again != kb {
		t.Errorf("second Load() = %p, %v; want the cached %p", again, err, kb)
	}
	creds := kb.Credentials()
	if !slices.IsSortedFunc(creds, func(a, b *Credential) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Credentials() is not sorted by id")
	}
	files, err := filepath.Glob("credentials/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	providers := map[string]bool{}
	for _, c := range creds {
		providers[c.Provider] = true
		if got, ok := kb.Credential(c.ID); !ok || got != c {
			t.Errorf("Credential(%q) = %v, %v; want the listed entry", c.ID, got, ok)
		}
	}
	if len(providers) != len(files) {
		t.Errorf("credentials come from %d providers, want one per file (%d)", len(providers), len(files))
	}
	t.Logf("%d credential types from %d provider files", len(creds), len(files))
}

func TestForRuleAWSAccessKey(t *testing.T) {
	c, exact := mustLoad(t).ForRule("aws-access-token")
	if !exact || c.ID != "aws-access-key" || c.Provider != "aws" || c.ProviderName != "Amazon Web Services" {
		t.Fatalf("ForRule(aws-access-token) = %s (provider %s), exact=%v; want aws-access-key, aws, exact", c.ID, c.Provider, exact)
	}
	if c.Lifetime != LifetimeFromValue || c.Severity != "error" || c.SecuritySeverity != 9.5 || c.Precision != "high" {
		t.Errorf("aws-access-key = lifetime %s, severity %s/%v, precision %s", c.Lifetime, c.Severity, c.SecuritySeverity, c.Precision)
	}
	if !slices.Equal(c.Rules, []string{"aws-access-token"}) || !slices.Equal(c.NHI, []string{"NHI2", "NHI7"}) || !slices.Equal(c.CWE, []string{"CWE-798"}) {
		t.Errorf("aws-access-key rules/nhi/cwe = %v %v %v", c.Rules, c.NHI, c.CWE)
	}
	for _, want := range []string{"update-access-key", "--status Inactive", "delete-access-key"} {
		if !strings.Contains(c.Revoke, want) {
			t.Errorf("aws-access-key revoke lacks %q", want)
		}
	}
}

func TestForRuleFallbacks(t *testing.T) {
	kb := mustLoad(t)
	for _, tc := range []struct {
		rule, want string
		exact      bool
	}{
		{"aws-some-future-rule", "aws-credential", false},
		{"amazon-anything", "aws-credential", false},
		{"gitlab-new-token", "gitlab-token", false},
		{"github-pat", "github-classic-pat", true},
		{"vault-service-token", "vault-token", true},
		{"vault-something-else", "hashicorp-credential", false},
		{"generic-api-key", "generic-api-key", true},
		{"no-such-provider-key", "generic-secret", false},
		{"", "generic-secret", false},
	} {
		c, exact := kb.ForRule(tc.rule)
		if c == nil || c.ID != tc.want || exact != tc.exact {
			t.Errorf("ForRule(%q) = %v, %v; want %s, %v", tc.rule, c, exact, tc.want, tc.exact)
		}
	}
}

// TestGitleaksDefaultRulesResolve checks that every gitleaks v8.30.1 rule gets
// real guidance, and records how each resolves in a golden file so changes to
// coverage show up in review.
func TestGitleaksDefaultRulesResolve(t *testing.T) {
	kb := mustLoad(t)
	ids := gitleaksRuleIDs(t)
	if len(ids) != 222 {
		t.Fatalf("found %d rule ids in gitleaks' default config, want 222 (v8.30.1)", len(ids))
	}
	counts := map[string]int{}
	var golden strings.Builder
	for _, id := range ids {
		c, exact := kb.ForRule(id)
		if c == nil {
			t.Fatalf("ForRule(%q) = nil", id)
		}
		if c.Revoke == "" || c.Rotate == "" {
			t.Errorf("ForRule(%q) = %s without revoke or rotate guidance", id, c.ID)
		}
		how := "provider"
		switch {
		case exact:
			how = "exact"
		case c == kb.fallback:
			how = "generic"
		}
		counts[how]++
		fmt.Fprintf(&golden, "%s\t%s\t%s\n", id, how, c.ID)
	}
	t.Logf("%d gitleaks rules: %d exact, %d by provider default, %d by generic fallback",
		len(ids), counts["exact"], counts["provider"], counts["generic"])
	if counts["generic"]*4 > len(ids) {
		t.Errorf("%d of %d rules fall back to generic guidance; want at most 25%%", counts["generic"], len(ids))
	}
	checkGolden(t, "testdata/gitleaks-resolution.golden", golden.String())
}

// TestClaimedRulesExist catches typos in rules: lists.
func TestClaimedRulesExist(t *testing.T) {
	known := map[string]bool{}
	for _, id := range gitleaksRuleIDs(t) {
		known[id] = true
	}
	for _, f := range DetectionRuleFiles() {
		var rules tomlRules
		if err := toml.Unmarshal(f.Data, &rules); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for _, r := range rules.Rules {
			known[r.ID] = true
		}
	}
	for _, c := range mustLoad(t).Credentials() {
		for _, r := range c.Rules {
			if !known[r] {
				t.Errorf("credential %s claims rule %q, which is neither a gitleaks default rule nor in gitleaks/*.toml", c.ID, r)
			}
		}
	}
}

func TestDetectionRuleFiles(t *testing.T) {
	files := DetectionRuleFiles()
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
		var rules tomlRules
		if err := toml.Unmarshal(f.Data, &rules); err != nil {
			t.Errorf("%s is not valid TOML: %v", f.Name, err)
		}
		for i, r := range rules.Rules {
			if r.ID == "" || r.Regex == "" {
				t.Errorf("%s: rule %d has no id or regex", f.Name, i)
			}
		}
	}
	if !slices.IsSorted(names) || !slices.Contains(names, "nhilint.toml") {
		t.Errorf("DetectionRuleFiles() names = %v; want sorted and containing nhilint.toml", names)
	}
	files[0].Data[0] ^= 0xff // callers get copies
	if DetectionRuleFiles()[0].Data[0] == files[0].Data[0] {
		t.Error("DetectionRuleFiles shares its byte slices between calls")
	}
}

// TestEntriesReadWell holds the knowledge base to conventions the loader does
// not enforce.
func TestEntriesReadWell(t *testing.T) {
	for _, c := range mustLoad(t).Credentials() {
		if c.Lifetime == LifetimeLongLived && c.Severity != "note" && !slices.Contains(c.NHI, "NHI7") {
			t.Errorf("%s is long-lived but not tagged NHI7", c.ID)
		}
		if !slices.Contains(c.NHI, "NHI2") {
			t.Errorf("%s is not tagged NHI2 (secret leakage)", c.ID)
		}
		for _, text := range []string{c.Why, c.Revoke, c.Rotate, c.Replace} {
			if strings.Contains(text, "\n") {
				t.Errorf("%s: text fields must be folded (>-), found a newline in %.40q", c.ID, text)
			}
		}
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
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
		t.Errorf("%s differs from the computed output; run go test ./rules -update and review the diff.\ngot:\n%s", path, got)
	}
}
