package ciconfig

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/analyzers/internal/fakesecret"
	"github.com/nhilint/nhilint/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Fixtures live in testdata/<rule-id>/*.{yml,groovy}, each with a .out file
// of expected findings. Their names are not CI file names (so that nhilint
// scanning its own repository does not analyze them); the test presents each
// one under the file name of its rule's platform.
var virtualNames = map[string]string{
	"gitlab-":          ".gitlab-ci.yml",
	"circleci-":        ".circleci/config.yml",
	"bitbucket-":       "bitbucket-pipelines.yml",
	"azure-pipelines-": "azure-pipelines.yml",
	"jenkins-":         "Jenkinsfile",
}

func virtualName(ruleDir string) string {
	for prefix, name := range virtualNames {
		if strings.HasPrefix(ruleDir, prefix) {
			return name
		}
	}
	return ""
}

func TestGolden(t *testing.T) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, dir := range dirs {
		if !dir.IsDir() || virtualName(dir.Name()) == "" {
			continue
		}
		seen[dir.Name()] = true
		inputs, err := filepath.Glob(filepath.Join("testdata", dir.Name(), "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range inputs {
			if strings.HasSuffix(in, ".out") {
				continue
			}
			t.Run(filepath.ToSlash(strings.TrimPrefix(in, "testdata"+string(filepath.Separator))), func(t *testing.T) {
				golden(t, dir.Name(), in)
			})
		}
	}
	for _, c := range checks {
		if !seen[c.rule.ID] {
			t.Errorf("rule %s has no testdata/%s directory", c.rule.ID, c.rule.ID)
		}
		for _, kind := range []string{"positive", "negative"} {
			if m, _ := filepath.Glob(filepath.Join("testdata", c.rule.ID, kind+"*")); len(m) == 0 {
				t.Errorf("rule %s has no %s fixture", c.rule.ID, kind)
			}
		}
	}
}

func golden(t *testing.T, ruleDir, in string) {
	src, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	rel := virtualName(ruleDir)
	a := New()
	if !a.Wants(rel) {
		t.Fatalf("analyzer does not want %s", rel)
	}
	if a.Wants(filepath.ToSlash(in)) {
		t.Fatalf("fixture %s has a name the analyzer wants: the self-scan would analyze it", in)
	}
	f := &analyzers.File{Path: filepath.ToSlash(strings.TrimPrefix(in, "testdata/")), Rel: rel, Content: []byte(fakesecret.Expand(string(src)))}
	results, err := a.Analyze(context.Background(), f)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	slices.SortStableFunc(results, func(a, b analyzers.Result) int { return finding.Compare(a.Finding, b.Finding) })
	var lines []string
	for _, r := range results {
		fd := r.Finding
		if strings.Contains(fd.Message, "@@") {
			t.Errorf("message quotes a fixture value: %s", fd.Message)
		}
		if !r.Evidence.Empty() && strings.Contains(fd.Message, r.Evidence.Secret()) {
			t.Errorf("%s: message contains the secret", fd.RuleID)
		}
		if fd.Fingerprint == "" {
			t.Errorf("%s: no fingerprint", fd.RuleID)
		}
		lines = append(lines, fmt.Sprintf("%s:%d:%d: %s: %s", fd.Location.Path, fd.Location.StartLine,
			fd.Location.StartColumn, fd.RuleID, fd.Message))
	}
	got := strings.Join(lines, "\n")
	if got != "" {
		got += "\n"
	}
	outPath := strings.TrimSuffix(in, filepath.Ext(in)) + ".out"
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
	if strings.HasPrefix(filepath.Base(in), "negative") && strings.Contains(got, ": "+ruleDir) {
		t.Errorf("negative fixture %s reports %s", in, ruleDir)
	}
	if strings.HasPrefix(filepath.Base(in), "positive") && !strings.Contains(got, ": "+ruleDir) {
		t.Errorf("positive fixture %s does not report %s", in, ruleDir)
	}
}

