package gitsource

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/internal/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// gitRepo is a repository a test builds with the git CLI, deterministic:
// fixed identities and a clock that advances one minute per commit, so
// object ids are the same on every run.
type gitRepo struct {
	t    testing.TB
	dir  string
	tick int
}

func newRepo(t testing.TB) *gitRepo {
	t.Helper()
	g := &gitRepo{t: t, dir: t.TempDir()}
	g.git("init", "-q", "-b", "main")
	return g
}

func gitEnv(tick int) []string {
	date := fmt.Sprintf("@%d +0000", 1700000000+60*tick)
	return append(os.Environ(),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C",
		"GIT_AUTHOR_NAME=Ada Lovelace", "GIT_AUTHOR_EMAIL=ada@example.com", "GIT_AUTHOR_DATE="+date,
		"GIT_COMMITTER_NAME=Ada Lovelace", "GIT_COMMITTER_EMAIL=ada@example.com", "GIT_COMMITTER_DATE="+date,
	)
}

// git runs git in the repository and returns its trimmed output.
func (g *gitRepo) git(args ...string) string {
	g.t.Helper()
	return runGit(g.t, g.dir, g.tick, args...)
}

func runGit(t testing.TB, dir string, tick int, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "core.autocrlf=false", "-c", "gc.auto=0", "-c", "protocol.file.allow=always"}, args...)...)
	cmd.Dir = dir
	cmd.Env = gitEnv(tick)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (g *gitRepo) write(name, content string) {
	g.t.Helper()
	p := filepath.Join(g.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		g.t.Fatal(err)
	}
}

func (g *gitRepo) remove(name string) {
	g.t.Helper()
	if err := os.Remove(filepath.Join(g.dir, name)); err != nil {
		g.t.Fatal(err)
	}
}

// commit stages everything and commits it; it returns the commit id.
func (g *gitRepo) commit(msg string) string {
	g.t.Helper()
	g.tick++
	g.git("add", "-A")
	g.git("commit", "-q", "--allow-empty", "-m", msg)
	return g.git("rev-parse", "HEAD")
}

// merge merges branch into the current one with a merge commit; with
// resolve set it expects a conflict and resolves it with those files.
func (g *gitRepo) merge(branch, msg string, resolve map[string]string) string {
	g.t.Helper()
	g.tick++
	if resolve == nil {
		g.git("merge", "-q", "--no-ff", "-m", msg, branch)
		return g.git("rev-parse", "HEAD")
	}
	g.conflict(branch, msg)
	for name, content := range resolve {
		g.write(name, content)
	}
	return g.commit(msg)
}

// conflict starts a merge of branch that must stop on a conflict.
func (g *gitRepo) conflict(branch, msg string) {
	g.t.Helper()
	cmd := exec.Command("git", "merge", "-q", "--no-ff", "-m", msg, branch)
	cmd.Dir, cmd.Env = g.dir, gitEnv(g.tick)
	if err := cmd.Run(); err == nil {
		g.t.Fatalf("merge of %s: want a conflict", branch)
	}
}

// objectFile returns the loose object file of the object rev names.
func (g *gitRepo) objectFile(rev string) string {
	g.t.Helper()
	id := g.git("rev-parse", rev)
	return filepath.Join(g.dir, ".git", "objects", id[:2], id[2:])
}

// subjects maps every commit id and 12-digit prefix in the repository at
// dir to "<subject>", for readable goldens.
func subjects(t testing.TB, dir string) *strings.Replacer {
	t.Helper()
	out := runGit(t, dir, 0, "log", "--all", "--format=%H %s")
	var pairs []string
	for line := range strings.Lines(out) {
		id, subject, _ := strings.Cut(strings.TrimSpace(line), " ")
		if id == "" {
			continue
		}
		pairs = append(pairs, id, "<"+subject+">", id[:12], "<"+subject+">")
	}
	return strings.NewReplacer(pairs...)
}

// render walks src and describes each item and skip on a line, in order.
// Item contents are read and shown when short.
func render(t testing.TB, src source.Source, names *strings.Replacer) string {
	t.Helper()
	var b strings.Builder
	err := src.Walk(context.Background(), func(it source.Item) error {
		data, err := it.Read()
		if err != nil {
			fmt.Fprintf(&b, "item %q read error: %v\n", it.Path, err)
			return nil
		}
		if int64(len(data)) != it.Size {
			t.Errorf("%s: Size %d, read %d bytes", it.Path, it.Size, len(data))
		}
		if it.Path != it.Rel {
			t.Errorf("Path %q != Rel %q", it.Path, it.Rel)
		}
		content := fmt.Sprintf("%q", data)
		if len(content) > 60 {
			content = fmt.Sprintf("(%d bytes)", len(data))
		}
		commit := "-"
		if it.Commit != "" {
			commit = names.Replace(it.Commit)
			if it.Author != "Ada Lovelace" || it.Date.IsZero() {
				t.Errorf("%s: author %q, date %v", it.Path, it.Author, it.Date)
			}
		}
		fmt.Fprintf(&b, "item seq=%d commit=%s path=%q added=%s content=%s\n", it.Seq, commit, it.Path, formatRanges(it.Added), content)
		return nil
	}, func(s source.Skip) {
		fmt.Fprintf(&b, "skip path=%q reason=%s detail=%s\n", s.Path, s.Reason, names.Replace(s.Detail))
	})
	if err != nil {
		fmt.Fprintf(&b, "walk error: %v\n", err)
	}
	return b.String()
}

func formatRanges(rs []source.LineRange) string {
	if rs == nil {
		return "all"
	}
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%d-%d", r.Start, r.End))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// checkGolden compares got with testdata/<name>.golden, or rewrites it
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (-update to rewrite):\n--- got\n%s--- want\n%s", name, got, want)
	}
}

// countLines returns the number of non-empty lines of s that start with prefix.
func countLines(s, prefix string) int {
	return len(slices.DeleteFunc(strings.Split(s, "\n"), func(l string) bool { return !strings.HasPrefix(l, prefix) }))
}
