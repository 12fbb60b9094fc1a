package match

import (
	"strings"
	"sync"

	"github.com/nhilint/nhilint/analyzers/secrets/internal/codec"
	glreport "github.com/zricethezav/gitleaks/v8/report"
)

// scan is the state of one Find call at one decoding depth.
type scan struct {
	m    *Matcher
	frag Fragment

	text     string // the text at this depth: the fragment, then decoded
	segments []*codec.EncodedSegment
	depth    int
	// foldHazard: the text holds a rune that Unicode case folding or
	// lowering maps onto ASCII (K, ſ, İ). Byte-wise lowering would then
	// disagree with gitleaks' strings.ToLower and with (?i), so this depth
	// is scanned exactly as gitleaks scans it: whole text, every rule.
	foldHazard bool

	bufs    *buffers
	present []bool // keyword index -> occurs in text
	// newlines of text, built on demand; rawNewlines of frag.Raw.
	newlines, rawNewlines []int
	haveNewlines          bool
	haveRawNewlines       bool
}

// buffers are reused across Find calls.
type buffers struct {
	hits        []hit
	present     []bool
	newlines    []int
	rawNewlines []int
	windows     []window
}

var bufferPool = sync.Pool{New: func() any { return new(buffers) }}

func (s *scan) release() {
	if s.bufs == nil {
		return
	}
	s.bufs.newlines = s.newlines[:0]
	s.bufs.rawNewlines = s.rawNewlines[:0]
	bufferPool.Put(s.bufs)
	s.bufs = nil
}

// foldHazards are the UTF-8 encodings of the runes outside ASCII that
// strings.ToLower or (?i) relate to ASCII letters.
var foldHazards = []string{"\u212a", "\u017f", "\u0130"}

func hasFoldHazard(text string) bool {
	for _, h := range foldHazards {
		if strings.Contains(text, h) {
			return true
		}
	}
	return false
}

func (s *scan) setText(text string, segments []*codec.EncodedSegment, depth int) {
	if s.bufs == nil {
		s.bufs = bufferPool.Get().(*buffers)
		s.newlines = s.bufs.newlines[:0]
		s.rawNewlines = s.bufs.rawNewlines[:0]
	}
	s.text, s.segments, s.depth = text, segments, depth
	s.haveNewlines = false // at depth 0, textNewlines uses the fragment's
	s.foldHazard = hasFoldHazard(text)
	n := len(s.m.keywords.keywords)
	s.present = resize(s.bufs.present, n)
	s.bufs.present = s.present
	clear(s.present)
	if s.foldHazard {
		// gitleaks' own keyword test: substrings of the lowered text.
		var hits []hit
		hits = s.m.keywords.find(strings.ToLower(text), hits)
		for _, h := range hits {
			s.present[h.keyword] = true
		}
		s.bufs.hits = s.bufs.hits[:0]
		return
	}
	s.bufs.hits = s.m.keywords.find(text, s.bufs.hits[:0])
	for _, h := range s.bufs.hits {
		s.present[h.keyword] = true
	}
}

func resize[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// triggered is gitleaks' prefilter: a rule runs when it has no keywords or
// one of them occurs in the text.
func (s *scan) triggered(r *rule) bool {
	if len(r.Keywords) == 0 {
		return true
	}
	for _, k := range r.keywordIndex {
		if s.present[k] {
			return true
		}
	}
	return false
}

// textNewlines returns the offsets of '\n' in the current text.
func (s *scan) textNewlines() []int {
	if s.depth == 0 {
		return s.fragmentNewlines()
	}
	if !s.haveNewlines {
		s.newlines = appendNewlines(s.newlines[:0], s.text)
		s.haveNewlines = true
	}
	return s.newlines
}

// fragmentNewlines returns the offsets of '\n' in the fragment.
func (s *scan) fragmentNewlines() []int {
	if !s.haveRawNewlines {
		s.rawNewlines = appendNewlines(s.rawNewlines[:0], s.frag.Raw)
		s.haveRawNewlines = true
	}
	return s.rawNewlines
}

func appendNewlines(dst []int, text string) []int {
	for off := 0; ; {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return dst
		}
		dst = append(dst, off+i)
		off += i + 1
	}
}

