package agents

import (
	"context"
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Fixtures hold {{fake:KIND}} or {{fake:KIND:N}} where a credential goes;
// the test replaces them with generated values so that no fixture holds a
// real-looking secret (the repository scans itself). The same marker gives
// the same value within a case, so sharing can be tested.
var fakeMarker = regexp.MustCompile(`\{\{fake:([a-z]+)(?::(\d+))?\}\}`)

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func fakeValue(kind, n string) string {
	h := fnv.New64a()
	h.Write([]byte(kind + ":" + n))
	r := rand.New(rand.NewPCG(h.Sum64(), 7))
	rnd := func(k int, alphabet string) string {
		b := make([]byte, k)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	switch kind {
	case "github":
		return "gh" + "p_" + rnd(36, alnum)
	case "openai":
		return "sk-" + "proj-" + rnd(48, alnum)
	case "anthropic":
		return "sk-" + "ant-api03-" + rnd(93, alnum) + "AA"
	case "groq":
		return "gs" + "k_" + rnd(52, alnum)
	case "google":
		return "AI" + "za" + rnd(35, alnum)
	case "password":
		return rnd(10, alnum) + "!_" + rnd(4, alnum)
	default: // generic: no known format, only the place says it is a key
		return rnd(32, alnum)
	}
}

func expand(t *testing.T, text string) string {
	t.Helper()
	return fakeMarker.ReplaceAllStringFunc(text, func(m string) string {
		g := fakeMarker.FindStringSubmatch(m)
		return fakeValue(g[1], g[2])
	})
}

// runCase analyzes every file under dir as one scan and returns the
// findings in the golden format, one per line.
func runCase(t *testing.T, dir string) string {
	t.Helper()
	a := New()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		// A fixture whose findings hold no secret (an http:// URL, a
		// permission grant) is stored as NAME.tmpl so that the repository's
		// own scan does not read it.
		rel = strings.TrimSuffix(filepath.ToSlash(rel), ".tmpl")
		if !a.Wants(rel) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f := &analyzers.File{Path: rel, Rel: rel, Content: []byte(expand(t, string(data)))}
		results, err := a.Analyze(context.Background(), f)
		if err != nil {
			lines = append(lines, fmt.Sprintf("%s: error: %v", rel, err))
		}
		for _, r := range results {
			lines = append(lines, goldenLine(r))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	results, err := a.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		lines = append(lines, goldenLine(r))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func goldenLine(r analyzers.Result) string {
	l := r.Finding.Location
	s := fmt.Sprintf("%s:%d:%d: %s: %s", l.Path, l.StartLine, l.StartColumn, r.Finding.RuleID, r.Finding.Message)
	for _, rel := range r.Finding.Related {
		s += fmt.Sprintf(" [related %s:%d:%d]", rel.Path, rel.StartLine, rel.StartColumn)
	}
	return s
}

// TestGolden runs every case directory testdata/<rule>/<case>/ and compares
// its findings with testdata/<rule>/<case>.out.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/*/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range cases {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || strings.HasPrefix(filepath.ToSlash(dir), "testdata/clean/") || strings.HasPrefix(filepath.ToSlash(dir), "testdata/fuzz/") {
			continue
		}
		n++
		t.Run(filepath.ToSlash(dir), func(t *testing.T) {
			got := runCase(t, dir)
			golden := dir + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("missing golden file (run with -update): %v", err)
			}
			if strings.TrimSpace(string(want)) != got {
				t.Errorf("findings differ from %s\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
	if n == 0 {
		t.Fatal("no test cases found")
	}
}

// TestEveryRuleHasPositiveAndNegativeCases keeps the fixtures complete.
func TestEveryRuleHasPositiveAndNegativeCases(t *testing.T) {
	for _, r := range New().Rules() {
		short := strings.TrimPrefix(r.ID, "agents-")
		bad, _ := filepath.Glob("testdata/" + short + "/bad*.out")
		good, _ := filepath.Glob("testdata/" + short + "/good*.out")
		if len(bad) == 0 || len(good) == 0 {
			t.Errorf("rule %s needs testdata/%s/bad*/ and good*/ cases", r.ID, short)
			continue
		}
		for _, b := range bad {
			data, _ := os.ReadFile(b)
			if !strings.Contains(string(data), ": "+r.ID+": ") {
				t.Errorf("%s does not report %s", b, r.ID)
			}
		}
		for _, g := range good {
			data, _ := os.ReadFile(g)
			if strings.Contains(string(data), ": "+r.ID+": ") {
				t.Errorf("%s reports %s", g, r.ID)
			}
		}
	}
}

// TestCleanCorpus checks that realistic configs written the right way
// produce no findings at all.
func TestCleanCorpus(t *testing.T) {
	dir := "testdata/clean"
	a := New()
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		// Corpus files live in numbered folders so that several configs of
		// the same name can be kept: 01/.mcp.json, 02/.mcp.json.
		if !a.Wants(rel) {
			t.Errorf("%s: not read by the analyzer; the corpus must only hold configs it reads", rel)
			return nil
		}
		files++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		results, err := a.Analyze(context.Background(), &analyzers.File{Path: rel, Rel: rel, Content: data})
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		}
		for _, r := range results {
			t.Errorf("false positive: %s", goldenLine(r))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fin, _ := a.Finish(context.Background())
	for _, r := range fin {
		t.Errorf("false positive: %s", goldenLine(r))
	}
	if files < 40 {
		t.Errorf("clean corpus has %d files, want at least 40", files)
	}
}

func TestRulesAreDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range New().Rules() {
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
		if !strings.HasPrefix(r.ID, "agents-") || r.Title == "" || r.Description == "" || r.Why == "" ||
			len(r.Categories) == 0 || len(r.CWEs) == 0 || r.Remediation.Revoke == "" || r.Remediation.Rotate == "" ||
			r.Analyzer != Name || r.Level == "" || r.Precision == "" {
			t.Errorf("rule %s is incompletely documented", r.ID)
		}
	}
	if len(seen) != 9 {
		t.Errorf("got %d rules, want 9", len(seen))
	}
}

// TestMessagesNeverHoldSecrets checks every golden case: no generated
// value appears in any message.
func TestMessagesNeverHoldSecrets(t *testing.T) {
	cases, _ := filepath.Glob("testdata/*/*")
	for _, dir := range cases {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		out := runCase(t, dir)
		for _, kind := range []string{"github", "openai", "anthropic", "groq", "google", "password", "generic"} {
			for _, n := range []string{"", "1", "2", "3"} {
				v := fakeValue(kind, n)
				if strings.Contains(out, v[len(v)/2:]) {
					t.Errorf("%s: a message holds part of a %s secret", dir, kind)
				}
			}
		}
	}
}
