package sweep

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/internal/sweep/sweeptest"
)

func TestSweepGitHubOrg(t *testing.T) {
	srv := newServer(t, sweeptest.Config{Token: testToken, PerPage: 2, SecondaryRateLimit: 7}, orgRepos())
	var sl sleeper
	var logs []string
	repos, auths, err := List(context.Background(), ListOptions{
		GitHubOrg: "acme", APIURL: srv.GitHubAPI, GitHubToken: NewToken(testToken),
		Backoff: testBackoff(&sl, func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(repos), []string{"acme/api", "acme/web", "acme/old", "acme/gone", "acme/clean", "acme/forked"}; !slices.Equal(got, want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	if !slices.Equal(sl.waits, []time.Duration{7 * time.Second}) {
		t.Errorf("waits = %v, want one of 7s (Retry-After)", sl.waits)
	}
	if want := []string{"127.0.0.1:" + port(srv.URL) + " answered 403 (Retry-After): waiting 7s before retry 1/3"}; !slices.Equal(logs, want) {
		t.Errorf("logs = %q, want %q", logs, want)
	}
	repos = Filter{SkipArchived: true, SkipForks: true}.Apply(repos)
	if got, want := names(repos), []string{"acme/api", "acme/clean", "acme/gone", "acme/web"}; !slices.Equal(got, want) {
		t.Fatalf("filtered %v, want %v", got, want)
	}

	out := t.TempDir()
	opts := testOptions(t, out, repos, auths)
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 || res.Scanned != 3 || res.Failed != 1 || res.Resumed != 0 {
		t.Errorf("result = %+v, want 4 total, 3 scanned, 1 failed", *res)
	}
	sum := res.Report
	if sum.Findings != 2 || sum.Keys != 1 || sum.Reused != 1 || sum.Failed != 1 {
		t.Errorf("summary: %d findings, %d keys, %d reused, %d failed; want 2, 1, 1, 1", sum.Findings, sum.Keys, sum.Reused, sum.Failed)
	}
	if f := sum.Failures; len(f) != 1 || f[0].Repo != "acme/gone" || !strings.Contains(f[0].Error, "repository not found") {
		t.Errorf("failures = %+v, want acme/gone not found", f)
	}
	for _, name := range []string{SummaryMarkdown, SummaryHTML, FindingsCSV, FindingsJSON} {
		golden(t, "github/"+name, strings.ReplaceAll(readFile(t, filepath.Join(out, name)), srv.URL, "SERVER"))
	}
	sarif := readFile(t, filepath.Join(out, sarifDir, Repo{Name: "acme/api"}.fileStem()+".sarif"))
	for _, want := range []string{`"id": "nhilint/sweep-tree/acme/api/"`, `"primaryLocationLineHash"`} {
		if !strings.Contains(sarif, want) {
			t.Errorf("SARIF of acme/api lacks %s", want)
		}
	}
	if entries, _ := os.ReadDir(opts.WorkDir); len(entries) != 0 {
		t.Errorf("clones left behind in the work folder: %d", len(entries))
	}
	if c := srv.Clones(); c["acme/api"] != 1 || c["acme/web"] != 1 || c["acme/clean"] != 1 {
		t.Errorf("clones = %v, want each scanned repository once", c)
	}
}

func names(repos []Repo) []string {
	out := make([]string, len(repos))
	for i, r := range repos {
		out[i] = r.Name
	}
	return out
}

func port(u string) string { return u[strings.LastIndexByte(u, ':')+1:] }
