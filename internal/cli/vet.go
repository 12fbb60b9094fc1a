package cli

import (
	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/analyzers/gocode"
)

func newVetCommand(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "vet [PACKAGES]",
		Short: "Report how Go code obtains credentials and which provider operations it calls",
		Long: `Vet type-checks the Go packages (default ./...) and runs nhilint's go/analysis
passes over them: credential reads and sinks (a literal flowing into an SDK's
credential argument is reported even when no secret pattern matches it), and the
AWS, GitHub, Slack, Google and LLM SDK operations the code calls, with the scopes
they need. The same passes run under go vet: go vet -vettool=$(which nhilint-vet).
Exit codes: 0 nothing reported, 1 diagnostics, 2 usage error, 3 the code could
not be loaded.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"./..."}
			}
			n, err := gocode.Vet(cmd.Context(), ".", args, e.stdout)
			if err != nil {
				return internalError(err)
			}
			if n > 0 {
				return errFindings
			}
			return nil
		},
	}
}
