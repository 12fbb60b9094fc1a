package agents

import (
	"fmt"

	"github.com/pelletier/go-toml/v2/unstable"
)

// parseTOML reads TOML (.streamlit/secrets.toml) with go-toml's parser,
// whose AST records the byte range of every value. Only string values
// matter to the rules; tables become nested maps.
func parseTOML(b []byte) (n *node, err error) {
	defer func() {
		// The unstable AST panics on shapes it considers impossible; a
		// malformed file must become an error, not a crash.
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("TOML: malformed document")
		}
	}()
	root := &node{kind: mapNode, keyStart: -1, textStart: -1}
	table := root
	budget := maxNodes
	p := unstable.Parser{KeepComments: false}
	p.Reset(b)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = root
			for it := e.Key(); it.Next(); {
				table = child(table, string(it.Node().Data), int(it.Node().Raw.Offset))
			}
		case unstable.KeyValue:
			if err := tomlKeyValue(table, e, 0, &budget); err != nil {
				return nil, err
			}
		}
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	return root, nil
}

func tomlKeyValue(table *node, e *unstable.Node, depth int, budget *int) error {
	var keys []*unstable.Node
	for it := e.Key(); it.Next(); {
		keys = append(keys, it.Node())
	}
	if len(keys) == 0 {
		return nil
	}
	parent := table
	for _, k := range keys[:len(keys)-1] {
		parent = child(parent, string(k.Data), int(k.Raw.Offset))
	}
	last := keys[len(keys)-1]
	v, err := tomlValue(e.Value(), string(last.Data), int(last.Raw.Offset), depth, budget)
	if err != nil {
		return err
	}
	parent.children = append(parent.children, v)
	return nil
}

func tomlValue(v *unstable.Node, key string, keyStart, depth int, budget *int) (*node, error) {
	if *budget--; *budget < 0 {
		return nil, errTooManyNodes
	}
	if depth > maxDepth {
		return nil, fmt.Errorf("TOML nested more than %d levels deep", maxDepth)
	}
	start := int(v.Raw.Offset)
	n := &node{key: key, keyStart: keyStart, start: start, end: start + int(v.Raw.Length), textStart: -1}
	switch v.Kind {
	case unstable.String:
		n.value, n.isString = string(v.Data), true
		// Raw covers the quoted token; the decoded text is verbatim when
		// one quote character on each side accounts for the difference.
		if int(v.Raw.Length) == len(v.Data)+2 {
			n.textStart = start + 1
		}
	case unstable.Array:
		n.kind = listNode
		for it := v.Children(); it.Next(); {
			c, err := tomlValue(it.Node(), "", -1, depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, c)
		}
	case unstable.InlineTable:
		n.kind = mapNode
		for it := v.Children(); it.Next(); {
			if kv := it.Node(); kv.Kind == unstable.KeyValue {
				if err := tomlKeyValue(n, kv, depth+1, budget); err != nil {
					return nil, err
				}
			}
		}
	default:
		n.value = string(v.Data)
	}
	return n, nil
}

// child returns the map member key of parent, creating it if needed.
func child(parent *node, key string, keyStart int) *node {
	if c := parent.get(key); c != nil && c.kind == mapNode {
		return c
	}
	c := &node{kind: mapNode, key: key, keyStart: keyStart, start: keyStart, end: keyStart, textStart: -1}
	parent.children = append(parent.children, c)
	return c
}
