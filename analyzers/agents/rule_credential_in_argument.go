package agents

import (
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleCredentialInArgument = &finding.Rule{
	ID:    "agents-credential-in-argument",
	Title: "Credential passed to an MCP server or agent as a command-line argument",
	Description: "An MCP server or agent is started with a literal credential on its command line: " +
		"a --api-key or --token flag, an mcp-remote --header \"Authorization: Bearer ...\", " +
		"a docker -e NAME=value, or a key in a URL argument.",
	Why: "Command lines are visible to every user and process on the machine (ps, /proc/*/cmdline), " +
		"are written to shell history, crash reports and process-accounting logs, and the config that " +
		"holds them is usually committed or synced. The credential should reach the server through its " +
		"environment, which only the server can read.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2},
	CWEs:             []string{"CWE-214", "CWE-522"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 7.5,
	Remediation: finding.Remediation{
		Revoke: "Revoke the key at its provider: it has been visible in process listings and in the config file.",
		Rotate: "Issue a new key, put it in the server's env block as a reference to a variable the client expands " +
			"(${VAR} in Claude Code, ${env:VAR} in Cursor and VS Code), and remove the argument.",
		Replace: "Prefer OAuth for remote MCP servers, which needs no key on the command line at all.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/214.html",
			"https://code.claude.com/docs/en/mcp",
		},
	},
	Analyzer: Name,
}

// argTok is one command-line argument: an element of an args list, or a
// word of a command string at decoded offset off of node n.
type argTok struct {
	n    *node
	off  int
	text string
}

func argsOf(list []*node) []argTok {
	var out []argTok
	for _, n := range list {
		if n.kind == scalarNode && n.isString {
			out = append(out, argTok{n: n, text: n.value})
		}
	}
	return out
}

// splitCommand splits a command string at blanks. Quoting is not
// interpreted: a quoted argument with blanks is rare in configs, and its
// words are still checked one by one.
func splitCommand(n *node) []argTok {
	var out []argTok
	s := n.value
	for i := 0; i < len(s); {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		if j > i {
			out = append(out, argTok{n: n, off: i, text: strings.Trim(s[i:j], `"'`)})
			if s[i] == '"' || s[i] == '\'' {
				out[len(out)-1].off++
			}
		}
		i = j
	}
	return out
}

// checkArgs looks for credentials among the arguments of agent a.
func (c *config) checkArgs(a *agent, args []argTok) {
	for i := 0; i < len(args); i++ {
		t := args[i]
		s := t.text
		var next *argTok
		if i+1 < len(args) {
			next = &args[i+1]
		}
		switch {
		case strings.HasPrefix(s, "--") || strings.HasPrefix(s, "-") && len(s) > 2 && strings.Contains(s, "="):
			flag, val, hasVal := strings.Cut(strings.TrimLeft(s, "-"), "=")
			dashes := len(s) - len(strings.TrimLeft(s, "-"))
			switch {
			case hasVal:
				c.argValue(a, t, t.off+dashes+len(flag)+1, flag, val)
			case (flag == "header" || flag == "H") && next != nil:
				c.argHeader(a, *next)
				i++
			case credentialName(flag) && next != nil && !strings.HasPrefix(next.text, "-"):
				c.argValue(a, *next, next.off, flag, next.text)
				i++
			}
		case s == "-H" && next != nil:
			c.argHeader(a, *next)
			i++
		case s == "-e" && next != nil && strings.Contains(next.text, "="):
			name, val, _ := strings.Cut(next.text, "=")
			c.argValue(a, *next, next.off+len(name)+1, name, val)
			i++
		case strings.Contains(s, "://"):
			a.urls = append(a.urls, t.n)
			c.checkURL(t.n, a, roleArg, s, t.off)
		case strings.Contains(s, ": "):
			c.argHeader(a, t)
		default:
			if name, val, ok := strings.Cut(s, "="); ok && isEnvName(name) {
				c.argValue(a, t, t.off+len(name)+1, name, val)
				continue
			}
			c.argValue(a, t, t.off, "", s)
		}
	}
}

// argHeader checks an argument of the form "Name: value".
func (c *config) argHeader(a *agent, t argTok) {
	name, val, ok := strings.Cut(t.text, ":")
	if !ok {
		return
	}
	trimmed := strings.TrimLeft(val, " ")
	off := t.off + len(name) + 1 + len(val) - len(trimmed)
	if credentialName(name) {
		a.sends = true
	}
	c.argValue(a, argTok{n: t.n, off: off, text: trimmed}, off, name, trimmed)
}

// argValue checks val, at decoded offset off of t.n, passed for name.
func (c *config) argValue(a *agent, t argTok, off int, name, val string) {
	credName := name != "" && credentialName(name)
	if credName {
		var skip int
		val, skip = stripAuthScheme(val)
		off += skip
		a.holds = true
	}
	if isReference(val) {
		if credName {
			if vr := refVar(val); vr != "" {
				c.shared.addRef(vr, a.id(c.f.Path), a.label(c)+" in "+c.f.Path, c.loc(t.n, off, off+len(val)))
			}
		}
		return
	}
	if strings.Contains(val, "://") {
		c.checkURL(t.n, a, roleArg, val, off)
		return
	}
	prov, known := matchKey(val)
	if !known && !(credName && isLiteralSecret(val)) || isPlaceholder(val) {
		return
	}
	a.holds = true
	what := "argument"
	if name != "" {
		what = "argument " + name
	}
	msg := "literal " + describe(val, prov) + " passed as " + what + " of " + a.label(c) + " (" + c.client.name +
		"): command lines are visible to other processes; pass it in env and " + c.client.suggestion(envNameFor(name, a))
	c.report(ruleCredentialInArgument, t.n, a, off, val, prov, msg)
}

// envNameFor picks the variable name to suggest for a flag or header.
func envNameFor(name string, a *agent) string {
	if name == "" || strings.EqualFold(name, "authorization") {
		if a.name == "" {
			return "API_TOKEN"
		}
		return envName(a.name) + "_TOKEN"
	}
	if genericNames[strings.ToLower(strings.Trim(name, "-_"))] && a.name != "" {
		return envName(a.name) + "_" + envName(name) // --token → GITHUB_TOKEN
	}
	return envName(name)
}

// genericNames say that a value is a key but not whose; the suggested
// variable name is prefixed with the server's or model's name.
var genericNames = map[string]bool{
	"token": true, "api_key": true, "apikey": true, "api-key": true, "key": true, "password": true,
	"secret": true, "access_token": true, "auth_token": true, "bearer": true,
}

func isEnvName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}
