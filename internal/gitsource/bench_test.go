package gitsource

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/internal/source"
)

// benchRepo builds, with git fast-import, a repository of commits commits
// over 60 files of about 200 lines: each commit edits three files (adds
// lines, rewrites one); every 25th commit merges a two-commit side branch.
func benchRepo(b *testing.B, commits int) string {
	b.Helper()
	g := newRepo(b)
	rng := rand.New(rand.NewPCG(1, 2))
	files := make([][]string, 60)
	for i := range files {
		for j := range 200 {
			files[i] = append(files[i], fmt.Sprintf("file %d line %d value=%x", i, j, rng.Uint64()))
		}
	}
	var in strings.Builder
	mark := 0
	commit := func(branch string, from, merge int, edit func()) int {
		edit()
		mark++
		fmt.Fprintf(&in, "commit refs/heads/%s\nmark :%d\ncommitter Ada <ada@example.com> %d +0000\ndata 4\nmsg\n", branch, mark, 1700000000+mark*60)
		if from > 0 {
			fmt.Fprintf(&in, "from :%d\n", from)
		}
		if merge > 0 {
			fmt.Fprintf(&in, "merge :%d\n", merge)
		}
		for i, lines := range files {
			content := strings.Join(lines, "\n") + "\n"
			fmt.Fprintf(&in, "M 644 inline dir%d/file%d.txt\ndata %d\n%s\n", i%6, i, len(content), content)
		}
		return mark
	}
	edit := func() {
		for range 3 {
			f := rng.IntN(len(files))
			files[f] = append(files[f], fmt.Sprintf("added %x", rng.Uint64()))
			files[f][rng.IntN(len(files[f]))] = fmt.Sprintf("rewritten %x", rng.Uint64())
		}
	}
	last := 0
	for n := 0; n < commits; n++ {
		if n > 0 && n%25 == 0 {
			s1 := commit("side", last, 0, edit)
			s2 := commit("side", s1, 0, edit)
			last = commit("main", last, s2, edit)
			n += 2
			continue
		}
		last = commit("main", last, 0, edit)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir, cmd.Env = g.dir, gitEnv(0)
	cmd.Stdin = strings.NewReader(in.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("fast-import: %v\n%s", err, out)
	}
	return g.dir
}

func BenchmarkHistory(b *testing.B) {
	dir := benchRepo(b, 500)
	b.ResetTimer()
	for b.Loop() {
		s, err := History(dir, HistoryOptions{})
		if err != nil {
			b.Fatal(err)
		}
		var items, bytes, added int
		err = s.Walk(context.Background(), func(it source.Item) error {
			data, _ := it.Read()
			items++
			bytes += len(data)
			for _, r := range it.Added {
				added += r.End - r.Start + 1
			}
			return nil
		}, func(source.Skip) {})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(items), "items/op")
		b.ReportMetric(float64(added), "added-lines/op")
	}
}

// BenchmarkGitLogP is the reference: what `gitleaks git` reads before it
// scans, on the same repository.
func BenchmarkGitLogP(b *testing.B) {
	dir := benchRepo(b, 500)
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command("git", "-C", dir, "log", "-p", "-U0", "--full-history", "--all", "--diff-filter=tuxdb")
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}
