package agents

import (
	"net/url"
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleCredentialInURL = &finding.Rule{
	ID:    "agents-credential-in-url",
	Title: "Credential in the query string of an agent or MCP server URL",
	Description: "The URL of a remote MCP server, model endpoint or tool carries a literal credential " +
		"as a query parameter (?api_key=, ?token=, ?key=).",
	Why: "Query strings are logged by proxies, load balancers, the server's access log and the client's own " +
		"debug logs, and are kept in browser and tool histories. A key sent in a header, from a reference the " +
		"client expands, is not.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2},
	CWEs:             []string{"CWE-598", "CWE-200"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 7.5,
	Remediation: finding.Remediation{
		Revoke:  "Revoke the key at its provider: it has been in request logs along the way.",
		Rotate:  "Issue a new key and send it in a header (Authorization or the provider's key header) filled from a reference the client expands.",
		Replace: "Prefer OAuth for remote MCP servers (Claude Code /mcp, VS Code, Windsurf support it).",
		References: []string{
			"https://cwe.mitre.org/data/definitions/598.html",
		},
	},
	Analyzer: Name,
}

// queryKeyNames are query parameters that carry credentials although
// their names alone would not say so to credentialName.
var queryKeyNames = map[string]bool{"key": true, "sig": true, "signature": true, "code": false}

// checkURL checks a URL value v at decoded offset off of node n: the
// password of a connection string, credentials in the query, and keys in
// path segments.
func (c *config) checkURL(n *node, a *agent, r role, v string, off int) {
	scheme, rest, ok := strings.Cut(v, "://")
	if !ok || strings.ContainsAny(scheme, " /") {
		return
	}
	pos := off + len(scheme) + 3
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	// user:password@host
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		if user, pass, ok := strings.Cut(authority[:at], ":"); ok && pass != "" && !isLoopback(hostOf(authority[at+1:])) {
			a.holds, a.sends = true, true
			c.urlPart(n, a, r, pos+len(user)+1, pass, "password in the connection string", "")
		}
	}
	pathAndQuery := rest[len(authority):]
	pos += len(authority)
	query := ""
	if i := strings.IndexByte(pathAndQuery, '?'); i >= 0 {
		query = pathAndQuery[i+1:]
		pathAndQuery = pathAndQuery[:i]
	}
	// Key-shaped path segments (https://actions.zapier.com/mcp/KEY/sse).
	segPos := pos
	for _, seg := range strings.Split(pathAndQuery, "/") {
		if prov, known := matchKey(seg); known && !isPlaceholder(seg) {
			a.holds, a.sends = true, true
			c.report(ruleLiteralCredential, n, a, segPos, seg, prov,
				"literal "+describe(seg, prov)+" in the URL path of "+a.label(c)+" ("+c.client.name+"): "+c.client.suggestion(a.name+"_KEY"))
		}
		segPos += len(seg) + 1
	}
	if query == "" {
		return
	}
	qPos := pos + len(pathAndQuery) + 1
	for _, kv := range strings.Split(strings.SplitN(query, "#", 2)[0], "&") {
		k, val, _ := strings.Cut(kv, "=")
		name, _ := url.QueryUnescape(k)
		if credentialName(name) || queryKeyNames[strings.ToLower(name)] {
			a.holds, a.sends = true, true
			c.urlPart(n, a, r, qPos+len(k)+1, val, "query parameter "+name, name)
		}
		qPos += len(kv) + 1
	}
}

// urlPart reports secret at decoded offset off of n if it is a literal.
func (c *config) urlPart(n *node, a *agent, r role, off int, secret, where, name string) {
	if isReference(secret) {
		if vr := refVar(secret); vr != "" {
			c.shared.addRef(vr, a.id(c.f.Path), a.label(c)+" in "+c.f.Path, c.loc(n, off, off+len(secret)))
		}
		return
	}
	prov, known := matchKey(secret)
	if c.example && !known || !known && !isLiteralSecret(secret) {
		return
	}
	rule := ruleLiteralCredential
	suggest := envNameFor(name, a)
	if name == "" && n.key != "" {
		suggest = envName(n.key) // DATABASE_URL
	}
	msg := "literal " + describe(secret, prov) + " as " + where + " of " + a.label(c) + " (" + c.client.name + "): " + c.client.suggestion(suggest)
	if name != "" {
		rule = ruleCredentialInURL
		msg = "literal " + describe(secret, prov) + " in URL " + where + " of " + a.label(c) + " (" + c.client.name +
			"): URLs end up in logs; send it in a header and " + c.client.suggestion(envNameFor(name, a))
	} else if r == roleArg {
		rule = ruleCredentialInArgument
	}
	c.report(rule, n, a, off, secret, prov, msg)
}

// hostOf returns the host of an authority without port or brackets.
func hostOf(authority string) string {
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		authority = authority[at+1:]
	}
	if strings.HasPrefix(authority, "[") {
		if i := strings.IndexByte(authority, ']'); i > 0 {
			return authority[1:i]
		}
	}
	if i := strings.LastIndexByte(authority, ':'); i >= 0 {
		authority = authority[:i]
	}
	return strings.ToLower(authority)
}

// isLoopback reports hosts that never leave the machine.
func isLoopback(host string) bool {
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || host == "::1" ||
		strings.HasPrefix(host, "127.") || host == "0.0.0.0" || host == "host.docker.internal" || host == ""
}
