package action

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// This file runs the action's shell steps the way a runner does (bash
// --noprofile --norc -eo pipefail, step env resolved from inputs and earlier
// outputs, GITHUB_* files) against a fixture repository, with the nhilint
// the action's own build step builds from this checkout.

// fakeToken returns a GitHub classic PAT made up at test time: ghp_ and 36
// characters derived from a hash, so it looks random enough to be reported
// and no literal key sits in the repository.
func fakeToken() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	sum := sha256.Sum256([]byte("nhilint-action-test"))
	var b strings.Builder
	b.WriteString("ghp_")
	for i := range 36 {
		b.WriteByte(alphabet[int(sum[i%len(sum)]+byte(i/len(sum)))%len(alphabet)])
	}
	return b.String()
}

// fixture is a repository whose second commit adds a credential.
type fixture struct {
	dir        string
	base, head string // first and second commit
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "workspace")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = cleanEnv(nil)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	run("init", "-q", "-b", "main")
	write(t, filepath.Join(dir, "README.md"), "# service\n")
	run("add", ".")
	run("commit", "-q", "-m", "first")
	base := run("rev-parse", "HEAD")
	write(t, filepath.Join(dir, "deploy", "config.yml"), "github:\n  token: "+fakeToken()+"\n")
	run("add", ".")
	run("commit", "-q", "-m", "add deploy config")
	return fixture{dir: dir, base: base, head: run("rev-parse", "HEAD")}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cleanEnv is this process's environment without the runner's and git's
