package hook

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	// Tests may themselves run inside a git hook, where git exports
	// variables that would point every git below at the outer repository.
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "GIT_") {
			os.Unsetenv(name)
		}
	}
	os.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	os.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	os.Setenv("GIT_AUTHOR_NAME", "t")
	os.Setenv("GIT_AUTHOR_EMAIL", "t@example.com")
	os.Setenv("GIT_COMMITTER_NAME", "t")
	os.Setenv("GIT_COMMITTER_EMAIL", "t@example.com")
	os.Exit(m.Run())
}

// git runs git in dir and fails the test on error.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// newRepo makes a repository with one commit and returns its path.
func newRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	git(t, t.TempDir(), "init", "-q", "-b", "main", dir)
	writeFile(t, filepath.Join(dir, "README"), "hello\n", 0o644)
	git(t, dir, "add", "README")
	git(t, dir, "commit", "-q", "-m", "first")
	return dir
}

func writeFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
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

// fakeNhilint puts a stand-in nhilint first on PATH. It appends its
// arguments as one line to $dir/calls, copies its stdin to $dir/stdin, and
// exits with the code in $dir/exit (default 0). It returns dir.
func fakeNhilint(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "nhilint"), `#!/bin/sh
d=$(dirname -- "$0")
echo "$*" >> "$d/calls"
cat > "$d/stdin"
code=0
if [ -f "$d/exit" ]; then code=$(cat "$d/exit"); fi
exit "$code"
`, 0o755)
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return dir
}

// existingHook writes a user hook that records it ran (with its arguments
// and stdin) in log and exits with code.
func existingHook(t *testing.T, path, log string, code int) {
	t.Helper()
	writeFile(t, path, "#!/bin/sh\necho \"user-hook $*\" >> '"+log+"'\ncat >> '"+log+"'\nexit "+strconv.Itoa(code)+"\n", 0o755)
}

// runHook runs the hook script with sh, as git would, and returns its exit code.
func runHook(t *testing.T, repo, path, stdin string, args ...string) int {
	t.Helper()
	cmd := exec.Command("sh", append([]string{path}, args...)...)
	cmd.Dir = repo
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	default:
		t.Fatalf("running hook: %v\n%s", err, out)
		return -1
	}
}

func TestScriptGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		opts   Options
	}{
		{"pre-commit.sh", Options{Stage: "pre-commit"}},
		{"pre-push.sh", Options{Stage: "pre-push"}},
		{"pre-commit-quoted-command.sh", Options{Stage: "pre-commit", Command: "/opt/my tools/nhilint's"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := Script(tc.opts)
			path := filepath.Join("testdata", tc.golden)
			if *update {
				writeFile(t, path, got, 0o644)
			}
			if want := readFile(t, path); got != want {
				t.Errorf("Script(%+v) differs from %s (run with -update):\n%s", tc.opts, path, got)
			}
			if out, err := exec.Command("sh", "-n", path).CombinedOutput(); err != nil {
				t.Errorf("sh -n %s: %v\n%s", path, err, out)
			}
		})
	}
}

