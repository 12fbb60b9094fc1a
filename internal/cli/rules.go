package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/internal/atomicfile"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/report"
	"github.com/nhilint/nhilint/internal/suppress"
)

// catalogFor builds the rule catalog the way a scan of "." would, so that a
// repository's own rule files and severity overrides are listed too.
func catalogFor(e *env, configPath string) (finding.Catalog, error) {
	f := scanFlags{configPath: configPath, quiet: true}
	s, err := prepareScan(e, &f, nil)
	if err != nil {
		return nil, err
	}
	catalog := finding.Catalog{}
	for _, a := range s.analyzers {
		for _, r := range a.Rules() {
			if lvl, ok := s.engineOpts.Severity[r.ID]; ok {
				c := *r
				c.Level = lvl
				r = &c
			}
			catalog[r.ID] = r
		}
	}
	return catalog, nil
}

func newRulesCommand(e *env) *cobra.Command {
	var format, configPath string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: id, level, title, NHI categories, CWE",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			catalog, err := catalogFor(e, configPath)
			if err != nil {
				return err
			}
			rules := catalog.Sorted()
			switch format {
			case "json":
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(rules)
			case "markdown":
				return writeRuleMarkdown(e.stdout, rules)
			case "text", "":
				return writeRuleTable(e.stdout, rules)
			}
			return usageError("--format %q: want text, json or markdown", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text, json or markdown (docs/rules.md is generated with markdown)")
	cmd.Flags().StringVarP(&configPath, "config", "c", "", "configuration file")
	return cmd
}

func writeRuleTable(w io.Writer, rules []*finding.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLEVEL\tNHI\tCWE\tTITLE")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Level, joinCategories(r.Categories), strings.Join(r.CWEs, ","), report.Sanitize(r.Title))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d rules\n", len(rules))
	return err
}

func joinCategories(cs []finding.Category) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ",")
}

func newExplainCommand(e *env) *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule: what it finds, why it matters, how to revoke and replace the credential",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			catalog, err := catalogFor(e, configPath)
			if err != nil {
				return err
			}
			r, ok := catalog[args[0]]
			if !ok {
				return usageError("unknown rule %q (list them with: nhilint rules)", args[0])
			}
			writeExplanation(e.stdout, r)
			return nil
		},
	}
	cmd.Flags().StringVarP(&configPath, "config", "c", "", "configuration file")
	return cmd
}

func writeExplanation(w io.Writer, r *finding.Rule) {
	fmt.Fprintf(w, "%s — %s\n\n", r.ID, r.Title)
	fmt.Fprintf(w, "Level:      %s\n", r.Level)
	if r.Provider != "" {
		fmt.Fprintf(w, "Provider:   %s\n", r.Provider)
	}
	if r.Lifetime != "" && r.Lifetime != finding.LifetimeUnknown {
		fmt.Fprintf(w, "Lifetime:   %s\n", r.Lifetime)
	}
	fmt.Fprintf(w, "Precision:  %s\n", r.Precision)
	for _, c := range r.Categories {
		fmt.Fprintf(w, "OWASP NHI:  %s %s\n", c, categoryTitle(c))
	}
	if len(r.CWEs) > 0 {
		fmt.Fprintf(w, "CWE:        %s\n", strings.Join(r.CWEs, ", "))
	}
	section := func(title, body string) {
		if strings.TrimSpace(body) == "" {
			return
		}
		fmt.Fprintf(w, "\n%s\n  %s\n", title, strings.ReplaceAll(strings.TrimSpace(body), "\n", "\n  "))
	}
	section("What it finds", r.Description)
	section("Why it matters", r.Why)
	section("Revoke", r.Remediation.Revoke)
	section("Rotate", r.Remediation.Rotate)
	section("Replace with a short-lived credential", r.Remediation.Replace)
	if len(r.Remediation.References) > 0 {
		fmt.Fprintf(w, "\nReferences\n")
		for _, ref := range r.Remediation.References {
			fmt.Fprintf(w, "  %s\n", ref)
		}
	}
}

