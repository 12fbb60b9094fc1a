package match

import (
	"regexp/syntax"
	"slices"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// A prefilter answers "might this expression match somewhere in s?" with a
// deterministic automaton over bytes: one table lookup per byte, where Go's
// regexp, which has no DFA, costs a few nanoseconds per byte and program
// instruction. It accepts every string in which the expression matches (it
// may accept others), so a text it rejects needs no regexp at all.
//
// The automaton is the subset construction of the expression's compiled
// program, unanchored, with relaxations that only add strings:
//
//   - \A and ^ hold at the start of the text only, \z and $ at its end
//     only (the end is a symbol of its own), as in regexp; the other
//     assertions ((?m)^ and $, \b, \B) always hold;
//   - bytes of 0x80 and above are one symbol, "high", which an instruction
//     accepts when it accepts any rune outside ASCII (folding included); and
//     having read a high byte, an instruction may read another, since one
//     rune is up to four such bytes and Go reads an invalid byte as U+FFFD;
//   - callers pass expressions with bounded repetitions relaxed (see
//     relaxed), which keeps the automaton small.
//
// Bytes below 0x80 are whole runes in UTF-8 and match exactly as in regexp.
//
// States are built the first time a text reaches them, so an expression
// costs only the states that texts visit (building all of them for the
// rule set takes seconds). Once maxDFACells table entries exist, a missing
// state is replaced by the accepting one: the prefilter then says "may
// match" more often, which is never wrong. Lookups are lock-free; building
// a state takes the lock.
type prefilter struct {
	class [256]uint8 // byte -> symbol class
	// width is the number of classes, plus one for the end of the text,
	// which is the last.
	width   int
	initial int32
	// table holds state*width + class -> state, or -1 where not built
	// yet. It only grows: a reader holding an older table sees a prefix of
	// the current one's built transitions.
	table atomic.Pointer[[]atomic.Int32]

	mu      sync.Mutex
	builder *dfaBuilder // guarded by mu
}

// acceptState is the state after the expression (may have) matched; it is
// absorbing.
const acceptState = 0

// maxDFACells bounds a prefilter's table (4 bytes a cell); the relaxed
// expressions of gitleaks' rules visit at most a few thousand cells on
// real text.
const maxDFACells = 1 << 16

// maxProgInsts bounds the programs whose instructions fit a state's
// encoding (two bytes each); relaxed rule expressions have hundreds.
const maxProgInsts = 1 << 16

// highSymbol is the symbol that stands for every byte from 0x80.
const highSymbol = utf8.RuneSelf

// newPrefilter prepares the automaton for re, or returns nil when re
// matches the empty string (so every text) or its program is too large.
func newPrefilter(re *syntax.Regexp) *prefilter {
	prog, err := syntax.Compile(re.Simplify())
	if err != nil || len(prog.Inst) > maxProgInsts {
		return nil
	}
	b := &dfaBuilder{prog: prog, index: map[string]int32{}}
	b.classify()
	initial := b.closure(nil, uint32(prog.Start), true)
	b.starts = b.closure(nil, uint32(prog.Start), false)
	if b.matched {
		return nil
	}
	p := &prefilter{width: b.nclass + 1, builder: b}
	for c := 0; c < 256; c++ {
		p.class[c] = b.symbolClass[min(c, highSymbol)]
	}
	b.states = append(b.states, "") // acceptState, never looked up
	p.initial = b.add(initial)
	table := make([]atomic.Int32, 2*p.width)
	for i := p.width; i < len(table); i++ {
		table[i].Store(-1)
	}
	p.table.Store(&table)
	return p
}

// mayMatch reports whether the expression may match somewhere in s: false
// means it does not.
func (p *prefilter) mayMatch(s string) bool {
	table := *p.table.Load()
	st := p.initial
	n := int32(p.width)
	for i := 0; i < len(s); i++ {
		c := int32(p.class[s[i]])
		next := table[st*n+c].Load()
		if next < 0 {
			next, table = p.build(st, c)
		}
		if next == acceptState {
			return true
		}
		st = next
	}
	end := n - 1
	next := table[st*n+end].Load()
	if next < 0 {
		next, _ = p.build(st, end)
	}
	return next == acceptState
}

// build makes the transition from state st on class c and returns it with
// the current table.
func (p *prefilter) build(st, c int32) (int32, []atomic.Int32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	table := *p.table.Load()
	cell := st*int32(p.width) + c
	if next := table[cell].Load(); next >= 0 {
		return next, table // built by another goroutine meanwhile
	}
	b := p.builder
	var next int32
	if int(c) == p.width-1 {
		next = b.end(st)
	} else {
		next = b.step(st, int(c), len(b.states)*p.width < maxDFACells)
	}
	if rows := len(b.states) * p.width; rows > len(table) {
		grown := make([]atomic.Int32, max(rows, 2*len(table)))
		for i := range grown {
			if i < len(table) {
				grown[i].Store(table[i].Load())
			} else {
				grown[i].Store(-1)
			}
		}
		table = grown
		p.table.Store(&table)
	}
	table[cell].Store(next)
	return next, table
}

type dfaBuilder struct {
	prog *syntax.Prog
	// accepts[pc] holds the symbols that instruction pc reads: ASCII
	// bytes and highSymbol; empty for instructions that read nothing.
	accepts     []symbolSet
	symbolClass [highSymbol + 1]uint8
	classSym    []int // a representative symbol of each class
	nclass      int

	starts []uint32 // the closure of the program's start, after the first byte
	// A state is a set of instructions waiting for input (see closure),
	// encoded as their sorted pcs, two bytes each.
	states  []string         // state -> its set
	index   map[string]int32 // set -> state
	key     []byte
	matched bool // set by closure when it reaches InstMatch
	seen    []bool
}

// classify finds what each rune instruction accepts and groups the symbols
// that no instruction tells apart.
func (b *dfaBuilder) classify() {
	b.accepts = make([]symbolSet, len(b.prog.Inst))
	var runes []int // the rune instructions
	for pc := range b.prog.Inst {
		if accepts(&b.prog.Inst[pc], &b.accepts[pc]) {
			runes = append(runes, pc)
		}
	}
	sig := map[string]uint8{}
	key := make([]byte, 0, 1+3*len(runes))
	for sym := 0; sym <= highSymbol; sym++ {
		// The high symbol gets a class of its own: only high bytes may
		// continue a rune (see step).
		key = append(key[:0], b2i(sym == highSymbol))
		for _, pc := range runes {
			if b.accepts[pc].has(sym) {
				key = append(key, byte(pc), byte(pc>>8), byte(pc>>16))
			}
		}
		c, ok := sig[string(key)]
		if !ok {
			c = uint8(len(b.classSym))
			sig[string(key)] = c
			b.classSym = append(b.classSym, sym)
		}
		b.symbolClass[sym] = c
	}
	b.nclass = len(b.classSym)
}

// accepts sets acc to the symbols that inst reads, as
// syntax.Inst.MatchRune decides for ASCII, and reports whether inst reads
// input at all.
func accepts(inst *syntax.Inst, acc *symbolSet) bool {
	addRange := func(lo, hi rune) {
		for c := max(lo, 0); c <= min(hi, utf8.RuneSelf-1); c++ {
			acc.add(int(c))
		}
	}
	switch inst.Op {
	case syntax.InstRuneAny:
		addRange(0, utf8.RuneSelf-1)
	case syntax.InstRuneAnyNotNL:
		addRange(0, '\n'-1)
		addRange('\n'+1, utf8.RuneSelf-1)
	case syntax.InstRune1:
		addRange(inst.Rune[0], inst.Rune[0])
	case syntax.InstRune:
		if len(inst.Rune) == 1 {
			// A literal: with FoldCase, every rune of its orbit.
			r0 := inst.Rune[0]
			addRange(r0, r0)
			if syntax.Flags(inst.Arg)&syntax.FoldCase != 0 {
				for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
					addRange(r, r)
				}
			}
		} else {
			for i := 0; i+1 < len(inst.Rune); i += 2 {
				addRange(inst.Rune[i], inst.Rune[i+1])
			}
		}
	default:
		return false
	}
	if acceptsHigh(inst) {
		acc.add(highSymbol)
	}
	return true
}

