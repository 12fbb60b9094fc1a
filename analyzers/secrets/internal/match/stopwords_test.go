package match

import (
	"testing"

	glconfig "github.com/zricethezav/gitleaks/v8/config"
)

// FuzzStopwordsAreGitleaks checks the compact trie against gitleaks'
// Allowlist.ContainsStopWord on the same lists.
func FuzzStopwordsAreGitleaks(f *testing.F) {
	f.Add("abc", "Xab", "xxABCyy")
	f.Add("000000", "a", "b0000")
	f.Add("", "abc", "zzz")
	f.Add("aa", "aab", "aaab")
	f.Fuzz(func(t *testing.T, w1, w2, secret string) {
		a := &glconfig.Allowlist{StopWords: []string{w1, w2, "abcdefghijklmnopqrstuvwxyz"}}
		if err := a.Validate(); err != nil {
			t.Fatal(err)
		}
		want, _ := a.ContainsStopWord(secret)
		m := &Matcher{}
		if got := m.containsStopWord(a, secret); got != want {
			t.Errorf("containsStopWord(%q) over %q = %v, gitleaks says %v", secret, a.StopWords, got, want)
		}
	})
}

func TestStopwordTrie(t *testing.T) {
	words := []string{"key", "keys", "secret", "sec", "aab", "b"}
	nodes, edges := buildStopwordTrie(words)
	s := &stopwordSet{nodes: nodes, edges: edges}
	for in, want := range map[string]bool{
		"":        false,
		"ke":      false,
		"xkey":    true,
		"secre":   true,
		"se":      false,
		"aaab":    true,
		"aaa":     false,
		"zzzzzzb": true,
		"kex":     false,
	} {
		if got := s.contains(in); got != want {
			t.Errorf("contains(%q) = %v, want %v", in, got, want)
		}
	}
	if len(nodes) != 15 {
		t.Errorf("%d nodes, want 15 (one per distinct prefix, with the root)", len(nodes))
	}
}
