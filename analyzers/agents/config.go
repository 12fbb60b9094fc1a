package agents

import (
	"path"
	"strings"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// config is one parsed agent or LLM-tool configuration file being checked.
type config struct {
	f       *analyzers.File
	client  *client
	root    *node
	example bool // .env.example and friends: only known key formats count
	results []analyzers.Result
	shared  sharedIndex
	agents  []*agent
}

// agent is one MCP server or model entry of a config, or the file itself
// for settings outside any entry. Each is a separate identity for NHI9.
type agent struct {
	kind, name string // "MCP server", "github"; kind "" for the file
	node       *node
	// holds: some credential (literal or reference) is configured for it.
	holds bool
	// sends: a credential travels with its requests (header, URL, flag).
	sends bool
	// urls are the endpoints it talks to.
	urls []*node
}

// id identifies the agent across the scan.
func (a *agent) id(p string) string { return p + "\x00" + a.kind + "\x00" + a.name }

// label names the agent in messages.
func (a *agent) label(c *config) string {
	if a.kind == "" {
		return "the config"
	}
	return a.kind + " \"" + a.name + "\""
}

// role is where in an agent a value sits.
type role uint8

const (
	roleSetting role = iota
	roleEnv
	roleHeader
	roleArg
	roleURL
)

func (r role) String() string {
	switch r {
	case roleEnv:
		return "env"
	case roleHeader:
		return "header"
	case roleArg:
		return "argument"
	case roleURL:
		return "URL"
	}
	return "setting"
}

// readConfig parses a config file; it returns nil for a file that turns
// out not to be an agent config (a config.yaml that is not LiteLLM's).
func readConfig(f *analyzers.File, t target) (*config, error) {
	var (
		root *node
		err  error
	)
	switch t.format {
	case formatJSON:
		root, err = parseJSON(f.Content)
	case formatYAML:
		root, err = parseYAML(f.Content)
	case formatTOML:
		root, err = parseTOML(f.Content)
	case formatDotenv:
		root = parseDotenv(f.Content)
	}
	if err != nil {
		return nil, err
	}
	if t.client == liteLLM && root.get("model_list") == nil {
		return nil, nil
	}
	return &config{f: f, client: t.client, root: root, example: isExampleFile(path.Base(f.Rel))}, nil
}

// serverMaps are the keys under which clients keep a map of MCP servers
// by name; serverLists the keys of lists of named entries.
var (
	serverMaps  = map[string]string{"mcpServers": "MCP server", "servers": "MCP server", "context_servers": "MCP server"}
	serverLists = map[string]string{"mcpServers": "MCP server", "models": "model", "model_list": "model", "providers": "provider"}
	entryNames  = []string{"name", "model_name", "id", "model", "title"}
)

// urlKeys name endpoints of a server or model.
var urlKeys = map[string]bool{
	"url": true, "serverUrl": true, "httpUrl": true, "api_base": true, "apiBase": true,
	"base_url": true, "baseURL": true, "baseUrl": true, "endpoint": true, "apiUrl": true,
	"openai-api-base": true,
}

// check runs every per-file config rule.
func (c *config) check() {
	file := &agent{node: c.root}
	c.agents = append(c.agents, file)
	if c.root.kind == listNode && c.client == autoGen {
		for i, e := range c.root.children {
			c.walkAgent(c.entry(e, "model", i), e)
		}
	} else {
		c.walk(c.root, file, roleSetting, 0)
	}
	for _, a := range c.agents {
		c.checkTransport(a)
		c.checkPermissions(a)
	}
}

// entry makes an agent of a list element, named by its name-like field.
func (c *config) entry(e *node, kind string, i int) *agent {
	name := ""
	for _, k := range entryNames {
		if name = e.get(k).str(); name != "" {
			break
		}
	}
	if name == "" {
		name = e.str()
	}
	if name == "" {
		name = "#" + itoa(i+1)
	}
	return &agent{kind: kind, name: name, node: e}
}

func (c *config) walkAgent(a *agent, n *node) {
	c.agents = append(c.agents, a)
	c.walk(n, a, roleSetting, 0)
}

// walk visits n, which belongs to agent a in role r.
func (c *config) walk(n *node, a *agent, r role, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.kind {
	case mapNode:
		for _, ch := range n.children {
			switch {
			case a.kind == "" && ch.kind == mapNode && serverMaps[ch.key] != "" && c.client != promptfoo:
				for _, s := range ch.children {
					if s.kind == mapNode {
						c.walkAgent(&agent{kind: serverMaps[ch.key], name: s.key, node: s}, s)
					}
				}
			case a.kind == "" && ch.kind == listNode && serverLists[ch.key] != "":
				for i, e := range ch.children {
					c.walkAgent(c.entry(e, serverLists[ch.key], i), e)
				}
			case ch.key == "env" || ch.key == "environment_variables" || ch.key == "environment":
				c.walk(ch, a, roleEnv, depth+1)
			case ch.key == "headers":
				c.walk(ch, a, roleHeader, depth+1)
			case ch.key == "args" && ch.kind == listNode:
				c.checkArgs(a, argsOf(ch.children))
			case ch.key == "command" && ch.kind == scalarNode && strings.ContainsAny(ch.value, " \t"):
				c.checkArgs(a, splitCommand(ch))
			case urlKeys[ch.key] && ch.kind == scalarNode:
				a.urls = append(a.urls, ch)
				c.scalar(ch, a, roleURL)
			default:
				c.walk(ch, a, r, depth+1)
			}
		}
	case listNode:
		for _, ch := range n.children {
			if ch.key == "" {
				ch.key = n.key // a scalar in a list is named by the list
			}
			c.walk(ch, a, r, depth+1)
		}
	case scalarNode:
		c.scalar(n, a, r)
	}
}

// scalar checks one value.
func (c *config) scalar(n *node, a *agent, r role) {
	if !n.isString || n.value == "" {
		return
	}
	name := n.key
	if c.client == aider && name == "api-key" || strings.HasSuffix(name, "-api-key") && c.client == aider {
		// aider writes api-key: [gemini=KEY] and openai-api-key: KEY.
		if k, v, ok := strings.Cut(n.value, "="); ok && !strings.ContainsAny(k, " /") {
			c.value(n, a, r, k+"-api-key", v, len(k)+1)
			return
		}
	}
	c.value(n, a, r, name, n.value, 0)
}

// report records a literal-credential finding and remembers it for NHI9.
func (c *config) report(rule *finding.Rule, n *node, a *agent, off int, secret string, prov provider, msg string) {
	start, end := n.span(off, off+len(secret))
	res := literalResult(c.f, rule, start, end, secret, prov, msg)
	c.results = append(c.results, res)
	if c.client != dotenv && c.client != streamlit {
		c.shared.addLiteral(finding.SecretHash(secret), res.Evidence, a.id(c.f.Path), a.label(c)+" in "+c.f.Path, res.Finding.Location, secret)
	}
}

func (c *config) loc(n *node, i, j int) finding.Location {
	s, e := n.span(i, j)
	return c.f.Location(s, e)
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
