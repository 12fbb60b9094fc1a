package match

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func mustPrefilter(t testing.TB, expr string) *prefilter {
	t.Helper()
	re, _, err := relaxed(expr)
	if err != nil {
		t.Fatal(err)
	}
	p := newPrefilter(re)
	if p == nil {
		t.Fatalf("no prefilter for %q", expr)
	}
	return p
}

func TestPrefilter(t *testing.T) {
	tests := []struct {
		expr string
		text string
		want bool
	}{
		{`ghp_[0-9a-zA-Z]{36}`, "x ghp_" + strings.Repeat("a", 36), true},
		{`ghp_[0-9a-zA-Z]{36}`, "x ghp_" + strings.Repeat("a", 35), false},
		{`ghp_[0-9a-zA-Z]{36}`, "GHP_" + strings.Repeat("a", 36), false},
		// Bounded repetitions are relaxed: {2,3} becomes {2,}.
		{`key=[a-f]{2,3};`, "key=abcdef;", true},
		{`key=[a-f]{2,3};`, "key=a;", false},
		// \A, ^, \z and $ hold at the ends of the text; the other
		// assertions always hold.
		{`\bkey=\d+$`, "monkey=12", true},
		{`\bkey=\d+$`, "monkey=12 more", false},
		{`\bkey=\d+(?:;|$)`, "key=1;more", true},
		{`\bkey=\d+(?:;|$)`, "key=1 more", false},
		{`\bkey=\d+\z`, "key=1\n", false},
		{`key$`, "", false},
		{`(?:x|$)`, "", true},
		{`^key`, "a key", false},
		{`^key`, "key a", true},
		{`\Akey|y`, "a key", true},
		{`(?m)^key$`, "a key b", true},
		// (?i) folds ASCII, and k may be the Kelvin sign, s the long s.
		{`(?i)secret=x`, "SeCrEt=X", true},
		{`(?i)secret=x`, "\u017fecret=x", true},
		{`(?i)key`, "\u212aey", true},
		{`(?i)key`, "kez", false},
		// A high byte is any rune outside ASCII, or an invalid byte.
		{`a.b`, "a\u00e9b", true},
		{`a.b`, "a\xffb", true},
		{`a[^x]{2}b`, "a\u20ac\u20acb", true},
		{`a\x{20AC}b`, "a\u00e9b", true}, // relaxed: any high bytes
		{`a\x{20AC}b`, "axb", false},
		{`a[a-z]b`, "a\u00e9b", false},
		{`x\ny`, "x\ny", true},
		{`x.y`, "x\ny", false},
		{`(?s)x.y`, "x\ny", true},
	}
	for _, tt := range tests {
		if got := mustPrefilter(t, tt.expr).mayMatch(tt.text); got != tt.want {
			t.Errorf("prefilter(%q).mayMatch(%q) = %v, want %v", tt.expr, tt.text, got, tt.want)
		}
	}
}

func TestPrefilterOfEmptyMatchIsNil(t *testing.T) {
	for _, expr := range []string{`a*`, `(?:x|)`, `\b`, `[a-z]{0,4}`} {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if newPrefilter(re) != nil {
			t.Errorf("%q matches every text but has a prefilter", expr)
		}
	}
}

// An expression whose automaton has 2^20 states: once the table is full,
// the prefilter answers "may match" where it has no state, never "no".
func TestPrefilterBeyondItsTableIsConservative(t *testing.T) {
	expr := `[ab]*a[ab]{20}c`
	p := mustPrefilter(t, expr)
	re := regexp.MustCompile(expr)
	rng := rand.New(rand.NewPCG(1, 2))
	accepted := 0
	for range 2000 {
		var b strings.Builder
		for range 60 {
			b.WriteByte("ab"[rng.IntN(2)])
		}
		if rng.IntN(2) == 0 {
			b.WriteByte('c')
		}
		s := b.String()
		got := p.mayMatch(s)
		if re.MatchString(s) && !got {
			t.Fatalf("prefilter rejects a text the expression matches (%d bytes)", len(s))
		}
		if got {
			accepted++
		}
	}
	if n := len(*p.table.Load()); n > 2*maxDFACells {
		t.Errorf("table has %d cells, want at most %d", n, 2*maxDFACells)
	}
	if accepted == 2000 {
		t.Errorf("prefilter accepted every text")
	}
}

