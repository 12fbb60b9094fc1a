package sweep

import (
	"context"
	"crypto/sha256"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhilint/nhilint/internal/report"
	"github.com/nhilint/nhilint/internal/sweep/sweeptest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fakePAT derives a GitHub-token-shaped value from seed at run time, so no
// key-shaped literal is committed.
func fakePAT(seed string) string {
	const base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var b strings.Builder
	b.WriteString("gh" + "p_")
	for i := 0; b.Len() < 40; i++ {
		sum := sha256.Sum256([]byte(seed + "/" + string(rune('a'+i))))
		for _, c := range sum {
			if b.Len() < 40 {
				b.WriteByte(base62[int(c)%len(base62)])
			}
		}
	}
	return b.String()
}

// testToken is the distinctive token of the hygiene checks.
var testToken = "tok" + "DISTINCTIVE" + strings.Repeat("q7", 8)

var day = time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)

// orgRepos is the fixture organisation "acme": a key reused in two
// repositories, an archived one, a 404, a clean one, a fork.
func orgRepos() []sweeptest.Repo {
	shared := fakePAT("shared")
	return []sweeptest.Repo{
		{Owner: "acme", Name: "api", Commits: sweeptest.Files(day, map[string]string{"deploy/config.env": "GITHUB_TOKEN=" + shared + "\n"})},
		{Owner: "acme", Name: "web", Commits: sweeptest.Files(day.AddDate(1, 0, 0), map[string]string{"scripts/release.sh": "export GH_TOKEN=" + shared + "\n", "README.md": "web\n"})},
		{Owner: "acme", Name: "old", Archived: true, Commits: sweeptest.Files(day, map[string]string{"key.txt": "token: " + fakePAT("old") + "\n"})},
		{Owner: "acme", Name: "gone", Missing: true},
		{Owner: "acme", Name: "clean", Topics: []string{"docs"}, Commits: sweeptest.Files(day, map[string]string{"README.md": "nothing here\n"})},
		{Owner: "acme", Name: "forked", Fork: true, Commits: sweeptest.Files(day, map[string]string{"README.md": "fork\n"})},
	}
}

func newServer(t *testing.T, cfg sweeptest.Config, repos []sweeptest.Repo) *sweeptest.Server {
	t.Helper()
	if _, err := sweeptest.GitHTTPBackend(); err != nil {
		t.Skipf("skipping: these tests clone from git's own http-backend: %v", err)
	}
	s, err := sweeptest.New(t.TempDir(), cfg, repos)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

var (
	settingsOnce sync.Once
	settings     ScanSettings
	settingsErr  error
)

func scanSettings(t *testing.T) ScanSettings {
	t.Helper()
	settingsOnce.Do(func() { settings, settingsErr = DefaultScanSettings() })
	if settingsErr != nil {
		t.Fatal(settingsErr)
	}
	return settings
}

// sleeper records waits instead of sleeping.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func testBackoff(s *sleeper, log func(string, ...any)) *Backoff {
	return &Backoff{Base: time.Second, Max: time.Minute, Retries: 3, Sleep: s.sleep,
		Jitter: func(time.Duration) time.Duration { return 0 }, Log: log}
}

func testOptions(t *testing.T, out string, repos []Repo, auths []HostAuth) Options {
	return Options{
		Repos: repos, Auths: auths, Mode: ModeTree, Concurrency: 2, Timeout: time.Minute,
		OutDir: out, WorkDir: t.TempDir(), Scan: scanSettings(t),
		Tool: report.Tool{Name: "nhilint", Version: "test"},
		Now:  func() time.Time { return day },
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readFile(t, path)
	if got != want {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n--- got\n%s", name, got)
	}
}