func TestRulesDocumented(t *testing.T) {
	ids := map[string]bool{}
	kebab := regexp.MustCompile(`^(gitlab|circleci|bitbucket|azure-pipelines|jenkins)-[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, r := range New().Rules() {
		if ids[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		ids[r.ID] = true
		if !kebab.MatchString(r.ID) {
			t.Errorf("rule id %q is not kebab-case with a platform prefix", r.ID)
		}
		if r.Title == "" || r.Description == "" || r.Why == "" || r.Level == "" || r.Precision == "" ||
			len(r.Categories) == 0 || len(r.CWEs) == 0 || r.SecuritySeverity == 0 || r.Analyzer != Name ||
			r.Remediation.Revoke == "" || r.Remediation.Rotate == "" || r.Remediation.Replace == "" || len(r.Remediation.References) == 0 {
			t.Errorf("rule %s is not fully documented: %+v", r.ID, r)
		}
	}
	if len(ids) != 9 {
		t.Errorf("got %d rules, want 9", len(ids))
	}
}

func TestWants(t *testing.T) {
	for path, want := range map[string]bool{
		".gitlab-ci.yml":                      true,
		"sub/project/.gitlab-ci.yml":          true,
		"ci/deploy.gitlab-ci.yml":             true,
		".gitlab/ci/build.yml":                true,
		".gitlab/issue_templates/bug.md":      false,
		".circleci/config.yml":                true,
		".circleci/continue_config.yml":       true,
		"bitbucket-pipelines.yml":             true,
		"azure-pipelines.yml":                 true,
		"azure-pipelines-release.yml":         true,
		".azure-pipelines/templates/job.yaml": true,
		"Jenkinsfile":                         true,
		"ci/release.jenkinsfile":              true,
		"Jenkinsfile.deploy":                  true,
		"Jenkinsfile.md":                      false,
		".github/workflows/ci.yml":            false,
		"config.yml":                          false,
	} {
		if got := New().Wants(path); got != want {
			t.Errorf("Wants(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestRemediationSnippet checks that a cloud-key finding carries the
// id_tokens configuration that replaces the key, naming the job.
func TestRemediationSnippet(t *testing.T) {
	src := "deploy:\n  script:\n    - aws s3 cp x s3://b --region $AWS_REGION\n    - echo $AWS_SECRET_ACCESS_KEY | wc -c\n"
	f := &analyzers.File{Path: "p/.gitlab-ci.yml", Rel: "p/.gitlab-ci.yml", Content: []byte(src)}
	results, err := New().Analyze(context.Background(), f)
	if err != nil || len(results) != 1 {
		t.Fatalf("got %d results, %v; want 1", len(results), err)
	}
	fd := results[0].Finding
	want := "deploy:\n  id_tokens:\n    AWS_ID_TOKEN:\n      aud: sts.amazonaws.com"
	if !strings.Contains(fd.Remediation.Replace, want) {
		t.Errorf("Replace = %q, want it to contain %q", fd.Remediation.Replace, want)
	}
	if fd.Remediation.Revoke != gitlabStaticCloudKeys.rule.Remediation.Revoke {
		t.Errorf("Revoke = %q, want the rule's", fd.Remediation.Revoke)
	}
	if got := fmt.Sprintf("%d:%d-%d", fd.Location.StartLine, fd.Location.StartColumn, fd.Location.EndColumn); got != "4:12-34" {
		t.Errorf("location = %s, want 4:12-34 ($AWS_SECRET_ACCESS_KEY)", got)
	}
}

func TestMalformedYAMLIsAnError(t *testing.T) {
	for _, rel := range []string{".gitlab-ci.yml", ".circleci/config.yml", "bitbucket-pipelines.yml", "azure-pipelines.yml"} {
		f := &analyzers.File{Path: rel, Rel: rel, Content: []byte("job:\n  script: [unclosed\n  - x: {\n")}
		results, err := New().Analyze(context.Background(), f)
		if err == nil || results != nil {
			t.Errorf("%s: got %d results and error %v, want an error only", rel, len(results), err)
		}
	}
}

// TestAliasBombs feeds documents whose anchors expand exponentially. The
// analyzer must finish quickly, and must say it gave up where resolving
// them is what the rules need (merge keys, scripts).
func TestAliasBombs(t *testing.T) {
	var merge, list strings.Builder
	merge.WriteString(".m0: &m0 {variables: {AWS_SECRET_ACCESS_KEY: $K}}\n")
	list.WriteString(".l0: &l0 [\"echo $AWS_SECRET_ACCESS_KEY\"]\n")
	for i := 1; i <= 12; i++ {
		refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*m%d, ", i-1), 10), ", ")
		fmt.Fprintf(&merge, ".m%d: &m%d {<<: [%s]}\n", i, i, refs)
		fmt.Fprintf(&list, ".l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", "))
	}
	merge.WriteString("job:\n  <<: *m12\n  script: [make]\n")
	list.WriteString("job:\n  script: *l12\n")
	for name, src := range map[string]string{"merge keys": merge.String(), "sequences": list.String()} {
		t.Run(name, func(t *testing.T) {
			for _, rel := range []string{".gitlab-ci.yml", ".circleci/config.yml", "bitbucket-pipelines.yml", "azure-pipelines.yml"} {
				start := time.Now()
				f := &analyzers.File{Path: rel, Rel: rel, Content: []byte(src)}
				_, err := New().Analyze(context.Background(), f)
				if elapsed := time.Since(start); elapsed > 5*time.Second {
					t.Errorf("%s: took %v", rel, elapsed)
				}
				if rel == ".gitlab-ci.yml" && !errors.Is(err, errBudget) {
					t.Errorf("%s: err = %v, want the budget error", rel, err)
				}
			}
		})
	}
}

func TestGroovyTokenizer(t *testing.T) {
	src := `environment { A = 'x{y}' // B = 'no'
  C = "${D}" /* E = 'no' */ ; F = """multi
line""" }`
	var got []string
	for _, a := range environmentAssignments(tokenize([]byte(src))) {
		var vals []string
		for _, v := range a.value {
			vals = append(vals, fmt.Sprintf("%q/%v", v.text, v.interpolated))
		}
		got = append(got, a.name.text+"="+strings.Join(vals, ","))
	}
	want := []string{`A="x{y}"/false`, `C="${D}"/true`, `F="multi\nline"/false`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzAnalyzeYAML(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/*/*.yml")
	for _, in := range inputs {
		if b, err := os.ReadFile(in); err == nil {
			f.Add(fakesecret.Expand(string(b)))
		}
	}
	f.Add("a: &a [*a]\n")
	f.Add("<<: {x: 1}\n")
	f.Add("job: {extends: [job], script: !reference [job, script]}\n")
	f.Fuzz(func(t *testing.T, src string) {
		for _, rel := range []string{".gitlab-ci.yml", ".circleci/config.yml", "bitbucket-pipelines.yml", "azure-pipelines.yml"} {
			file := &analyzers.File{Path: rel, Rel: rel, Content: []byte(src)}
			results, err := New().Analyze(context.Background(), file)
			if err != nil && results != nil {
				t.Fatalf("%s: results alongside an error", rel)
			}
			checkLocations(t, file, results)
		}
	})
}

func FuzzAnalyzeJenkinsfile(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/*/*.groovy")
	for _, in := range inputs {
		if b, err := os.ReadFile(in); err == nil {
			f.Add(fakesecret.Expand(string(b)))
		}
	}
	f.Add(`environment { X = "${a{b}c}" Y = '''`)
	f.Fuzz(func(t *testing.T, src string) {
		toks := tokenize([]byte(src))
		prev := 0
		for _, tk := range toks {
			if tk.start < prev || tk.end <= tk.start || tk.end > len(src) {
				t.Fatalf("token %+v out of order or bounds (len %d)", tk, len(src))
			}
			prev = tk.end
		}
		file := &analyzers.File{Path: "Jenkinsfile", Rel: "Jenkinsfile", Content: []byte(src)}
		results, err := New().Analyze(context.Background(), file)
		if err != nil {
			t.Fatal(err)
		}
		checkLocations(t, file, results)
	})
}

func checkLocations(t *testing.T, f *analyzers.File, results []analyzers.Result) {
	t.Helper()
	for _, r := range results {
		l := r.Finding.Location
		if l.StartLine < 1 || l.StartColumn < 1 || l.EndLine < l.StartLine || l.EndLine == l.StartLine && l.EndColumn < l.StartColumn {
			t.Fatalf("bad location %+v", l)
		}
		if r.Finding.RuleID == "" || r.Finding.Message == "" {
			t.Fatalf("incomplete finding %+v", r.Finding)
		}
		if c := r.Finding.Credential; c != nil && c.Preview != finding.Preview(r.Evidence.Secret()) {
			t.Fatalf("credential preview does not match the evidence")
		}
	}
}
