package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// diffLine is the one-line form of a difference: "only-gitleaks path:line rule",
// followed by what explains it and where the other tool put the same rule.
func diffLine(d Diff) string {
	var b strings.Builder
	fmt.Fprintf(&b, "only-%s %s:%d %s", d.Only, d.Finding.Path, d.Finding.Line, d.Finding.Rule)
	if d.Explanation != "" {
		fmt.Fprintf(&b, "  [%s]", d.Explanation)
	}
	if len(d.Near) > 0 {
		other := Gitleaks
		if d.Only == Gitleaks {
			other = Nhilint
		}
		fmt.Fprintf(&b, "  (%s has this rule in this file at line %s)", other, joinInts(d.Near, 5))
	}
	return b.String()
}

// joinInts formats at most limit numbers, then "…".
func joinInts(ns []int, limit int) string {
	parts := make([]string, 0, min(len(ns), limit)+1)
	for i, n := range ns {
		if i == limit {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, strconv.Itoa(n))
	}
	return strings.Join(parts, ",")
}

func explained(ds []Diff) int {
	n := 0
	for _, d := range ds {
		if d.Explanation != "" {
			n++
		}
	}
	return n
}

// WriteText prints the whole comparison: counts, every difference and the
// per-rule summary.
func WriteText(w io.Writer, r *Result) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "gitleaks: %d findings\n", r.Gitleaks)
	fmt.Fprintf(ew, "nhilint:  %d findings, %d suppressed, %d files skipped\n", r.Nhilint, r.Suppressed, r.Skipped)
	fmt.Fprintf(ew, "matched:  %d (%d on the same line, %d within gitleaks' match span)\n", r.Matched(), r.SameLine, r.InSpan)
	fmt.Fprintf(ew, "only-gitleaks: %d (%d explained)\n", len(r.OnlyGitleaks), explained(r.OnlyGitleaks))
	fmt.Fprintf(ew, "only-nhilint:  %d (%d explained)\n", len(r.OnlyNhilint), explained(r.OnlyNhilint))
	fmt.Fprintf(ew, "unexplained:   %d\n", r.Unexplained())
	if len(r.OnlyGitleaks)+len(r.OnlyNhilint) > 0 {
		fmt.Fprintln(ew)
		for _, d := range r.OnlyGitleaks {
			fmt.Fprintln(ew, diffLine(d))
		}
		for _, d := range r.OnlyNhilint {
			fmt.Fprintln(ew, diffLine(d))
		}
		fmt.Fprintln(ew)
		fmt.Fprintln(ew, "differences by rule:")
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "rule\tgitleaks\tnhilint\tmatched\tonly-gitleaks\tonly-nhilint\tunexplained")
		for _, s := range r.Rules {
			if s.OnlyGitleaks+s.OnlyNhilint == 0 {
				continue
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", s.Rule, s.Gitleaks, s.Nhilint, s.Matched, s.OnlyGitleaks, s.OnlyNhilint, s.Unexplained)
		}
		tw.Flush()
	}
	return ew.err
}

// WriteMarkdown prints the comparison as markdown for a results page: a
// counts table, the per-rule differences and the first maxDiffs differences,
// unexplained ones first.
func WriteMarkdown(w io.Writer, r *Result, maxDiffs int) error {
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "| Parity | Count |")
	fmt.Fprintln(ew, "|---|---:|")
	fmt.Fprintf(ew, "| gitleaks findings | %d |\n", r.Gitleaks)
	fmt.Fprintf(ew, "| nhilint findings | %d |\n", r.Nhilint)
	fmt.Fprintf(ew, "| nhilint suppressed | %d |\n", r.Suppressed)
	fmt.Fprintf(ew, "| nhilint skipped files | %d |\n", r.Skipped)
	fmt.Fprintf(ew, "| matched, same line | %d |\n", r.SameLine)
	fmt.Fprintf(ew, "| matched, within gitleaks' match span | %d |\n", r.InSpan)
	fmt.Fprintf(ew, "| only gitleaks (explained) | %d (%d) |\n", len(r.OnlyGitleaks), explained(r.OnlyGitleaks))
	fmt.Fprintf(ew, "| only nhilint (explained) | %d (%d) |\n", len(r.OnlyNhilint), explained(r.OnlyNhilint))
	fmt.Fprintf(ew, "| **unexplained differences** | **%d** |\n", r.Unexplained())
	total := len(r.OnlyGitleaks) + len(r.OnlyNhilint)
	if total == 0 {
		return ew.err
	}
	fmt.Fprintln(ew)
	fmt.Fprintln(ew, "| Rule | gitleaks | nhilint | matched | only gitleaks | only nhilint | unexplained |")
	fmt.Fprintln(ew, "|---|---:|---:|---:|---:|---:|---:|")
	for _, s := range r.Rules {
		if s.OnlyGitleaks+s.OnlyNhilint == 0 {
			continue
		}
		fmt.Fprintf(ew, "| `%s` | %d | %d | %d | %d | %d | %d |\n", s.Rule, s.Gitleaks, s.Nhilint, s.Matched, s.OnlyGitleaks, s.OnlyNhilint, s.Unexplained)
	}
	fmt.Fprintln(ew)
	if total > maxDiffs {
		fmt.Fprintf(ew, "First %d of %d differences:\n\n", maxDiffs, total)
	} else {
		fmt.Fprintln(ew, "Differences:")
		fmt.Fprintln(ew)
	}
	fmt.Fprintln(ew, "```")
	for _, d := range unexplainedFirst(r)[:min(total, maxDiffs)] {
		fmt.Fprintln(ew, diffLine(d))
	}
	fmt.Fprintln(ew, "```")
	return ew.err
}

// unexplainedFirst lists all differences, those without an explanation first.
func unexplainedFirst(r *Result) []Diff {
	all := append(slices.Clone(r.OnlyGitleaks), r.OnlyNhilint...)
	slices.SortStableFunc(all, func(a, b Diff) int {
		return cmp.Compare(btoi(a.Explanation != ""), btoi(b.Explanation != ""))
	})
	return all
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// errWriter keeps the first write error so that printing code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, nil
}