func categoryTitle(c finding.Category) string {
	for _, k := range finding.Categories {
		if k.ID == c {
			return k.Title
		}
	}
	return ""
}

func newBaselineCommand(e *env) *cobra.Command {
	var f scanFlags
	cmd := &cobra.Command{
		Use:   "baseline FILE [PATH...]",
		Short: "Write the current findings to a baseline file, so later scans report only new ones",
		Long: `Baseline scans like "nhilint scan" and writes every unsuppressed finding to FILE,
one "<fingerprint> <rule> <path>" entry per line, sorted, without line numbers, so
that moving code does not change it. Commit the file and pass it to
"nhilint scan --baseline FILE". Findings in a baseline are still leaked keys:
revoke them, then remove their lines.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := prepareScan(e, &f, args[1:])
			if err != nil {
				return err
			}
			run, err := s.execute(cmd)
			if err != nil {
				return err
			}
			if err := atomicfile.Write(args[0], func(w io.Writer) error {
				return suppress.WriteBaseline(w, run.Findings)
			}); err != nil {
				return internalError(fmt.Errorf("writing baseline: %w", err))
			}
			if !f.quiet {
				fmt.Fprintf(e.stderr, "nhilint: wrote %d findings to %s\n", len(run.Findings), report.Sanitize(args[0]))
			}
			return nil
		},
	}
	f.register(cmd, false)
	return cmd
}

// writeRuleMarkdown writes the rule reference, docs/rules.md.
func writeRuleMarkdown(w io.Writer, rules []*finding.Rule) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# nhilint rules\n\n")
	fmt.Fprintf(bw, "Generated by `nhilint rules --format markdown`; do not edit by hand. %d rules.\n\n", len(rules))
	fmt.Fprintf(bw, "| Rule | Level | OWASP NHI | CWE | Credential |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range rules {
		fmt.Fprintf(bw, "| [`%s`](#%s) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Level, joinCategories(r.Categories), strings.Join(r.CWEs, ", "), mdCell(r.Title))
	}
	for _, r := range rules {
		fmt.Fprintf(bw, "\n## %s\n\n**%s**. Level %s, precision %s", r.ID, mdText(r.Title), r.Level, r.Precision)
		if r.Provider != "" {
			fmt.Fprintf(bw, ", provider %s", mdText(r.Provider))
		}
		if r.Lifetime != "" && r.Lifetime != finding.LifetimeUnknown {
			fmt.Fprintf(bw, ", %s", r.Lifetime)
		}
		fmt.Fprintf(bw, ". %s; %s.\n", joinCategoryTitles(r.Categories), strings.Join(r.CWEs, ", "))
		for _, sec := range []struct{ title, body string }{
			{"What it finds", r.Description},
			{"Why it matters", r.Why},
			{"Revoke", r.Remediation.Revoke},
			{"Rotate", r.Remediation.Rotate},
			{"Replace with a short-lived credential", r.Remediation.Replace},
		} {
			if strings.TrimSpace(sec.body) != "" {
				fmt.Fprintf(bw, "\n%s: %s\n", sec.title, strings.TrimSpace(sec.body))
			}
		}
		if len(r.Remediation.References) > 0 {
			fmt.Fprintf(bw, "\nReferences:\n")
			for _, ref := range r.Remediation.References {
				fmt.Fprintf(bw, "- <%s>\n", ref)
			}
		}
	}
	return bw.Flush()
}

func joinCategoryTitles(cs []finding.Category) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = string(c) + " " + categoryTitle(c)
	}
	return strings.Join(parts, ", ")
}

func mdText(s string) string {
	return strings.NewReplacer("\n", " ", "*", "\\*", "_", "\\_").Replace(s)
}

func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", "\\|") }
