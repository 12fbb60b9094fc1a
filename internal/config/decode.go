package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is one problem in a configuration file.
type Error struct {
	File         string
	Line, Column int // 1-based; 0 when unknown
	// Key is the path to the offending value ("allowlists[0].regexes[1]");
	// empty for problems with the file as a whole or its top-level keys.
	Key string
	Msg string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(cmp.Or(e.File, "config"))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// keyPath names a value in the file the way a reader would look it up:
// "rules.severity.github-pat", "allowlists[0].paths[2]".
type keyPath string

// plainKey is a key that needs no quoting in a keyPath.
var plainKey = regexp.MustCompile(`^[A-Za-z0-9_/-][A-Za-z0-9_/:-]*$`)

func (p keyPath) key(k string) keyPath {
	if !plainKey.MatchString(k) {
		return keyPath(fmt.Sprintf("%s[%q]", p, k))
	}
	if p == "" {
		return keyPath(k)
	}
	return p + "." + keyPath(k)
}

func (p keyPath) index(i int) keyPath {
	return keyPath(fmt.Sprintf("%s[%d]", p, i))
}

// Limits that keep a hostile config (scanners run on untrusted pull
// requests) from costing more than a real one ever could.
const (
	// maxNodes bounds the values the decoder visits once aliases are
	// expanded: "a: &a [x, x]", "b: &b [*a, *a]", ... doubles each line.
	maxNodes = 1 << 20
	// maxErrors bounds what a file full of mistakes prints.
	maxErrors = 100
)

// decoder walks the YAML tree of one file and collects every error instead
// of stopping at the first, so a user fixes a file in one round.
type decoder struct {
	file    string
	errs    []*Error
	dropped int // errors beyond maxErrors
}

func (d *decoder) errorf(n *yaml.Node, at keyPath, format string, args ...any) {
	if len(d.errs) >= maxErrors {
		d.dropped++
		return
	}
	d.errs = append(d.errs, &Error{
		File:   d.file,
		Line:   n.Line,
		Column: n.Column,
		Key:    string(at),
		Msg:    fmt.Sprintf(format, args...),
	})
}

// err joins the collected errors in file order. Walk order is nearly file
// order already; checks that run after a mapping's keys (an allowlist
// without criteria) are what the sort moves into place.
func (d *decoder) err() error {
	if len(d.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(d.errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	errs := make([]error, len(d.errs), len(d.errs)+1)
	for i, e := range d.errs {
		errs[i] = e
	}
	if d.dropped > 0 {
		errs = append(errs, &Error{File: d.file, Msg: fmt.Sprintf("%d more errors not shown", d.dropped)})
	}
	return errors.Join(errs...)
}

// document parses data and returns its root node, or nil for an empty
// document or a syntax error (which it records).
func (d *decoder) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			d.syntaxError(data, err)
		}
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		d.errorf(&next, "", "the file holds more than one YAML document; want one")
		return nil
	case !errors.Is(err, io.EOF):
		d.syntaxError(data, err)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := resolve(doc.Content[0])
	if isNull(root) {
		return nil
	}
	if expandedSize(root, map[*yaml.Node]int{}) > maxNodes {
		d.errorf(root, "", "the file expands to more than %d values through aliases", maxNodes)
		return nil
	}
	return root
}

// expandedSize counts the nodes under n with aliases expanded, stopping
// early past maxNodes. Memoizing by node keeps it linear in the file.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	n = resolve(n)
	if size, ok := memo[n]; ok {
		return size
	}
	memo[n] = maxNodes + 1 // a node that contains itself is too big
	size := 1
	for _, c := range n.Content {
		if size += expandedSize(c, memo); size > maxNodes {
			break
		}
	}
	memo[n] = size
	return size
}

// yamlLine matches the position prefix of the YAML parser's errors, which
// know the line but not the column.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parserProblems are the messages of errors that go.yaml.in/yaml/v3 raises
// in its parser rather than its scanner. It numbers their lines from 0
// (scanner errors from 1), so they need one added. The golden files of
// testdata/invalid catch a library upgrade that fixes this.
var parserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

func (d *decoder) syntaxError(data []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &Error{File: d.file}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		msg = err.Error()[len(m[0]):]
		if slices.Contains(parserProblems, msg) {
			e.Line++
		}
		if !strings.Contains(msg, "tab") && hasTab(data, e.Line) {
			msg += " (YAML does not allow tabs for indentation)"
		}
	}
	e.Msg = "invalid YAML: " + msg
	d.errs = append(d.errs, e)
}

