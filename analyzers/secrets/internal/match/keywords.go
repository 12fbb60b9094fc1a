package match

// keywordAutomaton finds every occurrence of a set of ASCII keywords in text,
// ignoring ASCII case, in one pass: an Aho-Corasick automaton compiled to a
// DFA over byte classes. Lowering is folded into the class table, so the text
// is never copied, and bytes keep their offsets (strings.ToLower does not
// keep them: it rewrites invalid UTF-8 and some runes change length).
// It is immutable once built and safe for concurrent use.
type keywordAutomaton struct {
	class    [256]uint8 // byte -> class; class 0 is "in no keyword"
	nclass   int
	next     []int32   // state*nclass + class -> state
	out      [][]int32 // state -> keywords ending here (own and by suffix)
	keywords []string
}

// hit is one keyword occurrence: keyword index and end offset (exclusive).
type hit struct {
	keyword int32
	end     int32
}

func newKeywordAutomaton(keywords []string) *keywordAutomaton {
	a := &keywordAutomaton{keywords: keywords, nclass: 1}
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			c := lowerByte(k[i])
			if a.class[c] == 0 {
				a.class[c] = uint8(a.nclass)
				a.nclass++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.class[c] = a.class[c+'a'-'A']
	}
	if a.nclass > 256 {
		panic("match: more than 255 distinct keyword bytes") // cannot happen: bytes, folded
	}
	// The trie, with -1 for a missing edge.
	trie := [][]int32{newRow(a.nclass)}
	a.out = [][]int32{nil}
	for ki, k := range keywords {
		s := int32(0)
		for i := 0; i < len(k); i++ {
			c := a.class[k[i]]
			if trie[s][c] < 0 {
				trie = append(trie, newRow(a.nclass))
				a.out = append(a.out, nil)
				trie[s][c] = int32(len(trie) - 1)
			}
			s = trie[s][c]
		}
		a.out[s] = append(a.out[s], int32(ki))
	}
	// Breadth-first: failure links, turning the trie into a DFA.
	fail := make([]int32, len(trie))
	queue := []int32{}
	for c := 0; c < a.nclass; c++ {
		if t := trie[0][c]; t < 0 {
			trie[0][c] = 0
		} else {
			fail[t] = 0
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		a.out[s] = append(a.out[s], a.out[fail[s]]...)
		for c := 0; c < a.nclass; c++ {
			t := trie[s][c]
			if t < 0 {
				trie[s][c] = trie[fail[s]][c]
				continue
			}
			fail[t] = trie[fail[s]][c]
			queue = append(queue, t)
		}
	}
	a.next = make([]int32, 0, len(trie)*a.nclass)
	for _, row := range trie {
		a.next = append(a.next, row...)
	}
	return a
}

func newRow(n int) []int32 {
	row := make([]int32, n)
	for i := range row {
		row[i] = -1
	}
	return row
}

// find appends every keyword occurrence in text to hits.
func (a *keywordAutomaton) find(text string, hits []hit) []hit {
	s := int32(0)
	n := int32(a.nclass)
	for i := 0; i < len(text); i++ {
		c := a.class[text[i]]
		if c == 0 {
			s = 0 // no keyword contains this byte
			continue
		}
		s = a.next[s*n+int32(c)]
		for _, k := range a.out[s] {
			hits = append(hits, hit{keyword: k, end: int32(i + 1)})
		}
	}
	return hits
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
