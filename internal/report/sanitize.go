package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sanitize makes a string that came from scanned content safe to print on a
// terminal. Paths, messages, previews and skip details are all chosen by
// whoever wrote the scanned repository, so without this a file named
// "\x1b]52;c;...\a" could rewrite the clipboard, a newline in a path could
// forge a clean result line, and a bidi override could make a finding read
// backwards (Trojan Source, CVE-2021-42574).
//
// Sanitize escapes, in Go syntax:
//   - C0 controls and DEL (\n, \t, \x1b, \x7f, ...),
//   - C1 controls U+0080–U+009F (\u009b is a one-byte CSI on many terminals),
//   - bidi controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069,
//   - the line and paragraph separators U+2028 and U+2029,
//   - bytes that are not valid UTF-8 (\xff), which a non-UTF-8 terminal would
//     otherwise read as C1 controls.
//
// Everything else, including backslashes, is kept as is so that ordinary
// paths and messages read naturally. A string with nothing to escape is
// returned unchanged, without allocating.
func Sanitize(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case mustEscape(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstUnsafe returns the byte index of the first thing Sanitize escapes, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || mustEscape(r) {
			return i
		}
		i += size
	}
	return -1
}

// mustEscape reports whether a rune can change how a terminal draws what
// follows it (controls, bidi formatting, line breaks).
func mustEscape(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // ALM, LRM, RLM
		return true
	case r >= 0x2028 && r <= 0x202e: // LS, PS, LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

func escapeRune(r rune) string {
	switch r {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	}
	if r < 0x80 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}