// findAll is r.Regex.FindAllStringIndex(s.text, -1), restricted at depth > 0
// to matches that overlap decoded text (the only ones gitleaks keeps).
func (s *scan) findAll(r *rule) [][]int {
	r.analysed()
	if !r.windowed || s.foldHazard {
		if r.prefilter != nil && !r.prefilter.mayMatch(s.text) {
			return nil
		}
		return r.Regex.FindAllStringIndex(s.text, -1)
	}
	ws := s.windows(r)
	var matches [][]int
	for _, w := range ws {
		if s.depth > 0 && len(codec.SegmentsWithDecodedOverlap(s.segments, w.start, w.end)) == 0 {
			continue
		}
		text := s.text[w.start:w.end]
		if r.prefilter != nil && !r.prefilter.mayMatch(text) {
			continue
		}
		if r.skeleton != nil && !r.skeleton.MatchString(text) {
			continue
		}
		for _, m := range r.Regex.FindAllStringIndex(text, -1) {
			if (m[0] == 0 && w.start > 0) || (m[1] == w.end-w.start && w.end < len(s.text)) {
				// A match touching the edge of a window would depend on
				// text outside it. The shape proof rules this out; should
				// it ever happen, the whole text decides.
				return r.Regex.FindAllStringIndex(s.text, -1)
			}
			matches = append(matches, []int{w.start + m[0], w.start + m[1]})
		}
	}
	return matches
}

// detectRule is gitleaks' detect.(*Detector).detectRule with the regular
// expression run by findAll. inherited marks the second pass of a multi-part
// rule (gitleaks' Fragment.InheritedFromFinding).
func (s *scan) detectRule(r *rule, inherited bool) []glreport.Finding {
	var findings []glreport.Finding
	if r.SkipReport && !inherited {
		return findings
	}
	r.compiled()
	if s.m.commitOrPathAllowed(s.frag, r.Allowlists) {
		return findings
	}
	if r.Path != nil {
		if r.Regex == nil && len(s.segments) == 0 {
			// A path-only rule.
			if r.Path.MatchString(s.frag.FilePath) {
				return append(findings, glreport.Finding{
					RuleID:      r.RuleID,
					Description: r.Description,
					File:        s.frag.FilePath,
					Match:       "file detected: " + s.frag.FilePath,
					Tags:        r.Tags,
				})
			}
		} else if !r.Path.MatchString(s.frag.FilePath) {
			return findings
		}
	}
	if r.Regex == nil {
		return findings
	}
	matches := s.findAll(r)
	if len(matches) == 0 {
		return findings
	}
	raw := s.frag.Raw
	for _, matchIndex := range matches {
		secret := strings.Trim(s.text[matchIndex[0]:matchIndex[1]], "\n")
		var metaTags []string
		currentLine := ""
		if len(s.segments) > 0 {
			segments := codec.SegmentsWithDecodedOverlap(s.segments, matchIndex[0], matchIndex[1])
			if len(segments) == 0 {
				continue // found at an earlier depth
			}
			matchIndex = codec.AdjustMatchIndex(segments, matchIndex)
			metaTags = append(metaTags, codec.Tags(segments)...)
			currentLine = codec.CurrentLine(segments, s.text)
		} else {
			// gitleaks #1352: drop the newline a pattern may end with.
			matchIndex[1] = matchIndex[0] + len(secret)
		}
		loc := location(s.fragmentNewlines(), raw, matchIndex)
		if matchIndex[1] > loc.endLineIndex {
			loc.endLineIndex = matchIndex[1]
		}
		finding := glreport.Finding{
			RuleID:      r.RuleID,
			Description: r.Description,
			StartLine:   loc.startLine,
			EndLine:     loc.endLine,
			StartColumn: loc.startColumn,
			EndColumn:   loc.endColumn,
			Line:        raw[loc.startLineIndex:loc.endLineIndex],
			Match:       secret,
			Secret:      secret,
			File:        s.frag.FilePath,
			Tags:        append(r.Tags[:len(r.Tags):len(r.Tags)], metaTags...),
		}
		if currentLine == "" {
			currentLine = finding.Line
		}
		// The secret is the first non-empty capture group, or the one the
		// rule names, of the pattern matched again on the match alone.
		groups := r.Regex.FindStringSubmatch(finding.Secret)
		if len(groups) >= 2 {
			if r.SecretGroup > 0 {
				if len(groups) <= r.SecretGroup {
					continue
				}
				finding.Secret = groups[r.SecretGroup]
			} else {
				for _, g := range groups[1:] {
					if len(g) > 0 {
						finding.Secret = g
						break
					}
				}
			}
		}
		entropy := shannonEntropy(finding.Secret)
		finding.Entropy = float32(entropy)
		if r.Entropy != 0.0 && entropy <= r.Entropy {
			continue
		}
		if s.m.findingAllowed(finding, s.frag, currentLine, s.m.cfg.Allowlists) ||
			s.m.findingAllowed(finding, s.frag, currentLine, r.Allowlists) {
			continue
		}
		findings = append(findings, finding)
	}
	if inherited || len(r.RequiredRules) == 0 {
		return findings
	}
	return s.processRequiredRules(r, findings)
}