func TestInstallFreshPreCommit(t *testing.T) {
	repo := newRepo(t)
	fake := fakeNhilint(t)

	path, err := Install(repo, Options{Stage: "pre-commit"})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(repo, ".git", "hooks", "pre-commit"); path != want {
		t.Errorf("path = %q, want %q", path, want)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o755 {
		t.Errorf("mode = %v, want 0755", fi.Mode().Perm())
	}
	if _, err := os.Lstat(path + ChainedSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a chained hook was created with nothing to chain: %v", err)
	}

	if code := runHook(t, repo, path, ""); code != 0 {
		t.Errorf("hook exit = %d, want 0", code)
	}
	if got := readFile(t, filepath.Join(fake, "calls")); got != "staged\n" {
		t.Errorf("nhilint called with %q, want %q", got, "staged\n")
	}

	// nhilint's exit code is the hook's.
	writeFile(t, filepath.Join(fake, "exit"), "1", 0o644)
	if code := runHook(t, repo, path, ""); code != 1 {
		t.Errorf("hook exit with findings = %d, want 1", code)
	}
}

// TestGitCommitRunsHook proves git itself runs the installed hook and that a
// failing nhilint blocks the commit.
func TestGitCommitRunsHook(t *testing.T) {
	repo := newRepo(t)
	fake := fakeNhilint(t)
	if _, err := Install(repo, Options{Stage: "pre-commit"}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(repo, "a.txt"), "a\n", 0o644)
	git(t, repo, "add", "a.txt")

	writeFile(t, filepath.Join(fake, "exit"), "1", 0o644)
	cmd := exec.Command("git", "commit", "-q", "-m", "blocked")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("commit succeeded although nhilint exited 1:\n%s", out)
	}
	if got := git(t, repo, "rev-list", "--count", "HEAD"); got != "1" {
		t.Errorf("commits = %s, want 1 (the blocked commit was made)", got)
	}

	writeFile(t, filepath.Join(fake, "exit"), "0", 0o644)
	git(t, repo, "commit", "-q", "-m", "allowed")
	if got := git(t, repo, "rev-list", "--count", "HEAD"); got != "2" {
		t.Errorf("commits = %s, want 2", got)
	}
	if got := readFile(t, filepath.Join(fake, "calls")); got != "staged\nstaged\n" {
		t.Errorf("nhilint calls = %q, want two `staged` calls", got)
	}
}

func TestInstallChainsExistingHook(t *testing.T) {
	for _, tc := range []struct {
		name      string
		userExit  int
		nhExit    string
		wantExit  int
		wantCalls string // nhilint must not run when the user's hook failed
	}{
		{"both pass", 0, "0", 0, "staged\n"},
		{"user hook fails", 3, "0", 3, ""},
		{"nhilint fails", 0, "1", 1, "staged\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := newRepo(t)
			fake := fakeNhilint(t)
			writeFile(t, filepath.Join(fake, "exit"), tc.nhExit, 0o644)
			hooks := filepath.Join(repo, ".git", "hooks")
			log := filepath.Join(t.TempDir(), "user.log")
			existingHook(t, filepath.Join(hooks, "pre-commit"), log, tc.userExit)
			userScript := readFile(t, filepath.Join(hooks, "pre-commit"))

			path, err := Install(repo, Options{Stage: "pre-commit"})
			if err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path+ChainedSuffix); got != userScript {
				t.Errorf("chained hook = %q, want the user's hook %q", got, userScript)
			}
			if code := runHook(t, repo, path, ""); code != tc.wantExit {
				t.Errorf("hook exit = %d, want %d", code, tc.wantExit)
			}
			if got := readFile(t, log); got != "user-hook \n" {
				t.Errorf("user hook log = %q, want it to have run once", got)
			}
			calls, _ := os.ReadFile(filepath.Join(fake, "calls"))
			if string(calls) != tc.wantCalls {
				t.Errorf("nhilint calls = %q, want %q", calls, tc.wantCalls)
			}
		})
	}
}

func TestInstallIsIdempotent(t *testing.T) {
	repo := newRepo(t)
	fakeNhilint(t)
	hooks := filepath.Join(repo, ".git", "hooks")
	log := filepath.Join(t.TempDir(), "user.log")
	existingHook(t, filepath.Join(hooks, "pre-commit"), log, 0)
	userScript := readFile(t, filepath.Join(hooks, "pre-commit"))

	for range 3 {
		if _, err := Install(repo, Options{Stage: "pre-commit"}); err != nil {
			t.Fatal(err)
		}
	}
	if got := readFile(t, filepath.Join(hooks, "pre-commit"+ChainedSuffix)); got != userScript {
		t.Errorf("after re-installing, chained hook = %q, want the user's hook", got)
	}
	// Re-installing may change the command.
	if _, err := Install(repo, Options{Stage: "pre-commit", Command: "/usr/local/bin/nhilint"}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(hooks, "pre-commit")); !strings.Contains(got, "exec /usr/local/bin/nhilint staged\n") {
		t.Errorf("re-installed hook does not use the new command:\n%s", got)
	}
	runHook(t, repo, filepath.Join(hooks, "pre-commit"), "")
	if got := readFile(t, log); got != "user-hook \n" {
		t.Errorf("user hook log = %q, want exactly one run", got)
	}
}

