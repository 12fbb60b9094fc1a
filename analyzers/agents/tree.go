package agents

// The config readers turn JSON (with comments), YAML, TOML and .env files
// into one small tree of maps, lists and scalars that remembers where every
// value sits in the file, so each rule is written once for every format.

// nodeKind says what a node holds.
type nodeKind uint8

const (
	scalarNode nodeKind = iota
	mapNode
	listNode
)

// node is one value of a config file.
type node struct {
	kind nodeKind
	// key is the member name in the parent map, "" in lists and at the root.
	key string
	// keyStart is the byte offset of the key, or -1.
	keyStart int
	// value is the decoded text of a scalar ("true", "42" for non-strings).
	value string
	// isString reports a string scalar; numbers, booleans and null are not.
	isString bool
	// start and end span the value in the file, quotes included.
	start, end int
	// textStart is where the decoded value appears verbatim in the file (the
	// scalar has no escapes), or -1 when it does not.
	textStart int
	children  []*node
}

// get returns the member named key of a map node, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for _, c := range n.children {
		if c.key == key {
			return c
		}
	}
	return nil
}

// str returns the value of a string scalar, or "".
func (n *node) str() string {
	if n == nil || n.kind != scalarNode || !n.isString {
		return ""
	}
	return n.value
}

// span returns the file offsets of bytes [i, j) of the decoded value, or
// the whole value when its text is not verbatim in the file.
func (n *node) span(i, j int) (int, int) {
	if n.textStart < 0 {
		return n.start, n.end
	}
	return n.textStart + i, n.textStart + j
}

// valueSpan is the span of the decoded value without quotes where known.
func (n *node) valueSpan() (int, int) { return n.span(0, len(n.value)) }

// maxDepth bounds nesting in every reader: configs are shallow, and a
// pathological file must not exhaust the stack.
const maxDepth = 200

// maxNodes bounds the size of a tree; a larger file is not a config.
const maxNodes = 200_000

// items returns the children of n, nil for a nil node.
func (n *node) items() []*node {
	if n == nil {
		return nil
	}
	return n.children
}
