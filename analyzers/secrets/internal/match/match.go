// Package match finds what gitleaks' detector finds, faster.
//
// It evaluates a gitleaks rule set (config.Config) with the detector's exact
// semantics: the keyword prefilter, each triggered rule's regular expression,
// secret groups, entropy, allowlists, multi-part rules, the preference of a
// specific rule over a generic one, and recursive decoding of base64, hex,
// percent and unicode escapes. What it changes is where the expressions run.
// gitleaks runs every triggered rule over the whole text, and again over the
// whole decoded text at each decoding depth. Nearly every rule's match must
// contain one of its keywords and spans a bounded number of bytes or lines
// (shape.go proves both from the expression's syntax), so for those rules a
// Matcher runs the expression only on small windows around the keyword hits
// that its one-pass keyword automaton found, and after decoding only on the
// windows that touch decoded text. Rules without that shape run over the
// whole text, as in gitleaks. Before any expression runs, on a window or on
// the whole text, a prefilter (dfa.go) derived from it rules out most texts
// at a table lookup per byte; it never rules out a text the expression
// matches.
//
// Why windows give the same matches as the whole text is argued in
// windows.go; TestMatchesGitleaks and FuzzMatchesGitleaks check it against
// gitleaks' own detector.
package match

import (
	"context"
	"regexp"
	"strings"
	"sync"

	"github.com/nhilint/nhilint/analyzers/secrets/internal/codec"
	glconfig "github.com/zricethezav/gitleaks/v8/config"
	glreport "github.com/zricethezav/gitleaks/v8/report"
)

// Matcher evaluates one rule set. It is immutable once built and safe for
// concurrent use.
type Matcher struct {
	cfg            glconfig.Config
	rules          []*rule
	keywords       *keywordAutomaton
	maxDecodeDepth int
	pathFilters    map[*glconfig.Allowlist]*pathFilter
	// deferredPathFilters holds the filters of the allowlists of rules
	// compiled on demand (*glconfig.Allowlist -> *pathFilter).
	deferredPathFilters sync.Map
	// stopwords holds the stopword tries of allowlists, built on first use
	// (*glconfig.Allowlist -> *stopwordSet).
	stopwords sync.Map
}

// rule is a gitleaks rule with what the matcher derived from it.
type rule struct {
	glconfig.Rule
	// keywordIDs marks the automaton's keywords that are this rule's;
	// keywordIndex lists them.
	keywordIDs   []bool
	keywordIndex []int32
	lower        []string // the keywords in lower case

	// compile, when not nil, returns the compiled rule: this one was built
	// without its expressions, allowlists and required rules, which
	// compiled fills in. Read them only after calling it.
	compile     func() glconfig.Rule
	compileOnce sync.Once

	// The shape is derived on first use: a pre-commit run triggers a few
	// rules, and analysing all of them costs more than its whole scan.
	shapeOnce sync.Once
	shape          // read only after analysed
	windowed  bool // shape.windowed()
	// prefilter rejects most texts without a match at a byte a step; nil
	// when it cannot be built.
	prefilter *prefilter
	// skeleton stands in for a missing prefilter (see skeletonOf); nil if
	// not worth it.
	skeleton *regexp.Regexp
}

// compiled returns r with its expressions and allowlists.
func (r *rule) compiled() *rule {
	if r.compile != nil {
		r.compileOnce.Do(func() {
			c := r.compile()
			r.Regex, r.Path, r.Allowlists, r.RequiredRules = c.Regex, c.Path, c.Allowlists, c.RequiredRules
		})
	}
	return r
}

// analysed returns r with its shape and prefilter known.
func (r *rule) analysed() *rule {
	r.compiled()
	r.shapeOnce.Do(func() {
		if r.Regex == nil {
			return
		}
		expr := r.Regex.String()
		r.shape = shapeOf(expr, r.lower)
		r.windowed = r.shape.windowed()
		if re, _, err := relaxed(expr); err == nil {
			r.prefilter = newPrefilter(re)
		}
		if r.prefilter == nil && r.windowed {
			r.skeleton = skeletonOf(expr)
		}
	})
	return r
}

// New prepares a Matcher for cfg, decoding encoded text up to maxDecodeDepth
// levels (zero or less: no decoding), like gitleaks' --max-decode-depth.
func New(cfg glconfig.Config, maxDecodeDepth int) *Matcher {
	return NewDeferred(cfg, nil, maxDecodeDepth)
}

// NewDeferred is New for a rule set some of whose rules are not compiled
// yet: compile maps their ids to a function returning the compiled rule,
// which the Matcher calls once, when a text first triggers the rule. The
// rule in cfg must hold everything else (id, description, keywords, tags,
// secret group, entropy, SkipReport) as the compiled one does; its
// expressions, allowlists and required rules are taken from the compiled
// one. A pre-commit run triggers a few of gitleaks' 222 rules, and
// compiling them all would cost more than its whole scan.
func NewDeferred(cfg glconfig.Config, compile map[string]func() glconfig.Rule, maxDecodeDepth int) *Matcher {
	m := &Matcher{cfg: cfg, maxDecodeDepth: max(maxDecodeDepth, 0), pathFilters: newPathFilters(cfg)}
	index := map[string]int{}
	var keywords []string
	for _, id := range cfg.OrderedRules {
		for _, k := range cfg.Rules[id].Keywords {
			k = strings.ToLower(k)
			if _, ok := index[k]; !ok && k != "" {
				index[k] = len(keywords)
				keywords = append(keywords, k)
			}
		}
	}
	m.keywords = newKeywordAutomaton(keywords)
	for _, id := range cfg.OrderedRules {
		gr, ok := cfg.Rules[id]
		if !ok {
			continue
		}
		r := &rule{Rule: gr, keywordIDs: make([]bool, len(keywords)), compile: compile[id]}
		for _, k := range gr.Keywords {
			k = strings.ToLower(k)
			r.lower = append(r.lower, k)
			if i, ok := index[k]; ok {
				if !r.keywordIDs[i] {
					r.keywordIDs[i] = true
					r.keywordIndex = append(r.keywordIndex, int32(i))
				}
			}
		}
		m.rules = append(m.rules, r)
	}
	return m
}

// Fragment is the text to scan and where it comes from.
type Fragment struct {
	Raw      string
	FilePath string
}

// Find reports gitleaks' findings in f: the same findings, with the same
// fields, that detect.Detector.DetectContext returns for a fragment with this
// text and path when the detector ignores gitleaks:allow comments, redacts
// nothing and has no size limit. The order of findings may differ.
func (m *Matcher) Find(ctx context.Context, f Fragment) []glreport.Finding {
	if f.FilePath != "" && f.FilePath == m.cfg.Path {
		return nil
	}
	if m.commitOrPathAllowed(f, m.cfg.Allowlists) {
		return nil
	}
	s := scan{m: m, frag: f}
	defer s.release()
	var findings []glreport.Finding
	currentRaw := f.Raw
	var segments []*codec.EncodedSegment
	decoder := codec.NewDecoder()
	for depth := 0; ; {
		s.setText(currentRaw, segments, depth)
		for _, r := range m.rules {
			if ctx.Err() != nil {
				return filter(findings)
			}
			if !s.triggered(r) {
				continue
			}
			findings = append(findings, s.detectRule(r, false)...)
		}
		depth++
		if depth > m.maxDecodeDepth {
			break
		}
		currentRaw, segments = decoder.Decode(currentRaw, segments)
		if len(segments) == 0 {
			break
		}
	}
	return filter(findings)
}
