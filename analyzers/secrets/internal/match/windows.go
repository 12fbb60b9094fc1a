package match

import (
	"slices"
	"sort"
)

// Why a rule's matches in its windows are its matches in the whole text.
//
// Let r be a rule whose shape is windowed: every string it matches contains
// one of its keywords (ASCII case ignored), consists of bytes of its
// alphabet, and reaches at most Bb bytes and Nb lines back from the keyword
// and at most Ba bytes and Na lines forward (any bound may be infinite).
// Go's FindAll reports leftmost-first matches, each search starting where
// the previous match ended.
//
// Every match m of r in the text T contains a keyword hit [k, e). So m lies
// in the hit's core: m starts at or after e-Bb and ends at or before k+Ba;
// it starts no earlier than the start of the line Nb lines above k's and
// ends no later than the newline that ends the line Na lines below e-1's
// (that newline itself excluded); and it lies within the run of alphabet
// bytes around the hit. A window is the union of overlapping cores widened
// by one byte on each side; windows are disjoint and no match of r in T
// touches a window's first or last byte.
//
// Searching the window text W = T[a:b] instead of T changes only what
// depends on text outside W: \b and ^ at a, \b and $ at b, and reading past
// b. A match in W that starts after a and ends before b is decided by the
// bytes of W alone, so it is a match in T at the same start, and vice versa.
// T's search enters W between matches (no match of r straddles a), so both
// searches visit the same starts in the same order and report the same
// matches. A match in W touching a or b would be one without a counterpart
// in T; the shape proof says there is none, and findAll falls back to the
// whole text should one appear.
//
// After decoding, gitleaks keeps only matches that overlap decoded text, so
// windows that touch none are skipped.

// window is the span [start, end) of the text searched for one rule.
type window struct{ start, end int }

// windows returns r's windows in the current text, in order.
func (s *scan) windows(r *rule) []window {
	ws := s.bufs.windows[:0]
	var newlines []int
	if r.before.newlines != unbounded || r.after.newlines != unbounded {
		newlines = s.textNewlines()
	}
	text, n := s.text, len(s.text)
	known := span{-1, -1} // text[known.a:known.b] are all alphabet bytes
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
		// The run of alphabet bytes around the hit. Hits are close to one
		// another where keywords are common, so the scan starts past the
		// bytes already known to be in the alphabet.
		l := start
		if known.a <= start && start <= known.b {
			l = min(max(known.a, lo), start)
		}
		for l > lo && r.alphabet.has(text[l-1]) {
			l--
		}
		h := end
		if known.a <= end && end <= known.b {
			h = max(min(known.b, hi), end)
		}
		for h < hi && r.alphabet.has(text[h]) {
			h++
		}
		ws = append(ws, window{max(l-1, 0), min(h+1, n)})
		// Now text[l:start] and text[end:h] are alphabet bytes, and so is
		// text[l:h] when the keyword's bytes are.
		run := span{end, h}
		if r.allInAlphabet(text[start:end]) {
			run.a = l
		}
		if run.a <= known.b && known.a <= run.b {
			known = span{min(known.a, run.a), max(known.b, run.b)}
		} else {
			known = run
		}
	}
	slices.SortFunc(ws, func(x, y window) int { return x.start - y.start })
	merged := ws[:0]
	for _, w := range ws {
		if k := len(merged) - 1; k >= 0 && w.start <= merged[k].end {
			merged[k].end = max(merged[k].end, w.end)
			continue
		}
		merged = append(merged, w)
	}
	s.bufs.windows = merged
	return merged
}

// span is the text from a to b.
type span struct{ a, b int }

// allInAlphabet reports whether every byte of s is in r's alphabet.
func (r *rule) allInAlphabet(s string) bool {
	for i := 0; i < len(s); i++ {
		if !r.alphabet.has(s[i]) {
			return false
		}
	}
	return true
}

// lineOf is the 0-based line holding offset off.
func lineOf(newlines []int, off int) int {
	return sort.SearchInts(newlines, off)
}

// lineStart is the offset where 0-based line l starts.
func lineStart(newlines []int, l int) int {
	if l <= 0 { // also a line above the first
		return 0
	}
	if l > len(newlines) {
		l = len(newlines)
	}
	return newlines[l-1] + 1
}

// lineEnd is the offset of the newline ending 0-based line l, or n for the
// last line.
func lineEnd(newlines []int, l, n int) int {
	if l >= len(newlines) {
		return n
	}
	return newlines[l]
}
