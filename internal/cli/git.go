package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/internal/engine"
	"github.com/nhilint/nhilint/internal/gitsource"
	"github.com/nhilint/nhilint/internal/headcheck"
	"github.com/nhilint/nhilint/internal/hook"
	"github.com/nhilint/nhilint/internal/report"
	"github.com/nhilint/nhilint/internal/source"
)

// gitSource is a source over a repository that must be closed after use.
type gitSource interface {
	source.Source
	Close() error
}

// newGitCommand builds a command that scans what open returns for the
// repository at PATH (default "."), with every report flag of scan.
//
// open may return a nil source to fall back to a work-tree scan (with
// s.tree adjusted); files are the positional arguments after the repository
// when the command takes files (staged --pre-commit).
type gitOpener func(cmd *cobra.Command, repo string, files []string, s *preparedScan) (gitSource, error)

func newGitCommand(e *env, use, short, long string, extra func(*cobra.Command), takesFiles func() bool, open gitOpener) *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args: func(cmd *cobra.Command, args []string) error {
			if takesFiles != nil && takesFiles() {
				return nil
			}
			return cobra.MaximumNArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			outs, err := parseOutputs(f.formats, f.outputs)
			if err != nil {
				return err
			}
			var files []string
			if takesFiles != nil && takesFiles() {
				files, args = args, nil
			}
			s, err := prepareReportedScan(e, &f, args)
			if err != nil {
				return err
			}
			src, err := open(cmd, s.roots[0], files, s)
			if err != nil {
				return asUsage(err)
			}
			var run *report.Run
			if src == nil { // the command fell back to a work-tree scan
				run, err = s.execute(cmd)
			} else {
				run, err = s.executeGit(cmd, src)
			}
			return s.conclude(e, &f, outs, run, err)
		},
	}
	f.register(cmd, true)
	if extra != nil {
		extra(cmd)
	}
	return cmd
}

func (s *preparedScan) gitOptions() gitsource.Options {
	return gitsource.Options{MaxFileSize: s.tree.MaxFileSize, Include: s.tree.Include, Exclude: s.tree.Exclude}
}

// executeGit scans a git source: one finding per secret, anchored at the
// commit that introduced it, and for history scans whether it is still
// present at HEAD.
func (s *preparedScan) executeGit(cmd *cobra.Command, src gitSource) (*report.Run, error) {
	defer src.Close()
	opts := s.engineOpts
	opts.Suppress = s.suppressors
	opts.Group = true
	eng, err := engine.New(opts)
	if err != nil {
		return nil, internalError(err)
	}
	res, err := eng.Run(cmd.Context(), src)
	if err != nil {
		return nil, internalError(err)
	}
	if _, history := src.(*gitsource.HistorySource); history && len(res.Findings)+len(res.Suppressed) > 0 {
		if err := s.markPresentAtHead(cmd.Context(), res); err != nil {
			return nil, err
		}
	}
	return &report.Run{
		Tool:       tool(),
		Command:    cmd.Name(),
		Roots:      s.roots,
		Findings:   res.Findings,
		Suppressed: res.Suppressed,
		Rules:      eng.Catalog(),
		Skips:      res.Skips,
		Stats:      report.Stats{Files: res.Files, Bytes: res.Bytes},
		FailOn:     s.failOn,
	}, nil
}

// markPresentAtHead tells, for each history finding, whether its secret is
// still at HEAD (see headcheck).
func (s *preparedScan) markPresentAtHead(ctx context.Context, res *engine.Result) error {
	engOpts := s.engineOpts
	engOpts.Analyzers = s.analyzers
	if err := headcheck.Mark(ctx, s.roots[0], s.gitOptions(), engOpts, res); err != nil {
		return internalError(err)
	}
	return nil
}

func newHistoryCommand(e *env) *cobra.Command {
	var branch, since, rng string
	return newGitCommand(e, "history [PATH]", "Scan every commit of a git repository",
		`History scans every commit reachable from any ref of the repository at PATH
(default "."), or only --branch, the commits after --since, or a --range A..B.
Each unique file version is read once and only the lines a commit adds are
searched for secrets. The same secret in many commits is one finding, anchored
at the commit that introduced it, with the other places as related locations;
a key deleted since is reported too: it is still in every clone and must be
revoked.`,
		func(cmd *cobra.Command) {
			cmd.Flags().StringVar(&branch, "branch", "", "scan only commits reachable from this branch or revision")
			cmd.Flags().StringVar(&since, "since", "", "scan only commits not reachable from this revision")
			cmd.Flags().StringVar(&rng, "range", "", "scan only the commits of A..B")
		},
		nil,
		func(_ *cobra.Command, repo string, _ []string, s *preparedScan) (gitSource, error) {
			return gitsource.History(repo, gitsource.HistoryOptions{
				Branch: branch, Since: since, Range: rng,
				MaxFileSize: s.tree.MaxFileSize, Include: s.tree.Include, Exclude: s.tree.Exclude,
			})
		})
}

func newStagedCommand(e *env) *cobra.Command {
	var allFiles, preCommit bool
	return newGitCommand(e, "staged [PATH]", "Scan what is staged for the next commit (for pre-commit)",
		`Staged scans the index of the repository at PATH (default ".") against HEAD:
the content that the next commit would record, not the work tree. Secret rules
search only the lines the change adds. With --all-files it scans the whole
work tree instead.

With --pre-commit (the pre-commit framework's hook), the arguments are the
files pre-commit passes and the repository is ".": when they are all staged it
is a normal commit and the index is scanned; when some are not (pre-commit run
--all-files or --files) those files are scanned whole; with
PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF set, that range of commits is scanned.`,
		func(cmd *cobra.Command) {
			cmd.Flags().BoolVar(&allFiles, "all-files", false, "scan every file of the work tree, not only the staged change")
			cmd.Flags().BoolVar(&preCommit, "pre-commit", false, "run as the pre-commit framework's hook: arguments are the files it passes")
		},
		func() bool { return preCommit },
		func(_ *cobra.Command, repo string, files []string, s *preparedScan) (gitSource, error) {
			if allFiles {
				return nil, nil
			}
			if preCommit {
				run, err := hook.PreCommitScope(repo, e.getenv, files)
				if err != nil {
					return nil, err
				}
				switch run.Scope {
				case hook.ScopeRange:
					return gitsource.FromTo(repo, run.From, run.To, s.gitOptions())
				case hook.ScopeFiles:
					s.tree.Only = run.Files
					return nil, nil
				}
			}
			return gitsource.Staged(repo, s.gitOptions())
		})
}

func newPushCommand(e *env) *cobra.Command {
	return newGitCommand(e, "push [PATH]", "Scan the commits a push sends (for a pre-push hook)",
		`Push scans the commits that a push would send: the ref updates git gives a
pre-push hook on standard input, or, under the pre-commit framework, the range
PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF.`,
		nil,
		nil,
		func(_ *cobra.Command, repo string, _ []string, s *preparedScan) (gitSource, error) {
			from, to := e.getenv("PRE_COMMIT_FROM_REF"), e.getenv("PRE_COMMIT_TO_REF")
			if from != "" && to != "" {
				return gitsource.FromTo(repo, from, to, s.gitOptions())
			}
			updates, err := gitsource.ParsePrePushInput(io.LimitReader(e.stdin, 1<<20))
			if err != nil {
				return nil, fmt.Errorf("reading the pre-push ref updates from standard input: %w", err)
			}
			return gitsource.Push(repo, updates, s.gitOptions())
		})
}
