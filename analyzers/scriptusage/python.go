package scriptusage

import (
	"strings"

	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// lexPython splits Python source into tokens, skipping comments and reading
// string literals (with their r/b/f/u prefixes and triple quotes) whole.
// An unterminated single-quoted string ends at its line, as in Python.
func lexPython(src []byte) []token {
	toks := make([]token, 0, len(src)/6)
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f':
			i++
		case c == '\\':
			i += 2 // explicit line joining, or a stray backslash
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			tk, end := lexPythonString(src, i, i)
			toks = append(toks, tk)
			i = end
		case identStart(c):
			j := i + 1
			for j < len(src) && identPart(src[j]) {
				j++
			}
			word := string(src[i:j])
			if j < len(src) && (src[j] == '"' || src[j] == '\'') && stringPrefix(word) {
				tk, end := lexPythonString(src, i, j)
				toks = append(toks, tk)
				i = end
				continue
			}
			toks = append(toks, token{kind: tIdent, text: word, off: i})
			i = j
		case '0' <= c && c <= '9':
			j := i + 1
			for j < len(src) && (identPart(src[j]) || src[j] == '.') {
				j++
			}
			toks = append(toks, token{kind: tNumber, text: string(src[i:j]), off: i})
			i = j
		default:
			n := 1
			if i+1 < len(src) && src[i+1] == '=' && strings.IndexByte("=!<>:+-*/%&|^@", c) >= 0 {
				n = 2
			}
			toks = append(toks, token{kind: tPunct, text: string(src[i : i+n]), off: i})
			i += n
		}
	}
	return toks
}

func stringPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt":
		return true
	}
	return false
}

// lexPythonString reads the string literal whose prefix starts at start
// and whose quote is at q, and returns it and the offset after it.
func lexPythonString(src []byte, start, q int) (token, int) {
	prefix := strings.ToLower(string(src[start:q]))
	raw := strings.Contains(prefix, "r")
	format := strings.ContainsAny(prefix, "ft")
	quote := src[q]
	triple := q+2 < len(src) && src[q+1] == quote && src[q+2] == quote
	i := q + 1
	if triple {
		i = q + 3
	}
	var b strings.Builder
	for i < len(src) {
		c := src[i]
		if c == '\\' && i+1 < len(src) {
			if raw {
				b.WriteByte(c)
				b.WriteByte(src[i+1])
			} else {
				b.WriteByte(unescape(src[i+1]))
			}
			i += 2
			continue
		}
		if c == quote && (!triple || i+2 < len(src) && src[i+1] == quote && src[i+2] == quote) {
			if triple {
				i += 3
			} else {
				i++
			}
			return stringToken(b.String(), start, format), i
		}
		if c == '\n' && !triple {
			break
		}
		b.WriteByte(c)
		i++
	}
	return stringToken(b.String(), start, format), i
}

func stringToken(value string, off int, interpolated bool) token {
	kind := tString
	if interpolated && strings.Contains(value, "{") {
		kind = tTemplate
	}
	return token{kind: kind, text: value, off: off}
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	}
	return c
}

func identStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func identPart(c byte) bool { return identStart(c) || '0' <= c && c <= '9' }

// pyExtractor holds the state of one Python file.
type pyExtractor struct {
	*tokens
	w       *workload
	idx     *lineIndex
	imports map[string]string // local name → dotted module path ("WC" → "slack_sdk.WebClient")
	bound   bindings
	sinks   sinkStack

	assigned map[string]int // moduleAssignments, computed on first use
}

func extractPython(rel string, content []byte) []usage.Fact {
	x := &pyExtractor{
		tokens:  newTokens(lexPython(content)),
		w:       &workload{path: rel, name: "python:" + rel, language: "python"},
		idx:     newLineIndex(content),
		imports: map[string]string{},
		bound:   bindings{},
		sinks:   sinkStack{opening: map[int]string{}},
	}
	x.readImports()
	x.readBindings()
	x.readPyGithubBindings()
	x.emit()
	return x.w.facts
}

// readImports records import X [as Y] and from M import X [as Y].
func (x *pyExtractor) readImports() {
	for i := range x.toks {
		switch {
		case x.is(i, "import") && !x.fromImport(i):
			for j := i + 1; ; {
				parts, next := x.chain(j)
				if len(parts) == 0 {
					break
				}
				local := parts[0]
				if x.is(next, "as") && x.ident(next+1) {
					local = x.toks[next+1].text
					x.imports[local] = strings.Join(parts, ".")
					next += 2
				} else {
					x.imports[local] = local
				}
				if !x.is(next, ",") {
					break
				}
				j = next + 1
			}
		case x.is(i, "from"):
			mod, next := x.chain(i + 1)
			if len(mod) == 0 || !x.is(next, "import") {
				continue
			}
			j := next + 1
			if x.is(j, "(") {
				j++
			}
			for x.ident(j) {
				name, local := x.toks[j].text, x.toks[j].text
				j++
				if x.is(j, "as") && x.ident(j+1) {
					local = x.toks[j+1].text
					j += 2
				}
				x.imports[local] = strings.Join(mod, ".") + "." + name
				if !x.is(j, ",") {
					break
				}
				j++
			}
		}
	}
}