// variables (tests may run inside a git hook or on GitHub), plus extra.
func cleanEnv(extra map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "GIT_") || strings.HasPrefix(name, "GITHUB_") || strings.HasPrefix(name, "RUNNER_") ||
			strings.HasPrefix(name, "NHILINT_") || strings.HasPrefix(name, "INPUT_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}

// stepResult is what one run step did.
type stepResult struct {
	exit    int
	log     string
	outputs map[string]string
}

// runner plays a GitHub runner for one job.
type runner struct {
	t         *testing.T
	workspace string
	temp      string
	event     string
	eventPath string
	output    string // $GITHUB_OUTPUT of the current step
	summary   string
	steps     map[string]map[string]string // outputs by step id
}

func newRunner(t *testing.T, workspace, event string, payload any) *runner {
	t.Helper()
	tmp := t.TempDir()
	r := &runner{t: t, workspace: workspace, temp: filepath.Join(tmp, "runner-temp"), event: event,
		eventPath: filepath.Join(tmp, "event.json"), summary: filepath.Join(tmp, "summary.md"),
		steps: map[string]map[string]string{}}
	if err := os.MkdirAll(r.temp, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	write(t, r.eventPath, string(b))
	write(t, r.summary, "")
	return r
}

// runStep runs one run: step with its env resolved from inputs.
func (r *runner) runStep(i int, s Step, inputs map[string]string) stepResult {
	r.t.Helper()
	if s.Shell != "bash" {
		r.t.Fatalf("step %s: shell %q, these tests run bash", s.label(), s.Shell)
	}
	env, err := ResolveEnv(s.Env, inputs, r.steps)
	if err != nil {
		r.t.Fatalf("step %s: %v", s.label(), err)
	}
	dir := r.t.TempDir()
	script := filepath.Join(dir, "step.sh")
	write(r.t, script, s.Run)
	output := filepath.Join(dir, "output")
	write(r.t, output, "")
	env["GITHUB_EVENT_NAME"] = r.event
	env["GITHUB_EVENT_PATH"] = r.eventPath
	env["GITHUB_OUTPUT"] = output
	env["GITHUB_STEP_SUMMARY"] = r.summary
	env["GITHUB_WORKSPACE"] = r.workspace
	env["GITHUB_ACTION_PATH"] = absRepoRoot(r.t)
	env["RUNNER_TEMP"] = r.temp
	env["RUNNER_OS"] = "Linux"
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = r.workspace
	cmd.Env = cleanEnv(env)
	out, err := cmd.CombinedOutput()
	res := stepResult{log: string(out)}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.exit = exit.ExitCode()
	case err != nil:
		r.t.Fatalf("step %s: %v", s.label(), err)
	}
	data, err := os.ReadFile(output)
	if err != nil {
		r.t.Fatal(err)
	}
	if res.outputs, err = ParseOutputs(data); err != nil {
		r.t.Fatalf("step %s wrote a bad $GITHUB_OUTPUT: %v", s.label(), err)
	}
	if s.ID != "" {
		r.steps[s.ID] = res.outputs
	}
	return res
}

func absRepoRoot(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// built is the binary the action's build step produced, built once for all
// tests by running that step.
var built struct {
	once sync.Once
	bin  string
	err  string
}

// buildStep returns the outputs of the action's build step.
func buildStep(t *testing.T, m *Metadata) map[string]string {
	t.Helper()
	built.once.Do(func() {
		for i, s := range m.Runs.Steps {
			if s.ID != "build" {
				continue
			}
			// The runner temp dir must outlive this test, so it is not a t.TempDir.
			tmp, err := os.MkdirTemp("", "nhilint-action-build")
			if err != nil {
				built.err = err.Error()
				return
			}
			r := &runner{t: t, workspace: tmp, temp: tmp, event: "workflow_dispatch", eventPath: os.DevNull,
				summary: filepath.Join(tmp, "summary"), steps: map[string]map[string]string{}}
			res := r.runStep(i, s, nil)
			if res.exit != 0 {
				built.err = "build step failed:\n" + res.log
				return
			}
			built.bin = res.outputs["bin"]
			return
		}
		built.err = "action.yml has no step with id build"
	})
	if built.err != "" {
		t.Fatal(built.err)
	}
	return map[string]string{"bin": built.bin}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.bin != "" {
		os.RemoveAll(filepath.Dir(filepath.Dir(built.bin)))
	}
	os.Exit(code)
}

// hasHistory reports whether the built nhilint has the history command,
// which pull_request and push runs need.
func hasHistory(bin string) bool {
	return exec.Command(bin, "history", "--help").Run() == nil
}

// runAction runs the action's steps in order as a runner would for one
// event and returns the result of each run step by name, stopping after the
// first failure (no step uses always()). Uses steps are not run; the ones
// whose if: would hold are returned in uses.
func runAction(t *testing.T, m *Metadata, r *runner, with map[string]string) (results map[string]stepResult, uses []string) {
	t.Helper()
	inputs, err := m.InputValues(with)
	if err != nil {
		t.Fatal(err)
	}
	results = map[string]stepResult{}
	for i, s := range m.Runs.Steps {
		switch {
		case s.ID == "build":
			r.steps["build"] = buildStep(t, m)
		case s.Uses != "":
			switch s.If {
			case "":
				uses = append(uses, s.Uses)
			case "${{ inputs.upload == 'true' }}":
				if inputs["upload"] == "true" {
					uses = append(uses, s.Uses)
				}
			default:
				t.Fatalf("step %s: the test does not know the condition %q", s.label(), s.If)
			}
		default:
			if s.If != "" {
				t.Fatalf("step %s: the test does not know the condition %q", s.label(), s.If)
			}
			res := r.runStep(i, s, inputs)
			results[s.label()] = res
			if res.exit != 0 {
				return results, uses
			}
		}
	}
	return results, uses
}

func TestActionScripts(t *testing.T) {
	m := loadAction(t)
	bin := buildStep(t, m)["bin"]
	zero := strings.Repeat("0", 40)

	for _, tc := range []struct {
		name      string
		event     string
		payload   func(f fixture) any
		with      map[string]string
		history   bool // needs nhilint history
		wantScope func(f fixture) string
		wantExit  int    // of the verdict step
		golden    string // summary golden file, if any
	}{
		{
			name: "workflow_dispatch scans the tree", event: "workflow_dispatch",
			payload:   func(fixture) any { return map[string]any{"inputs": map[string]any{}} },
			wantScope: func(fixture) string { return "scan" }, wantExit: 1, golden: "summary-scan.md",
		},
		{
			name: "fail-on none reports without failing", event: "schedule",
			payload:   func(fixture) any { return map[string]any{"schedule": "17 3 * * 1"} },
			with:      map[string]string{"fail-on": "none", "sarif": "reports/out.sarif", "upload": "true"},
			wantScope: func(fixture) string { return "scan" }, wantExit: 0,
		},
		{
			name: "pull_request scans base..head", event: "pull_request", history: true,
			payload: func(f fixture) any {
				return map[string]any{"pull_request": map[string]any{"base": map[string]any{"sha": f.base}, "head": map[string]any{"sha": f.head}}}
			},
			wantScope: func(f fixture) string { return f.base + ".." + f.head }, wantExit: 1,
		},
		{
			name: "push scans before..after", event: "push", history: true,
			payload:   func(f fixture) any { return map[string]any{"before": f.base, "after": f.head} },
			wantScope: func(f fixture) string { return f.base + ".." + f.head }, wantExit: 1,
		},
		{
			name: "push of a new branch scans the tree", event: "push",
			payload:   func(f fixture) any { return map[string]any{"before": zero, "after": f.head} },
			wantScope: func(fixture) string { return "scan" }, wantExit: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.history && !hasHistory(bin) {
				t.Skip("the built nhilint has no history command yet (`nhilint history --help` fails)")
			}
			f := newFixture(t)
			r := newRunner(t, f.dir, tc.event, tc.payload(f))
			results, uses := runAction(t, m, r, tc.with)

			scan := results["scan"]
			if scan.exit != 0 {
				t.Fatalf("scan step exit %d:\n%s", scan.exit, scan.log)
			}
			sarif := "nhilint.sarif"
			if s := tc.with["sarif"]; s != "" {
				sarif = s
			}
			wantJSON := strings.TrimSuffix(sarif, ".sarif") + ".json"
			want := map[string]string{"findings": "1", "sarif": sarif, "json": wantJSON,
				"exit-code": map[bool]string{true: "1", false: "0"}[tc.wantExit == 1], "scope": tc.wantScope(f)}
			for k, v := range want {
				if got := scan.outputs[k]; got != v {
					t.Errorf("output %s = %q, want %q", k, got, v)
				}
			}
			sarifData, err := os.ReadFile(filepath.Join(f.dir, sarif))
			if err != nil {
				t.Fatalf("SARIF report: %v", err)
			}
			var report struct {
				Runs []struct {
					Results []struct {
						RuleID string `json:"ruleId"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(sarifData, &report); err != nil {
				t.Fatalf("SARIF report does not parse: %v", err)
			}
			if len(report.Runs) != 1 || len(report.Runs[0].Results) != 1 || report.Runs[0].Results[0].RuleID != "github-pat" {
				t.Errorf("SARIF results = %+v, want one github-pat result", report.Runs)
			}

			summary, err := os.ReadFile(r.summary)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(summary), "`github-pat`") || !strings.Contains(string(summary), "`deploy/config.yml:2`") {
				t.Errorf("summary lacks the rule or location:\n%s", summary)
			}
			secret := fakeToken()
			for name, text := range map[string]string{"summary": string(summary), "SARIF": string(sarifData),
				"scan log": scan.log, "summary log": results["Summary"].log, "verdict log": results["Verdict"].log} {
				if strings.Contains(text, secret[4:]) {
					t.Errorf("the %s contains the credential", name)
				}
			}
			if tc.golden != "" {
				path := filepath.Join("testdata", tc.golden)
				if *update {
					write(t, path, string(summary))
				}
				if golden, err := os.ReadFile(path); err != nil || string(golden) != string(summary) {
					t.Errorf("summary differs from %s (run with -update):\n%s", path, summary)
				}
			}

			verdict, ok := results["Verdict"]
			if !ok {
				t.Fatal("the verdict step did not run")
			}
			if verdict.exit != tc.wantExit {
				t.Errorf("verdict exit = %d, want %d\n%s", verdict.exit, tc.wantExit, verdict.log)
			}
			wantUpload := tc.with["upload"] == "true"
			if got := len(uses) == 2; got != wantUpload {
				t.Errorf("uses steps that would run = %v, upload wanted: %v", uses, wantUpload)
			}
		})
	}
}

func TestActionScriptErrors(t *testing.T) {
	m := loadAction(t)
	buildStep(t, m)
	for _, tc := range []struct {
		name, event string
		payload     any
		with        map[string]string
		wantLog     string
	}{
		{"unknown mode", "push", map[string]any{}, map[string]string{"mode": "everything"},
			"::error title=nhilint::unknown mode 'everything': want auto, scan, history or range"},
		{"range without a range", "workflow_dispatch", map[string]any{}, map[string]string{"mode": "range"},
			"::error title=nhilint::mode range needs a pull_request or push event with a commit range, not workflow_dispatch"},
		{"pull_request without shas", "pull_request", map[string]any{"pull_request": map[string]any{}}, nil,
			"::error title=nhilint::the pull_request event payload has no commit range"},
		{"pull_request base not fetched", "pull_request", map[string]any{"pull_request": map[string]any{
			"base": map[string]any{"sha": strings.Repeat("1", 40)}, "head": map[string]any{"sha": strings.Repeat("2", 40)}}}, nil,
			"::error title=nhilint::commit " + strings.Repeat("1", 40) + " is not in the checkout; use actions/checkout with fetch-depth: 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r := newRunner(t, f.dir, tc.event, tc.payload)
			results, _ := runAction(t, m, r, tc.with)
			scan := results["scan"]
			if scan.exit != 2 {
				t.Errorf("scan step exit = %d, want 2", scan.exit)
			}
			if !strings.Contains(scan.log, tc.wantLog) {
				t.Errorf("scan log lacks %q:\n%s", tc.wantLog, scan.log)
			}
			if _, ran := results["Summary"]; ran {
				t.Error("the summary step ran after the scan failed")
			}
		})
	}
}

func TestFakeTokenShape(t *testing.T) {
	tok := fakeToken()
	if len(tok) != 40 || !strings.HasPrefix(tok, "ghp_") || tok != fakeToken() {
		t.Errorf("fake token has the wrong shape (len %d)", len(tok))
	}
}
