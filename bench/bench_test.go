package bench

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// corpusEnv names the corpus directory BenchmarkScanVsGitleaks scans, e.g.
// one built by bench/corpus.sh.
const corpusEnv = "NHILINT_BENCH_CORPUS"

// decodeDepth is gitleaks' default, used for both tools.
const decodeDepth = "5"

// buildDir holds the nhilint binary built for the benchmarks; TestMain
// removes it.
var buildDir string

// buildNhilint builds ./cmd/nhilint once per test binary.
var buildNhilint = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "nhilint-bench-")
	if err != nil {
		return "", err
	}
	buildDir = dir
	bin := filepath.Join(dir, "nhilint")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/nhilint")
	cmd.Dir = ".." // the module root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/nhilint: %w\n%s", err, out)
	}
	return bin, nil
})

// findGitleaks looks for gitleaks on PATH, then in $HOME/go/bin.
func findGitleaks() string {
	if p, err := exec.LookPath("gitleaks"); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, "go", "bin", "gitleaks")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// treeSize is the total size of the regular files under dir.
func treeSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		return nil
	})
	return total, err
}

// BenchmarkScanVsGitleaks scans the corpus in $NHILINT_BENCH_CORPUS with the
// gitleaks CLI and with nhilint in every iteration, and reports both
// throughputs and their ratio. Run it with -benchtime=1x or 3x: one
// iteration takes minutes on a large corpus.
//
//	NHILINT_BENCH_CORPUS=/tmp/corpus go test ./bench -run '^$' -bench ScanVsGitleaks -benchtime 3x
func BenchmarkScanVsGitleaks(b *testing.B) {
	corpus := os.Getenv(corpusEnv)
	if corpus == "" {
		b.Skipf("set %s to a corpus directory (see bench/corpus.sh)", corpusEnv)
	}
	gitleaks := findGitleaks()
	if gitleaks == "" {
		b.Skip("gitleaks is not on PATH or in $HOME/go/bin; go install github.com/zricethezav/gitleaks/v8@v8.30.1")
	}
	size, err := treeSize(corpus)
	if err != nil {
		b.Fatalf("measuring corpus: %v", err)
	}
	nhilint, err := buildNhilint()
	if err != nil {
		b.Fatal(err)
	}
	work := b.TempDir() // also the working directory, so no stray config is read
	glReport := filepath.Join(work, "gitleaks.json")
	nhReport := filepath.Join(work, "nhilint.json")

	var glWall, nhWall time.Duration
	b.ResetTimer()
	for b.Loop() {
		glWall += mustMeasure(b, work, gitleaks, "dir", corpus, "--no-banner", "--report-format", "json",
			"--report-path", glReport, "--exit-code", "0", "--max-decode-depth", decodeDepth)
		nhWall += mustMeasure(b, work, nhilint, "scan", corpus, "--format", "json", "--output", nhReport,
			"--fail-on", "none", "--no-ignore", "--max-file-size", "1GB", "--max-decode-depth", decodeDepth)
	}
	b.StopTimer()
	b.ReportMetric(MBPerSecond(size*int64(b.N), nhWall), "nhilint-MB/s")
	b.ReportMetric(MBPerSecond(size*int64(b.N), glWall), "gitleaks-MB/s")
	if nhWall > 0 {
		b.ReportMetric(glWall.Seconds()/nhWall.Seconds(), "speedup-x")
	}
}

// mustMeasure runs one scan in dir and returns its wall time.
func mustMeasure(b *testing.B, dir, bin string, args ...string) time.Duration {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = withoutGitleaksConfig(os.Environ())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	m, err := Measure(cmd)
	if err != nil {
		b.Fatal(err)
	}
	if m.ExitCode != 0 {
		// Logs name files, never secrets: both tools write findings only to the report.
		b.Fatalf("%s exited with %d:\n%s", filepath.Base(bin), m.ExitCode, tail(stderr.String(), 2000))
	}
	return m.Wall
}

// withoutGitleaksConfig drops the variables that would make gitleaks use a
// config other than its default.
func withoutGitleaksConfig(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if strings.HasPrefix(kv, "GITLEAKS_CONFIG=") || strings.HasPrefix(kv, "GITLEAKS_CONFIG_TOML=") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

func TestWithoutGitleaksConfig(t *testing.T) {
	env := []string{"HOME=/h", "GITLEAKS_CONFIG=/x.toml", "GITLEAKS_CONFIG_TOML=[x]", "GITLEAKS_CONFIGURE=keep"}
	got := withoutGitleaksConfig(env)
	want := []string{"HOME=/h", "GITLEAKS_CONFIGURE=keep"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("withoutGitleaksConfig = %q, want %q", got, want)
	}
	if len(env) != 4 || env[1] != "GITLEAKS_CONFIG=/x.toml" {
		t.Errorf("withoutGitleaksConfig modified its input: %q", env)
	}
}

func TestTreeSize(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int{"x": 10, "a/y": 200, "a/b/z": 3000} {
		if err := os.WriteFile(filepath.Join(dir, name), bytes.Repeat([]byte{'.'}, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("x", filepath.Join(dir, "link")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	got, err := treeSize(dir)
	if err != nil || got != 3210 {
		t.Errorf("treeSize = %d, %v; want 3210 (symlinks not counted)", got, err)
	}
}

func TestTail(t *testing.T) {
	if got := tail("abcdef", 3); got != "…def" {
		t.Errorf("tail = %q, want %q", got, "…def")
	}
	if got := tail("ab", 3); got != "ab" {
		t.Errorf("tail = %q, want %q", got, "ab")
	}
}
