package ghactions

import (
	"regexp"
	"strings"
)

// shellCommand is one simple command of a run: script. The reader is a
// heuristic tokenizer, not a shell: it understands quotes, line
// continuations, comments, the list and pipe operators, redirections and
// here-documents, which is what the rules need to tell "echo $TOKEN" from
// "echo $TOKEN | docker login --password-stdin".
type shellCommand struct {
	line  int    // 0-based script line the command starts on
	text  string // the command as written, on its first line
	words []string
	// piped is set when the command's output feeds another command.
	piped bool
	// redirect is the file that standard output goes to, if any.
	redirect string
	// heredoc is the body of a here-document the command reads.
	heredoc string
}

// name is the command name after env assignments and wrappers (sudo, env).
func (c shellCommand) name() string {
	if w := c.args(); len(w) > 0 {
		return w[0]
	}
	return ""
}

// args are the words from the command name on.
func (c shellCommand) args() []string {
	w := c.words
	for len(w) > 0 {
		switch {
		case isAssignment(w[0]), w[0] == "sudo", w[0] == "env", w[0] == "exec", w[0] == "time", w[0] == "command":
			w = w[1:]
		default:
			return w
		}
	}
	return nil
}

func isAssignment(w string) bool {
	i := strings.IndexByte(w, '=')
	return i > 0 && identRe.MatchString(w[:i])
}

var (
	identRe   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	heredocRe = regexp.MustCompile(`<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?`)
)

const maxScriptLines = 10_000

// parseScript splits a script into simple commands.
func parseScript(script string) []shellCommand {
	lines := strings.Split(script, "\n")
	if len(lines) > maxScriptLines {
		lines = lines[:maxScriptLines]
	}
	var out []shellCommand
	for i := 0; i < len(lines); i++ {
		start := i
		first := strings.TrimRight(lines[i], "\r")
		logical := first
		for strings.HasSuffix(strings.TrimRight(logical, " \t"), "\\") && i+1 < len(lines) {
			logical = strings.TrimSuffix(strings.TrimRight(logical, " \t"), "\\") + " " + strings.TrimSpace(lines[i+1])
			i++
		}
		trimmed := strings.TrimSpace(logical)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		var body string
		if m := heredocRe.FindStringSubmatch(logical); m != nil {
			var b strings.Builder
			for i+1 < len(lines) {
				i++
				if strings.TrimSpace(lines[i]) == m[1] {
					break
				}
				b.WriteString(lines[i])
				b.WriteByte('\n')
			}
			body = b.String()
		}
		for _, c := range splitCommands(logical) {
			c.line = start
			c.heredoc = body
			if c.text == "" {
				c.text = strings.TrimSpace(first)
			}
			out = append(out, c)
		}
	}
	return out
}

// splitCommands splits one logical line on unquoted ;, &&, || and | and
// tokenizes each part.
func splitCommands(line string) []shellCommand {
	var out []shellCommand
	var cur shellCommand
	var word strings.Builder
	inWord := false
	var quote byte
	segStart := 0
	pendingRedirect := false
	flushWord := func() {
		if !inWord {
			return
		}
		w := word.String()
		word.Reset()
		inWord = false
		if pendingRedirect {
			cur.redirect = w
			pendingRedirect = false
			return
		}
		cur.words = append(cur.words, w)
	}
	flush := func(end int, piped bool) {
		flushWord()
		cur.text = strings.TrimSpace(line[segStart:end])
		cur.piped = piped
		if len(cur.words) > 0 || cur.redirect != "" {
			out = append(out, cur)
		}
		cur = shellCommand{}
		pendingRedirect = false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if quote != 0 {
			switch {
			case c == quote:
				quote = 0
			case c == '\\' && quote == '"' && i+1 < len(line):
				i++
				word.WriteByte(line[i])
			default:
				word.WriteByte(c)
			}
			continue
		}
		switch c {
		case '\'', '"':
			quote = c
			inWord = true
		case '\\':
			if i+1 < len(line) {
				i++
				word.WriteByte(line[i])
				inWord = true
			}
		case ' ', '\t':
			flushWord()
		case '#':
			if !inWord {
				flush(i, false)
				return out
			}
			word.WriteByte(c)
		case ';':
			flush(i, false)
			segStart = i + 1
		case '&':
			if i+1 < len(line) && line[i+1] == '&' {
				flush(i, false)
				i++
				segStart = i + 1
			} else if i+1 < len(line) && line[i+1] == '>' {
				flushWord() // &> file: both streams
			} else if i > 0 && line[i-1] == '>' {
				word.WriteByte(c) // 2>&1
				inWord = true
			} else {
				flush(i, false)
				segStart = i + 1
			}
		case '|':
			if i+1 < len(line) && line[i+1] == '|' {
				flush(i, false)
				i++
			} else {
				flush(i, true)
			}
			segStart = i + 1
		case '>':
			// 2> and 2>&1 are stderr; 1> and > are stdout.
			w := word.String()
			if inWord && w != "1" && w != "2" && w != "&" {
				flushWord()
			}
			stderr := inWord && w == "2"
			word.Reset()
			inWord = false
			if i+1 < len(line) && line[i+1] == '>' {
				i++
			}
			if i+1 < len(line) && line[i+1] == '&' {
				// >&2, 2>&1: a stream, not a file.
				i++
				for i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9' {
					i++
				}
				continue
			}
			if !stderr {
				pendingRedirect = true
			}
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	flush(len(line), false)
	return out
}

// shellVarRe finds $NAME, ${NAME...} and PowerShell's $env:NAME.
var shellVarRe = regexp.MustCompile(`\$(?:env:)?\{?([A-Za-z_][A-Za-z0-9_]*)`)

// shellVars returns the variables that text expands.
func shellVars(text string) []string {
	var out []string
	for _, m := range shellVarRe.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}
