// Command sweep benchmarks `nhilint sweep`: it generates an organisation of
// repositories, serves them on loopback (the sweep tests' fake GitHub API
// and git's own http-backend), and times the real nhilint binary sweeping
// them at several concurrencies, reporting repositories per minute and the
// sweep process's peak resident memory.
//
//	go run ./bench/sweep -repos 200 -concurrency 1,4,16
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nhilint/nhilint/bench"
	"github.com/nhilint/nhilint/internal/sweep/sweeptest"
)

func main() {
	n := flag.Int("repos", 200, "repositories to generate")
	files := flag.Int("files", 40, "files per repository")
	levels := flag.String("concurrency", "1,4,16", "comma-separated --concurrency values")
	binary := flag.String("nhilint", "", "nhilint binary (default: built from ./cmd/nhilint)")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "nhilint-bench-sweep-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if *binary == "" {
		*binary = filepath.Join(tmp, "nhilint")
		build := exec.Command("go", "build", "-o", *binary, "./cmd/nhilint")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			log.Fatalf("building nhilint (run from the repository root): %v", err)
		}
	}

	start := time.Now()
	srv, err := sweeptest.New(filepath.Join(tmp, "git"), sweeptest.Config{}, generate(*n, *files))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	fmt.Fprintf(os.Stderr, "generated %d repositories of %d files in %s\n", *n, *files, time.Since(start).Round(time.Millisecond))

	fmt.Printf("| concurrency | wall | repos/min | peak RSS |\n|---:|---:|---:|---:|\n")
	for _, s := range strings.Split(*levels, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			log.Fatalf("-concurrency: %v", err)
		}
		out := filepath.Join(tmp, "out-"+s)
		cmd := exec.Command(*binary, "sweep", "--github-org", "bench", "--api-url", srv.GitHubAPI,
			"--out", out, "--work-dir", tmp, "--concurrency", strconv.Itoa(c), "--fail-on", "none")
		if os.Getenv("SWEEP_BENCH_QUIET") != "0" {
			cmd.Args = append(cmd.Args, "--quiet")
		}
		cmd.Stderr = os.Stderr
		m, err := bench.Measure(cmd)
		if err != nil {
			log.Fatal(err)
		}
		if m.ExitCode != 0 {
			log.Fatalf("sweep at concurrency %d exited %d", c, m.ExitCode)
		}
		perMin := float64(*n) / m.Wall.Minutes()
		fmt.Printf("| %d | %s | %.0f | %.0f MiB |\n", c, m.Wall.Round(10*time.Millisecond), perMin, float64(m.MaxRSS)/(1<<20))
	}
}

// generate makes n repositories of a few source-like files each; every
// tenth holds a credential-shaped value (made here, never committed), and
// every twentieth shares one with another repository.
func generate(n, files int) []sweeptest.Repo {
	date := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	repos := make([]sweeptest.Repo, n)
	for i := range n {
		content := map[string]string{}
		for f := range files {
			content[fmt.Sprintf("src/pkg%d/file%d.go", f%5, f)] = source(i, f)
		}
		if i%10 == 0 {
			content["deploy/.env"] = "GITHUB_TOKEN=" + token(fmt.Sprint(i)) + "\n"
		}
		if i%20 == 5 {
			content["scripts/ci.sh"] = "export GH_TOKEN=" + token("shared") + "\n"
		}
		repos[i] = sweeptest.Repo{Owner: "bench", Name: fmt.Sprintf("repo-%03d", i), Commits: sweeptest.Files(date, content)}
	}
	return repos
}

func source(i, f int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package pkg%d\n\n", f%5)
	for l := range 60 {
		fmt.Fprintf(&b, "func f%d_%d_%d(x int) int { return x*%d + %d } // repository %d\n", i, f, l, l, f, i)
	}
	return b.String()
}

func token(seed string) string {
	const base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	sum := sha256.Sum256([]byte(seed))
	var b strings.Builder
	b.WriteString("gh" + "p_")
	for i := range 36 {
		b.WriteByte(base62[int(sum[i%32]+byte(i))%len(base62)])
	}
	return b.String()
}
