package secrets

import (
	"strings"

	glreport "github.com/zricethezav/gitleaks/v8/report"
)

// fragment is the text of one detector call, with its line starts built on
// demand to turn gitleaks' line and column back into byte offsets.
type fragment struct {
	raw   string
	lines []int
}

// lineStart returns the byte offset of 0-based line n of the fragment.
func (fr *fragment) lineStart(n int) int {
	if fr.lines == nil {
		fr.lines = []int{0}
		for i := 0; i < len(fr.raw); i++ {
			if fr.raw[i] == '\n' {
				fr.lines = append(fr.lines, i+1)
			}
		}
	}
	if n < 0 {
		return 0
	}
	if n >= len(fr.lines) {
		return len(fr.raw)
	}
	return fr.lines[n]
}

// locate turns a gitleaks finding into byte offsets [start, end) of the
// secret itself within the fragment. gitleaks' positions need correcting
// (detect/location.go, gitleaks issue #1424):
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
func locate(fr *fragment, gf glreport.Finding) (start, end int, decoded string) {
	decoded = decodedEncoding(gf.Tags)
	start = fr.lineStart(gf.StartLine) + gf.StartColumn - 1
	end = fr.lineStart(gf.EndLine) + gf.EndColumn
	if gf.StartLine > 0 {
		start-- // the column was counted from the preceding newline
	}
	if gf.EndLine > 0 {
		end--
	}
	start = min(max(start, 0), len(fr.raw))
	end = min(max(end, start), len(fr.raw))
	if decoded != "" {
		return start, end, decoded
	}
	if fr.raw[start:end] != gf.Match {
		// Defensive: search for the match from its reported line.
		from := fr.lineStart(gf.StartLine)
		i := strings.Index(fr.raw[from:], gf.Match)
		if gf.Match == "" || i < 0 {
			return start, end, ""
		}
		start, end = from+i, from+i+len(gf.Match)
	}
	if i := strings.Index(gf.Match, gf.Secret); i >= 0 && gf.Secret != "" {
		start += i
		end = start + len(gf.Secret)
	}
	return start, end, ""
}

func decodedEncoding(tags []string) string {
	for _, t := range tags {
		if enc, ok := strings.CutPrefix(t, "decoded:"); ok {
			return enc
		}
	}
	return ""
}