func TestInstallRefusesToOverwriteChained(t *testing.T) {
	repo := newRepo(t)
	hooks := filepath.Join(repo, ".git", "hooks")
	writeFile(t, filepath.Join(hooks, "pre-commit"+ChainedSuffix), "#!/bin/sh\necho older\n", 0o755)
	writeFile(t, filepath.Join(hooks, "pre-commit"), "#!/bin/sh\necho newer\n", 0o755)

	_, err := Install(repo, Options{Stage: "pre-commit"})
	if !errors.Is(err, ErrChainedExists) {
		t.Fatalf("Install error = %v, want ErrChainedExists", err)
	}
	if got := readFile(t, filepath.Join(hooks, "pre-commit")); got != "#!/bin/sh\necho newer\n" {
		t.Errorf("refused install changed the hook: %q", got)
	}
	if got := readFile(t, filepath.Join(hooks, "pre-commit"+ChainedSuffix)); got != "#!/bin/sh\necho older\n" {
		t.Errorf("refused install changed the chained hook: %q", got)
	}

	if _, err := Install(repo, Options{Stage: "pre-commit", Force: true}); err != nil {
		t.Fatalf("forced Install: %v", err)
	}
	if got := readFile(t, filepath.Join(hooks, "pre-commit"+ChainedSuffix)); got != "#!/bin/sh\necho newer\n" {
		t.Errorf("forced install chained %q, want the hook that was in place", got)
	}
}

func TestInstallHonoursHooksPath(t *testing.T) {
	repo := newRepo(t)
	fake := fakeNhilint(t)
	git(t, repo, "config", "core.hooksPath", ".githooks") // does not exist yet

	path, err := Install(repo, Options{Stage: "pre-commit"})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(repo, ".githooks", "pre-commit"); path != want {
		t.Errorf("path = %q, want %q", path, want)
	}
	// From a subdirectory the relative core.hooksPath still means the top.
	sub := filepath.Join(repo, "sub", "dir")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := HooksDir(sub); err != nil || got != filepath.Join(repo, ".githooks") {
		t.Errorf("HooksDir(subdir) = %q, %v; want %q", got, err, filepath.Join(repo, ".githooks"))
	}

	writeFile(t, filepath.Join(repo, "a.txt"), "a\n", 0o644)
	git(t, repo, "add", "a.txt")
	git(t, repo, "commit", "-q", "-m", "through hooksPath")
	if got := readFile(t, filepath.Join(fake, "calls")); got != "staged\n" {
		t.Errorf("nhilint calls = %q, want git to run the hook in core.hooksPath", got)
	}
}

func TestInstallFromLinkedWorktree(t *testing.T) {
	repo := newRepo(t)
	fake := fakeNhilint(t)
	wt := filepath.Join(t.TempDir(), "wt")
	git(t, repo, "worktree", "add", "-q", "-b", "feature", wt)

	path, err := Install(wt, Options{Stage: "pre-commit"})
	if err != nil {
		t.Fatal(err)
	}
	// Hooks live in the common git directory, shared by all worktrees.
	if want := filepath.Join(repo, ".git", "hooks", "pre-commit"); path != want {
		t.Errorf("path = %q, want %q", path, want)
	}
	writeFile(t, filepath.Join(wt, "b.txt"), "b\n", 0o644)
	git(t, wt, "add", "b.txt")
	writeFile(t, filepath.Join(fake, "exit"), "1", 0o644)
	cmd := exec.Command("git", "commit", "-q", "-m", "blocked in worktree")
	cmd.Dir = wt
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("commit in worktree succeeded although nhilint exited 1:\n%s", out)
	}
	if got := readFile(t, filepath.Join(fake, "calls")); got != "staged\n" {
		t.Errorf("nhilint calls = %q", got)
	}
}

