package sweep

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/nhilint/nhilint/internal/report"
)

// writeMarkdown writes summary.md: the counts and top lists, the keys to
// revoke, and every finding. Everything that came from a repository is
// escaped, since a path may hold Markdown or HTML.
func (s *Summary) writeMarkdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("# nhilint sweep\n\n")
	p("%d repositories: %d scanned, %d failed. %d findings (%d failing), %d suppressed. %d distinct keys: %d long-lived, %d reused across repositories.\n\n",
		s.Repositories, s.Scanned, s.Failed, s.Findings, s.Failing, s.Suppressed, s.Keys, s.LongLived, s.Reused)

	table := func(title, col string, counts []Count) {
		if len(counts) == 0 {
			return
		}
		p("## %s\n\n| %s | Findings |\n|---|---:|\n", title, col)
		for _, c := range counts {
			p("| %s | %d |\n", mdCell(c.Name), c.N)
		}
		p("\n")
	}
	table("By severity", "Level", s.ByLevel)
	table("By NHI category", "OWASP NHI Top 10", s.ByCategory)
	table("By provider", "Provider", s.ByProvider)
	table("Repositories with most findings", "Repository", s.TopRepos)

	if len(s.Oldest) > 0 {
		p("## Oldest leaks\n\n| Committed | Repository | Location | Rule | Key |\n|---|---|---|---|---|\n")
		for _, r := range s.Oldest {
			p("| %s | %s | %s | %s | %s |\n", r.Location.Date.UTC().Format("2006-01-02"), mdCell(r.Repo), mdCell(location(r)), mdCell(r.RuleID), mdCell(preview(r)))
		}
		p("\n")
	}
	var reused []Key
	for _, k := range s.keys {
		if len(k.Repositories) > 1 {
			reused = append(reused, k)
		}
	}
	if len(reused) > 0 {
		p("## Keys reused across repositories (NHI9)\n\nOne key, many places: revoke it once, then fix every place.\n\n")
		for _, k := range reused {
			p("- **%s** %s (%s), in %d repositories:\n", mdCell(k.Preview), mdCell(k.Type), mdCell(cmpOr(k.Provider, "unknown provider")), len(k.Repositories))
			for _, pl := range k.Places {
				p("  - %s: %s\n", mdCell(pl.Repo), mdCell(placeString(pl)))
			}
		}
		p("\n")
	}
	if len(s.Failures) > 0 {
		p("## Repositories not scanned\n\n| Repository | Error |\n|---|---|\n")
		for _, f := range s.Failures {
			p("| %s | %s |\n", mdCell(f.Repo), mdCell(f.Error))
		}
		p("\n")
	}
	if len(s.rows) > 0 {
		p("## Findings\n\n| Repository | Location | Level | Rule | Key | Revoke |\n|---|---|---|---|---|---|\n")
		for _, r := range s.rows {
			p("| %s | %s | %s | %s | %s | %s |\n", mdCell(r.Repo), mdCell(location(r)), r.Level, mdCell(r.RuleID), mdCell(preview(r)), mdCell(r.Remediation.Revoke))
		}
	}
	return b.Flush()
}

func location(r Row) string {
	return placeString(Place{Path: r.Location.Path, Line: r.Location.StartLine, Commit: r.Location.Commit})
}

func placeString(p Place) string {
	s := p.Path
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
	}
	if p.Commit != "" {
		s += " @" + p.Commit[:min(len(p.Commit), 12)]
	}
	return s
}

func preview(r Row) string {
	if r.Credential == nil {
		return ""
	}
	return r.Credential.Preview
}

// mdCell makes text safe in a Markdown table cell: terminal controls
// escaped, no line breaks, and Markdown and HTML syntax backslash-escaped.
func mdCell(s string) string {
	s = report.Sanitize(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
