package agents

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseYAML reads every document of a YAML stream into one list node (or
// the single document's root). Aliases are not followed, so an alias bomb
// costs nothing; yaml.v3 itself bounds the work of parsing one.
func parseYAML(b []byte) (*node, error) {
	lines := lineOffsets(b)
	dec := yaml.NewDecoder(bytes.NewReader(b))
	budget := maxNodes
	var docs []*node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(doc.Content) == 0 {
			continue
		}
		n, err := fromYAML(b, lines, doc.Content[0], "", -1, 0, &budget)
		if err != nil {
			return nil, err
		}
		docs = append(docs, n)
	}
	switch len(docs) {
	case 0:
		return &node{kind: mapNode, textStart: -1}, nil
	case 1:
		return docs[0], nil
	}
	return &node{kind: listNode, children: docs, textStart: -1}, nil
}

func fromYAML(src []byte, lines []int, y *yaml.Node, key string, keyStart, depth int, budget *int) (*node, error) {
	if *budget--; *budget < 0 {
		return nil, errTooManyNodes
	}
	if depth > maxDepth {
		return nil, fmt.Errorf("YAML nested more than %d levels deep", maxDepth)
	}
	start := offsetOf(src, lines, y.Line, y.Column)
	n := &node{key: key, keyStart: keyStart, start: start, end: start, textStart: -1}
	switch y.Kind {
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				continue // complex keys do not occur in configs
			}
			c, err := fromYAML(src, lines, v, k.Value, offsetOf(src, lines, k.Line, k.Column), depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, c)
		}
	case yaml.SequenceNode:
		n.kind = listNode
		for _, v := range y.Content {
			c, err := fromYAML(src, lines, v, "", -1, depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, c)
		}
	case yaml.ScalarNode:
		n.value = y.Value
		n.isString = y.Tag == "!!str"
		n.end, n.textStart = yamlScalarExtent(src, start, y)
	default: // aliases are not followed; documents do not nest
		n.kind = scalarNode
	}
	if n.kind != scalarNode && len(n.children) > 0 {
		// A child can sit before its parent's reported start (an empty
		// explicit key "?" ends at the mapping's column): never let the span
		// run backwards.
		n.end = max(n.end, n.children[len(n.children)-1].end)
	}
	return n, nil
}

// yamlScalarExtent returns the end of the scalar token that starts at start
// and where its decoded text appears verbatim (-1 when it does not).
func yamlScalarExtent(src []byte, start int, y *yaml.Node) (end, textStart int) {
	rest := src[start:]
	eol := bytes.IndexByte(rest, '\n')
	if eol < 0 {
		eol = len(rest)
	}
	switch y.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		q := byte('"')
		if y.Style == yaml.SingleQuotedStyle {
			q = '\''
		}
		if len(rest) > 0 && rest[0] == q && bytes.HasPrefix(rest[1:], []byte(y.Value)) &&
			len(rest) > len(y.Value)+1 && rest[len(y.Value)+1] == q {
			return start + len(y.Value) + 2, start + 1
		}
		return start + eol, -1
	case yaml.LiteralStyle, yaml.FoldedStyle:
		return start + eol, -1
	}
	if bytes.HasPrefix(rest, []byte(y.Value)) {
		return start + len(y.Value), start
	}
	return start + eol, -1
}

// lineOffsets returns the byte offset at which each line starts.
func lineOffsets(b []byte) []int {
	lines := []int{0}
	for i, c := range b {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// offsetOf converts a 1-based line and a 1-based column counted in
// characters, as yaml.v3 reports them, into a byte offset.
func offsetOf(src []byte, lines []int, line, col int) int {
	if line < 1 || line > len(lines) {
		return 0
	}
	off := lines[line-1]
	for c := 1; c < col && off < len(src) && src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}
