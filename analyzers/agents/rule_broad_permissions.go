package agents

import (
	"strings"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var ruleBroadPermissions = &finding.Rule{
	ID:    "agents-broad-tool-permissions",
	Title: "Agent with credentials may run any tool without approval",
	Description: "An agent or MCP server that holds credentials is granted unrestricted tool use without a " +
		"human approving each call: Claude Code permissions that allow Bash, Bash(*) or * or set " +
		"defaultMode bypassPermissions, Cline alwaysAllow or Kiro and Amazon Q autoApprove lists that " +
		"contain \"*\", Gemini CLI trust: true.",
	Why: "A prompt injection in anything the agent reads (a web page, an issue, a file) can then use every " +
		"credential in the agent's environment without anyone noticing: the blast radius of the keys is " +
		"everything the tools can reach. This is a note on the risk, not a leak.",
	Level:            finding.LevelNote,
	Categories:       []finding.Category{finding.NHI5},
	CWEs:             []string{"CWE-250", "CWE-272"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 4.0,
	Remediation: finding.Remediation{
		Revoke: "Nothing to revoke.",
		Rotate: "List the specific commands and tools the agent may run without approval (Bash(npm test), " +
			"named MCP tools) and give the agent credentials scoped to what those tools need.",
		Replace: "Run unattended agents in a sandbox with short-lived, narrowly scoped credentials.",
		References: []string{
			"https://docs.anthropic.com/en/docs/claude-code/settings",
			"https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/",
		},
	},
	Analyzer: Name,
}

// checkPermissions reports broad grants of agent a when it holds credentials.
func (c *config) checkPermissions(a *agent) {
	if a.node == nil || a.node.kind != mapNode {
		return
	}
	holds := a.holds
	if a.kind == "" {
		// Claude Code's settings govern the whole session: any credential
		// in the file's env counts.
		for _, ag := range c.agents {
			holds = holds || ag.holds
		}
	}
	if !holds {
		return
	}
	type grant struct {
		n    *node
		what string
	}
	var grants []grant
	if p := a.node.get("permissions"); p != nil {
		for _, g := range p.get("allow").listValues() {
			if v := g.value; v == "Bash" || v == "Bash(*)" || v == "Bash(:*)" || v == "*" {
				grants = append(grants, grant{g, "allow " + v})
			}
		}
		if m := p.get("defaultMode"); m.str() == "bypassPermissions" {
			grants = append(grants, grant{m, "defaultMode bypassPermissions"})
		}
	}
	for _, key := range []string{"alwaysAllow", "autoApprove"} {
		n := a.node.get(key)
		if n != nil && n.kind == scalarNode && n.value == "true" {
			grants = append(grants, grant{n, key + " true"})
		}
		for _, g := range n.listValues() {
			if g.value == "*" {
				grants = append(grants, grant{g, key + " *"})
			}
		}
	}
	if t := a.node.get("trust"); t != nil && t.kind == scalarNode && t.value == "true" {
		grants = append(grants, grant{t, "trust true"})
	}
	for _, gr := range grants {
		g, what := gr.n, strings.TrimSpace(gr.what)
		fd := finding.Finding{
			RuleID:   ruleBroadPermissions.ID,
			Location: c.f.Location(g.start, g.end),
			Message: a.label(c) + " (" + c.client.name + ") holds credentials and may run any tool without approval (" +
				what + "): a prompt injection could use every key it can reach; allow specific tools instead",
			Fingerprint: finding.KeyFingerprint(ruleBroadPermissions.ID, c.f.Path, a.kind+"/"+a.name+"/"+what),
		}
		c.results = append(c.results, analyzersResult(fd))
	}
}

// listValues returns the scalar elements of a list node.
func (n *node) listValues() []*node {
	if n == nil || n.kind != listNode {
		return nil
	}
	var out []*node
	for _, c := range n.children {
		if c.kind == scalarNode {
			out = append(out, c)
		}
	}
	return out
}

// analyzersResult wraps a finding that carries no secret.
func analyzersResult(fd finding.Finding) analyzers.Result { return analyzers.Result{Finding: fd} }
