package rules

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/report"
	"go.yaml.in/yaml/v3"
)

// The detection tests run nhilint's rules through the real gitleaks detector,
// together with gitleaks' default rules, the way the secrets analyzer does.
//
// Examples live in testdata/detection/<rule-id>.yaml:
//
//	tp: [lines that must yield exactly one finding of ours, of rule-id]
//	fp: [lines that must not yield a finding of rule-id]
//
// The repository scans itself, so fixtures never hold anything key-shaped.
// A line holds templates instead, expanded at run time into characters from
// a seeded generator: {{alnum:52}} is 52 letters and digits. Classes:
// alnum, lower, upper, digit, hex (lower-case), HEX, b64 (A-Za-z0-9+/) and
// b64url (A-Za-z0-9_-). Each expansion is the same on every run.

// charClasses are the alphabets a template may draw from.
var charClasses = map[string]string{
	"alnum":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
	"lower":  "abcdefghijklmnopqrstuvwxyz",
	"upper":  "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"digit":  "0123456789",
	"hex":    "0123456789abcdef",
	"HEX":    "0123456789ABCDEF",
	"b64":    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
	"b64url": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
}

var templatePattern = regexp.MustCompile(`\{\{([A-Za-z0-9]+):([0-9]+)\}\}`)

// expandTemplates replaces every {{class:n}} in line with n characters of
// class drawn from a generator seeded with seed. It returns the expanded line
// and the generated parts, in order.
func expandTemplates(line string, seed uint64) (string, []string, error) {
	rng := rand.New(rand.NewPCG(seed, 0x6e68696c696e74)) // "nhilint"
	var parts []string
	var err error
	out := templatePattern.ReplaceAllStringFunc(line, func(tmpl string) string {
		m := templatePattern.FindStringSubmatch(tmpl)
		alphabet, ok := charClasses[m[1]]
		n, convErr := strconv.Atoi(m[2])
		if !ok || convErr != nil || n <= 0 || n > 4096 {
			err = fmt.Errorf("bad template %s", tmpl)
			return tmpl
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		parts = append(parts, string(b))
		return string(b)
	})
	return out, parts, err
}

func TestExpandTemplates(t *testing.T) {
	got, parts, err := expandTemplates("K=gsk_{{alnum:52}}; H={{hex:8}}", 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 2 || len(parts[0]) != 52 || len(parts[1]) != 8 {
		t.Fatalf("parts = %d %v; want lengths 52 and 8", len(parts), lengths(parts))
	}
	if want := "K=gsk_" + parts[0] + "; H=" + parts[1]; got != want {
		t.Errorf("expansion does not splice the parts into the line")
	}
	if strings.Trim(parts[1], charClasses["hex"]) != "" {
		t.Errorf("hex part has characters outside [0-9a-f]")
	}
	again, _, _ := expandTemplates("K=gsk_{{alnum:52}}; H={{hex:8}}", 7)
	other, _, _ := expandTemplates("K=gsk_{{alnum:52}}; H={{hex:8}}", 8)
	if again != got || other == got {
		t.Error("expansion must depend on the seed and only on it")
	}
	for _, bad := range []string{"{{nosuch:4}}", "{{hex:0}}", "{{hex:99999}}"} {
		if _, _, err := expandTemplates(bad, 1); err == nil {
			t.Errorf("expandTemplates(%q) succeeded; want an error", bad)
		}
	}
}

func lengths(parts []string) []int {
	var n []int
	for _, p := range parts {
		n = append(n, len(p))
	}
	return n
}

// detectionCase is one testdata/detection/<rule-id>.yaml file.
type detectionCase struct {
	TP []string `yaml:"tp"`
	FP []string `yaml:"fp"`
}

// ruleSet is the detector under test and the ids of nhilint's own rules.
type ruleSet struct {
	detector *detect.Detector
	ours     map[string]string // rule id → rule file name
}

func translateRules(t *testing.T, name string, data []byte) config.Config {
	t.Helper()
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if vc.Extend.Path != "" || vc.Extend.URL != "" || vc.Extend.UseDefault {
		t.Fatalf("%s: [extend] is not allowed in nhilint rule files", name)
	}
	var cfg config.Config
	func() {
		defer func() { // gitleaks compiles regexes with MustCompile
			if r := recover(); r != nil {
				t.Fatalf("%s: %v", name, r)
			}
		}()
		var err error
		if cfg, err = vc.Translate(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}()
	return cfg
}

// newRuleSet merges gitleaks' default rules and every embedded rule file into
// one config without gitleaks' [extend], which keeps global state.
func newRuleSet(t *testing.T) *ruleSet {
	t.Helper()
	cfg := translateRules(t, "gitleaks default config", []byte(config.DefaultConfig))
	ours := map[string]string{}
	for _, f := range DetectionRuleFiles() {
		add := translateRules(t, f.Name, f.Data)
		for _, id := range add.OrderedRules {
			if _, dup := cfg.Rules[id]; dup {
				t.Fatalf("%s: rule %q is already defined (by gitleaks or %s)", f.Name, id, ours[id])
			}
			cfg.Rules[id] = add.Rules[id]
			cfg.OrderedRules = append(cfg.OrderedRules, id)
			for _, k := range add.Rules[id].Keywords {
				cfg.Keywords[strings.ToLower(k)] = struct{}{}
			}
			ours[id] = f.Name
		}
		cfg.Allowlists = append(cfg.Allowlists, add.Allowlists...)
	}
	return &ruleSet{detector: detect.NewDetector(cfg), ours: ours}
}

func (rs *ruleSet) detect(text string) []report.Finding {
	return rs.detector.Detect(detect.Fragment{Raw: text, FilePath: "fixture.txt"})
}

// oursIn returns the ids of nhilint's rules among findings, in order.
func (rs *ruleSet) oursIn(findings []report.Finding) []string {
	var ids []string
	for _, f := range findings {
		if _, ok := rs.ours[f.RuleID]; ok {
			ids = append(ids, f.RuleID)
		}
	}
	return ids
}

func seedFor(ruleID, kind string, i int) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s/%d", ruleID, kind, i)
	return h.Sum64()
}

func readDetectionCase(t *testing.T, path string) detectionCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c detectionCase
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

func TestDetectionRules(t *testing.T) {
	rs := newRuleSet(t)
	if len(rs.ours) == 0 {
		t.Fatal("no nhilint detection rules found")
	}
	ids := make([]string, 0, len(rs.ours))
	for id := range rs.ours {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var tps, fps int
	for _, id := range ids {
		path := filepath.Join("testdata", "detection", id+".yaml")
		if _, err := os.Stat(path); err != nil {
			t.Errorf("rule %s (%s) has no examples: create %s with tp: and fp: lines", id, rs.ours[id], path)
			continue
		}
		c := readDetectionCase(t, path)
		if len(c.TP) == 0 || len(c.FP) == 0 {
			t.Errorf("%s: needs at least one tp and one fp example", path)
		}
		tps += len(c.TP)
		fps += len(c.FP)
		t.Run(id, func(t *testing.T) {
			for i, tmpl := range c.TP {
				line, parts, err := expandTemplates(tmpl, seedFor(id, "tp", i))
				if err != nil {
					t.Fatalf("tp[%d]: %v", i, err)
				}
				found := rs.detect(line)
				got := rs.oursIn(found)
				if !slices.Equal(got, []string{id}) {
					t.Errorf("tp[%d] %q: nhilint rules found %v; want exactly [%s]", i, tmpl, got, id)
					continue
				}
				for _, f := range found {
					if f.RuleID == id && !containsAny(f.Secret, parts) {
						// Do not print the secret: it is key-shaped.
						t.Errorf("tp[%d] %q: the reported secret (%d bytes) contains none of the generated parts", i, tmpl, len(f.Secret))
					}
				}
			}
			for i, tmpl := range c.FP {
				line, _, err := expandTemplates(tmpl, seedFor(id, "fp", i))
				if err != nil {
					t.Fatalf("fp[%d]: %v", i, err)
				}
				if got := rs.oursIn(rs.detect(line)); slices.Contains(got, id) {
					t.Errorf("fp[%d] %q: rule %s fired; want no finding", i, tmpl, id)
				}
			}
		})
	}
	t.Logf("%d nhilint rules, %d true-positive and %d false-positive examples", len(ids), tps, fps)

	files, err := filepath.Glob(filepath.Join("testdata", "detection", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if id := strings.TrimSuffix(filepath.Base(f), ".yaml"); rs.ours[id] == "" {
			t.Errorf("%s: no rule %q in gitleaks/*.toml", f, id)
		}
	}
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if p != "" && strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// TestFixturesHoldNoSecrets scans the committed examples as the repository's
// own CI scan would: unexpanded, no rule may fire on them.
func TestFixturesHoldNoSecrets(t *testing.T) {
	rs := newRuleSet(t)
	files, err := filepath.Glob(filepath.Join("testdata", "detection", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures under testdata/detection")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, finding := range rs.detect(string(data)) {
			t.Errorf("%s:%d: rule %s fires on the committed fixture; use a {{class:n}} template", f, finding.StartLine+1, finding.RuleID)
		}
	}
}

// TestDetectionRulesClaimed checks that every nhilint rule has its own
// knowledge-base entry, so its findings carry revoke and rotate guidance.
func TestDetectionRulesClaimed(t *testing.T) {
	rs := newRuleSet(t)
	kb := mustLoad(t)
	gitleaks := map[string]bool{}
	for _, id := range gitleaksRuleIDs(t) {
		gitleaks[id] = true
	}
	for id, file := range rs.ours {
		if gitleaks[id] {
			t.Errorf("%s: rule %q reuses a gitleaks default id", file, id)
		}
		if !idPattern.MatchString(id) || strings.Contains(id, "generic") {
			// gitleaks drops a "generic" finding in favour of any other
			// rule on the same secret, so our ids must not say generic.
			t.Errorf("%s: rule id %q must be kebab-case and must not contain \"generic\"", file, id)
		}
		c, exact := kb.ForRule(id)
		if !exact {
			t.Errorf("%s: rule %q is claimed by no credentials/*.yaml entry (falls back to %s)", file, id, c.ID)
			continue
		}
		if c.Revoke == "" || c.Rotate == "" || c.Replace == "" {
			t.Errorf("%s: rule %q resolves to %s, which lacks revoke, rotate or replace guidance", file, id, c.ID)
		}
		r := rs.detector.Config.Rules[id]
		if r.Description == "" || len(r.Keywords) == 0 || r.Regex == nil {
			t.Errorf("%s: rule %q needs a description, keywords and a regex", file, id)
		}
	}
}
