package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhilint/nhilint/internal/sweep/sweeptest"
)

// sweepToken is distinctive so that any leak of it is found by a substring search.
var sweepToken = "ghs_" + "SWEEPTOKEN" + strings.Repeat("x9", 10)

func nhilintWithEnv(t *testing.T, vars map[string]string, args ...string) invocation {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }}
	code := run(context.Background(), e, args)
	return invocation{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func sweepFixtures() []sweeptest.Repo {
	day := time.Date(2022, 2, 2, 0, 0, 0, 0, time.UTC)
	return []sweeptest.Repo{
		{Owner: "acme", Name: "leaky", Commits: sweeptest.Files(day, map[string]string{"ci.env": "TOKEN=" + fakeGHP + "\n"})},
		{Owner: "acme", Name: "copy", Commits: sweeptest.Files(day, map[string]string{"deploy.sh": "export GH_TOKEN=" + fakeGHP + "\n"})},
		{Owner: "acme", Name: "archived", Archived: true, Commits: sweeptest.Files(day, map[string]string{"README.md": "x\n"})},
		{Owner: "acme", Name: "deleted", Missing: true},
		{Owner: "acme", Name: "clean", Commits: sweeptest.Files(day, map[string]string{"README.md": "x\n"})},
	}
}

func sweepServer(t *testing.T, cfg sweeptest.Config) *sweeptest.Server {
	t.Helper()
	if _, err := sweeptest.GitHTTPBackend(); err != nil {
		t.Skipf("skipping: the sweep tests clone from git's own http-backend: %v", err)
	}
	srv, err := sweeptest.New(t.TempDir(), cfg, sweepFixtures())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// TestSweepTokenHygiene sweeps with a distinctive token through pagination,
// a secondary rate limit and a 404, and looks for the token everywhere:
// standard output and error, every output file, the state file, and the
// names of the temporary clone folders while they exist.
func TestSweepTokenHygiene(t *testing.T) {
	srv := sweepServer(t, sweeptest.Config{Token: sweepToken, PerPage: 2, SecondaryRateLimit: 1})
	work := t.TempDir()
	var mu sync.Mutex
	var tempNames []string
	srv.OnClone = func(string) {
		entries, _ := os.ReadDir(work)
		mu.Lock()
		defer mu.Unlock()
		for _, e := range entries {
			tempNames = append(tempNames, e.Name())
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	inv := nhilintWithEnv(t, map[string]string{"GITHUB_TOKEN": sweepToken},
		"sweep", "--github-org", "acme", "--api-url", srv.GitHubAPI, "--out", out, "--work-dir", work,
		"--skip-archived", "--concurrency", "2")
	if inv.code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", inv.code, ExitFindings, strings.ReplaceAll(inv.stderr, sweepToken, "TOKEN"))
	}
	for _, want := range []string{"answered 403 (Retry-After): waiting 1s", "acme/deleted failed: clone: repository not found", "4 repositories (1 failed), 2 findings, 1 distinct keys (1 reused across repositories)"} {
		if !strings.Contains(inv.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, strings.ReplaceAll(inv.stderr, sweepToken, "TOKEN"))
		}
	}
	if len(tempNames) == 0 {
		t.Error("no clone folder was seen")
	}
	check := func(what, s string) {
		if strings.Contains(s, sweepToken) {
			t.Errorf("the token appears in %s", what)
		}
	}
	check("stdout", inv.stdout)
	check("stderr", inv.stderr)
	check("temporary folder names", strings.Join(tempNames, "\n"))
	files := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		check("the name "+p, p)
		if !d.IsDir() {
			files++
			b, _ := os.ReadFile(p)
			check(p, string(b))
		}
		return nil
	})
	if files < 10 {
		t.Errorf("only %d output files", files)
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("%d clone folders left behind", len(entries))
	}
	for _, name := range []string{"summary.md", "summary.html", "findings.csv", "findings.json", "state.jsonl"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	// Without the token, the listing fails, and says so without a token to leak.
	inv = nhilintWithEnv(t, nil, "sweep", "--github-org", "acme", "--api-url", srv.GitHubAPI, "--out", t.TempDir())
	if inv.code != ExitUsage || !strings.Contains(inv.stderr, "401 Unauthorized: Bad credentials") {
		t.Errorf("no token: exit %d, stderr %q", inv.code, inv.stderr)
	}
}

func TestSweepUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"sweep"},
		{"sweep", "--github-org", "a", "--gitlab-group", "b"},
		{"sweep", "--dir", ".", "--mode", "blame"},
		{"sweep", "--dir", ".", "--shard", "3/3"},
		{"sweep", "--dir", ".", "--include", "[x"},
		{"sweep", "--dir", ".", "--concurrency", "0"},
		{"merge"},
		{"merge", t.TempDir()},
	} {
		if inv := nhilint(t, args...); inv.code != ExitUsage {
			t.Errorf("%q: exit %d, want %d (stderr %q)", args, inv.code, ExitUsage, inv.stderr)
		}
	}
}
