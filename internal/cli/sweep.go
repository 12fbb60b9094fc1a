package cli

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/analyzers/secrets"
	"github.com/nhilint/nhilint/internal/config"
	"github.com/nhilint/nhilint/internal/engine"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/report"
	"github.com/nhilint/nhilint/internal/sweep"
)

// sweepFlags are the flags of the sweep command.
type sweepFlags struct {
	list        sweep.ListOptions
	filter      sweep.Filter
	mode        string
	concurrency int
	timeout     time.Duration
	maxRepoSize string
	out         string
	state       string
	resume      bool
	shard       string
	workDir     string
	listOnly    bool
	// scan settings, as scan's flags of the same names
	configPath  string
	maxFileSize string
	decodeDepth int
	failOn      string
	quiet       bool
}

func newSweepCommand(e *env) *cobra.Command {
	var f sweepFlags
	cmd := &cobra.Command{
		Use:   "sweep",
		Short: "List, clone and scan every repository of an organisation",
		Long: `Sweep lists the repositories of a GitHub organisation or user, a GitLab group
(subgroups included), a file of clone URLs (--repos) or a folder of clones
(--dir), clones each into a temporary folder, scans it, and writes into --out:
one SARIF log per repository (sarif/, each with its own category), one result
per repository (repos/), and a merged report (summary.md, summary.html,
findings.csv, findings.json) in which a key found in several repositories is
one key to revoke.

Tokens are read from GITHUB_TOKEN (or GH_TOKEN) and GITLAB_TOKEN only, and sent
only to the forge they belong to. A state file records each finished
repository: --resume continues a sweep that was stopped. --shard I/N takes
one N-th of the list, for running one sweep as N jobs; "nhilint merge"
combines their outputs.

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error,
3 the sweep could not complete or some repositories could not be scanned.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSweep(cmd, e, &f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.list.GitHubOrg, "github-org", "", "sweep the repositories of this GitHub organisation")
	fl.StringVar(&f.list.GitHubUser, "github-user", "", "sweep the repositories of this GitHub user")
	fl.StringVar(&f.list.GitLabGroup, "gitlab-group", "", "sweep the projects of this GitLab group and its subgroups")
	fl.StringVar(&f.list.ReposFile, "repos", "", "sweep the repositories of FILE: one https clone URL or local path a line")
	fl.StringVar(&f.list.Dir, "dir", "", "sweep the git repositories inside DIR (existing clones)")
	fl.StringVar(&f.list.APIURL, "api-url", "", "API root of GitHub Enterprise Server (https://HOST/api/v3) or self-managed GitLab (https://HOST/api/v4)")
	fl.StringArrayVar(&f.filter.Include, "include", nil, "sweep only repositories whose name matches this doublestar glob (repeatable)")
	fl.StringArrayVar(&f.filter.Exclude, "exclude", nil, "skip repositories whose name matches this doublestar glob (repeatable)")
	fl.BoolVar(&f.filter.SkipArchived, "skip-archived", false, "skip archived repositories")
	fl.BoolVar(&f.filter.SkipForks, "skip-forks", false, "skip forks")
	fl.StringArrayVar(&f.filter.Topics, "topic", nil, "sweep only repositories with this topic (repeatable: any of them)")
	fl.StringVar(&f.mode, "mode", "tree", "tree: the default branch's last commit (shallow clone); history: every commit (full clone)")
	fl.IntVar(&f.concurrency, "concurrency", 4, "repositories cloned and scanned at once")
	fl.DurationVar(&f.timeout, "timeout", 30*time.Minute, "give up on a repository after this long (clone and scan)")
	fl.StringVar(&f.maxRepoSize, "max-repo-size", "", "skip repositories the forge reports larger than this, e.g. 2GB")
	fl.StringVar(&f.out, "out", "nhilint-sweep", "output folder")
	fl.StringVar(&f.state, "state", "", "state file (default OUT/state.jsonl)")
	fl.BoolVar(&f.resume, "resume", false, "skip the repositories the state file records as scanned")
	fl.StringVar(&f.shard, "shard", "", "take share I of N of the repository list (0 <= I < N), e.g. 2/8")
	fl.StringVar(&f.workDir, "work-dir", "", "folder for the temporary clones (default: the system temporary folder)")
	fl.BoolVar(&f.listOnly, "list-only", false, "print the repositories that would be swept, one clone URL or path a line (a --repos file), and exit")
	fl.StringVarP(&f.configPath, "config", "c", "", "configuration file for every repository (repositories' own configurations are not read)")
	fl.StringVar(&f.maxFileSize, "max-file-size", "", "skip files larger than this, e.g. 5MB (default 25MiB)")
	fl.IntVar(&f.decodeDepth, "max-decode-depth", secrets.DefaultMaxDecodeDepth, "decode base64/hex/percent-encoded text this many levels deep (0 = off)")
	fl.StringVar(&f.failOn, "fail-on", "", "lowest level that fails the run: error, warning, note or none (default warning)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress output (for CI)")
	return cmd
}

func runSweep(cmd *cobra.Command, e *env, f *sweepFlags) error {
	mode, err := sweep.ParseMode(f.mode)
	if err != nil {
		return asUsage(err)
	}
	if err := f.filter.Validate(); err != nil {
		return asUsage(err)
	}
	var shard sweep.Shard
	if f.shard != "" {
		if shard, err = sweep.ParseShard(f.shard); err != nil {
			return asUsage(err)
		}
	}
	var maxRepoKB int64
	if f.maxRepoSize != "" {
		n, err := config.ParseSize(f.maxRepoSize)
		if err != nil {
			return usageError("--max-repo-size: %v", err)
		}
		maxRepoKB = max(n/1024, 1)
	}
	if f.concurrency < 1 {
		return usageError("--concurrency must be at least 1")
	}
	s, err := prepareSweepScan(e, f)
	if err != nil {
		return err
	}

	progress := sweep.NewProgress(e.stderr, isTerminal(e.stderr), f.quiet)
	backoff := sweep.DefaultBackoff()
	backoff.Log = progress.Logf
	f.list.Backoff = backoff
	f.list.UserAgent = "nhilint/" + version()
	f.list.GitHubToken = sweep.NewToken(cmp.Or(e.getenv("GITHUB_TOKEN"), e.getenv("GH_TOKEN")))
	f.list.GitLabToken = sweep.NewToken(e.getenv("GITLAB_TOKEN"))
	repos, auths, err := sweep.List(cmd.Context(), f.list)
	if err != nil {
		return asUsage(err)
	}
	repos = f.filter.Apply(repos)
	if f.listOnly {
		for _, r := range shard.Select(repos) {
			fmt.Fprintln(e.stdout, report.Sanitize(cmp.Or(r.CloneURL, r.Path)))
		}
		return nil
	}

	res, err := sweep.Run(cmd.Context(), sweep.Options{
		Repos: repos, Shard: shard, Auths: auths, Mode: mode,
		Concurrency: f.concurrency, Timeout: f.timeout, MaxRepoSizeKB: maxRepoKB,
		OutDir: f.out, StatePath: f.state, Resume: f.resume, WorkDir: f.workDir,
		Scan: sweep.ScanSettings{
			Engine:      withSuppressors(s),
			MaxFileSize: s.tree.MaxFileSize, Include: s.tree.Include, Exclude: s.tree.Exclude,
		},
		Tool: tool(), FailOn: s.failOn,
		Merge:    sweep.MergeOptions{Fails: failsRun(s.failOn, s.failLifetimes)},
		Progress: progress,
	})
	if err != nil {
		if cmd.Context().Err() != nil {
			return internalError(fmt.Errorf("sweep interrupted; run it again with --resume to continue"))
		}
		return internalError(err)
	}
	return sweepVerdict(e, f.out, f.quiet, res.Report)
}

// prepareSweepScan builds the analyzers and settings every repository is
// scanned with, through prepareScan. prepareScan reads the configuration
// of its first root; a sweep's only configuration is --config (a swept
// repository must not be able to silence its own findings), so the root
// it is given is an empty folder.
func prepareSweepScan(e *env, f *sweepFlags) (*preparedScan, error) {
	empty, err := os.MkdirTemp("", "nhilint-sweep-config-*")
	if err != nil {
		return nil, internalError(err)
	}
	defer os.RemoveAll(empty)
	return prepareScan(e, &scanFlags{
		configPath:   f.configPath,
		maxFileSize:  f.maxFileSize,
		decodeDepth:  f.decodeDepth,
		failOn:       f.failOn,
		noGitleaksrc: true,
	}, []string{empty})
}

func withSuppressors(s *preparedScan) engine.Options {
	opts := s.engineOpts
	opts.Suppress = s.suppressors
	return opts
}

// failsRun is verdict's rule for one finding.
func failsRun(failOn finding.Level, lifetimes map[finding.Lifetime]bool) func(finding.Finding) bool {
	return func(fd finding.Finding) bool {
		if failOn == finding.LevelNone || fd.Level.Rank() < failOn.Rank() {
			return false
		}
		return lifetimes == nil || fd.Credential == nil || lifetimes[fd.Credential.Lifetime]
	}
}

// sweepVerdict prints where the report is and returns the exit status:
// failing findings first, then repositories that could not be scanned.
func sweepVerdict(e *env, out string, quiet bool, sum *sweep.Summary) error {
	if !quiet {
		fmt.Fprintf(e.stderr, "nhilint: %d repositories (%d failed), %d findings, %d distinct keys (%d reused across repositories): %s\n",
			sum.Repositories, sum.Failed, sum.Findings, sum.Keys, sum.Reused, report.Sanitize(filepath.Join(out, sweep.SummaryHTML)))
	}
	if sum.Failing > 0 {
		return errFindings
	}
	if sum.Failed > 0 {
		return internalError(fmt.Errorf("%d repositories could not be scanned: see %s", sum.Failed, filepath.Join(out, sweep.SummaryMarkdown)))
	}
	return nil
}
