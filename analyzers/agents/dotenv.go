package agents

import (
	"bytes"
	"strings"
)

// parseDotenv reads the .env family (.env, .envrc, .dev.vars): lines of
// [export] NAME=VALUE with optional single or double quotes and # comments.
// Lines it does not understand are skipped, as dotenv loaders do.
func parseDotenv(b []byte) *node {
	root := &node{kind: mapNode, keyStart: -1, textStart: -1}
	off := 0
	for off < len(b) && len(root.children) < maxNodes {
		end := bytes.IndexByte(b[off:], '\n')
		if end < 0 {
			end = len(b) - off
		}
		if n := dotenvLine(b, off, off+end); n != nil {
			root.children = append(root.children, n)
		}
		off += end + 1
	}
	return root
}

func dotenvLine(b []byte, start, end int) *node {
	line := string(b[start:end])
	i := len(line) - len(strings.TrimLeft(line, " \t"))
	if strings.HasPrefix(line[i:], "export ") {
		i += len("export ")
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	keyStart := i
	for i < len(line) && (isIdentByte(line[i]) || line[i] == '.' || line[i] == '-') {
		i++
	}
	name := line[keyStart:i]
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if name == "" || i >= len(line) || (line[i] != '=' && line[i] != ':') {
		return nil
	}
	i++
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	n := &node{kind: scalarNode, key: name, keyStart: start + keyStart, isString: true, start: start + i, textStart: -1}
	rest := strings.TrimRight(line[i:], "\r")
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		if j := strings.IndexByte(rest[1:], rest[0]); j >= 0 {
			n.value = rest[1 : 1+j]
			n.end = n.start + j + 2
			if rest[0] == '\'' || !strings.Contains(n.value, `\`) {
				n.textStart = n.start + 1
			}
			return n
		}
	}
	if j := strings.Index(rest, " #"); j >= 0 {
		rest = rest[:j]
	}
	n.value = strings.TrimRight(rest, " \t")
	n.end = n.start + len(n.value)
	n.textStart = n.start
	return n
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}
