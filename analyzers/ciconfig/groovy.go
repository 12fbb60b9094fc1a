package ciconfig

import (
	"strings"
)

// A small Groovy tokenizer for Jenkinsfiles. It knows exactly enough Groovy
// to find environment { } blocks and the assignments in them without being
// fooled by braces, equals signs or keywords inside strings and comments:
// identifiers, the four string forms ('…', "…", '''…''', """…""", with
// GString interpolation), line and block comments, and punctuation. Slashy
// strings (/…/) are not recognised: outside regular expressions they do not
// occur in pipeline definitions, and misreading one costs at most a missed
// finding. The tokenizer never fails: unterminated constructs run to the end
// of the input. It is linear in the input.

type tokenKind int

const (
	tokIdent tokenKind = iota
	tokString
	tokPunct   // one byte: { } ( ) [ ] = ; , . and anything else
	tokNewline // significant: a statement ends at a newline
)

type token struct {
	kind       tokenKind
	start, end int    // byte range in the file, quotes included for strings
	text       string // identifier or punctuation text; string content (escapes undone) for strings
	// interpolated is set for double-quoted strings that contain ${…} or $name.
	interpolated bool
}

// tokenize splits Groovy source into tokens, dropping comments and spaces.
func tokenize(src []byte) []token {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			toks = append(toks, token{kind: tokNewline, start: i, end: i + 1})
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(string(src[i+2:]), "*/")
			if end < 0 {
				i = len(src)
			} else {
				i += 2 + end + 2
			}
		case c == '\'' || c == '"':
			t := lexString(src, i)
			toks = append(toks, t)
			i = t.end
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			toks = append(toks, token{kind: tokIdent, start: i, end: j, text: string(src[i:j])})
			i = j
		default:
			toks = append(toks, token{kind: tokPunct, start: i, end: i + 1, text: string(c)})
			i++
		}
	}
	return toks
}

// lexString reads the string literal starting at src[i] (a quote).
func lexString(src []byte, i int) token {
	q := src[i]
	triple := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	open := 1
	if triple {
		open = 3
	}
	var b strings.Builder
	interpolated := false
	j := i + open
	for j < len(src) {
		c := src[j]
		switch {
		case c == '\\' && j+1 < len(src):
			b.WriteByte(unescape(src[j+1]))
			j += 2
			continue
		case !triple && c == '\n':
			// An unterminated single-line string ends at the line's end.
			return token{kind: tokString, start: i, end: j, text: b.String(), interpolated: interpolated}
		case c == q && (!triple || j+2 < len(src) && src[j+1] == q && src[j+2] == q):
			return token{kind: tokString, start: i, end: j + open, text: b.String(), interpolated: interpolated}
		case q == '"' && c == '$' && j+1 < len(src) && (src[j+1] == '{' || isIdentStart(src[j+1])):
			interpolated = true
			if src[j+1] == '{' {
				// Skip the expression to its closing brace; braces nest.
				depth := 0
				k := j + 1
				for ; k < len(src); k++ {
					if src[k] == '{' {
						depth++
					} else if src[k] == '}' {
						if depth--; depth == 0 {
							break
						}
					}
				}
				b.Write(src[j:min(k+1, len(src))])
				j = k + 1
				continue
			}
		}
		b.WriteByte(c)
		j++
	}
	return token{kind: tokString, start: i, end: len(src), text: b.String(), interpolated: interpolated}
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	}
	return c
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// envAssignment is NAME = value inside an environment { } block.
type envAssignment struct {
	name  token
	value []token // the expression's tokens up to the end of the statement
	owner string  // "the pipeline" or `stage "Deploy"`
}

// environmentAssignments finds every assignment at the top level of every
// environment { } block, naming the stage that encloses it.
func environmentAssignments(toks []token) []envAssignment {
	type scope struct {
		label string
		depth int // brace depth inside the scope's block
	}
	var (
		out    []envAssignment
		stages []scope
		depth  int
		envAt  = -1 // depth of the environment block we are in, or -1
		label  string
	)
	next := func(i int) int { // the next token that is not a newline
		for i < len(toks) && toks[i].kind == tokNewline {
			i++
		}
		return i
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.kind == tokPunct && t.text == "{":
			depth++
			if label != "" {
				stages = append(stages, scope{label, depth})
				label = ""
			}
		case t.kind == tokPunct && t.text == "}":
			if envAt == depth {
				envAt = -1
			}
			for len(stages) > 0 && stages[len(stages)-1].depth >= depth {
				stages = stages[:len(stages)-1]
			}
			depth = max(depth-1, 0)
		case t.kind == tokIdent && t.text == "stage" && envAt < 0:
			// stage('Name') { … } or stage(name: 'Name') { … }
			if j := next(i + 1); j < len(toks) && toks[j].text == "(" {
				for k := j + 1; k < len(toks) && k < j+6 && toks[k].text != ")"; k++ {
					if toks[k].kind == tokString {
						label = "stage " + quote(toks[k].text)
						break
					}
				}
			}
		case t.kind == tokIdent && t.text == "environment" && envAt < 0:
			if j := next(i + 1); j < len(toks) && toks[j].text == "{" {
				i = j
				depth++
				envAt = depth
			}
		case envAt == depth && t.kind == tokIdent:
			j := next(i + 1)
			if j >= len(toks) || toks[j].text != "=" || j+1 < len(toks) && toks[j+1].text == "=" {
				continue
			}
			// The value runs to the end of the line (or a ;), with brackets balanced.
			k, open := j+1, 0
			for ; k < len(toks); k++ {
				x := toks[k]
				if open == 0 && (x.kind == tokNewline || x.text == ";" || x.text == "}") {
					break
				}
				switch x.text {
				case "(", "[", "{":
					open++
				case ")", "]", "}":
					open--
				}
			}
			owner := "the pipeline"
			if len(stages) > 0 {
				owner = stages[len(stages)-1].label
			}
			out = append(out, envAssignment{name: t, value: toks[j+1 : k], owner: owner})
			i = k - 1
		}
	}
	return out
}
