package ciconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
)

// Limits on untrusted YAML. CI configs are a few thousand lines; these bound
// the work on hostile input (alias bombs, endless documents) without ever
// touching a real configuration.
const (
	maxDocuments = 64
	// maxResolveSteps bounds how many nodes the resolvers (merge keys,
	// extends:, !reference) may visit per file. The tree walkers never follow
	// aliases (an anchored node is visited where it is defined), so only
	// resolution can multiply work, and this caps it.
	maxResolveSteps = 200_000
	// maxResolveDepth bounds chains of merges, extends and references.
	maxResolveDepth = 16
)

// errBudget is returned when a file needs more resolution work than any real
// CI configuration does: almost certainly an alias bomb.
var errBudget = errors.New("YAML anchors, merge keys or extends: expand beyond the resolution budget")

// document is one YAML document of a CI file, with what the checks share:
// the file for positions and a resolution budget.
type document struct {
	file *analyzers.File
	root *yaml.Node // the document's top-level node (usually a mapping)
	// budget is shared by every document of the file.
	budget *budget
}

type budget struct {
	steps int
	err   error
}

// spend records n steps of resolution work and reports whether the budget
// still holds. Once exhausted it stays exhausted.
func (b *budget) spend(n int) bool {
	if b.err != nil {
		return false
	}
	b.steps += n
	if b.steps > maxResolveSteps {
		b.err = errBudget
		return false
	}
	return true
}

// parseDocuments decodes every YAML document in f. A syntax error, or a
// panic inside the YAML library, is returned as an error that names the
// position but quotes no content.
func parseDocuments(f *analyzers.File) (docs []*document, err error) {
	defer func() {
		if r := recover(); r != nil {
			docs, err = nil, fmt.Errorf("YAML parser failed (panic %T)", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(f.Content))
	b := &budget{}
	for range maxDocuments {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return docs, nil
			}
			return nil, fmt.Errorf("invalid YAML: %w", err)
		}
		root := &n
		if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
			root = root.Content[0]
		}
		docs = append(docs, &document{file: f, root: root, budget: b})
	}
	return nil, fmt.Errorf("more than %d YAML documents", maxDocuments)
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxResolveDepth; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil // an alias chain longer than any real file has
	}
	return n
}

// pair is one key and value of a mapping.
type pair struct {
	key, value *yaml.Node
}

// pairs returns the entries of mapping m with YAML merge keys (<<) applied:
// entries written in m win over merged ones, and earlier merge sources win
// over later ones, as the YAML merge-key spec says. A nil or non-mapping
// node has no pairs. Merging spends the document's budget.
func (d *document) pairs(m *yaml.Node) []pair {
	return d.mergedPairs(m, 0)
}

func (d *document) mergedPairs(m *yaml.Node, depth int) []pair {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > maxResolveDepth || !d.budget.spend(len(m.Content)/2+1) {
		return nil
	}
	var own, merged []pair
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag != "!!str" {
			srcs := []*yaml.Node{v}
			if dv := deref(v); dv != nil && dv.Kind == yaml.SequenceNode {
				srcs = dv.Content
			}
			for _, src := range srcs {
				merged = append(merged, d.mergedPairs(src, depth+1)...)
			}
			continue
		}
		own = append(own, pair{k, v})
	}
	if len(merged) == 0 {
		return own
	}
	seen := make(map[string]bool, len(own)+len(merged))
	out := make([]pair, 0, len(own)+len(merged))
	for _, p := range append(own, merged...) {
		if seen[p.key.Value] {
			continue
		}
		seen[p.key.Value] = true
		out = append(out, p)
	}
	return out
}

// get returns the value of key in mapping m (merge keys applied), or nil.
func (d *document) get(m *yaml.Node, key string) *yaml.Node {
	for _, p := range d.pairs(m) {
		if p.key.Value == key {
			return deref(p.value)
		}
	}
	return nil
}

// getPair is get that also returns the key node, for positions.
func (d *document) getPair(m *yaml.Node, key string) (pair, bool) {
	for _, p := range d.pairs(m) {
		if p.key.Value == key {
			return pair{p.key, deref(p.value)}, true
		}
	}
	return pair{}, false
}

