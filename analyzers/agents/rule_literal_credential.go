package agents

import (
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleLiteralCredential = &finding.Rule{
	ID:    "agents-literal-credential",
	Title: "Literal credential in an AI agent, MCP or LLM tool config",
	Description: "A credential is written as a literal value in the config of an AI agent, MCP client or LLM " +
		"tool (MCP server env and headers, model api keys, URL paths and connection strings, .env files) " +
		"where the client offers a reference syntax: ${VAR} in Claude Code, ${env:VAR} in Cursor, Windsurf, " +
		"Cline and VS Code, ${input:id} with \"password\": true in VS Code, os.environ/VAR in LiteLLM, " +
		"{{ env.VAR }} in promptfoo, ${{ secrets.NAME }} in Continue. Values written as references and " +
		"placeholders are not reported.",
	Why: "Agent configs are committed to share MCP servers with a team, synced between machines and read by " +
		"the agent itself, which can quote them into a conversation or a tool call. A literal there is a " +
		"long-lived key in plain text in every copy; a reference keeps the key in the environment or the " +
		"OS keychain.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2, finding.NHI7},
	CWEs:             []string{"CWE-798", "CWE-260", "CWE-312"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 8.0,
	Remediation: finding.Remediation{
		Revoke:  "Revoke the key at its provider: every clone and sync of the config holds it.",
		Rotate:  "Issue a new key, store it in the environment, the OS keychain or a secret manager, and write the client's reference syntax in the config.",
		Replace: "Prefer OAuth for remote MCP servers, apiKeyHelper or workload identity for model access, and VS Code inputs with \"password\": true.",
		References: []string{
			"https://code.claude.com/docs/en/mcp",
			"https://code.visualstudio.com/docs/copilot/reference/mcp-configuration",
			"https://docs.litellm.ai/docs/proxy/configs",
			"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025",
		},
	},
	Analyzer: Name,
}

// value checks the text v, found at decoded offset off of node n, as the
// value of a setting called name.
func (c *config) value(n *node, a *agent, r role, name, v string, off int) {
	credName := credentialName(name)
	if r == roleHeader || strings.EqualFold(name, "authorization") {
		var skip int
		v, skip = stripAuthScheme(v)
		off += skip
	}
	switch {
	case isReference(v):
		if credName {
			a.holds = true
			if r == roleHeader {
				a.sends = true
			}
			if vr := refVar(v); vr != "" {
				c.shared.addRef(vr, a.id(c.f.Path), a.label(c)+" in "+c.f.Path, c.loc(n, off, off+len(v)))
			}
		}
		return
	case strings.Contains(v, "://"):
		c.checkURL(n, a, r, v, off)
		return
	}
	prov, known := matchKey(v)
	if credName {
		a.holds = true
		if r == roleHeader || r == roleSetting && a.kind == "model" {
			a.sends = true
		}
	}
	if known {
		a.holds = true
	}
	if c.example && !known {
		return // templates hold placeholders; only a real key format counts
	}
	if !known && !(credName && isLiteralSecret(v)) {
		return
	}
	if isPlaceholder(v) {
		return
	}
	where := r.String() + " " + name
	switch {
	case c.client == dotenv || c.client == streamlit:
		where = name
	case r == roleSetting:
		where = "setting " + name
	}
	msg := "literal " + describe(v, prov) + " in " + where + " of " + a.label(c) + " (" + c.client.name + "): " + c.client.suggestion(envNameFor(name, a))
	c.report(ruleLiteralCredential, n, a, off, v, prov, msg)
	if c.client == dotenv && credName {
		c.shared.addDefinition(name)
	}
}
