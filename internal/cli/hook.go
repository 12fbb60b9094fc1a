package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/internal/hook"
	"github.com/nhilint/nhilint/internal/report"
)

func newHookCommand(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook",
		Short: "Install or remove nhilint as a native git hook (without the pre-commit framework)",
	}
	var opts hook.Options
	install := &cobra.Command{
		Use:   "install [REPO]",
		Short: "Install a pre-commit (default) or pre-push hook that runs nhilint",
		Long: `Install writes a git hook that runs "nhilint staged" (pre-commit) or "nhilint push"
(pre-push). It finds the hooks folder with "git rev-parse --git-path hooks", so
core.hooksPath, husky and linked worktrees work. An existing hook is kept and run
first; install refuses to overwrite an earlier chained hook without --force.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			path, err := hook.Install(repoArg(args), opts)
			if err != nil {
				return asUsage(err)
			}
			fmt.Fprintf(e.stdout, "nhilint: installed the %s hook at %s\n", opts.Stage, report.Sanitize(path))
			return nil
		},
	}
	uninstall := &cobra.Command{
		Use:   "uninstall [REPO]",
		Short: "Remove the hook nhilint installed, restoring a hook it chained",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			path, err := hook.Uninstall(repoArg(args), opts)
			if err != nil {
				return asUsage(err)
			}
			fmt.Fprintf(e.stdout, "nhilint: removed the %s hook at %s\n", opts.Stage, report.Sanitize(path))
			return nil
		},
	}
	for _, c := range []*cobra.Command{install, uninstall} {
		c.Flags().StringVar(&opts.Stage, "stage", "pre-commit", "hook to manage: "+strings.Join(hook.Stages, " or "))
	}
	install.Flags().BoolVar(&opts.Force, "force", false, "replace an earlier chained hook")
	install.Flags().StringVar(&opts.Command, "command", "nhilint", "how the hook invokes nhilint")
	cmd.AddCommand(install, uninstall)
	return cmd
}

func repoArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}
