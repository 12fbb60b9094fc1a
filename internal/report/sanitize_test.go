package report

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"internal/app/config.go", "internal/app/config.go"},
		{`C:\Users\dev\key.pem`, `C:\Users\dev\key.pem`},
		{"ünïcödé/路径/ファイル.go", "ünïcödé/路径/ファイル.go"},
		{"ghp_…", "ghp_…"},
		{"emoji 🔑 ok", "emoji 🔑 ok"},
		{"zero\u200bwidth and nbsp\u00a0kept", "zero\u200bwidth and nbsp\u00a0kept"},
		// C0 controls and DEL.
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"a\nb", `a\nb`},
		{"a\r\nb", `a\r\nb`},
		{"tab\there", `tab\there`},
		{"\a\b\f\v", `\a\b\f\v`},
		{"nul\x00byte", `nul\x00byte`},
		{"\x01\x1f\x7f", `\x01\x1f\x7f`},
		{"\x1b]52;c;ZXZpbA==\a", `\x1b]52;c;ZXZpbA==\a`},
		// C1 controls, as runes.
		{"\u0080\u0085\u009b2J\u009f", `\u0080\u0085\u009b2J\u009f`},
		// Bidi controls (Trojan Source) and line separators.
		{"txt\u202egpj.exe", `txt\u202egpj.exe`},
		{"\u202a\u202b\u202c\u202d\u202e", `\u202a\u202b\u202c\u202d\u202e`},
		{"\u2066\u2067\u2068\u2069", `\u2066\u2067\u2068\u2069`},
		{"\u200e\u200f\u061c", `\u200e\u200f\u061c`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		// Invalid UTF-8, including a raw 8-bit CSI byte.
		{"\x9b2J", `\x9b2J`},
		{"bad\xff\xfe", `bad\xff\xfe`},
		{"cut\xe2\x80", `cut\xe2\x80`},
		// Neighbours of escaped ranges stay.
		{"\u00a0\u202f\u2065\u206a\u2027", "\u00a0\u202f\u2065\u206a\u2027"},
		// Escaping is applied after a safe prefix and between runes.
		{"ok/\x1bé\u202e!", `ok/\x1bé\u202e!`},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSanitizeSafeStringNotCopied(t *testing.T) {
	s := strings.Repeat("safe/path.go ", 10)
	if n := testing.AllocsPerRun(100, func() { _ = Sanitize(s) }); n != 0 {
		t.Errorf("Sanitize of a safe string allocated %v times", n)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, seed := range []string{
		"", "plain/path.go", "\x1b[31m", "a\nb", "\u202e", "\u2066x\u2069", "\u0085", "\x9b", "\xff\xfe",
		"é\u200f", "\u2028", "\x00\x7f", `\x1b`, "ghp_…",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Sanitize(%q) = %q is not valid UTF-8", s, got)
		}
		for _, r := range got {
			if unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("Sanitize(%q) = %q contains %U", s, got, r)
			}
		}
		if again := Sanitize(got); again != got {
			t.Fatalf("Sanitize is not idempotent: %q -> %q -> %q", s, got, again)
		}
		if firstUnsafe(s) < 0 && got != s {
			t.Fatalf("Sanitize changed a safe string: %q -> %q", s, got)
		}
		if len(got) < len(s) {
			t.Fatalf("Sanitize dropped content: %q -> %q", s, got)
		}
	})
}

// isBidiControl is written independently of mustEscape, from the Unicode
// Bidi_Control property, so the fuzz test does not trust the code it checks.
func isBidiControl(r rune) bool {
	return unicode.Is(unicode.Bidi_Control, r)
}
