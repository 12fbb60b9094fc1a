package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/source"
)

// TextOptions controls the human-readable report.
type TextOptions struct {
	// Color adds ANSI colours. Callers set it only for a terminal that wants
	// them (not NO_COLOR, not a pipe).
	Color bool
	// Verbose also lists skipped files and suppressed findings.
	Verbose bool
}

// WriteText writes the run for a person at a terminal: findings grouped by
// file, each with where to start remediating, then a one-line summary.
//
// Every string that may come from scanned content (paths, messages, previews,
// details, justifications) passes through Sanitize, so the report cannot
// carry terminal escape sequences or bidi overrides planted in a repository.
// The output is written with a single Write call.
func WriteText(w io.Writer, run *Run, opts TextOptions) error {
	t := &textWriter{color: opts.Color}
	t.findingGroups(run.Findings, false)
	if opts.Verbose {
		if len(run.Skips) > 0 {
			t.skips(run.Skips)
		}
		if len(run.Suppressed) > 0 {
			t.buf.WriteString("Suppressed findings:\n")
			t.findingGroups(run.Suppressed, true)
		}
	}
	t.buf.WriteString(summaryLine(run))
	t.buf.WriteByte('\n')
	if _, err := w.Write(t.buf.Bytes()); err != nil {
		return fmt.Errorf("writing text report: %w", err)
	}
	return nil
}

// ANSI SGR sequences. Only these constants ever put an escape byte in the output.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

type textWriter struct {
	buf   bytes.Buffer
	color bool
}

// styled writes s, already sanitized, in the given style when colour is on.
func (t *textWriter) styled(style, s string) {
	if t.color && style != "" {
		t.buf.WriteString(style)
		t.buf.WriteString(s)
		t.buf.WriteString(ansiReset)
		return
	}
	t.buf.WriteString(s)
}

// pad writes the spaces that align a column of display width n to width.
func (t *textWriter) pad(n, width int) {
	for ; n < width; n++ {
		t.buf.WriteByte(' ')
	}
}

// fileGroup is the findings of one file (one blob, for history scans).
type fileGroup struct {
	header   string // sanitized
	findings []finding.Finding
}

// groupByFile sorts a copy of fs canonically and splits it by path and commit.
func groupByFile(fs []finding.Finding) []fileGroup {
	sorted := slices.Clone(fs)
	finding.Sort(sorted)
	var groups []fileGroup
	for i, f := range sorted {
		if i > 0 {
			prev := sorted[i-1].Location
			if prev.Path == f.Location.Path && prev.Commit == f.Location.Commit {
				last := &groups[len(groups)-1]
				last.findings = append(last.findings, f)
				continue
			}
		}
		groups = append(groups, fileGroup{header: fileHeader(f.Location), findings: []finding.Finding{f}})
	}
	return groups
}

// fileHeader is the path as given, with "@" and the short commit for
// content from git history.
func fileHeader(loc finding.Location) string {
	h := Sanitize(loc.Path)
	if loc.Commit != "" {
		h += "@" + Sanitize(truncateRunes(loc.Commit, 8))
	}
	return h
}

// findingRow is one finding split into sanitized columns.
type findingRow struct {
	pos, level, rule string
	rest             string // message, preview and categories
	levelStyle       string
	hint             string // "→ Revoke: ..." or "suppressed by ..." line, may be empty
}