// symbolSet is a set of symbols: the ASCII bytes and highSymbol.
type symbolSet [3]uint64

func (s *symbolSet) add(sym int)      { s[sym>>6] |= 1 << (sym & 63) }
func (s *symbolSet) has(sym int) bool { return s[sym>>6]&(1<<(sym&63)) != 0 }

func b2i(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// acceptsHigh reports whether inst accepts some rune outside ASCII.
func acceptsHigh(inst *syntax.Inst) bool {
	switch inst.Op {
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	case syntax.InstRune1:
		return inst.Rune[0] >= utf8.RuneSelf
	}
	if len(inst.Rune) == 1 && syntax.Flags(inst.Arg)&syntax.FoldCase != 0 {
		r0 := inst.Rune[0]
		if r0 >= utf8.RuneSelf {
			return true
		}
		for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
			if r >= utf8.RuneSelf {
				return true
			}
		}
		return false
	}
	for i := 1; i < len(inst.Rune); i += 2 {
		if inst.Rune[i] >= utf8.RuneSelf {
			return true
		}
	}
	return len(inst.Rune)%2 == 1 // malformed: assume the worst
}

// closure adds to set the instructions reachable from pc without reading
// input that wait for input: rune instructions, and assertions of the end
// of the text (see end). It notes whether InstMatch is reachable. atStart
// says whether this is the start of the text.
func (b *dfaBuilder) closure(set []uint32, pc uint32, atStart bool) []uint32 {
	if b.seen == nil {
		b.seen = make([]bool, len(b.prog.Inst))
	}
	stack := []uint32{pc}
	var visited []uint32
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b.seen[pc] {
			continue
		}
		b.seen[pc] = true
		visited = append(visited, pc)
		inst := &b.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, inst.Arg, inst.Out)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, inst.Out)
		case syntax.InstEmptyWidth:
			switch op := syntax.EmptyOp(inst.Arg); {
			case op&syntax.EmptyBeginText != 0 && !atStart:
				// Fails here.
			case op&syntax.EmptyEndText != 0:
				set = append(set, pc)
			default:
				stack = append(stack, inst.Out)
			}
		case syntax.InstMatch:
			b.matched = true
		case syntax.InstFail:
		default:
			set = append(set, pc)
		}
	}
	for _, pc := range visited {
		b.seen[pc] = false
	}
	return set
}