// fromImport reports whether the import keyword at i ends "from a.b".
func (x *pyExtractor) fromImport(i int) bool {
	j := i - 1
	for prevIdent := false; ; j-- {
		if x.is(j, ".") {
			prevIdent = false
		} else if x.ident(j) && !prevIdent && !x.is(j, "from") {
			prevIdent = true
		} else {
			break
		}
	}
	return x.is(j, "from")
}

// resolve spells a chain with its first part replaced by what it imports.
func (x *pyExtractor) resolve(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	head := parts[0]
	if m, ok := x.imports[head]; ok {
		head = m
	}
	return strings.Join(append([]string{head}, parts[1:]...), ".")
}

// constructor recognises a call that makes a client: chain parts at token
// i, called with the arguments opened at open.
func (x *pyExtractor) constructor(parts []string, i, open int) (client, bool) {
	name := x.resolve(parts)
	arg, _ := x.str(open + 1)
	switch name {
	case "boto3.client", "boto3.resource":
		if arg != "" {
			return client{kind: clientAWS, service: arg}, true
		}
	case "boto3.Session", "boto3.session.Session":
		return client{kind: clientAWSSession}, true
	case "requests.Session", "requests.session", "httpx.Client", "httpx.AsyncClient":
		return client{kind: clientHTTP}, true
	case "github.Github":
		return client{kind: clientPyGithub}, true
	case "googleapiclient.discovery.build", "apiclient.discovery.build":
		if arg != "" {
			return client{kind: clientGoogleAPI, service: arg}, true
		}
	}
	last := parts[len(parts)-1]
	mod := strings.SplitN(name, ".", 2)[0]
	switch {
	case (mod == "slack_sdk" || mod == "slack") && (last == "WebClient" || last == "AsyncWebClient"):
		return client{kind: clientSlack}, true
	case mod == "openai" && (last == "OpenAI" || last == "AsyncOpenAI" || last == "AzureOpenAI" || last == "AsyncAzureOpenAI"):
		return client{kind: clientOpenAI}, true
	case mod == "anthropic" && (last == "Anthropic" || last == "AsyncAnthropic"):
		return client{kind: clientAnthropic}, true
	}
	if len(parts) >= 2 && (last == "client" || last == "resource") && arg != "" {
		if c, ok := x.bound.lookup(strings.Join(parts[:len(parts)-1], "."), i); ok && c.kind == clientAWSSession {
			return client{kind: clientAWS, service: arg}, true
		}
	}
	return client{}, false
}

// readBindings binds names assigned from client constructors:
// s3 = boto3.client("s3"), with boto3.client("s3") as s3.
func (x *pyExtractor) readBindings() {
	for i := range x.toks {
		if !x.chainStart(i) {
			continue
		}
		parts, open := x.chain(i)
		if !x.is(open, "(") {
			continue
		}
		c, ok := x.constructor(parts, i, open)
		if !ok {
			continue
		}
		// boto3.Session().client("sns"): the session is not named, the client is.
		if end := x.closing(open); c.kind == clientAWSSession && x.is(end, ".") && (x.is(end+1, "client") || x.is(end+1, "resource")) && x.is(end+2, "(") {
			svc, ok := x.str(end + 3)
			if !ok {
				continue
			}
			c = client{kind: clientAWS, service: svc}
		}
		if name := x.target(i - 1); name != "" {
			x.bound.bind(name, i, c)
		}
		if end := x.closing(open); x.is(end, "as") && x.ident(end+1) {
			x.bound.bind(x.toks[end+1].text, i, c)
		}
	}
}

func (x *pyExtractor) pos(i int) (int, int) { return x.idx.position(x.toks[i].off) }

// emit walks the tokens once more and records facts.
func (x *pyExtractor) emit() {
	for i := range x.toks {
		if x.chainStart(i) {
			x.atChain(i)
		}
		x.sinks.step(x.tokens, i)
	}
}

func (x *pyExtractor) atChain(i int) {
	parts, next := x.chain(i)
	name := x.resolve(parts)
	if x.envRead(i, name, next) {
		return
	}
	if !x.is(next, "(") {
		return
	}
	if x.googleAuthCall(parts, name, i, next) {
		return
	}
	if c, ok := x.constructor(parts, i, next); ok {
		x.sinks.opening[next] = providerOfClient(c.kind)
		// boto3.client("s3").put_object(...): a call on the new client.
		if end := x.closing(next); x.is(end, ".") && x.ident(end+1) {
			rest, open := x.chain(end + 1)
			x.call(c, rest, end+1, open)
		}
		return
	}
	switch name {
	case "github.Auth.Token", "github.GithubIntegration", "github.Auth.AppAuth":
		x.sinks.opening[next] = scopes.GitHub
		return
	}
	if mod, method, ok := strings.Cut(name, "."); ok && (mod == "requests" || mod == "httpx") {
		x.httpCall(method, i, next, mod+"."+method)
		return
	}
	if c, rest, ok := x.bound.receiver(parts, i); ok {
		x.call(c, rest, i, next)
	}
}