func (t *textWriter) findingGroups(fs []finding.Finding, suppressed bool) {
	for _, g := range groupByFile(fs) {
		rows := make([]findingRow, len(g.findings))
		var posW, levelW, ruleW int
		for i, f := range g.findings {
			rows[i] = newFindingRow(f, suppressed)
			posW = max(posW, width(rows[i].pos))
			levelW = max(levelW, width(rows[i].level))
			ruleW = max(ruleW, width(rows[i].rule))
		}
		t.buf.WriteString(g.header)
		t.buf.WriteByte('\n')
		for _, r := range rows {
			t.buf.WriteString("  ")
			t.buf.WriteString(r.pos)
			t.pad(width(r.pos), posW)
			t.buf.WriteString("  ")
			t.styled(r.levelStyle, r.level)
			t.pad(width(r.level), levelW)
			t.buf.WriteString("  ")
			t.styled(ansiBold, r.rule)
			if r.rest != "" {
				t.pad(width(r.rule), ruleW)
				t.buf.WriteString("  ")
				t.buf.WriteString(r.rest)
			}
			t.buf.WriteByte('\n')
			if r.hint != "" {
				t.buf.WriteString("      ")
				t.buf.WriteString(r.hint)
				t.buf.WriteByte('\n')
			}
		}
		t.buf.WriteByte('\n')
	}
}

func newFindingRow(f finding.Finding, suppressed bool) findingRow {
	r := findingRow{
		pos:        position(f.Location),
		level:      Sanitize(string(f.Level)),
		rule:       Sanitize(f.RuleID),
		levelStyle: levelStyle(f.Level),
	}
	var rest []string
	if msg := cmp.Or(f.Message, f.Title); msg != "" {
		rest = append(rest, Sanitize(msg))
	}
	// The preview is shown unless the message already names it.
	if f.Credential != nil && f.Credential.Preview != "" && !strings.Contains(f.Message, f.Credential.Preview) {
		rest = append(rest, Sanitize(f.Credential.Preview))
	}
	if len(f.Categories) > 0 {
		cats := make([]string, len(f.Categories))
		for i, c := range f.Categories {
			cats[i] = Sanitize(string(c))
		}
		rest = append(rest, "("+strings.Join(cats, ", ")+")")
	}
	r.rest = strings.Join(rest, "  ")
	if suppressed {
		r.hint = suppressionHint(f.Suppression)
	} else {
		r.hint = remediationHint(f.Remediation)
	}
	return r
}

// position is "line:column", "line" or "-" for a finding about a whole file.
func position(loc finding.Location) string {
	switch {
	case loc.StartLine <= 0:
		return "-"
	case loc.StartColumn <= 0:
		return fmt.Sprint(loc.StartLine)
	}
	return fmt.Sprintf("%d:%d", loc.StartLine, loc.StartColumn)
}

func levelStyle(l finding.Level) string {
	switch l {
	case finding.LevelError:
		return ansiRed
	case finding.LevelWarning:
		return ansiYellow
	case finding.LevelNote:
		return ansiCyan
	}
	return ""
}

// remediationHint is the first thing to do about a finding: revoke the key
// if there is one, else move to the short-lived alternative, else rotate.
func remediationHint(rem finding.Remediation) string {
	for _, step := range []struct{ label, text string }{
		{"Revoke", rem.Revoke},
		{"Replace", rem.Replace},
		{"Rotate", rem.Rotate},
	} {
		if s := firstSentence(step.text); s != "" {
			return "→ " + step.label + ": " + Sanitize(s)
		}
	}
	return ""
}

func suppressionHint(s *finding.Suppression) string {
	if s == nil {
		return ""
	}
	h := "suppressed by " + Sanitize(string(s.Kind))
	if s.Source != "" {
		h += " (" + Sanitize(s.Source) + ")"
	}
	if s.Justification != "" {
		h += ": " + Sanitize(s.Justification)
	}
	return h
}

// firstSentence returns the first line of s, cut after its first sentence.
// Remediation texts lead with the action; the rest is in `nhilint explain`.
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && !endsWithAbbreviation(s[:i]) {
			return s[:i+1]
		}
	}
	return s
}

// endsWithAbbreviation reports whether the word before a period is one that
// does not end a sentence ("e.g. the console").
func endsWithAbbreviation(s string) bool {
	lower := strings.ToLower(s)
	for _, abbr := range []string{"e.g", "i.e", "etc", "vs", "cf"} {
		if lower == abbr || strings.HasSuffix(lower, " "+abbr) || strings.HasSuffix(lower, "("+abbr) {
			return true
		}
	}
	return false
}

