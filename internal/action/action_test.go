package action

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is the nhilint checkout these tests read action.yml and the docs from.
var repoRoot = filepath.Join("..", "..")

func readRepoFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadAction(t *testing.T) *Metadata {
	t.Helper()
	m, err := ParseMetadata(readRepoFile(t, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestActionMetadata(t *testing.T) {
	m := loadAction(t)
	for _, err := range m.Check() {
		t.Error(err)
	}

	var inputs, outputs []string
	for name := range m.Inputs {
		inputs = append(inputs, name)
	}
	for name := range m.Outputs {
		outputs = append(outputs, name)
	}
	slices.Sort(inputs)
	slices.Sort(outputs)
	if want := []string{"baseline", "category", "config", "fail-on", "mode", "path", "sarif", "upload"}; !reflect.DeepEqual(inputs, want) {
		t.Errorf("inputs = %v, want %v", inputs, want)
	}
	if want := []string{"findings", "json", "sarif"}; !reflect.DeepEqual(outputs, want) {
		t.Errorf("outputs = %v, want %v", outputs, want)
	}
	defaults, err := m.InputValues(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"path": ".", "mode": "auto", "config": "", "baseline": "", "fail-on": "", "sarif": "nhilint.sarif", "upload": "false", "category": "nhilint"}; !reflect.DeepEqual(defaults, want) {
		t.Errorf("defaults = %v, want %v", defaults, want)
	}

	uses := map[string]Step{}
	for _, s := range m.Runs.Steps {
		if s.Uses != "" {
			name, _, _ := strings.Cut(s.Uses, "@")
			uses[name] = s
		}
	}
	setup, ok := uses["actions/setup-go"]
	if !ok || setup.With["go-version-file"] != "${{ github.action_path }}/go.mod" {
		t.Errorf("setup-go step = %+v, want go-version-file from the action's go.mod", setup)
	}
	upload, ok := uses["github/codeql-action/upload-sarif"]
	if !ok || upload.If != "${{ inputs.upload == 'true' }}" || upload.With["category"] != "${{ inputs.category }}" ||
		upload.With["sarif_file"] != "${{ steps.scan.outputs.sarif }}" {
		t.Errorf("upload-sarif step = %+v, want it gated on inputs.upload with the category and the scan's SARIF", upload)
	}
	// The version comments pinned SHAs carry are not in the parsed YAML.
	raw := string(readRepoFile(t, "action.yml"))
	for _, s := range []string{
		"actions/setup-go@7a3fe6cf4cb3a834922a1244abfce67bcef6a0c5 # v6.2.0",
		"github/codeql-action/upload-sarif@5d4e8d1aca955e8d8589aabd499c5cae939e33c7 # v4.31.9",
	} {
		if !strings.Contains(raw, s) {
			t.Errorf("action.yml lacks %q", s)
		}
	}
}

func TestCheckCatchesViolations(t *testing.T) {
	m, err := ParseMetadata([]byte(`
name: x
runs:
  using: node24
  steps:
    - run: echo "${{ inputs.path }}"
    - uses: actions/checkout@v6
    - id: empty
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, err := range m.Check() {
		got = append(got, err.Error())
	}
	want := []string{
		"missing description",
		`runs.using = "node24", want composite`,
		"step 1 (unnamed): a composite run step needs shell",
		"step 1 (unnamed): run expands ${{ }}; pass the value through env",
		`step 2 (actions/checkout@v6): uses "actions/checkout@v6" is not pinned to a full commit SHA`,
		"step 3 (empty) has neither run nor uses",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Check() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// lintProject lays out a repository holding action.yml and the given
// workflows, with every `nhilint/nhilint@REF` turned into `./` so actionlint
// checks the workflows' inputs and outputs against this action.yml, and
// returns actionlint's errors.
func lintProject(t *testing.T, workflows map[string]string) []*actionlint.Error {
	t.Helper()
	dir := t.TempDir()
	wfDir := filepath.Join(dir, ".github", "workflows")
	for _, d := range []string{filepath.Join(dir, ".git"), wfDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "action.yml"), readRepoFile(t, "action.yml"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, text := range workflows {
		text = strings.ReplaceAll(text, "nhilint/nhilint@main", "./")
		if err := os.WriteFile(filepath.Join(wfDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var log bytes.Buffer
	// Shellcheck and pyflakes are left out: their presence on the machine
	// would make results differ between machines.
	l, err := actionlint.NewLinter(&log, &actionlint.LinterOptions{Shellcheck: "", Pyflakes: ""})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintRepository(dir)
	if err != nil {
		t.Fatal(err)
	}
	return errs
}

// TestDocsWorkflowsLint runs actionlint over every workflow in
// docs/github-action.md, using this repository's action.yml for `uses:`.
func TestDocsWorkflowsLint(t *testing.T) {
	workflows := map[string]string{}
	for _, b := range CodeBlocks(readRepoFile(t, "docs/github-action.md"), "yaml") {
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(b.Text), &doc); err != nil {
			t.Errorf("docs/github-action.md:%d: YAML does not parse: %v", b.Line, err)
			continue
		}
		if _, ok := doc["jobs"]; !ok {
			continue // a pre-commit or lefthook snippet
		}
		workflows[fmt.Sprintf("doc-line-%d.yml", b.Line)] = b.Text
	}
	if len(workflows) != 4 {
		t.Errorf("found %d workflows in docs/github-action.md, want 4", len(workflows))
	}
	for _, e := range lintProject(t, workflows) {
		t.Errorf("%s:%d:%d: %s [%s]", filepath.Base(e.Filepath), e.Line, e.Column, e.Message, e.Kind)
	}
}

// TestActionlintSeesActionInputs proves the lint above is not vacuous:
// actionlint reads this action.yml and rejects an input it does not define.
func TestActionlintSeesActionInputs(t *testing.T) {
	errs := lintProject(t, map[string]string{"bad.yml": `on: push
jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: nhilint/nhilint@main
        with:
          fail-on-findings: "true"
      - run: echo "${{ steps.nope.outputs.findings }}"
`})
	var got []string
	for _, e := range errs {
		got = append(got, e.Kind)
		if e.Kind == "action" && !strings.Contains(e.Message, `input "fail-on-findings" is not defined in action "nhilint"`) {
			t.Errorf("unexpected action error: %s", e.Message)
		}
	}
	slices.Sort(got)
	if want := []string{"action", "expression"}; !reflect.DeepEqual(got, want) {
		t.Errorf("actionlint error kinds = %v, want %v", got, want)
	}
}

func TestPreCommitHooksManifest(t *testing.T) {
	var hooks []struct {
		ID            string   `yaml:"id"`
		Entry         string   `yaml:"entry"`
		Language      string   `yaml:"language"`
		PassFilenames *bool    `yaml:"pass_filenames"`
		AlwaysRun     bool     `yaml:"always_run"`
		RequireSerial bool     `yaml:"require_serial"`
		Stages        []string `yaml:"stages"`
		MinVersion    string   `yaml:"minimum_pre_commit_version"`
		Name          string   `yaml:"name"`
	}
	if err := yaml.Unmarshal(readRepoFile(t, ".pre-commit-hooks.yaml"), &hooks); err != nil {
		t.Fatal(err)
	}
	type hook struct {
		ID, Entry, Language string
		PassFilenames       bool
		AlwaysRun           bool
		Stages              string
	}
	var got []hook
	for _, h := range hooks {
		if h.Name == "" || h.PassFilenames == nil || !h.RequireSerial || h.MinVersion != "3.2.0" {
			t.Errorf("hook %s: want a name, explicit pass_filenames, require_serial and minimum_pre_commit_version 3.2.0", h.ID)
			continue
		}
		got = append(got, hook{h.ID, h.Entry, h.Language, *h.PassFilenames, h.AlwaysRun, strings.Join(h.Stages, ",")})
	}
	want := []hook{
		{"nhilint", "nhilint staged --pre-commit", "golang", true, false, "pre-commit,pre-merge-commit,manual"},
		{"nhilint-push", "nhilint push", "golang", false, true, "pre-push"},
		{"nhilint-system", "nhilint staged --pre-commit", "system", true, false, "pre-commit,pre-merge-commit,manual"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hooks =\n%+v\nwant\n%+v", got, want)
	}
}

func TestCodeBlocks(t *testing.T) {
	md := "# t\n\n```yaml\na: 1\n```\n\ntext\n\n````yaml title\n```\nb: 2\n````\n\n```sh\necho\n```\n    ```yaml\n    indented: code\n    ```\n~~~yaml\nc: 3\n"
	got := CodeBlocks([]byte(md), "yaml")
	want := []Block{
		{Line: 3, Info: "yaml", Text: "a: 1\n"},
		{Line: 9, Info: "yaml title", Text: "```\nb: 2\n"},
		{Line: 20, Info: "yaml", Text: "c: 3\n"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CodeBlocks =\n%+v\nwant\n%+v", got, want)
	}
	if n := len(CodeBlocks([]byte(md), "")); n != 4 {
		t.Errorf("all blocks = %d, want 4", n)
	}
}

func TestParseOutputs(t *testing.T) {
	got, err := ParseOutputs([]byte("a=1\nb=x=y\nmulti<<EOF\nline 1\nline 2\nEOF\na=2\n\nempty=\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "2", "b": "x=y", "multi": "line 1\nline 2", "empty": ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseOutputs = %v, want %v", got, want)
	}
	for _, bad := range []string{"novalue\n", "=v\n", "m<<EOF\nnever closed\n", "<<EOF\nEOF\n"} {
		if _, err := ParseOutputs([]byte(bad)); err == nil {
			t.Errorf("ParseOutputs(%q) accepted it", bad)
		}
	}
}

func TestResolveEnv(t *testing.T) {
	got, err := ResolveEnv(
		map[string]string{"A": "${{ inputs.path }}", "B": "${{steps.build.outputs.bin}}", "C": "literal", "D": "${{ steps.x.outputs.missing }}"},
		map[string]string{"path": "src"},
		map[string]map[string]string{"build": {"bin": "/tmp/nhilint"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"A": "src", "B": "/tmp/nhilint", "C": "literal", "D": ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("ResolveEnv = %v, want %v", got, want)
	}
	for _, v := range []string{"${{ inputs.nope }}", "${{ github.event.before }}", "x ${{ inputs.path }}"} {
		if _, err := ResolveEnv(map[string]string{"V": v}, map[string]string{"path": "."}, nil); err == nil {
			t.Errorf("ResolveEnv(%q) accepted it", v)
		}
	}
}

func FuzzCodeBlocks(f *testing.F) {
	for _, s := range []string{"```yaml\na: 1\n```\n", "~~~\n~~~", "````\n```\n````", "```yaml", "   ```yaml\nx\n   ```\n", "``` a`b\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		blocks := CodeBlocks([]byte(md), "")
		lines := strings.Count(md, "\n") + 1
		prev := 0
		for _, b := range blocks {
			if b.Line <= prev || b.Line > lines {
				t.Fatalf("block line %d out of order or range (prev %d, %d lines)", b.Line, prev, lines)
			}
			// Text is whole lines of md, each ended by "\n"; the scanner
			// drops a "\r" before a line end, and the last line may lack one.
			norm := strings.TrimSuffix(strings.ReplaceAll(md, "\r\n", "\n"), "\r") + "\n"
			if !strings.Contains(norm, b.Text) {
				t.Fatalf("block text %q is not in the input", b.Text)
			}
			prev = b.Line
		}
	})
}

func FuzzParseOutputs(f *testing.F) {
	for _, s := range []string{"a=1\n", "m<<EOF\nx\nEOF\n", "m<<EOF\n", "=\n", "a<<\n", "x\r\ny=2\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		got, err := ParseOutputs([]byte(data))
		if err != nil {
			return
		}
		for name := range got {
			if name == "" || strings.Contains(name, "\n") {
				t.Fatalf("bad output name %q from %q", name, data)
			}
		}
	})
}
