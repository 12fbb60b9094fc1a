package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/analyzers/identity"
	"github.com/nhilint/nhilint/internal/engine"
	"github.com/nhilint/nhilint/internal/finding"
	inv "github.com/nhilint/nhilint/internal/identity"
	"github.com/nhilint/nhilint/internal/source"
)

func newInventoryCommand(e *env) *cobra.Command {
	f := scanFlags{workTree: true, collectUsage: true}
	var format string
	var suggest bool
	cmd := &cobra.Command{
		Use:   "inventory [PATH]",
		Short: "List every non-human identity: owner, scopes declared and used, lifetime, where referenced",
		Long: `Inventory reads the identities .nhilint.yaml declares and the code, scripts and CI
files under PATH (default "."), and prints every identity with its owner, provider,
the workloads and places that refer to it, the scopes it declares and the scopes its
code needs, its lifetime and its status, followed by every credential reference and
provider operation no identity covers. --suggest prints a starting identities: block
for those instead. Exit codes: 0 done, 2 usage or configuration error, 3 internal error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "table", "json", "markdown":
			default:
				return usageError("--format: unknown format %q (want table, json or markdown)", format)
			}
			s, err := prepareScan(e, &f, args)
			if err != nil {
				return err
			}
			var ia *identity.Analyzer
			for _, a := range s.analyzers {
				if x, ok := a.(*identity.Analyzer); ok {
					ia = x
				}
			}
			opts := s.engineOpts
			opts.Analyzers = []analyzers.Analyzer{collector{ia}}
			eng, err := engine.New(opts)
			if err != nil {
				return internalError(err)
			}
			t, err := source.NewTree(s.roots[0], s.tree)
			if err != nil {
				return asUsage(err)
			}
			if _, err := eng.Run(cmd.Context(), t); err != nil {
				return internalError(err)
			}
			rep, notes := ia.Report(cmd.Context())
			if suggest {
				return wrapWrite(inv.Suggest(e.stdout, rep))
			}
			out := inv.NewInventory(rep, notes)
			switch format {
			case "json":
				return wrapWrite(out.WriteJSON(e.stdout))
			case "markdown":
				return wrapWrite(out.WriteMarkdown(e.stdout))
			}
			return wrapWrite(out.WriteTable(e.stdout))
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "table", "output format: table, json or markdown")
	fl.BoolVar(&suggest, "suggest", false, "print a starting identities: block for what no identity covers")
	fl.StringVarP(&f.configPath, "config", "c", "", "configuration file (default: .nhilint.yaml in PATH)")
	fl.StringArrayVar(&f.include, "include", nil, "read only paths matching this doublestar glob (repeatable)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "do not read paths matching this doublestar glob (repeatable)")
	fl.BoolVar(&f.noIgnore, "no-ignore", false, "do not honour .gitignore files")
	return cmd
}

// collector runs the identity analyzer's collection but not its Finish:
// the inventory reports entries, not findings.
type collector struct{ a *identity.Analyzer }

func (c collector) Name() string           { return c.a.Name() }
func (c collector) Rules() []*finding.Rule { return c.a.Rules() }
func (c collector) Wants(rel string) bool  { return c.a.Wants(rel) }
func (c collector) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	return c.a.Analyze(ctx, f)
}

func wrapWrite(err error) error {
	if err != nil {
		return internalError(err)
	}
	return nil
}
