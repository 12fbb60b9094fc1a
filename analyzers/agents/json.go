package agents

import (
	"errors"
	"fmt"

	"github.com/tailscale/hujson"
)

// parseJSON reads JSON, including the comments and trailing commas that VS
// Code, Zed and Claude's settings files accept, with hujson, which keeps
// the byte offset of every value.
func parseJSON(b []byte) (*node, error) {
	if d := jsonDepth(b); d > maxDepth {
		return nil, fmt.Errorf("JSON nested %d levels deep (limit %d)", d, maxDepth)
	}
	v, err := hujson.Parse(b)
	if err != nil {
		return nil, err
	}
	budget := maxNodes
	return fromJSON(b, &v, "", -1, &budget)
}

var errTooManyNodes = errors.New("config has too many values")

func fromJSON(src []byte, v *hujson.Value, key string, keyStart int, budget *int) (*node, error) {
	if *budget--; *budget < 0 {
		return nil, errTooManyNodes
	}
	n := &node{key: key, keyStart: keyStart, start: v.StartOffset, end: v.EndOffset, textStart: -1}
	switch t := v.Value.(type) {
	case *hujson.Object:
		n.kind = mapNode
		for i := range t.Members {
			m := &t.Members[i]
			name, _ := m.Name.Value.(hujson.Literal)
			c, err := fromJSON(src, &m.Value, name.String(), m.Name.StartOffset, budget)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, c)
		}
	case *hujson.Array:
		n.kind = listNode
		for i := range t.Elements {
			c, err := fromJSON(src, &t.Elements[i], "", -1, budget)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, c)
		}
	case hujson.Literal:
		n.kind = scalarNode
		n.value = t.String()
		if t.Kind() == '"' {
			n.isString = true
			// Without escapes the decoded text sits between the quotes.
			// Equal lengths are not enough: escapes that shrink and invalid
			// UTF-8 that grows (to U+FFFD) can cancel out.
			if len(t) == len(n.value)+2 && string(t[1:len(t)-1]) == n.value {
				n.textStart = v.StartOffset + 1
			}
		}
	}
	return n, nil
}

// jsonDepth returns the deepest nesting of brackets outside strings and
// comments, so that the recursive parser is only given bounded input.
func jsonDepth(b []byte) int {
	depth, deepest := 0, 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '/':
			if i+1 < len(b) && b[i+1] == '/' {
				for i < len(b) && b[i] != '\n' {
					i++
				}
			} else if i+1 < len(b) && b[i+1] == '*' {
				for i += 2; i+1 < len(b) && (b[i] != '*' || b[i+1] != '/'); i++ {
				}
				i++
			}
		case '{', '[':
			depth++
			deepest = max(deepest, depth)
		case '}', ']':
			depth--
		}
	}
	return deepest
}
