package sweep

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhilint/nhilint/internal/sweep/sweeptest"
)

func TestSweepGitLabGroupWithSubgroups(t *testing.T) {
	leak := fakePAT("gitlab")
	repos := []sweeptest.Repo{
		{Owner: "grp", Name: "top", Commits: sweeptest.Files(day, map[string]string{"a.env": "TOKEN=" + leak + "\n"})},
		{Owner: "grp/sub", Name: "deep", Topics: []string{"infra"}, Commits: sweeptest.Files(day, map[string]string{"README.md": "x\n"})},
		{Owner: "grp/sub", Name: "fork", Fork: true, Commits: sweeptest.Files(day, map[string]string{"README.md": "x\n"})},
		{Owner: "other", Name: "no", Commits: sweeptest.Files(day, map[string]string{"README.md": "x\n"})},
	}
	srv := newServer(t, sweeptest.Config{Token: testToken, PerPage: 1}, repos)
	var sl sleeper
	list, auths, err := List(context.Background(), ListOptions{GitLabGroup: "grp", APIURL: srv.GitLabAPI, GitLabToken: NewToken(testToken), Backoff: testBackoff(&sl, nil)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(list), []string{"grp/top", "grp/sub/deep", "grp/sub/fork"}; !slices.Equal(got, want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	list = Filter{SkipForks: true, Include: []string{"grp/**"}}.Apply(list)
	res, err := Run(context.Background(), testOptions(t, t.TempDir(), list, auths))
	if err != nil {
		t.Fatal(err)
	}
	if res.Scanned != 2 || res.Failed != 0 || res.Report.Findings != 1 || res.Report.TopRepos[0].Name != "grp/top" {
		t.Errorf("result %+v, report %+v", *res, *res.Report)
	}
}

// TestKillAndResume stops a sweep after three repositories and resumes it:
// every repository is scanned exactly once across both runs.
func TestKillAndResume(t *testing.T) {
	var fixtures []sweeptest.Repo
	for i := range 8 {
		name := "r" + string(rune('a'+i))
		fixtures = append(fixtures, sweeptest.Repo{Owner: "acme", Name: name,
			Commits: sweeptest.Files(day, map[string]string{"k.env": "T=" + fakePAT(name) + "\n"})})
	}
	srv := newServer(t, sweeptest.Config{}, fixtures)
	var repos []Repo
	for _, f := range fixtures {
		repos = append(repos, Repo{Name: f.FullName(), CloneURL: srv.CloneURL(f)})
	}
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := testOptions(t, out, repos, nil)
	opts.Concurrency = 1
	var done atomic.Int32
	opts.Progress = progressFunc(func(Record) {
		if done.Add(1) == 3 {
			cancel() // the kill: nothing after the third repository starts
		}
	})
	if _, err := Run(ctx, opts); err != context.Canceled {
		t.Fatalf("interrupted run: err = %v, want context.Canceled", err)
	}
	if _, err := Run(context.Background(), testOptions(t, out, repos, nil)); err == nil || !strings.Contains(err.Error(), "--resume") {
		t.Fatalf("a second run without --resume: err = %v, want a refusal naming --resume", err)
	}
	opts = testOptions(t, out, repos, nil)
	opts.Resume = true
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Resumed != 3 || res.Scanned != 5 || res.Report.Findings != 8 {
		t.Errorf("resumed run: %+v with %d findings, want 3 resumed, 5 scanned, 8 findings", *res, res.Report.Findings)
	}
	for _, f := range fixtures {
		if n := srv.Clones()[f.FullName()]; n != 1 {
			t.Errorf("%s cloned %d times, want 1", f.FullName(), n)
		}
	}
	records, _, err := parseState([]byte(readFile(t, filepath.Join(out, DefaultStateFile))))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, r := range records {
		seen[r.Repo]++
		if r.Status != StatusScanned || len(r.Commit) != 40 {
			t.Errorf("record %+v: want scanned with a commit", r)
		}
	}
	if len(seen) != 8 || len(records) != 8 {
		t.Errorf("state records %d for %d repositories, want 8 for 8", len(records), len(seen))
	}
}

type progressFunc func(Record)

func (progressFunc) Start(int, int)                   {}
func (f progressFunc) Done(r Record, _ time.Duration) { f(r) }
func (progressFunc) Logf(string, ...any)              {}
func (progressFunc) Finish()                          {}

// TestShardsMergeEqualsSingleRun sweeps in N shards and merges them: the
// merged report is byte for byte the single-machine one.
func TestShardsMergeEqualsSingleRun(t *testing.T) {
	var fixtures []sweeptest.Repo
	for i := range 7 {
		files := map[string]string{"README.md": "r\n"}
		if i%2 == 0 {
			files["ci/secrets.env"] = "TOKEN=" + fakePAT("k"+string(rune('0'+i%3))) + "\n"
		}
		fixtures = append(fixtures, sweeptest.Repo{Owner: "acme", Name: "s" + string(rune('a'+i)), Commits: sweeptest.Files(day, files)})
	}
	fixtures = append(fixtures, sweeptest.Repo{Owner: "acme", Name: "missing", Missing: true})
	srv := newServer(t, sweeptest.Config{}, fixtures)
	var repos []Repo
	for _, f := range fixtures {
		repos = append(repos, Repo{Name: f.FullName(), CloneURL: srv.CloneURL(f)})
	}
	single := t.TempDir()
	if _, err := Run(context.Background(), testOptions(t, single, repos, nil)); err != nil {
		t.Fatal(err)
	}
	if n := len(readFile(t, filepath.Join(single, FindingsCSV))); n < 500 {
		t.Fatalf("the single run found too little to compare (%d bytes of CSV)", n)
	}
	for _, n := range []int{2, 3} {
		var dirs []string
		for i := range n {
			d := t.TempDir()
			opts := testOptions(t, d, repos, nil)
			opts.Shard = Shard{Index: i, Count: n}
			if _, err := Run(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			dirs = append(dirs, d)
		}
		merged := t.TempDir()
		if _, err := Merge(dirs, merged, MergeOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{SummaryMarkdown, SummaryHTML, FindingsCSV, FindingsJSON} {
			if got, want := readFile(t, filepath.Join(merged, name)), readFile(t, filepath.Join(single, name)); got != want {
				t.Errorf("%d shards: merged %s differs from the single run's", n, name)
			}
		}
	}
}

func TestHistoryModeFindsDeletedKey(t *testing.T) {
	leak := fakePAT("history")
	content := "TOKEN=" + leak + "\n"
	repo := sweeptest.Repo{Owner: "acme", Name: "hist", Commits: []sweeptest.Commit{
		{Files: map[string]*string{"old.env": &content}, Date: day},
		{Files: map[string]*string{"old.env": nil}, Date: day.AddDate(0, 1, 0)},
	}}
	srv := newServer(t, sweeptest.Config{}, []sweeptest.Repo{repo})
	out := t.TempDir()
	opts := testOptions(t, out, []Repo{{Name: repo.FullName(), CloneURL: srv.CloneURL(repo)}}, nil)
	opts.Mode = ModeHistory
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	rows := res.Report.Rows()
	if len(rows) != 1 || rows[0].PresentAtHead == nil || *rows[0].PresentAtHead || !rows[0].Location.Date.Equal(day) || len(rows[0].Location.Commit) != 40 {
		t.Fatalf("rows = %+v, want one deleted key dated %s with its commit", rows, day)
	}
	if len(res.Report.Oldest) != 1 {
		t.Errorf("oldest = %d rows, want 1", len(res.Report.Oldest))
	}
	sarif := readFile(t, filepath.Join(out, sarifDir, Repo{Name: "acme/hist"}.fileStem()+".sarif"))
	if !strings.Contains(sarif, `"id": "nhilint/sweep-history/acme/hist/"`) {
		t.Error("history SARIF lacks its category")
	}
}

func TestLocalSources(t *testing.T) {
	if _, err := sweeptest.GitHTTPBackend(); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	if err := sweeptest.CreateBare(filepath.Join(dir, "one.git"), sweeptest.Files(day, map[string]string{"x.env": "T=" + fakePAT("local") + "\n"})); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "not-a-repo"), 0o755); err != nil {
		t.Fatal(err)
	}
	repos, _, err := List(context.Background(), ListOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(repos) != 1 || repos[0].Name != "one.git" || !repos[0].Local() {
		t.Fatalf("repos = %+v", repos)
	}
	res, err := Run(context.Background(), testOptions(t, t.TempDir(), repos, nil))
	if err != nil {
		t.Fatal(err)
	}
	if res.Scanned != 1 || res.Report.Findings != 1 {
		t.Errorf("result %+v, %d findings; want 1 scanned, 1 finding", *res, res.Report.Findings)
	}
}
