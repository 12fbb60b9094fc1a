// Package cli is nhilint's command line: flags in, exit code out. Standard
// streams are injected so tests run the CLI in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/internal/report"
)

// Version is set at build time with -ldflags "-X github.com/nhilint/nhilint/internal/cli.Version=v1.2.3";
// otherwise the module version from the build info is used.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func tool() report.Tool {
	return report.Tool{Name: "nhilint", Version: version(), URI: "https://github.com/nhilint/nhilint"}
}

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// isTerminal reports whether stdout is a terminal (for colour).
	isTerminal bool
	// now is the clock expiries are judged by; nil means time.Now.
	now func() time.Time
}

func (e *env) clock() time.Time {
	if e.now != nil {
		return e.now()
	}
	return time.Now()
}

// Main runs nhilint with the given arguments and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, isTerminal: isTerminal(stdout)}
	return run(ctx, e, args)
}

func run(ctx context.Context, e *env, args []string) (code int) {
	defer func() {
		// A panic must not print content it may carry: say where, not what.
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "nhilint: internal error (panic %T); please report it with the command line you ran\n", r)
			code = ExitInternal
		}
	}()
	root := newRootCommand(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil && !errors.Is(err, errFindings) {
		fmt.Fprintf(e.stderr, "nhilint: %s\n", report.Sanitize(err.Error()))
	}
	return codeOf(err)
}

func newRootCommand(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "nhilint",
		Short: "Find embedded and long-lived credentials of non-human identities",
		Long: `nhilint scans repositories, CI configurations and AI agent configs for the API keys,
tokens and service credentials that scripts, CI jobs and agents use, and tells you
how to revoke each one and what short-lived credential should replace it.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return asUsage(err) })
	root.AddCommand(
		newScanCommand(e),
		newHistoryCommand(e),
		newStagedCommand(e),
		newPushCommand(e),
		newHookCommand(e),
		newBaselineCommand(e),
		newInventoryCommand(e),
		newVetCommand(e),
		newRulesCommand(e),
		newExplainCommand(e),
		newVersionCommand(e),
		newSweepCommand(e),
		newMergeCommand(e),
	)
	return root
}

func newVersionCommand(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(e.stdout, "nhilint %s\n", version())
			return nil
		},
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return termIsTerminal(int(f.Fd()))
}
