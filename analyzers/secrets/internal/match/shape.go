package match

import (
	"math"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unbounded stands for "no finite bound" in shape.
const unbounded = math.MaxInt

// shape is what the matcher needs to know about a rule's regular expression
// to search it near keyword hits only, derived from its syntax tree without
// regard to assertions (which only narrow what matches):
//
//   - needsKeyword: every string the expression matches contains one of the
//     rule's keywords, compared in ASCII lower case;
//   - maxBytes: the longest match in bytes, or unbounded;
//   - maxNewlines: the most '\n' bytes a match can contain, or unbounded.
//
// A match therefore lies within maxBytes of a keyword hit and within
// maxNewlines lines of the hit's line; when either bound is finite, the
// expression need only run on windows around the hits.
type shape struct {
	needsKeyword bool
	// The bounds, split at the keyword: a match starts at most before.bytes
	// bytes before the end of the keyword hit it contains and at most
	// before.newlines lines above it, and ends at most after.bytes bytes
	// after the start of the hit and after.newlines lines below it.
	before, after extent
	// alphabet holds every byte a match can contain: a match lies within
	// the run of alphabet bytes around its keyword.
	alphabet byteSet
}

// extent bounds part of a match.
type extent struct{ bytes, newlines int }

// windowed reports whether the rule can be searched around keyword hits.
func (s shape) windowed() bool {
	bounded := func(e extent) bool { return e.bytes != unbounded || e.newlines != unbounded }
	return s.needsKeyword && (bounded(s.before) && bounded(s.after) || s.alphabet != allBytes)
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (b *byteSet) add(c byte)      { b[c>>6] |= 1 << (c & 63) }
func (b *byteSet) has(c byte) bool { return b[c>>6]&(1<<(c&63)) != 0 }
func (b *byteSet) addRange(lo, hi byte) {
	for c := int(lo); c <= int(hi); c++ {
		b.add(byte(c))
	}
}
func (b *byteSet) union(o byteSet) {
	for i := range b {
		b[i] |= o[i]
	}
}

var allBytes = byteSet{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}

// addRune adds the bytes of r's encoding; a rune outside ASCII adds every
// byte from 0x80 (Go matches an invalid byte as U+FFFD, so any of them).
func (b *byteSet) addRune(r rune) {
	if r < utf8.RuneSelf {
		b.add(byte(r))
		return
	}
	b.addRange(0x80, 0xff)
}

// maxExactStrings caps the finite string sets tracked while proving that a
// keyword is required: (?:sec(?:ret|ure)) needs its cross product.
const maxExactStrings = 64

// shapeOf analyses expr as regexp.Compile parses it. keywords must be in
// lower case.
func shapeOf(expr string, keywords []string) shape {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return shape{} // not windowed: needsKeyword is false
	}
	for _, k := range keywords {
		if k == "" || !isASCII(k) {
			keywords = nil // a keyword we cannot find by byte-wise lowering
			break
		}
	}
	a := analyzer{keywords: keywords}
	n := a.node(re)
	sh := shape{
		needsKeyword: len(keywords) > 0 && n.needsKeyword,
		before:       extent{n.maxBytes, n.maxNewlines},
		after:        extent{n.maxBytes, n.maxNewlines},
		alphabet:     alphabet(re),
	}
	// In a sequence, the keyword lies in the first part that needs one:
	// what comes before that part bounds how far a match reaches back.
	top := re
	for top.Op == syntax.OpCapture {
		top = top.Sub[0]
	}
	if top.Op == syntax.OpConcat {
		parts := make([]facts, len(top.Sub))
		for i, sub := range top.Sub {
			parts[i] = a.node(sub)
		}
		for i, p := range parts {
			if !p.needsKeyword {
				continue
			}
			sh.before, sh.after = extent{}, extent{}
			for j, q := range parts {
				if j <= i {
					sh.before = extent{addBound(sh.before.bytes, q.maxBytes), addBound(sh.before.newlines, q.maxNewlines)}
				}
				if j >= i {
					sh.after = extent{addBound(sh.after.bytes, q.maxBytes), addBound(sh.after.newlines, q.maxNewlines)}
				}
			}
			break
		}
	}
	return sh
}

// alphabet is the set of bytes that strings matched by re can contain.
func alphabet(re *syntax.Regexp) byteSet {
	var b byteSet
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			b.addRune(r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					b.addRune(f)
				}
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo < utf8.RuneSelf {
				b.addRange(byte(lo), byte(min(hi, utf8.RuneSelf-1)))
			}
			if hi >= utf8.RuneSelf {
				b.addRange(0x80, 0xff)
			}
		}
	case syntax.OpAnyCharNotNL:
		b = allBytes
		b[0] &^= 1 << '\n'
	case syntax.OpAnyChar:
		b = allBytes
	default:
		for _, sub := range re.Sub {
			b.union(alphabet(sub))
		}
	}
	return b
}

type analyzer struct{ keywords []string }

// facts describe one node of the syntax tree. exact, when not nil, is the
// finite set of lower-cased strings the node matches.
type facts struct {
	needsKeyword bool
	exact        []string
	maxBytes     int
	maxNewlines  int
}

