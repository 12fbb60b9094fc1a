package match

import (
	"slices"
	"strings"
	"sync"

	glconfig "github.com/zricethezav/gitleaks/v8/config"
)

// stopwordSet answers gitleaks' Allowlist.ContainsStopWord with a compact
// trie. gitleaks builds an Aho-Corasick automaton with 256 transitions of 8
// bytes per state: for the 1,500 stopwords of generic-api-key that is 8 MB,
// a quarter of a scan's heap, to search secrets of a few dozen bytes. This
// trie holds only the edges that exist (about 100 KB for that list), and the
// secrets are short enough that trying each start is as fast.
type stopwordSet struct {
	once  sync.Once
	nodes []stopwordNode
	edges []stopwordEdge // the edges of node i are edges[nodes[i].first:nodes[i].end], by byte
	// gitleaks is set when a stopword is empty: a.ContainsStopWord decides.
	gitleaks bool
}

type stopwordNode struct {
	first, end int32
	word       bool // a stopword ends here
}

type stopwordEdge struct {
	b  byte
	to int32
}

// buildStopwordTrie builds the trie of words, which are lower case and not
// empty.
func buildStopwordTrie(words []string) ([]stopwordNode, []stopwordEdge) {
	words = slices.Sorted(slices.Values(words))
	s := &stopwordSet{}
	// Breadth-first over ranges of the sorted words sharing a prefix: the
	// children of a node get consecutive edges.
	type pending struct {
		node   int32
		lo, hi int // words[lo:hi] share the node's prefix of length depth
		depth  int
	}
	s.nodes = append(s.nodes, stopwordNode{})
	queue := []pending{{0, 0, len(words), 0}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		lo := p.lo
		for lo < p.hi && len(words[lo]) == p.depth {
			s.nodes[p.node].word = true
			lo++
		}
		s.nodes[p.node].first = int32(len(s.edges))
		for lo < p.hi {
			b := words[lo][p.depth]
			hi := lo + 1
			for hi < p.hi && words[hi][p.depth] == b {
				hi++
			}
			child := int32(len(s.nodes))
			s.nodes = append(s.nodes, stopwordNode{})
			s.edges = append(s.edges, stopwordEdge{b, child})
			queue = append(queue, pending{child, lo, hi, p.depth + 1})
			lo = hi
		}
		s.nodes[p.node].end = int32(len(s.edges))
	}
	return slices.Clip(s.nodes), slices.Clip(s.edges)
}

// contains reports whether lower, a lower-case string, contains a word.
func (s *stopwordSet) contains(lower string) bool {
	for i := range len(lower) {
		n := &s.nodes[0]
		for j := i; ; j++ {
			if n.word {
				return true
			}
			if j == len(lower) {
				break
			}
			edges := s.edges[n.first:n.end]
			k, found := slices.BinarySearchFunc(edges, lower[j], func(e stopwordEdge, b byte) int { return int(e.b) - int(b) })
			if !found {
				break
			}
			n = &s.nodes[edges[k].to]
		}
	}
	return false
}

// containsStopWord is a.ContainsStopWord(secret) without the stopword.
func (m *Matcher) containsStopWord(a *glconfig.Allowlist, secret string) bool {
	if a == nil || secret == "" || len(a.StopWords) == 0 {
		return false
	}
	v, ok := m.stopwords.Load(a)
	if !ok {
		v, _ = m.stopwords.LoadOrStore(a, &stopwordSet{})
	}
	set := v.(*stopwordSet)
	set.once.Do(func() {
		words := make([]string, len(a.StopWords))
		for i, w := range a.StopWords {
			words[i] = strings.ToLower(w)
		}
		if slices.Contains(words, "") {
			set.gitleaks = true // an edge case left to gitleaks' automaton
			return
		}
		set.nodes, set.edges = buildStopwordTrie(words)
	})
	if set.gitleaks {
		ok, _ := a.ContainsStopWord(secret)
		return ok
	}
	return set.contains(strings.ToLower(secret))
}