func TestPrefilterIsSafeForConcurrentUse(t *testing.T) {
	cfg := defaultConfig(t)
	p := mustPrefilter(t, cfg.Rules["generic-api-key"].Regex.String())
	texts := []string{"api_key = \"" + "Zx8Kq2Lm4Np6Rs1T" + "v3Wy5Ab7Cd9\"\n", "token", "passwd:", "nothing here"}
	want := make([]bool, len(texts))
	for i, s := range texts {
		want[i] = cfg.Rules["generic-api-key"].Regex.MatchString(s)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				k := (i + g) % len(texts)
				if got := p.mayMatch(texts[k]); want[k] && !got {
					t.Errorf("text %d: prefilter rejects a match", k)
				}
			}
		})
	}
	wg.Wait()
}

// Every rule of gitleaks' default configuration: what its expression
// matches, its prefilter accepts, on gitleaks' own test data and the fuzz
// seeds.
func TestPrefilterAcceptsEveryRuleMatch(t *testing.T) {
	cfg := defaultConfig(t)
	texts := append([]string(nil), seeds...)
	texts = append(texts, readTree(t, gitleaksTestdata(t), 300)...)
	for _, id := range cfg.OrderedRules {
		r := cfg.Rules[id]
		if r.Regex == nil {
			continue
		}
		re, _, err := relaxed(r.Regex.String())
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		p := newPrefilter(re)
		if p == nil {
			continue
		}
		for i, s := range texts {
			for _, m := range r.Regex.FindAllStringIndex(s, -1) {
				if !p.mayMatch(s[m[0]:m[1]]) {
					t.Errorf("%s: text %d: prefilter rejects a match of %d bytes", id, i, m[1]-m[0])
				}
			}
		}
	}
}

func FuzzPrefilter(f *testing.F) {
	for _, s := range seeds {
		f.Add(uint8(0), s)
	}
	f.Add(uint8(3), "\u212aey=\xff\xfe")
	cfg := defaultConfig(f)
	var rules []*regexp.Regexp
	var filters []*prefilter
	for _, id := range cfg.OrderedRules {
		if r := cfg.Rules[id]; r.Regex != nil {
			if re, _, err := relaxed(r.Regex.String()); err == nil {
				if p := newPrefilter(re); p != nil {
					rules, filters = append(rules, r.Regex), append(filters, p)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		i := int(which) % len(rules)
		if rules[i].MatchString(text) && !filters[i].mayMatch(text) {
			t.Errorf("rule %d: prefilter rejects a text of %d bytes that the expression matches", i, len(text))
		}
	})
}

// readTree returns the contents of up to limit regular files under dir.
func readTree(t testing.TB, dir string, limit int) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || len(out) >= limit {
			return err
		}
		data, err := os.ReadFile(path)
		out = append(out, string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// accepts agrees with regexp's own MatchRune on ASCII, and claims the high
// symbol for every instruction that matches some rune outside ASCII.
func TestAcceptsIsMatchRune(t *testing.T) {
	exprs := []string{`(?i)k`, `(?i)s`, `[^\n]`, `.`, `(?s).`, `\x{212A}`, `[\x{80}-\x{10FFFF}]`, `(?i)[a-z]`, `\w`, `[^a]`}
	for _, r := range defaultConfig(t).Rules {
		if r.Regex != nil {
			exprs = append(exprs, r.Regex.String())
		}
	}
	high := []rune{0x80, 0xe9, 0x17f, 0x212a, utf8.RuneError, 0x10ffff}
	for _, expr := range exprs {
		re, _, err := relaxed(expr)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		for pc := range prog.Inst {
			inst := &prog.Inst[pc]
			var acc symbolSet
			if !accepts(inst, &acc) {
				continue
			}
			for c := rune(0); c < utf8.RuneSelf; c++ {
				if acc.has(int(c)) != inst.MatchRune(c) {
					t.Fatalf("%q: pc %d (%v): accepts(%q) = %v", expr, pc, inst, c, acc.has(int(c)))
				}
			}
			for _, r := range high {
				if inst.MatchRune(r) && !acc.has(highSymbol) {
					t.Fatalf("%q: pc %d (%v) matches %U but not the high symbol", expr, pc, inst, r)
				}
			}
		}
	}
}