func (a *analyzer) hasKeyword(s string) bool {
	for _, k := range a.keywords {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

func (a *analyzer) allHaveKeyword(set []string) bool {
	if len(set) == 0 {
		return false
	}
	for _, s := range set {
		if !a.hasKeyword(s) {
			return false
		}
	}
	return true
}

func (a *analyzer) node(re *syntax.Regexp) facts {
	switch re.Op {
	case syntax.OpNoMatch:
		// Matches nothing, so every match (there are none) has a keyword.
		return facts{needsKeyword: true}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return facts{exact: []string{""}}
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		var b strings.Builder
		f := facts{}
		for _, r := range re.Rune {
			f.maxBytes += maxRuneBytes(r, fold)
			if r == '\n' {
				f.maxNewlines++
			}
			b.WriteRune(lowerASCII(r))
		}
		f.exact = []string{b.String()}
		f.needsKeyword = a.hasKeyword(f.exact[0])
		return f
	case syntax.OpCharClass:
		f := facts{}
		size := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			f.maxBytes = max(f.maxBytes, runeBytes(hi))
			if lo <= '\n' && '\n' <= hi {
				f.maxNewlines = 1
			}
			size += int(hi-lo) + 1
		}
		if size <= 2*maxExactStrings {
			seen := map[rune]bool{}
			for i := 0; i+1 < len(re.Rune); i += 2 {
				for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
					if l := lowerASCII(r); !seen[l] {
						seen[l] = true
						f.exact = append(f.exact, string(l))
					}
				}
			}
			f.needsKeyword = a.allHaveKeyword(f.exact)
		}
		return f
	case syntax.OpAnyCharNotNL:
		return facts{maxBytes: utf8.UTFMax}
	case syntax.OpAnyChar:
		return facts{maxBytes: utf8.UTFMax, maxNewlines: 1}
	case syntax.OpCapture:
		return a.node(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		return a.repeat(re)
	case syntax.OpConcat:
		return a.concat(re.Sub)
	case syntax.OpAlternate:
		f := facts{needsKeyword: true}
		var set []string
		exact := true
		for _, sub := range re.Sub {
			s := a.node(sub)
			f.needsKeyword = f.needsKeyword && s.needsKeyword
			f.maxBytes = max(f.maxBytes, s.maxBytes)
			f.maxNewlines = max(f.maxNewlines, s.maxNewlines)
			if s.exact == nil || len(set)+len(s.exact) > maxExactStrings {
				exact = false
			} else {
				set = append(set, s.exact...)
			}
		}
		if exact {
			f.exact = set
			f.needsKeyword = f.needsKeyword || a.allHaveKeyword(set)
		}
		return f
	}
	return facts{maxBytes: unbounded, maxNewlines: unbounded}
}

func (a *analyzer) repeat(re *syntax.Regexp) facts {
	lo, hi := re.Min, re.Max
	switch re.Op {
	case syntax.OpStar:
		lo, hi = 0, -1
	case syntax.OpPlus:
		lo, hi = 1, -1
	case syntax.OpQuest:
		lo, hi = 0, 1
	}
	s := a.node(re.Sub[0])
	f := facts{
		needsKeyword: lo >= 1 && s.needsKeyword,
		maxBytes:     mulBound(s.maxBytes, hi),
		maxNewlines:  mulBound(s.maxNewlines, hi),
	}
	if lo == 0 && hi == 1 && s.exact != nil && len(s.exact) < maxExactStrings {
		f.exact = append([]string{""}, s.exact...)
	}
	return f
}

// concat joins adjacent finite string sets, so that a keyword split across
// literals ("sec" then "ret|ure") is still seen.
func (a *analyzer) concat(subs []*syntax.Regexp) facts {
	f := facts{exact: []string{""}}
	run := []string{""} // the cross product of the current run of exact children
	for _, sub := range subs {
		s := a.node(sub)
		f.maxBytes = addBound(f.maxBytes, s.maxBytes)
		f.maxNewlines = addBound(f.maxNewlines, s.maxNewlines)
		f.needsKeyword = f.needsKeyword || s.needsKeyword
		if s.exact != nil && len(run)*len(s.exact) <= maxExactStrings {
			next := make([]string, 0, len(run)*len(s.exact))
			for _, x := range run {
				for _, y := range s.exact {
					next = append(next, x+y)
				}
			}
			run = next
			f.needsKeyword = f.needsKeyword || a.allHaveKeyword(run)
			continue
		}
		f.exact = nil
		run = []string{""}
		if s.exact != nil {
			run = s.exact // too many to join with what came before; start again
			f.needsKeyword = f.needsKeyword || a.allHaveKeyword(run)
		}
	}
	if f.exact != nil {
		f.exact = run
	}
	return f
}

func addBound(x, y int) int {
	if x == unbounded || y == unbounded {
		return unbounded
	}
	return x + y
}

// mulBound is the bound of up to n repetitions; n < 0 means no upper limit.
func mulBound(x, n int) int {
	switch {
	case x == 0 || n == 0:
		return 0
	case n < 0 || x == unbounded:
		return unbounded
	}
	return x * n
}

// runeBytes is how many bytes of input a rune consumes: its UTF-8 length;
// invalid bytes match as U+FFFD one byte at a time, so no rune takes more.
func runeBytes(r rune) int {
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return utf8.UTFMax
}

// maxRuneBytes is the longest encoding of r or, under case folding, of any
// rune that folds to it (K, the Kelvin sign, is three bytes).
func maxRuneBytes(r rune, fold bool) int {
	n := runeBytes(r)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			n = max(n, runeBytes(f))
		}
	}
	return n
}

// lowerASCII lowers A-Z only, as the keyword automaton does.
func lowerASCII(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
