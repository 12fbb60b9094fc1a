package suppress

import (
	"bytes"
	"strconv"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// The inline markers. nhilint's takes an optional rule list and reason:
//
//	// nhilint:ignore
//	// nhilint:ignore github-pat,aws-access-key -- test fixture, revoked 2026-01-01
//
// gitleaks' takes nothing and is honoured only on secrets findings, the only
// ones gitleaks could have meant.
const (
	ignoreMarker        = "nhilint:ignore"
	gitleaksAllowMarker = "gitleaks:allow"
	// secretsAnalyzer is the analyzer family gitleaks:allow applies to.
	secretsAnalyzer = "secrets"
)

// Inline returns how an inline comment suppresses fd, or nil. It reads the
// finding's start line and the line above it from f, the file fd was found in.
//
// A nhilint:ignore marker counts anywhere on the start line, and on the line
// above only when that line is nothing but the comment: a marker at the end of
// an unrelated code line silences that line, not the next one. A marker whose
// rule list or trailing text does not parse suppresses nothing, so a typo
// fails closed rather than silencing every rule.
func Inline(f *analyzers.File, fd *finding.Finding) *finding.Suppression {
	n := fd.Location.StartLine
	if n < 1 {
		return nil
	}
	line := f.Line(n)
	if d, ok := parseDirective(line); ok && d.applies(fd.RuleID) {
		return d.suppression(f.Path, n)
	}
	if n > 1 {
		if d, ok := parseDirective(f.Line(n - 1)); ok && d.standalone && d.applies(fd.RuleID) {
			return d.suppression(f.Path, n-1)
		}
	}
	if fd.Analyzer == secretsAnalyzer && bytes.Contains(line, []byte(gitleaksAllowMarker)) {
		return &finding.Suppression{Kind: finding.SuppressedGitleaksAllow, Source: lineSource(f.Path, n)}
	}
	return nil
}

// directive is one nhilint:ignore marker found on a line. Its slices alias
// the line, so parsing allocates nothing.
type directive struct {
	// valid is false for a marker whose text does not parse; it suppresses nothing.
	valid bool
	// standalone reports that only whitespace and comment punctuation
	// precede the marker, so it may apply to the line below.
	standalone bool
	// rules is the raw comma-separated rule list ("a,b" or "a, b"); empty
	// means every rule.
	rules []byte
	// reason is the justification after "--", trimmed.
	reason []byte
}

// parseDirective finds the first nhilint:ignore marker on line and parses it.
// It reports false when the line has no marker. "nhilint:ignored" and the
// like are not markers: the marker must be followed by whitespace, a comment
// closer or the end of the line.
func parseDirective(line []byte) (directive, bool) {
	marker := []byte(ignoreMarker)
	for off := 0; ; {
		i := bytes.Index(line[off:], marker)
		if i < 0 {
			return directive{}, false
		}
		start := off + i
		rest := line[start+len(marker):]
		off = start + len(marker)
		if len(rest) > 0 && !isBlank(rest[0]) && len(trimClosers(rest)) != 0 {
			continue
		}
		d := parseDirectiveText(rest)
		d.standalone = onlyCommentPunctuation(line[:start])
		return d, true
	}
}

// parseDirectiveText parses what follows the marker: [RULE[,RULE...]] [-- REASON].
func parseDirectiveText(text []byte) directive {
	text = trimClosers(text)
	if len(text) == 0 {
		return directive{valid: true}
	}
	if bytes.HasPrefix(text, []byte("--")) {
		return directive{valid: true, reason: bytes.TrimSpace(text[2:])}
	}
	// The rule list: ids separated by commas, with optional blanks after a comma.
	i := 0
	for {
		j := i
		for j < len(text) && !isBlank(text[j]) && text[j] != ',' {
			j++
		}
		if j == i {
			return directive{} // an empty rule id: "a,,b" or "a,"
		}
		k := skipBlanks(text, j)
		if k < len(text) && text[k] == ',' {
			i = skipBlanks(text, k+1)
			continue
		}
		d := directive{valid: true, rules: text[:j]}
		switch after := text[k:]; {
		case len(after) == 0:
		case bytes.HasPrefix(after, []byte("--")):
			d.reason = bytes.TrimSpace(after[2:])
		default:
			// Free text without "--" is ambiguous (a reason, or more rule
			// ids?); refusing it is safer than guessing.
			return directive{}
		}
		return d
	}
}

// applies reports whether the directive silences rule.
func (d directive) applies(rule string) bool {
	if !d.valid {
		return false
	}
	if len(d.rules) == 0 {
		return true
	}
	for rest := d.rules; len(rest) > 0; {
		id := rest
		if c := bytes.IndexByte(rest, ','); c >= 0 {
			id, rest = rest[:c], rest[c+1:]
		} else {
			rest = nil
		}
		if string(trimBlanks(id)) == rule {
			return true
		}
	}
	return false
}

func (d directive) suppression(path string, line int) *finding.Suppression {
	return &finding.Suppression{
		Kind:          finding.SuppressedInline,
		Justification: string(d.reason),
		Source:        lineSource(path, line),
	}
}

func lineSource(path string, line int) string {
	return path + ":" + strconv.Itoa(line)
}

// commentClosers end block comments in common languages: C and CSS, HTML and
// XML, Go and Handlebars templates, Jinja, ERB, OCaml and Pascal, Haskell,
// Lua, PHP. They are not part of a directive's rules or reason.
var commentClosers = [][]byte{
	[]byte("*/"), []byte("-->"), []byte("--}}"), []byte("}}"), []byte("#}"),
	[]byte("-%>"), []byte("%>"), []byte("*)"), []byte("-}"), []byte("]]"), []byte("?>"),
}

// trimClosers removes surrounding blanks and any trailing comment closers.
func trimClosers(b []byte) []byte {
	b = bytes.TrimSpace(b)
	for {
		trimmed := false
		for _, c := range commentClosers {
			if bytes.HasSuffix(b, c) {
				b = bytes.TrimSpace(bytes.TrimRight(b[:len(b)-len(c)], "*"))
				trimmed = true
				break
			}
		}
		if !trimmed {
			return b
		}
	}
}

// onlyCommentPunctuation reports whether b holds nothing but blanks and the
// characters comments open with: // # /* <!-- -- ; % ' :: {{/* {# (* {- --[[
// and Vim's ".
func onlyCommentPunctuation(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\v', '\f', '\r', '/', '#', '*', ';', '%', '!', '<', '-', '\'', '"', '{', '(', '[', ':':
		default:
			return false
		}
	}
	return true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }

func trimBlanks(b []byte) []byte {
	for len(b) > 0 && isBlank(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isBlank(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func skipBlanks(b []byte, i int) int {
	for i < len(b) && isBlank(b[i]) {
		i++
	}
	return i
}
