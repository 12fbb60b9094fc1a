package secrets

import (
	"strings"

	glreport "github.com/zricethezav/gitleaks/v8/report"

	"github.com/nhilint/nhilint/analyzers"
)

// locate turns a gitleaks finding into byte offsets [start, end) of the
// secret itself. gitleaks' positions need correcting (detect/location.go,
// gitleaks issue #1424):
//
//   - lines from Detect on a fragment with StartLine 0 are 0-based;
//   - on every line after the first, StartColumn is one too high, because it
//     is measured from the newline byte instead of the first byte of the line;
//   - EndColumn is inclusive on the first line and exclusive on later ones;
//   - columns count bytes, not characters;
//   - the position is that of the whole match, not of the secret group.
//
// We recover the byte offsets of the match from its line and columns, check
// them against the match text, and narrow them to the secret. A match found
// in decoded content (base64, hex, percent) is not present verbatim: then we
// keep gitleaks' span of the encoded text and report the encoding.
func locate(f *analyzers.File, gf glreport.Finding) (start, end int, decoded string) {
	decoded = decodedEncoding(gf.Tags)
	start = lineOffset(f, gf.StartLine) + gf.StartColumn - 1
	end = lineOffset(f, gf.EndLine) + gf.EndColumn
	if gf.StartLine > 0 {
		start-- // the column was counted from the preceding newline
	}
	if gf.EndLine > 0 {
		end--
	}
	start = min(max(start, 0), len(f.Content))
	end = min(max(end, start), len(f.Content))
	if decoded != "" {
		return start, end, decoded
	}
	if string(f.Content[start:end]) != gf.Match {
		// Defensive: search the match near the reported line.
		if i := indexNear(f.Content, gf.Match, lineOffset(f, gf.StartLine)); i >= 0 {
			start, end = i, i+len(gf.Match)
		} else {
			return start, end, ""
		}
	}
	if i := strings.Index(gf.Match, gf.Secret); i >= 0 && gf.Secret != "" {
		start += i
		end = start + len(gf.Secret)
	}
	return start, end, ""
}

// lineOffset returns the byte offset of 0-based line n.
func lineOffset(f *analyzers.File, n int) int {
	off := f.LineStart(n + 1)
	if off < 0 {
		return len(f.Content)
	}
	return off
}

func indexNear(content []byte, match string, from int) int {
	if match == "" || from > len(content) {
		return -1
	}
	i := strings.Index(string(content[from:]), match)
	if i < 0 {
		return -1
	}
	return from + i
}

func decodedEncoding(tags []string) string {
	for _, t := range tags {
		if enc, ok := strings.CutPrefix(t, "decoded:"); ok {
			return enc
		}
	}
	return ""
}
