package agents

import (
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleCleartextTransport = &finding.Rule{
	ID:    "agents-credential-over-http",
	Title: "Credential sent to a remote MCP server or model endpoint over plain HTTP",
	Description: "A remote MCP server or model endpoint is configured with an http:// URL while the entry " +
		"sends a credential (an Authorization or key header, a key in the URL, an api_key next to the " +
		"base URL). Loopback hosts (localhost, 127.0.0.0/8, ::1) are not reported.",
	Why: "Over plain HTTP the key crosses every network between the agent and the server in clear text, " +
		"where anyone on the path can read and replay it. This holds even when the key itself comes from a " +
		"reference.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI4},
	CWEs:             []string{"CWE-319"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 7.0,
	Remediation: finding.Remediation{
		Revoke:  "If the endpoint has been used over a shared network, revoke the key.",
		Rotate:  "Switch the URL to https:// and issue a new key.",
		Replace: "Use OAuth or mutual TLS for remote MCP servers.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/319.html",
		},
	},
	Analyzer: Name,
}

// checkTransport reports the http:// endpoints of an agent that sends a
// credential.
func (c *config) checkTransport(a *agent) {
	if !a.sends {
		return
	}
	for _, u := range a.urls {
		v := u.value
		i := strings.Index(v, "http://")
		if i < 0 || i > 0 && v[i-1] != '=' && v[i-1] != ' ' {
			continue
		}
		rest := v[i+len("http://"):]
		if j := strings.IndexAny(rest, "/?#"); j >= 0 {
			rest = rest[:j]
		}
		host := hostOf(rest)
		if isLoopback(host) || isReference(host) {
			continue
		}
		start, end := u.valueSpan()
		fd := finding.Finding{
			RuleID:      ruleCleartextTransport.ID,
			Location:    c.f.Location(start, end),
			Message:     a.label(c) + " (" + c.client.name + ") sends a credential to http://" + host + " in clear text: use https://",
			Fingerprint: finding.KeyFingerprint(ruleCleartextTransport.ID, c.f.Path, a.kind+"/"+a.name+"/"+host),
		}
		c.results = append(c.results, analyzersResult(fd))
	}
}