// step returns the state after reading a symbol of class c in state st.
// When that state is new and room is false, it returns acceptState instead.
func (b *dfaBuilder) step(st int32, c int, room bool) int32 {
	sym := b.classSym[c]
	var next []uint32
	b.matched = false
	set := b.states[st]
	for i := 0; i+1 < len(set); i += 2 {
		pc := uint32(set[i]) | uint32(set[i+1])<<8
		if !b.accepts[pc].has(sym) {
			continue
		}
		next = b.closure(next, b.prog.Inst[pc].Out, false)
		if sym == highSymbol {
			next = append(next, pc) // in the middle of a rune
		}
	}
	if b.matched {
		return acceptState
	}
	next = append(next, b.starts...) // unanchored: a match may start anywhere
	if s, ok := b.lookup(next); ok || !room {
		return s // acceptState when not found
	}
	return b.add(next)
}

// end returns acceptState if the expression may match when the text ends
// in state st, and st otherwise (any state but acceptState would do).
func (b *dfaBuilder) end(st int32) int32 {
	set := b.states[st]
	for i := 0; i+1 < len(set); i += 2 {
		pc := uint32(set[i]) | uint32(set[i+1])<<8
		if b.prog.Inst[pc].Op == syntax.InstEmptyWidth && b.matchesAtEnd(b.prog.Inst[pc].Out) {
			return acceptState
		}
	}
	return st
}

// matchesAtEnd reports whether InstMatch is reachable from pc without
// reading input, at the end of the text: every assertion holds there
// (\A and ^ only in an empty text, but holding is the safe side).
func (b *dfaBuilder) matchesAtEnd(pc uint32) bool {
	seen := map[uint32]bool{}
	stack := []uint32{pc}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		switch inst := &b.prog.Inst[pc]; inst.Op {
		case syntax.InstMatch:
			return true
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, inst.Arg, inst.Out)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			stack = append(stack, inst.Out)
		}
	}
	return false
}

// lookup encodes a set of instructions into b.key and returns its state,
// if there is one. It sorts set.
func (b *dfaBuilder) lookup(set []uint32) (int32, bool) {
	slices.Sort(set)
	b.key = b.key[:0]
	for i, pc := range set {
		if i == 0 || pc != set[i-1] {
			b.key = append(b.key, byte(pc), byte(pc>>8))
		}
	}
	s, ok := b.index[string(b.key)]
	return s, ok
}

// add returns the state for a set of instructions, creating it if new.
func (b *dfaBuilder) add(set []uint32) int32 {
	if s, ok := b.lookup(set); ok {
		return s
	}
	s := int32(len(b.states))
	key := string(b.key)
	b.states = append(b.states, key)
	b.index[key] = s
	return s
}