// envRead records os.environ["X"], os.environ.get("X") and os.getenv("X").
func (x *pyExtractor) envRead(i int, name string, next int) bool {
	var (
		ref string
		ok  bool
		via string
	)
	switch name {
	case "os.environ":
		if x.is(next, "[") && x.is(next+2, "]") && !x.is(next+3, "=") {
			ref, ok = x.str(next + 1)
			via = "os.environ"
		}
	case "os.environ.get", "os.getenv", "os.environ.pop":
		if x.is(next, "(") {
			ref, ok = x.str(next + 1)
			via = name
		}
	default:
		return false
	}
	if ok && ref != "" {
		provider := providerOf(ref)
		if provider == "" {
			provider = x.sinks.top()
		}
		line, col := x.pos(i)
		x.w.ref(line, col, ref, usage.RefEnv, provider, via)
	}
	return true
}

// awsHelperMethods are boto3 client methods that are not API operations,
// or that are the S3 transfer manager's and call the operation named.
var awsHelperMethods = map[string]string{
	"get_waiter": "", "can_paginate": "", "close": "", "generate_presigned_post": "",
	"upload_file": "PutObject", "upload_fileobj": "PutObject",
	"download_file": "GetObject", "download_fileobj": "GetObject", "copy": "CopyObject",
}

// call records a method call on a bound client: rest is the chain after the
// receiver, token i where the call is reported, open its "(".
func (x *pyExtractor) call(c client, rest []string, i, open int) {
	if len(rest) == 0 || !x.is(open, "(") {
		return
	}
	line, col := x.pos(i)
	method := rest[0]
	switch c.kind {
	case clientAWS:
		if len(rest) != 1 || method == "" || method[0] < 'a' || method[0] > 'z' {
			return // resource sub-resources (s3.Bucket(...)) are not understood
		}
		op := snakeToPascal(method)
		switch method {
		case "get_paginator", "generate_presigned_url":
			arg, ok := x.str(open + 1)
			if !ok {
				return
			}
			op = snakeToPascal(arg)
		default:
			if helper, ok := awsHelperMethods[method]; ok {
				if helper == "" || c.service != "s3" {
					return
				}
				op = helper
			}
		}
		x.w.op(line, col, scopes.Operation{Provider: scopes.AWS, Service: c.service, Name: op}, "boto3 "+c.service+"."+method)
	case clientSlack:
		if len(rest) != 1 {
			return
		}
		for _, m := range slackPythonMethods(method, x, open) {
			x.w.op(line, col, scopes.Operation{Provider: scopes.Slack, Name: m}, "slack_sdk "+method)
		}
	case clientOpenAI, clientAnthropic:
		provider := providerOfClient(c.kind)
		if op, ok := sdkOperation(provider, rest); ok {
			x.w.op(line, col, op, provider+" "+strings.Join(rest, "."))
		}
	case clientHTTP:
		if len(rest) == 1 {
			x.httpCall(method, i, open, "http "+method)
		}
	case clientGoogleAPI:
		x.discoveryCall(c.service, rest, i, open)
	default:
		if pyGithubClasses[c.kind] != "" {
			x.pyGithubCall(c.kind, rest, i, open)
		}
	}
}

// slackPythonMethods maps a slack_sdk WebClient method to Web API methods:
// chat_postMessage is chat.postMessage, api_call("x.y") is x.y, and
// files_upload_v2 is the two calls of the external upload flow.
func slackPythonMethods(method string, x *pyExtractor, open int) []string {
	switch method {
	case "api_call":
		if m, ok := x.str(open + 1); ok && slackMethodName(m) {
			return []string{m}
		}
		return nil
	case "files_upload_v2":
		return []string{"files.getUploadURLExternal", "files.completeUploadExternal"}
	}
	m := strings.ReplaceAll(method, "_", ".")
	if !slackMethodName(m) {
		return nil
	}
	return []string{m}
}

// httpCall records requests/httpx get/post/... and request(METHOD, URL)
// calls whose URL is a string literal.
func (x *pyExtractor) httpCall(method string, i, open int, via string) {
	var url string
	var ok bool
	switch method {
	case "get", "post", "put", "patch", "delete", "head":
		url, ok = x.str(open + 1)
	case "request":
		if method, ok = x.str(open + 1); ok && x.is(open+2, ",") {
			url, ok = x.str(open + 3)
		}
	}
	if !ok {
		return
	}
	if op, ok := urlOperation(method, url); ok {
		line, col := x.pos(i)
		x.w.op(line, col, op, via)
	}
}
