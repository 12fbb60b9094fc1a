package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveWindows is windows without the memory of the alphabet bytes already
// seen: every hit's run is scanned in full.
func naiveWindows(s *scan, r *rule) []window {
	var ws []window
	newlines := s.textNewlines()
	text, n := s.text, len(s.text)
	for _, h := range s.bufs.hits {
		if !r.keywordIDs[h.keyword] {
			continue
		}
		end := int(h.end)
		start := end - len(s.m.keywords.keywords[h.keyword])
		lo, hi := 0, n
		if r.before.bytes != unbounded {
			lo = max(end-r.before.bytes, 0)
		}
		if r.after.bytes != unbounded {
			hi = min(start+r.after.bytes, n)
		}
		if r.before.newlines != unbounded {
			lo = max(lo, lineStart(newlines, lineOf(newlines, start)-r.before.newlines))
		}
		if r.after.newlines != unbounded {
			hi = min(hi, lineEnd(newlines, lineOf(newlines, end-1)+r.after.newlines, n))
		}
		l := start
		for l > lo && r.alphabet.has(text[l-1]) {
			l--
		}
		h := end
		for h < hi && r.alphabet.has(text[h]) {
			h++
		}
		ws = append(ws, window{max(l-1, 0), min(h+1, n)})
	}
	slices.SortFunc(ws, func(x, y window) int { return x.start - y.start })
	var merged []window
	for _, w := range ws {
		if k := len(merged) - 1; k >= 0 && w.start <= merged[k].end {
			merged[k].end = max(merged[k].end, w.end)
			continue
		}
		merged = append(merged, w)
	}
	return merged
}

// Texts dense in keywords, with bytes inside and outside the rules'
// alphabets, give the same windows as scanning every run in full.
func TestWindowsSkipKnownAlphabetBytes(t *testing.T) {
	_, m := setup(t)
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"key", "KEY", "token", "api_", "secret", "hvs.", "s.", "AKIA", "ghp_", "xoxb-",
		"=", ": ", "\"", "'", " ", "\n", "\t", ",", ";", "\\n", "-", ".", "/", "+", "\u00e9", "\xff",
		"a1B2c3D4e5", "0123456789abcdef", "ZZZZZZZZZZZZZZZZZZZZ"}
	checked := 0
	for range 300 {
		var b strings.Builder
		for b.Len() < 2000 {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := scan{m: m, frag: Fragment{Raw: b.String()}}
		s.setText(s.frag.Raw, nil, 0)
		for _, r := range m.rules {
			r.analysed()
			if !r.windowed || !s.triggered(r) {
				continue
			}
			want := naiveWindows(&s, r)
			if got := s.windows(r); !slices.Equal(got, want) {
				t.Fatalf("%s: windows %v, want %v", r.RuleID, got, want)
			}
			checked++
		}
		s.release()
	}
	if checked < 1000 {
		t.Errorf("only %d rule windows compared", checked)
	}
}
