package hook

import (
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPreCommitScope(t *testing.T) {
	repo := newRepo(t) // README committed
	writeFile(t, filepath.Join(repo, "a.txt"), "a\n", 0o644)
	writeFile(t, filepath.Join(repo, "dir", "b c.txt"), "b\n", 0o644)
	git(t, repo, "add", "a.txt", "dir")
	writeFile(t, filepath.Join(repo, "README"), "edited, not staged\n", 0o644)

	noEnv := func(string) string { return "" }
	refs := func(k string) string {
		return map[string]string{"PRE_COMMIT_FROM_REF": "abc", "PRE_COMMIT_TO_REF": "def"}[k]
	}
	for _, tc := range []struct {
		name   string
		getenv func(string) string
		files  []string
		want   PreCommitRun
	}{
		{"commit: every file staged", noEnv, []string{"a.txt", "dir/b c.txt"}, PreCommitRun{Scope: ScopeStaged}},
		{"commit: paths written differently", noEnv, []string{"./a.txt", "dir//b c.txt"}, PreCommitRun{Scope: ScopeStaged}},
		{"pass_filenames false", noEnv, nil, PreCommitRun{Scope: ScopeStaged}},
		{"all-files: an unstaged tracked file", noEnv, []string{"README", "a.txt", "dir/b c.txt"},
			PreCommitRun{Scope: ScopeFiles, Files: []string{"README", "a.txt", "dir/b c.txt"}}},
		{"--files naming an unchanged file", noEnv, []string{"README"}, PreCommitRun{Scope: ScopeFiles, Files: []string{"README"}}},
		{"from/to refs win", refs, []string{"README"}, PreCommitRun{Scope: ScopeRange, From: "abc", To: "def"}},
		{"one ref alone is ignored", func(k string) string {
			if k == "PRE_COMMIT_FROM_REF" {
				return "abc"
			}
			return ""
		}, nil, PreCommitRun{Scope: ScopeStaged}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PreCommitScope(repo, tc.getenv, tc.files)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("PreCommitScope = %+v (%v), want %+v (%v)", got, got.Scope, tc.want, tc.want.Scope)
			}
		})
	}
}

func TestPreCommitScopeBeforeFirstCommit(t *testing.T) {
	repo := filepath.Join(t.TempDir(), "repo")
	git(t, t.TempDir(), "init", "-q", repo)
	writeFile(t, filepath.Join(repo, "a.txt"), "a\n", 0o644)
	git(t, repo, "add", "a.txt")
	got, err := PreCommitScope(repo, func(string) string { return "" }, []string{"a.txt"})
	if err != nil || got.Scope != ScopeStaged {
		t.Errorf("PreCommitScope with no HEAD = %+v, %v; want staged", got, err)
	}
	if _, err := PreCommitScope(t.TempDir(), func(string) string { return "" }, []string{"a.txt"}); err == nil || !strings.Contains(err.Error(), "listing staged files") {
		t.Errorf("outside a repository: err = %v", err)
	}
}

func TestScopeString(t *testing.T) {
	for s, want := range map[Scope]string{ScopeStaged: "staged", ScopeRange: "range", ScopeFiles: "files", Scope(9): "Scope(9)"} {
		if got := s.String(); got != want {
			t.Errorf("Scope(%d).String() = %q, want %q", int(s), got, want)
		}
	}
}

// FuzzShellQuote checks that a quoted command reaches sh as exactly one word.
func FuzzShellQuote(f *testing.F) {
	for _, s := range []string{"nhilint", "/opt/my tools/nhilint", "it's", `a"b$c` + "`d`", "-x", "", "*", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || strings.ContainsAny(s, "\x00") {
			t.Skip("a command is never empty or holds NUL")
		}
		out, err := exec.Command("sh", "-c", "printf '%s' "+shellQuote(s)).Output()
		if err != nil {
			t.Fatalf("sh rejected the quoted word %q: %v", shellQuote(s), err)
		}
		if string(out) != s {
			t.Errorf("sh saw %q, want %q", out, s)
		}
	})
}
