package suppress

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nhilint/nhilint/internal/finding"
)

// baselineHeader opens every baseline. Its first line carries the format
// version, which ParseBaseline checks.
const baselineHeader = `# nhilint baseline v1 — one finding per line: <fingerprint> <rule-id> <path>
# Findings listed here are reported as suppressed, not as failures.
# Regenerate with: nhilint baseline FILE
`

const baselineVersionPrefix = "# nhilint baseline "

// Baseline is a set of accepted findings, so a project can adopt nhilint
// and fail only on new findings. It is keyed by fingerprint and path, never
// by line, and written sorted without timestamps: moving code does not
// change it and concurrent edits rarely conflict.
type Baseline struct {
	name string
	// atPath holds entries with a path; anyPath holds hand-written
	// fingerprint-only entries, which match wherever the finding is.
	atPath  map[baselineKey]struct{}
	anyPath map[string]struct{}
}

type baselineKey struct{ fingerprint, path string }

// baselineEntry is one line of a baseline file.
type baselineEntry struct {
	fingerprint, rule, path string
	// anyPath marks a hand-written fingerprint-only entry.
	anyPath bool
}

// WriteBaseline writes a baseline accepting findings: a header, then one
// "<fingerprint> <rule-id> <path>" line per distinct finding, sorted by
// path, rule and fingerprint. The output depends only on the set of
// findings, not on their order or lines. Paths that would not survive a
// round trip as plain text (blanks, control characters, quotes, invalid
// UTF-8) are written as Go-quoted strings.
func WriteBaseline(w io.Writer, findings []finding.Finding) error {
	entries := make([]baselineEntry, 0, len(findings))
	for i := range findings {
		fd := &findings[i]
		e := baselineEntry{fingerprint: strings.ToLower(fd.Fingerprint), rule: fd.RuleID, path: fd.Location.Path}
		switch {
		case !isFingerprint(e.fingerprint):
			return fmt.Errorf("writing baseline: finding %s at %s has no valid fingerprint (%q)", e.rule, quotePath(e.path), e.fingerprint)
		case !isRuleID(e.rule):
			return fmt.Errorf("writing baseline: finding at %s has an invalid rule id %q", quotePath(e.path), e.rule)
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b baselineEntry) int {
		return cmp.Or(strings.Compare(a.path, b.path), strings.Compare(a.rule, b.rule), strings.Compare(a.fingerprint, b.fingerprint))
	})
	entries = slices.Compact(entries)

	bw := bufio.NewWriter(w)
	bw.WriteString(baselineHeader)
	for _, e := range entries {
		bw.WriteString(e.fingerprint)
		bw.WriteByte(' ')
		bw.WriteString(e.rule)
		bw.WriteByte(' ')
		bw.WriteString(quotePath(e.path))
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}

// quotePath returns p as written in a baseline: unchanged when it reads
// back the same as the rest of a line, Go-quoted otherwise.
func quotePath(p string) string {
	q := strconv.Quote(p)
	// Quote escapes control characters, quotes, backslashes, invalid UTF-8
	// and blanks other than ' ', so only ' ' and "" need a word here.
	if p == "" || strings.Contains(p, " ") || q[1:len(q)-1] != p {
		return q
	}
	return p
}

// LoadBaseline reads the baseline file at path.
func LoadBaseline(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("loading baseline: %w", err)
	}
	defer f.Close()
	return ParseBaseline(f, path)
}

// ParseBaseline reads a baseline from r; name is the file name that errors
// and suppression sources show. Blank lines and lines starting with "#" are
// ignored. Besides the "<fingerprint> <rule-id> <path>" lines WriteBaseline
// writes, it accepts a bare "<fingerprint>", which matches at any path. Any
// other line is an error naming file:line, because a baseline that silently
// matches less than intended would fail builds for the wrong reason.
func ParseBaseline(r io.Reader, name string) (*Baseline, error) {
	b := &Baseline{name: name, atPath: map[baselineKey]struct{}{}, anyPath: map[string]struct{}{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxEntryLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF") // tolerate a BOM from Windows editors
		}
		if v, ok := baselineVersion(line); ok && v != "v1" {
			return nil, fmt.Errorf("%s:%d: unsupported baseline version %q (this nhilint reads v1)", name, n, v)
		}
		if line == "" || line[0] == '#' {
			continue
		}
		e, err := parseBaselineEntry(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if e.anyPath {
			b.anyPath[e.fingerprint] = struct{}{}
		} else {
			b.atPath[baselineKey{e.fingerprint, e.path}] = struct{}{}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return b, nil
}

// baselineVersion returns the version a header comment such as
// "# nhilint baseline v1 — ..." declares.
func baselineVersion(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, baselineVersionPrefix)
	if !ok {
		return "", false
	}
	v, _, _ := strings.Cut(rest, " ")
	if len(v) < 2 || v[0] != 'v' || strings.Trim(v[1:], "0123456789") != "" {
		return "", false
	}
	return v, true
}

var errJSONBaseline = errors.New("this looks like a JSON report, not an nhilint baseline; create one with: nhilint baseline FILE")

// parseBaselineEntry parses a trimmed, non-comment line.
func parseBaselineEntry(line string) (baselineEntry, error) {
	if line[0] == '{' || line[0] == '[' {
		return baselineEntry{}, errJSONBaseline
	}
	fp, rest := cutBlank(line)
	if !isFingerprint(fp) {
		return baselineEntry{}, fmt.Errorf("%q is not a fingerprint (hex digits)", fp)
	}
	e := baselineEntry{fingerprint: strings.ToLower(fp)}
	if rest == "" {
		e.anyPath = true
		return e, nil
	}
	e.rule, rest = cutBlank(rest)
	if !isRuleID(e.rule) {
		return baselineEntry{}, fmt.Errorf("%q is not a rule id", e.rule)
	}
	if rest == "" {
		return baselineEntry{}, fmt.Errorf("entry has a rule id but no path; want <fingerprint> <rule-id> <path>, or <fingerprint> alone")
	}
	if rest[0] != '"' {
		// Hand-written paths may hold inner blanks; the line was trimmed.
		e.path = rest
		return e, nil
	}
	q, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return baselineEntry{}, fmt.Errorf("path %s is not a valid quoted string", rest)
	}
	if tail := strings.TrimSpace(rest[len(q):]); tail != "" {
		return baselineEntry{}, fmt.Errorf("unexpected %q after the quoted path", tail)
	}
	e.path, _ = strconv.Unquote(q)
	return e, nil
}

// cutBlank splits s at its first run of blanks.
func cutBlank(s string) (field, rest string) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], " \t")
}

// isFingerprint accepts the hex fingerprints finding computes, in either case.
func isFingerprint(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

// isRuleID accepts any printable rule id without blanks or quotes.
func isRuleID(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r == ' ' || r == '"' || r == utf8.RuneError || !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// Match returns a baseline suppression when fd's fingerprint is in the
// baseline at fd's path, or in a fingerprint-only entry; otherwise nil.
func (b *Baseline) Match(fd *finding.Finding) *finding.Suppression {
	if b == nil || fd.Fingerprint == "" {
		return nil
	}
	if _, ok := b.atPath[baselineKey{fd.Fingerprint, fd.Location.Path}]; !ok {
		if _, ok := b.anyPath[fd.Fingerprint]; !ok {
			return nil
		}
	}
	return &finding.Suppression{Kind: finding.SuppressedBaseline, Source: b.name}
}

// Len returns the number of distinct entries.
func (b *Baseline) Len() int {
	if b == nil {
		return 0
	}
	return len(b.atPath) + len(b.anyPath)
}
