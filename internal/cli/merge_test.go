package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/internal/sweep/sweeptest"
)

// TestSweepShardsAndMergeCommand lists once (--list-only), sweeps the list
// as three shards and merges them: the merged report equals a single run's.
func TestSweepShardsAndMergeCommand(t *testing.T) {
	srv := sweepServer(t, sweeptest.Config{})
	repos := filepath.Join(t.TempDir(), "repos.txt")
	inv := nhilintWithEnv(t, nil, "sweep", "--github-org", "acme", "--api-url", srv.GitHubAPI, "--skip-archived", "--list-only")
	if inv.code != 0 || strings.Count(inv.stdout, "\n") != 4 {
		t.Fatalf("--list-only: exit %d, stdout %q, stderr %q", inv.code, inv.stdout, inv.stderr)
	}
	if err := os.WriteFile(repos, []byte(inv.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	single := filepath.Join(t.TempDir(), "single")
	if inv := nhilintWithEnv(t, nil, "sweep", "--repos", repos, "--out", single, "--quiet"); inv.code != ExitFindings || inv.stderr != "" {
		t.Fatalf("single run: exit %d, stderr %q", inv.code, inv.stderr)
	}
	var shards []string
	for _, s := range []string{"0/3", "1/3", "2/3"} {
		d := filepath.Join(t.TempDir(), "shard")
		nhilintWithEnv(t, nil, "sweep", "--repos", repos, "--out", d, "--quiet", "--shard", s)
		shards = append(shards, d)
	}
	merged := filepath.Join(t.TempDir(), "merged")
	inv = nhilintWithEnv(t, nil, append([]string{"merge", "--out", merged}, shards...)...)
	if inv.code != ExitFindings {
		t.Fatalf("merge: exit %d, stderr %q", inv.code, inv.stderr)
	}
	for _, name := range []string{"summary.md", "summary.html", "findings.csv", "findings.json"} {
		a, _ := os.ReadFile(filepath.Join(single, name))
		b, _ := os.ReadFile(filepath.Join(merged, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("merged %s differs from the single run's", name)
		}
	}
	if inv := nhilintWithEnv(t, nil, "merge", "--fail-on", "none", "--out", t.TempDir(), shards[0]); inv.code != ExitOK && inv.code != ExitInternal {
		t.Errorf("merge --fail-on none: exit %d", inv.code)
	}
}
