package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo is a repository built by a test with the git CLI, with fixed
// identities and dates so that commit hashes are stable.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=Ada", "GIT_AUTHOR_EMAIL=ada@example.com", "GIT_AUTHOR_DATE=2026-01-02T03:04:05Z",
		"GIT_COMMITTER_NAME=Ada", "GIT_COMMITTER_EMAIL=ada@example.com", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *gitRepo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits; it returns the new commit's hash.
func (r *gitRepo) commit(msg string) string {
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

type gitFinding struct {
	RuleID   string `json:"ruleId"`
	Location struct {
		Path      string `json:"path"`
		StartLine int    `json:"startLine"`
		Commit    string `json:"commit"`
		Author    string `json:"author"`
	} `json:"location"`
	Related []struct {
		Path   string `json:"path"`
		Commit string `json:"commit"`
	} `json:"related"`
	PresentAtHead *bool  `json:"presentAtHead"`
	Message       string `json:"message"`
}

func gitJSON(t *testing.T, args ...string) ([]gitFinding, int) {
	t.Helper()
	got := nhilint(t, append(args, "--format", "json")...)
	var r struct {
		Findings []gitFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &r); err != nil {
		t.Fatalf("bad JSON (exit %d, stderr %s): %v", got.code, got.stderr, err)
	}
	return r.Findings, got.code
}

func TestHistoryAttributesEachSecretToTheCommitThatIntroducedIt(t *testing.T) {
	r := newGitRepo(t)
	r.write("app.cfg", "x=1\n")
	r.commit("init")
	r.write("app.cfg", "x=1\ntoken="+fakeGHP+"\n")
	leak := r.commit("leak a token")
	r.write("tools/deploy.sh", "#!/bin/sh\nexport GH="+fakeGHP+"\n") // the same token, pasted elsewhere
	copied := r.commit("paste the token into a script")
	r.write("app.cfg", "x=2\n")
	r.write("tools/deploy.sh", "#!/bin/sh\n")
	r.commit("remove the token")
	r.write("live.cfg", "aws="+fakeAWSID+"\n")
	live := r.commit("add a key that stays")

	found, code := gitJSON(t, "history", r.dir)
	if code != ExitFindings || len(found) != 2 {
		t.Fatalf("exit %d, %d findings %+v; want 2", code, len(found), found)
	}
	byRule := map[string]gitFinding{}
	for _, f := range found {
		byRule[f.RuleID] = f
	}
	gh := byRule["github-pat"]
	if gh.Location.Path != "app.cfg" || gh.Location.StartLine != 2 || gh.Location.Commit != leak || gh.Location.Author != "Ada" {
		t.Errorf("github-pat at %+v, want app.cfg:2 in %s by Ada", gh.Location, leak)
	}
	if gh.PresentAtHead == nil || *gh.PresentAtHead || !strings.Contains(gh.Message, "revoke it all the same") {
		t.Errorf("deleted token: presentAtHead %v, message %q", gh.PresentAtHead, gh.Message)
	}
	if len(gh.Related) != 1 || gh.Related[0].Commit != copied || gh.Related[0].Path != "tools/deploy.sh" {
		t.Errorf("related %+v, want tools/deploy.sh in %s", gh.Related, copied)
	}
	aws := byRule["aws-access-token"]
	if aws.Location.Commit != live || aws.PresentAtHead == nil || !*aws.PresentAtHead {
		t.Errorf("aws key: %+v, want commit %s and present at HEAD", aws, live)
	}

	// --since limits the scan to later commits.
	found, _ = gitJSON(t, "history", r.dir, "--since", copied)
	if len(found) != 1 || found[0].RuleID != "aws-access-token" {
		t.Errorf("--since: %+v, want only the aws key", found)
	}
}

func TestHistoryOfAnEmptyRepositoryIsClean(t *testing.T) {
	r := newGitRepo(t)
	found, code := gitJSON(t, "history", r.dir)
	if code != ExitOK || len(found) != 0 {
		t.Errorf("exit %d, findings %+v", code, found)
	}
}

func TestStagedScansTheIndexNotTheWorkTree(t *testing.T) {
	r := newGitRepo(t)
	r.write("a.cfg", "old="+fakeGHP+"\n") // committed: not part of the change
	r.commit("base")
	r.write("a.cfg", "old="+fakeGHP+"\nnew="+fakeAWSID+"\n")
	r.git("add", "a.cfg")
	r.write("b.cfg", "unstaged="+fakeSlack+"\n") // in the work tree only
	found, code := gitJSON(t, "staged", r.dir)
	if code != ExitFindings || len(found) != 1 || found[0].RuleID != "aws-access-token" || found[0].Location.StartLine != 2 {
		t.Errorf("exit %d, findings %+v; want only the staged aws key at a.cfg:2", code, found)
	}
	// --all-files scans the whole work tree, as pre-commit run --all-files expects.
	found, _ = gitJSON(t, "staged", r.dir, "--all-files")
	if len(found) != 3 {
		t.Errorf("--all-files: %d findings, want 3", len(found))
	}
}

func TestPushScansTheRangePreCommitGives(t *testing.T) {
	r := newGitRepo(t)
	r.write("a.cfg", "x=1\n")
	base := r.commit("base")
	r.write("a.cfg", "x=1\ntoken="+fakeGHP+"\n")
	head := r.commit("leak")
	var stdout, stderr strings.Builder
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(k string) string {
		return map[string]string{"PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": head}[k]
	}}
	if code := run(t.Context(), e, []string{"push", r.dir}); code != ExitFindings || !strings.Contains(stdout.String(), "github-pat") {
		t.Errorf("exit %d, output %q; want the leaked token", code, stdout.String())
	}
	// Git's own pre-push input: "<local ref> <local sha> <remote ref> <remote sha>".
	stdin := "refs/heads/main " + head + " refs/heads/main " + base + "\n"
	stdout.Reset()
	e = &env{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(t.Context(), e, []string{"push", r.dir}); code != ExitFindings {
		t.Errorf("pre-push stdin: exit %d, want 1; stderr %s", code, stderr.String())
	}
	stdin = "refs/heads/main " + head + " refs/heads/main " + head + "\n" // nothing new
	stdout.Reset()
	e = &env{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(t.Context(), e, []string{"push", r.dir}); code != ExitOK {
		t.Errorf("up-to-date push: exit %d, want 0", code)
	}
}

func TestPreCommitModeFollowsWhatPreCommitPasses(t *testing.T) {
	r := newGitRepo(t)
	r.write(".nhilint.yaml", "exclude: [\"fixtures/**\"]\n")
	r.write("a.cfg", "x=1\n")
	r.write("fixtures/keys.txt", "k="+fakeGHP+"\n") // excluded by the config
	r.commit("base")
	r.write("a.cfg", "x=1\nnew="+fakeAWSID+"\n")
	r.git("add", "a.cfg")
	r.write("b.cfg", "committed_later="+fakeSlack+"\n")
	r.git("add", "b.cfg")
	r.git("commit", "-q", "-m", "b")
	t.Chdir(r.dir)

	// A normal commit: pre-commit passes the staged files; the index is scanned.
	found, code := gitJSON(t, "staged", "--pre-commit", "a.cfg")
	if code != ExitFindings || len(found) != 1 || found[0].RuleID != "aws-access-token" {
		t.Errorf("commit mode: exit %d, findings %+v; want the staged aws key", code, found)
	}
	// pre-commit run --all-files passes files that are not staged: they are
	// scanned whole, and the configuration's excludes still apply.
	found, _ = gitJSON(t, "staged", "--pre-commit", "a.cfg", "b.cfg", "fixtures/keys.txt", ".nhilint.yaml")
	rules := map[string]bool{}
	for _, f := range found {
		rules[f.RuleID+" "+f.Location.Path] = true
	}
	if len(found) != 2 || !rules["aws-access-token a.cfg"] || !rules["slack-bot-token b.cfg"] {
		t.Errorf("all-files mode: findings %+v; want a.cfg's aws key and b.cfg's slack token, not the excluded fixture", found)
	}
}

func TestHookInstallBlocksACommitWithAKey(t *testing.T) {
	r := newGitRepo(t)
	r.write("a.txt", "x\n")
	r.commit("base")
	// The hook runs a binary: build this nhilint into the test's PATH.
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "nhilint"), "github.com/nhilint/nhilint/cmd/nhilint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	if got := nhilint(t, "hook", "install", r.dir); got.code != ExitOK || !strings.Contains(got.stdout, "installed the pre-commit hook") {
		t.Fatalf("install: exit %d, %q %q", got.code, got.stdout, got.stderr)
	}
	if got := nhilint(t, "hook", "install", r.dir); got.code != ExitOK {
		t.Fatalf("a second install is not idempotent: exit %d %s", got.code, got.stderr)
	}
	r.write("b.txt", "token="+fakeGHP+"\n")
	r.git("add", "b.txt")
	cmd := exec.Command("git", "commit", "-q", "-m", "leak")
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Ada", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=Ada", "GIT_COMMITTER_EMAIL=a@example.com")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "github-pat") {
		t.Errorf("the commit went through or did not name the rule: %v\n%s", err, out)
	}
	if strings.Contains(string(out), fakeGHP[4:]) {
		t.Error("the hook printed the secret")
	}
}
