package match

import (
	"fmt"
	"slices"
	"testing"
)

func TestShapeOf(t *testing.T) {
	tests := []struct {
		expr     string
		keywords []string
		want     string
	}{
		{`ghp_[0-9a-zA-Z]{36}`, []string{"ghp_"}, "kw=true before={4 0} after={40 0} windowed=true"},
		// The parser factors the keywords into sec(?:ret|ure); under (?i), s
		// may be ſ (2 bytes) and [a-z] may be K (3 bytes).
		{`(?i)(?:secret|secure)=[a-z]{8}`, []string{"secret", "secure"}, "kw=true before={32 0} after={32 0} windowed=true"},
		{`(?i)(?:secret|token)=\w+`, []string{"secret"}, "kw=false before={-1 0} after={-1 0} windowed=false"},
		{`(?i)key\s{0,2}=\s?[a-f0-9]+`, []string{"key"}, "kw=true before={5 0} after={-1 3} windowed=true"},
		{`-----BEGIN[\s\S]*?KEY-----`, []string{"-----begin"}, "kw=true before={10 0} after={-1 -1} windowed=false"},
		{`[a-z]+key`, []string{"key"}, "kw=true before={-1 0} after={3 0} windowed=true"},
		{`(`, []string{"x"}, "kw=false before={0 0} after={0 0} windowed=false"},
	}
	for _, tt := range tests {
		s := shapeOf(tt.expr, tt.keywords)
		b := func(n int) int {
			if n == unbounded {
				return -1
			}
			return n
		}
		got := fmt.Sprintf("kw=%v before={%d %d} after={%d %d} windowed=%v", s.needsKeyword,
			b(s.before.bytes), b(s.before.newlines), b(s.after.bytes), b(s.after.newlines), s.windowed())
		if got != tt.want {
			t.Errorf("shapeOf(%q) = %s, want %s", tt.expr, got, tt.want)
		}
	}
}

func TestAlphabet(t *testing.T) {
	s := shapeOf(`key=[a-c]+`, []string{"key"})
	var got []byte
	for c := 0; c < 256; c++ {
		if s.alphabet.has(byte(c)) {
			got = append(got, byte(c))
		}
	}
	if string(got) != "=abceky" {
		t.Errorf("alphabet = %q, want %q", got, "=abceky")
	}
}

func TestKeywordAutomaton(t *testing.T) {
	a := newKeywordAutomaton([]string{"key", "api", "apikey", "ke"})
	var got []string
	for _, h := range a.find("xAPIKey KE\xffapi", nil) {
		got = append(got, fmt.Sprintf("%s@%d", a.keywords[h.keyword], h.end))
	}
	want := []string{"api@4", "ke@6", "apikey@7", "key@7", "ke@10", "api@14"}
	if !slices.Equal(got, want) {
		t.Errorf("find = %v, want %v", got, want)
	}
}