func TestPrePushPassesStdinToChainedAndNhilint(t *testing.T) {
	repo := newRepo(t)
	fake := fakeNhilint(t)
	hooks := filepath.Join(repo, ".git", "hooks")
	log := filepath.Join(t.TempDir(), "user.log")
	existingHook(t, filepath.Join(hooks, "pre-push"), log, 0)

	path, err := Install(repo, Options{Stage: "pre-push"})
	if err != nil {
		t.Fatal(err)
	}
	lines := "refs/heads/main " + strings.Repeat("a", 40) + " refs/heads/main " + strings.Repeat("0", 40) + "\n"
	if code := runHook(t, repo, path, lines, "origin", "https://example.com/r.git"); code != 0 {
		t.Fatalf("hook exit = %d", code)
	}
	if got, want := readFile(t, log), "user-hook origin https://example.com/r.git\n"+lines; got != want {
		t.Errorf("user hook saw %q, want %q", got, want)
	}
	if got := readFile(t, filepath.Join(fake, "calls")); got != "push\n" {
		t.Errorf("nhilint calls = %q, want %q", got, "push\n")
	}
	if got := readFile(t, filepath.Join(fake, "stdin")); got != lines {
		t.Errorf("nhilint stdin = %q, want %q", got, lines)
	}

	writeFile(t, filepath.Join(fake, "exit"), "1", 0o644)
	if code := runHook(t, repo, path, lines, "origin", "u"); code != 1 {
		t.Errorf("hook exit with findings = %d, want 1", code)
	}
}

// TestGitPushRunsHook pushes to a real remote: git feeds the hook its ref
// lines and a failing nhilint blocks the push.
func TestGitPushRunsHook(t *testing.T) {
	repo := newRepo(t)
	fake := fakeNhilint(t)
	remote := filepath.Join(t.TempDir(), "remote.git")
	git(t, t.TempDir(), "init", "-q", "--bare", remote)
	git(t, repo, "remote", "add", "origin", remote)
	if _, err := Install(repo, Options{Stage: "pre-push"}); err != nil {
		t.Fatal(err)
	}
	head := git(t, repo, "rev-parse", "HEAD")

	writeFile(t, filepath.Join(fake, "exit"), "1", 0o644)
	cmd := exec.Command("git", "push", "-q", "origin", "main")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("push succeeded although nhilint exited 1:\n%s", out)
	}
	want := "refs/heads/main " + head + " refs/heads/main " + strings.Repeat("0", 40) + "\n"
	if got := readFile(t, filepath.Join(fake, "stdin")); got != want {
		t.Errorf("nhilint stdin = %q, want %q", got, want)
	}
	writeFile(t, filepath.Join(fake, "exit"), "0", 0o644)
	git(t, repo, "push", "-q", "origin", "main")
	if got := git(t, remote, "rev-parse", "main"); got != head {
		t.Errorf("remote main = %s, want %s", got, head)
	}
}

func TestUninstall(t *testing.T) {
	repo := newRepo(t)
	hooks := filepath.Join(repo, ".git", "hooks")
	user := "#!/bin/sh\nexit 0\n"
	writeFile(t, filepath.Join(hooks, "pre-commit"), user, 0o755)

	if _, err := Install(repo, Options{Stage: "pre-commit"}); err != nil {
		t.Fatal(err)
	}
	path, err := Uninstall(repo, Options{Stage: "pre-commit"})
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != user {
		t.Errorf("after Uninstall hook = %q, want the user's hook restored", got)
	}
	if _, err := os.Lstat(path + ChainedSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("chained file left behind: %v", err)
	}
	if _, err := Uninstall(repo, Options{Stage: "pre-commit"}); !errors.Is(err, ErrForeignHook) {
		t.Errorf("Uninstall of the user's hook: err = %v, want ErrForeignHook", err)
	}

	// Without a chained hook, Uninstall deletes; a second call is a no-op.
	if _, err := Install(repo, Options{Stage: "pre-push"}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		path, err := Uninstall(repo, Options{Stage: "pre-push"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("pre-push hook still there: %v", err)
		}
	}
}

func TestInstallErrors(t *testing.T) {
	if _, err := Install(t.TempDir(), Options{Stage: "pre-commit"}); err == nil || !strings.Contains(err.Error(), "finding the git hooks folder") {
		t.Errorf("Install outside a repository: err = %v", err)
	}
	repo := newRepo(t)
	if _, err := Install(repo, Options{Stage: "post-merge"}); err == nil || !strings.Contains(err.Error(), `unsupported hook "post-merge"`) {
		t.Errorf("Install of an unsupported stage: err = %v", err)
	}
	if _, err := Install(repo, Options{Stage: "pre-commit", Command: "nhilint\nrm -rf /"}); err == nil {
		t.Error("Install accepted a command with a line break")
	}
}