func (t *textWriter) skips(skips []source.Skip) {
	sorted := slices.Clone(skips)
	slices.SortStableFunc(sorted, func(a, b source.Skip) int { return strings.Compare(a.Path, b.Path) })
	paths := make([]string, len(sorted))
	pathW := 0
	for i, s := range sorted {
		paths[i] = Sanitize(s.Path)
		pathW = max(pathW, width(paths[i]))
	}
	t.buf.WriteString("Skipped files:\n")
	for i, s := range sorted {
		t.buf.WriteString("  ")
		t.buf.WriteString(paths[i])
		t.pad(width(paths[i]), pathW)
		t.buf.WriteString("  ")
		t.buf.WriteString(Sanitize(string(s.Reason)))
		if s.Detail != "" {
			t.buf.WriteString(" (" + Sanitize(s.Detail) + ")")
		}
		t.buf.WriteByte('\n')
	}
	t.buf.WriteByte('\n')
}

// summaryLine is the last line of the text report, e.g.
//
//	3 findings (2 errors, 1 warning) in 2 files; 1 suppressed (1 baseline); 2 files skipped (1 binary, 1 too-large). Scanned 120 files, 1.2 MB.
func summaryLine(run *Run) string {
	sum := run.Summary()
	var b strings.Builder
	if sum.Findings == 0 {
		b.WriteString("No findings")
	} else {
		var levels []string
		for _, lc := range []struct {
			n    int
			noun string
		}{{sum.ByLevel.Error, "error"}, {sum.ByLevel.Warning, "warning"}, {sum.ByLevel.Note, "note"}} {
			if lc.n > 0 {
				levels = append(levels, plural(lc.n, lc.noun))
			}
		}
		b.WriteString(plural(sum.Findings, "finding"))
		if len(levels) > 0 {
			b.WriteString(" (" + strings.Join(levels, ", ") + ")")
		}
		b.WriteString(" in " + plural(len(groupByFile(run.Findings)), "file"))
	}
	if n := len(run.Suppressed); n > 0 {
		fmt.Fprintf(&b, "; %d suppressed", n)
		if kinds := suppressedBreakdown(sum.Suppressed); kinds != "" {
			b.WriteString(" (" + kinds + ")")
		}
	}
	if len(run.Skips) > 0 {
		fmt.Fprintf(&b, "; %s skipped (%s)", plural(len(run.Skips), "file"), skipBreakdown(run.Skips))
	}
	fmt.Fprintf(&b, ". Scanned %s, %s.", plural(sum.Files, "file"), formatBytes(sum.Bytes))
	return b.String()
}

// suppressedBreakdown lists the mechanisms in use, known ones in their fixed
// order and any others after them by name.
func suppressedBreakdown(counts map[finding.SuppressionKind]int) string {
	kinds := slices.Clone(suppressionKinds)
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	var parts []string
	for _, k := range kinds {
		if n := counts[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, Sanitize(string(k))))
		}
	}
	return strings.Join(parts, ", ")
}

// skipBreakdown counts skips by reason, reasons in name order.
func skipBreakdown(skips []source.Skip) string {
	counts := map[source.Reason]int{}
	for _, s := range skips {
		counts[s.Reason]++
	}
	var parts []string
	for _, r := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%d %s", counts[r], Sanitize(string(r))))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// formatBytes uses SI units, like "1.2 MB" and "340 kB".
func formatBytes(n int64) string {
	if n < 1000 {
		return fmt.Sprintf("%d B", n)
	}
	const units = "kMGTPE"
	v := float64(n) / 1000
	i := 0
	for v >= 999.5 && i < len(units)-1 {
		v /= 1000
		i++
	}
	if v < 9.95 {
		return fmt.Sprintf("%.1f %cB", v, units[i])
	}
	return fmt.Sprintf("%.0f %cB", v, units[i])
}

// width is the display width of a sanitized string, counting one column per
// code point; good enough for aligning paths, levels and rule ids.
func width(s string) int { return utf8.RuneCountInString(s) }

// truncateRunes returns at most the first n code points of s.
func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
