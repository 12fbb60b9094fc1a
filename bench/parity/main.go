// Command parity compares the findings of the gitleaks CLI and nhilint on the
// same files:
//
//	go run ./bench/parity -gitleaks gl.json -nhilint nh.json [-root DIR]
//
// gl.json is a gitleaks JSON report ("gitleaks dir DIR --report-format json"),
// nh.json an nhilint JSON report ("nhilint scan DIR --format json"). Findings
// are matched on path, rule and line, then on path and rule with nhilint's
// line inside gitleaks' match span, because nhilint reports where the secret
// is and gitleaks where the whole match starts. Secrets are never read from
// either report, so nothing printed can leak one.
//
// It prints the counts, every finding only one tool reported (with what
// explains it: a file nhilint skipped, a suppression, a rule gitleaks does not
// have) and a per-rule summary. The exit status is 0, or with -strict 1 when
// an unexplained difference remains; 2 means the reports could not be read.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parity", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gitleaksPath := fs.String("gitleaks", "", "gitleaks JSON report (required)")
	nhilintPath := fs.String("nhilint", "", "nhilint JSON report (required)")
	root := fs.String("root", "", "path prefix to strip from both reports (nhilint's scan roots are always stripped)")
	strict := fs.Bool("strict", false, "exit 1 when a difference remains unexplained")
	markdown := fs.Bool("markdown", false, "print a markdown summary instead of the full text listing")
	maxDiffs := fs.Int("max-diffs", 30, "with -markdown, list at most this many differences")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *gitleaksPath == "" || *nhilintPath == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: parity -gitleaks GITLEAKS.json -nhilint NHILINT.json [-root DIR] [-strict] [-markdown]")
		return 2
	}
	reports, err := Load(*gitleaksPath, *nhilintPath, *root)
	if err != nil {
		fmt.Fprintln(stderr, "parity:", err)
		return 2
	}
	res := Compare(reports, gitleaksRuleIDs())
	if *markdown {
		err = WriteMarkdown(stdout, res, max(*maxDiffs, 0))
	} else {
		err = WriteText(stdout, res)
	}
	if err != nil {
		fmt.Fprintln(stderr, "parity: writing output:", err)
		return 2
	}
	if *strict && res.Unexplained() > 0 {
		return 1
	}
	return 0
}
