package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/sweep"
)

func newMergeCommand(e *env) *cobra.Command {
	var out, failOn string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "merge DIR...",
		Short: "Combine the output folders of sweep shards into one report",
		Long: `Merge reads the per-repository results of sweep output folders (the --out of
each shard of a distributed sweep) and writes one merged report into --out:
summary.md, summary.html, findings.csv and findings.json. A repository found
in several folders counts once. The per-repository SARIF logs stay where
the shards wrote them.

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error,
3 some repositories could not be scanned.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, dirs []string) error {
			level := finding.LevelWarning
			if failOn != "" {
				l, err := finding.ParseLevel(failOn)
				if err != nil {
					return usageError("--fail-on: %v", err)
				}
				level = l
			}
			sum, err := sweep.Merge(dirs, out, sweep.MergeOptions{Fails: failsRun(level, nil)})
			if err != nil {
				return asUsage(fmt.Errorf("merge: %w", err))
			}
			return sweepVerdict(e, out, quiet, sum)
		},
	}
	cmd.Flags().StringVar(&out, "out", "nhilint-sweep", "folder to write the merged report into")
	cmd.Flags().StringVar(&failOn, "fail-on", "", "lowest level that fails the run: error, warning, note or none (default warning)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors")
	return cmd
}