// scalar returns the value of a scalar node, or "" for anything else.
func scalar(n *yaml.Node) string {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// isTrue reports a YAML boolean true, also when written as a string ("true"),
// which Azure Pipelines and Bitbucket both accept.
func isTrue(n *yaml.Node) bool {
	b, err := strconv.ParseBool(scalar(n))
	return err == nil && b
}

// items returns the elements of a sequence node, or nil.
func items(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// walk calls visit on n and every node below it, depth first, without
// following aliases: an anchored node is visited once, where it is defined,
// so walking costs no more than the file's size. visit returns false to skip
// a node's children.
func walk(n *yaml.Node, visit func(n *yaml.Node) bool) {
	if n == nil || n.Kind == yaml.AliasNode {
		return
	}
	if !visit(n) {
		return
	}
	for _, c := range n.Content {
		walk(c, visit)
	}
}

// scalarsUnder returns every scalar value under n, in document order,
// resolving aliases and GitLab's !reference tags through resolve (which may
// be nil). It spends the budget, because aliases may repeat content.
func (d *document) scalarsUnder(n *yaml.Node, resolve func(*yaml.Node) *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	var rec func(n *yaml.Node, depth int)
	rec = func(n *yaml.Node, depth int) {
		if depth > maxResolveDepth || !d.budget.spend(1) {
			return
		}
		n = deref(n)
		if n == nil {
			return
		}
		if resolve != nil && n.Tag == "!reference" {
			rec(resolve(n), depth+1)
			return
		}
		if n.Kind == yaml.ScalarNode {
			out = append(out, n)
			return
		}
		for _, c := range n.Content {
			rec(c, depth+1)
		}
	}
	rec(n, 0)
	if d.budget.err != nil {
		return nil // partial content would only make the caller work for nothing
	}
	return out
}

// offset returns the byte offset where node n starts in the file.
func (d *document) offset(n *yaml.Node) int {
	return offsetOf(d.file, n.Line, n.Column)
}

// offsetOf converts a 1-based line and code-point column into a byte offset.
func offsetOf(f *analyzers.File, line, column int) int {
	start := f.LineStart(line)
	if start < 0 {
		return len(f.Content)
	}
	i := start
	for c := 1; c < column && i < len(f.Content) && f.Content[i] != '\n'; c++ {
		_, size := decodeRune(f.Content[i:])
		i += size
	}
	return i
}

// decodeRune returns the size of the UTF-8 sequence at the start of b the way
// analyzers.File counts columns: an invalid byte counts as one.
func decodeRune(b []byte) (rune, int) {
	c := b[0]
	switch {
	case c < 0x80:
		return rune(c), 1
	case c >= 0xC0 && c < 0xE0 && len(b) > 1:
		return 0, 2
	case c >= 0xE0 && c < 0xF0 && len(b) > 2:
		return 0, 3
	case c >= 0xF0 && len(b) > 3:
		return 0, 4
	}
	return rune(c), 1
}

// span returns the byte range of a node's text on its first line: the whole
// token for plain and quoted single-line scalars, the rest of the line
// otherwise (block scalars, collections).
func (d *document) span(n *yaml.Node) (start, end int) {
	content := d.file.Content
	start = d.offset(n)
	eol := bytes.IndexByte(content[start:], '\n')
	if eol < 0 {
		eol = len(content) - start
	}
	eol += start
	if n.Kind == yaml.ScalarNode {
		switch n.Style {
		case 0, yaml.TaggedStyle:
			// A plain scalar on one line is its value verbatim (tag aside).
			if bytes.HasPrefix(content[start:eol], []byte(n.Value)) && n.Value != "" {
				return start, start + len(n.Value)
			}
		case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
			if e := closingQuote(content[start:eol], n.Style == yaml.DoubleQuotedStyle); e > 0 {
				return start, start + e
			}
		}
	}
	for eol > start && (content[eol-1] == ' ' || content[eol-1] == '\t' || content[eol-1] == '\r') {
		eol--
	}
	return start, eol
}

// closingQuote returns the length of the quoted token at the start of line,
// or 0 when it does not close on this line.
func closingQuote(line []byte, double bool) int {
	if len(line) == 0 {
		return 0
	}
	q := line[0]
	for i := 1; i < len(line); i++ {
		switch {
		case double && line[i] == '\\':
			i++
		case line[i] == q:
			if !double && i+1 < len(line) && line[i+1] == q {
				i++ // '' is an escaped quote in single-quoted YAML
				continue
			}
			return i + 1
		}
	}
	return 0
}

// find returns the byte range of the first occurrence of token in the text
// of node n at or after byte offset after (pass 0 for the first one),
// searching the file from where n starts. Block and quoted scalars do not
// map value offsets to file offsets one to one, so we look for the token
// itself; when it cannot be found nearby (an escape sequence split it), the
// node's own span is used.
func (d *document) find(n *yaml.Node, token string, after int) (start, end int) {
	from := d.offset(n)
	limit := min(len(d.file.Content), from+2*len(n.Value)+256)
	from = min(max(from, after), limit)
	if i := bytes.Index(d.file.Content[from:limit], []byte(token)); i >= 0 {
		return from + i, from + i + len(token)
	}
	return d.span(n)
}

// lineText returns the text of the line an offset is on, for evidence.
func lineText(f *analyzers.File, offset int) string {
	line, _ := f.Position(offset)
	return string(f.Line(line))
}

// walkResolved is walk that also follows aliases, visiting every node at
// most once: following an alias to a node already seen costs nothing, so
// even an alias bomb is walked in time linear in the file's size. parents
// are the enclosing nodes, outermost first, for checks that need context.
func (d *document) walkResolved(n *yaml.Node, visit func(n *yaml.Node, parents []*yaml.Node) bool) {
	seen := map[*yaml.Node]bool{}
	var parents []*yaml.Node
	var rec func(n *yaml.Node)
	rec = func(n *yaml.Node) {
		n = deref(n)
		if n == nil || seen[n] || len(parents) > 256 || !d.budget.spend(1) {
			return
		}
		seen[n] = true
		if !visit(n, parents) {
			return
		}
		parents = append(parents, n)
		for _, c := range n.Content {
			rec(c)
		}
		parents = parents[:len(parents)-1]
	}
	rec(n)
}