// hasTab reports whether the 1-based line of data contains a tab.
func hasTab(data []byte, line int) bool {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if i+1 == line {
			return bytes.IndexByte(l, '\t') >= 0
		}
	}
	return false
}

// A field decodes the value of one mapping key into T. It is never called
// for a null value: an empty key is the same as a key left out.
type field[T any] func(d *decoder, v *yaml.Node, at keyPath, into T)

// fields are the keys a mapping allows.
type fields[T any] map[string]field[T]

// decodeMapping decodes a mapping whose keys are fixed, reporting unknown
// and duplicate keys.
func decodeMapping[T any](d *decoder, n *yaml.Node, at keyPath, fs fields[T], into T) {
	d.eachKey(n, at, func(key string, k, v *yaml.Node) {
		f, ok := fs[key]
		if !ok {
			d.unknownKey(k, at, key, slices.Sorted(maps.Keys(fs)))
			return
		}
		if !isNull(v) {
			f(d, v, at.key(key), into)
		}
	})
}

// eachKey calls fn for every key of the mapping n in order, skipping (and
// reporting) duplicate and non-string keys.
func (d *decoder) eachKey(n *yaml.Node, at keyPath, fn func(key string, k, v *yaml.Node)) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, at, "want a mapping, got %s", describe(n))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		switch {
		case k.ShortTag() == "!!merge":
			d.errorf(k, at, "merge keys (<<) are not supported")
			continue
		case k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str":
			d.errorf(k, at, "want a string key, got %s", describe(k))
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.errorf(k, at.key(k.Value), "duplicate key (first at line %d)", line)
			continue
		}
		seen[k.Value] = k.Line
		fn(k.Value, k, v)
	}
}

// unknownKey reports a key the mapping does not allow, suggesting the
// closest known key when one is near enough to be a typo.
func (d *decoder) unknownKey(k *yaml.Node, at keyPath, key string, known []string) {
	if s := suggest(key, known); s != "" {
		d.errorf(k, at, "unknown key %q; did you mean %q?", key, s)
		return
	}
	d.errorf(k, at, "unknown key %q (want %s)", key, oneOf(known))
}

// eachItem calls fn for every item of the sequence n.
func (d *decoder) eachItem(n *yaml.Node, at keyPath, want string, fn func(i int, item *yaml.Node, at keyPath)) {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, at, "want a list of %s, got %s", want, describe(n))
		return
	}
	for i, item := range n.Content {
		fn(i, resolve(item), at.index(i))
	}
}

// str returns the string value of n, reporting anything else.
func (d *decoder) str(n *yaml.Node, at keyPath) (string, bool) {
	n = resolve(n)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		d.errorf(n, at, "want a string, got %s", describe(n))
		return "", false
	}
	return n.Value, true
}

// strings decodes a list of strings. Check, if not nil, validates an item
// and returns why it is wrong, or "". Invalid items are left out.
func (d *decoder) strings(n *yaml.Node, at keyPath, check func(string) string) ([]string, []Pos) {
	var vals []string
	var pos []Pos
	d.eachItem(n, at, "strings", func(_ int, item *yaml.Node, at keyPath) {
		s, ok := d.str(item, at)
		if !ok {
			return
		}
		if check != nil {
			if msg := check(s); msg != "" {
				d.errorf(item, at, "%s", msg)
				return
			}
		}
		vals = append(vals, s)
		pos = append(pos, Pos{item.Line, item.Column})
	})
	return vals, pos
}

// enum checks that n is one of the allowed strings.
func (d *decoder) enum(n *yaml.Node, at keyPath, what string, allowed ...string) (string, bool) {
	s, ok := d.str(n, at)
	if !ok {
		return "", false
	}
	if !slices.Contains(allowed, s) {
		d.errorf(n, at, "unknown %s %q (want %s)", what, s, strings.Join(allowed, ", "))
		return "", false
	}
	return s, true
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names the kind of a node for "want X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return "a string"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "nothing"
		case "!!timestamp":
			return "a timestamp"
		case "!!binary":
			return "binary data"
		}
		return "a value tagged " + n.ShortTag()
	}
	return "an unexpected YAML node"
}

// oneOf lists words as "a, b or c".
func oneOf(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// suggest returns the known word closest to w if it is a plausible typo.
func suggest(w string, known []string) string {
	best, bestDist := "", 3 // at most two edits
	for _, k := range known {
		if dist := editDistance(strings.ToLower(w), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
