package scriptusage

import (
	"strings"

	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// maxTemplateDepth bounds the nesting of template literals in ${...}
// substitutions that the lexer follows.
const maxTemplateDepth = 64

// jsLexer splits JavaScript or TypeScript into tokens, skipping comments
// and reading string, template and regular expression literals whole. The
// code inside a template's ${...} is lexed as code. An unterminated quoted
// string ends at its line, as in JavaScript, so the apostrophe of JSX text
// ("Don't") spoils one line at most.
type jsLexer struct {
	src   []byte
	i     int
	depth int
	toks  []token
}

func lexJavaScript(src []byte) []token {
	l := &jsLexer{src: src, toks: make([]token, 0, len(src)/6)}
	if len(src) > 1 && src[0] == '#' && src[1] == '!' {
		for l.i < len(src) && src[l.i] != '\n' {
			l.i++
		}
	}
	l.code(false)
	return l.toks
}

// code lexes until the end of input or, in a template substitution, the
// "}" that closes it.
func (l *jsLexer) code(inSubstitution bool) {
	braces := 0
	for l.i < len(l.src) {
		c := l.src[l.i]
		next := byte(0)
		if l.i+1 < len(l.src) {
			next = l.src[l.i+1]
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f':
			l.i++
		case c == '/' && next == '/':
			for l.i < len(l.src) && l.src[l.i] != '\n' {
				l.i++
			}
		case c == '/' && next == '*':
			end := strings.Index(string(l.src[l.i+2:]), "*/")
			if end < 0 {
				l.i = len(l.src)
			} else {
				l.i += 2 + end + 2
			}
		case c == '"' || c == '\'':
			l.quoted(c)
		case c == '`':
			l.template()
		case c == '/' && l.regexAllowed():
			l.regex()
		case identStart(c) || c == '$' || c == '#':
			j := l.i + 1
			for j < len(l.src) && (identPart(l.src[j]) || l.src[j] == '$') {
				j++
			}
			l.toks = append(l.toks, token{kind: tIdent, text: string(l.src[l.i:j]), off: l.i})
			l.i = j
		case '0' <= c && c <= '9':
			j := l.i + 1
			for j < len(l.src) && (identPart(l.src[j]) || l.src[j] == '.') {
				j++
			}
			l.toks = append(l.toks, token{kind: tNumber, text: string(l.src[l.i:j]), off: l.i})
			l.i = j
		default:
			if c == '{' {
				braces++
			}
			if c == '}' {
				if inSubstitution && braces == 0 {
					l.i++
					return
				}
				braces--
			}
			l.punct(c, next)
		}
	}
}

func (l *jsLexer) punct(c, next byte) {
	text, n := string(c), 1
	rest := string(l.src[l.i:min(l.i+4, len(l.src))])
	switch {
	case c == '?' && next == '.' && !(len(rest) > 2 && '0' <= rest[2] && rest[2] <= '9'):
		text, n = ".", 2 // optional chaining reads as a member access
	case strings.HasPrefix(rest, "..."):
		text, n = "...", 3
	case strings.HasPrefix(rest, "===") || strings.HasPrefix(rest, "!=="):
		text, n = rest[:2], 3
	case next == '=' && strings.IndexByte("=!<>+-*/%&|^", c) >= 0, c == '=' && next == '>':
		text, n = rest[:2], 2
	}
	l.toks = append(l.toks, token{kind: tPunct, text: text, off: l.i})
	l.i += n
}

// regexKeywords are the keywords after which "/" starts a regular
// expression rather than a division.
var regexKeywords = map[string]bool{
	"return": true, "typeof": true, "case": true, "do": true, "else": true, "in": true,
	"instanceof": true, "new": true, "delete": true, "void": true, "throw": true,
	"yield": true, "await": true, "of": true,
}

func (l *jsLexer) regexAllowed() bool {
	if len(l.toks) == 0 {
		return true
	}
	last := l.toks[len(l.toks)-1]
	switch last.kind {
	case tPunct:
		return last.text != ")" && last.text != "]" && last.text != "}"
	case tIdent:
		return regexKeywords[last.text]
	}
	return false
}

func (l *jsLexer) regex() {
	start := l.i
	l.i++
	class := false
	for l.i < len(l.src) {
		c := l.src[l.i]
		if c == '\\' {
			l.i += 2
			continue
		}
		if c == '\n' {
			break
		}
		l.i++
		if c == '[' {
			class = true
		} else if c == ']' {
			class = false
		} else if c == '/' && !class {
			break
		}
	}
	for l.i < len(l.src) && identPart(l.src[l.i]) {
		l.i++
	}
	l.toks = append(l.toks, token{kind: tNumber, text: "regex", off: start})
}

func (l *jsLexer) quoted(q byte) {
	start := l.i
	l.i++
	var b strings.Builder
	for l.i < len(l.src) {
		c := l.src[l.i]
		if c == '\\' && l.i+1 < len(l.src) {
			if l.src[l.i+1] != '\n' {
				b.WriteByte(unescape(l.src[l.i+1]))
			}
			l.i += 2
			continue
		}
		if c == q {
			l.i++
			break
		}
		if c == '\n' {
			break
		}
		b.WriteByte(c)
		l.i++
	}
	l.toks = append(l.toks, token{kind: tString, text: b.String(), off: start})
}

func (l *jsLexer) template() {
	at := len(l.toks)
	l.toks = append(l.toks, token{kind: tString, off: l.i})
	l.i++
	var b strings.Builder
	substituted := false
loop:
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '\\' && l.i+1 < len(l.src):
			b.WriteByte(unescape(l.src[l.i+1]))
			l.i += 2
		case c == '`':
			l.i++
			break loop
		case c == '$' && l.i+1 < len(l.src) && l.src[l.i+1] == '{':
			substituted = true
			b.WriteString("${}")
			l.i += 2
			if l.depth >= maxTemplateDepth {
				for l.i < len(l.src) && l.src[l.i] != '}' {
					l.i++
				}
				l.i++
				continue
			}
			l.depth++
			l.code(true)
			l.depth--
		default:
			b.WriteByte(c)
			l.i++
		}
	}
	l.toks[at].text = b.String()
	if substituted {
		l.toks[at].kind = tTemplate
	}
}

// jsImport is what a local name imports: a module and an export ("default"
// for default imports, "" for namespace imports and require()).
type jsImport struct{ module, export string }

// octokitModules export Octokit.
var octokitModules = map[string]bool{
	"@octokit/rest": true, "@octokit/core": true, "octokit": true, "@octokit/action": true,
}

type jsExtractor struct {
	*tokens
	w       *workload
	idx     *lineIndex
	imports map[string]jsImport
	bound   bindings
	sinks   sinkStack
	bolt    bool // the file imports @slack/bolt, whose handlers receive a WebClient named client

	declared map[string]int // topLevelDeclarations, computed on first use
}

func extractJavaScript(rel string, content []byte) []usage.Fact {
	x := &jsExtractor{
		tokens:  newTokens(lexJavaScript(content)),
		w:       &workload{path: rel, name: "javascript:" + rel, language: "javascript"},
		idx:     newLineIndex(content),
		imports: map[string]jsImport{},
		bound:   bindings{},
		sinks:   sinkStack{opening: map[int]string{}},
	}
	x.readImports()
	x.readBindings()
	x.emit()
	return x.w.facts
}

// readImports records ES imports and require() calls.
func (x *jsExtractor) readImports() {
	for i := range x.toks {
		switch {
		case x.is(i, "import") && !x.is(i+1, ".") && !x.is(i+1, "(") && !x.is(i-1, "."):
			x.esImport(i)
		case x.is(i, "require") && x.is(i+1, "(") && x.is(i+3, ")") && !x.is(i-1, "."):
			mod, ok := x.str(i + 2)
			if !ok || !x.is(i-1, "=") {
				continue
			}
			if x.ident(i - 2) {
				x.imports[x.toks[i-2].text] = jsImport{module: mod}
			} else if x.is(i-2, "}") {
				if open := x.opening(i - 2); open >= 0 {
					x.destructured(open, i-2, func(key, local string, _ int) {
						x.imports[local] = jsImport{module: mod, export: key}
					})
				}
			}
		}
	}
	for _, imp := range x.imports {
		x.bolt = x.bolt || imp.module == "@slack/bolt"
	}
}

// esImport reads import d, { a, b as c }, * as ns from "m" at token i.
func (x *jsExtractor) esImport(i int) {
	type local struct{ name, export string }
	var names []local
	j := i + 1
	if x.is(j, "type") && !x.is(j+1, "from") && !x.is(j+1, ",") {
		return
	}
	for j < len(x.toks) && !x.is(j, "from") {
		switch {
		case x.ident(j):
			names = append(names, local{x.toks[j].text, "default"})
			j++
		case x.is(j, "*") && x.is(j+1, "as") && x.ident(j+2):
			names = append(names, local{x.toks[j+2].text, ""})
			j += 3
		case x.is(j, "{"):
			end := x.closing(j) - 1
			for k := j + 1; k < end; k++ {
				if !x.ident(k) || x.is(k-1, "as") {
					continue
				}
				name := x.toks[k].text
				if name == "type" && x.ident(k+1) {
					continue
				}
				if x.is(k+1, "as") && x.ident(k+2) {
					names = append(names, local{x.toks[k+2].text, name})
				} else {
					names = append(names, local{name, name})
				}
			}
			j = end + 1
		case x.is(j, ","):
			j++
		default:
			return
		}
	}
	mod, ok := x.str(j + 1)
	if !ok {
		return
	}
	for _, n := range names {
		x.imports[n.name] = jsImport{module: mod, export: n.export}
	}
}

// opening finds the "{" whose group closes at the "}" at close, looking back
// a bounded distance.
func (x *jsExtractor) opening(close int) int {
	for j := close - 1; j >= 0 && close-j < 512; j-- {
		if x.match[j] == close {
			return j
		}
	}
	return -1
}

// destructured calls f for each key of an object pattern { a, b: c, d = 1 }
// between the braces at open and close.
func (x *jsExtractor) destructured(open, close int, f func(key, local string, at int)) {
	for k := open + 1; k < close; k = x.closing(k) {
		if !x.ident(k) || !(x.is(k-1, "{") || x.is(k-1, ",")) {
			continue
		}
		key := x.toks[k].text
		switch {
		case x.is(k+1, ":") && x.ident(k+2):
			f(key, x.toks[k+2].text, k)
		case x.is(k+1, ",") || x.is(k+1, "}") || x.is(k+1, "="):
			f(key, key, k)
		}
	}
}

// resolve splits a chain into what its head imports and the rest:
// s3.PutObjectCommand with import * as s3 → (@aws-sdk/client-s3,
// PutObjectCommand, []).
func (x *jsExtractor) resolve(parts []string) (jsImport, []string, bool) {
	imp, ok := x.imports[parts[0]]
	if !ok {
		return jsImport{}, nil, false
	}
	rest := parts[1:]
	if imp.export == "" && len(rest) > 0 {
		imp.export, rest = rest[0], rest[1:]
	}
	return imp, rest, true
}

// constructor recognises new Octokit(), new WebClient(), new OpenAI(),
// new S3(...) and getOctokit() calls.
func (x *jsExtractor) constructor(parts []string, isNew bool) (client, bool) {
	imp, rest, ok := x.resolve(parts)
	if ok && !isNew {
		if api, ok := googleAPIOf(imp, rest); ok {
			return client{kind: clientGoogleAPI, service: api}, true
		}
	}
	if !ok || len(rest) > 0 {
		return client{}, false
	}
	e := imp.export
	if !isNew {
		if imp.module == "@actions/github" && e == "getOctokit" {
			return client{kind: clientGitHub}, true
		}
		return client{}, false
	}
	switch {
	case strings.HasPrefix(imp.module, "@aws-sdk/client-") && !strings.HasSuffix(e, "Command") && e != "" && e[0] >= 'A' && e[0] <= 'Z':
		return client{kind: clientAWS, service: strings.TrimPrefix(imp.module, "@aws-sdk/client-")}, true
	case octokitModules[imp.module] && (e == "Octokit" || e == "default"):
		return client{kind: clientGitHub}, true
	case imp.module == "@slack/web-api" && e == "WebClient":
		return client{kind: clientSlack}, true
	case imp.module == "@slack/bolt" && e == "App":
		return client{kind: clientSlackApp}, true
	case imp.module == "openai" && (e == "default" || e == "OpenAI" || e == "AzureOpenAI"):
		return client{kind: clientOpenAI}, true
	case imp.module == "@anthropic-ai/sdk" && (e == "default" || e == "Anthropic"):
		return client{kind: clientAnthropic}, true
	}
	return client{}, false
}

// assignedAt returns the name a call whose chain starts at i is assigned
// to: const s3 = new S3Client(), this.gh = await getOctokit(t), also with a
// simple TypeScript annotation (const s3: S3Client = ...).
func (x *jsExtractor) assignedAt(i int) string {
	j := i - 1
	if x.is(j, "new") {
		j--
	}
	if x.is(j, "await") {
		j--
	}
	name := x.target(j)
	if name != "" && x.is(j-2, ":") && x.ident(j-3) && !strings.Contains(name, ".") {
		return x.toks[j-3].text
	}
	return name
}

func (x *jsExtractor) readBindings() {
	for i := range x.toks {
		if !x.chainStart(i) {
			continue
		}
		parts, open := x.chain(i)
		if !x.is(open, "(") {
			continue
		}
		if c, ok := x.constructor(parts, x.is(i-1, "new")); ok {
			x.bound.bind(x.assignedAt(i), i, c)
		}
	}
}

func (x *jsExtractor) pos(i int) (int, int) { return x.idx.position(x.toks[i].off) }

func (x *jsExtractor) emit() {
	for i := range x.toks {
		if x.chainStart(i) && !x.is(i-1, "import") {
			x.atChain(i)
		}
		x.sinks.step(x.tokens, i)
	}
}

func (x *jsExtractor) atChain(i int) {
	parts, next := x.chain(i)
	if x.envRead(i, parts, next) {
		return
	}
	line, col := x.pos(i)
	if x.is(i-1, "new") && x.is(next, "(") {
		if imp, rest, ok := x.resolve(parts); ok && len(rest) == 0 && strings.HasPrefix(imp.module, "@aws-sdk/client-") {
			if name, ok := strings.CutSuffix(imp.export, "Command"); ok && name != "" {
				svc := strings.TrimPrefix(imp.module, "@aws-sdk/client-")
				x.w.op(line, col, scopes.Operation{Provider: scopes.AWS, Service: svc, Name: name}, "new "+imp.export)
			}
		}
	}
	if x.is(next, "(") && x.jsGoogleAuth(parts, x.is(i-1, "new")) {
		x.jsGoogleAuthCall(parts, next, line, col)
		return
	}
	if c, ok := x.constructor(parts, x.is(i-1, "new")); ok {
		if x.is(next, "(") {
			x.sinks.opening[next] = providerOfClient(c.kind)
		}
		// google.drive({ version: "v3" }).files.list(…): a call on the new client.
		if end := x.closing(next); c.kind == clientGoogleAPI && x.is(end, ".") && x.ident(end+1) {
			rest, open := x.chain(end + 1)
			if x.is(open, "(") {
				callLine, callCol := x.pos(end + 1)
				x.call(c, rest, open, callLine, callCol)
			}
		}
		return
	}
	// octokit.rest.issues.create as a value (octokit.paginate's argument)
	// or a call, on any receiver: github-script's github is a global.
	if n := len(parts); n >= 4 && parts[n-3] == "rest" && (x.is(next, "(") || x.is(next, ",") || x.is(next, ")")) {
		x.octokitMethod(parts[n-2], parts[n-1], line, col)
		return
	}
	if !x.is(next, "(") {
		return
	}
	if imp, rest, ok := x.resolve(parts); ok && len(rest) == 0 && strings.HasPrefix(imp.module, "@aws-sdk/client-") {
		if name, ok := strings.CutPrefix(imp.export, "paginate"); ok && name != "" {
			svc := strings.TrimPrefix(imp.module, "@aws-sdk/client-")
			x.w.op(line, col, scopes.Operation{Provider: scopes.AWS, Service: svc, Name: name}, imp.export)
			return
		}
	}
	switch {
	case len(parts) == 1 && parts[0] == "fetch", len(parts) == 2 && parts[1] == "fetch" && (parts[0] == "globalThis" || parts[0] == "window"):
		x.fetchCall(next, line, col)
		return
	case len(parts) == 2 && parts[0] == "axios":
		x.axiosCall(parts[1], next, line, col)
		return
	}
	if c, rest, ok := x.bound.receiver(parts, i); ok {
		x.call(c, rest, next, line, col)
		return
	}
	if x.bolt && parts[0] == "client" && len(parts) > 1 {
		if _, bound := x.bound["client"]; !bound {
			x.call(client{kind: clientSlack}, parts[1:], next, line, col)
		}
	}
}

// envRead records process.env.X, process.env["X"], const { X } =
// process.env, Deno.env.get("X") and import.meta.env.X.
func (x *jsExtractor) envRead(i int, parts []string, next int) bool {
	line, col := x.pos(i)
	ref := func(name, via string) {
		provider := providerOf(name)
		if provider == "" {
			provider = x.sinks.top()
		}
		x.w.ref(line, col, name, usage.RefEnv, provider, via)
	}
	switch {
	case len(parts) >= 2 && parts[0] == "process" && parts[1] == "env":
		switch {
		case len(parts) >= 3:
			if !(len(parts) == 3 && x.is(next, "=")) {
				ref(parts[2], "process.env")
			}
		case x.is(next, "[") && x.is(next+2, "]") && !x.is(next+3, "="):
			if name, ok := x.str(next + 1); ok {
				ref(name, "process.env")
			}
		case x.is(i-1, "=") && x.is(i-2, "}"):
			if open := x.opening(i - 2); open >= 0 {
				x.destructured(open, i-2, func(key, _ string, at int) {
					l, c := x.pos(at)
					x.w.ref(l, c, key, usage.RefEnv, providerOf(key), "process.env")
				})
			}
		}
		return true
	case len(parts) == 3 && parts[0] == "Deno" && parts[1] == "env" && parts[2] == "get":
		if x.is(next, "(") {
			if name, ok := x.str(next + 1); ok {
				ref(name, "Deno.env.get")
			}
		}
		return true
	case len(parts) >= 4 && parts[0] == "import" && parts[1] == "meta" && parts[2] == "env":
		ref(parts[3], "import.meta.env")
		return true
	}
	return false
}

// awsClientMethods are AWS SDK v3 client members that are not operations.
var awsClientMethods = map[string]bool{"send": true, "destroy": true, "config": true, "middlewareStack": true}

// call records a call on a bound client: rest is the chain after the
// receiver and open the call's "(".
func (x *jsExtractor) call(c client, rest []string, open, line, col int) {
	if len(rest) == 0 {
		return
	}
	switch c.kind {
	case clientAWS:
		if len(rest) == 1 && !awsClientMethods[rest[0]] && rest[0][0] >= 'a' && rest[0][0] <= 'z' {
			op := scopes.Operation{Provider: scopes.AWS, Service: c.service, Name: camelToPascal(rest[0])}
			x.w.op(line, col, op, c.service+"."+rest[0])
		}
	case clientGitHub:
		switch {
		case len(rest) == 2:
			x.octokitMethod(rest[0], rest[1], line, col)
		case len(rest) == 1 && (rest[0] == "request" || rest[0] == "paginate"):
			route, ok := x.str(open + 1)
			if !ok {
				return
			}
			if op, ok := octokitRequest(route); ok {
				x.w.op(line, col, op, "octokit."+rest[0])
			}
		}
	case clientSlackApp:
		if rest[0] == "client" {
			x.call(client{kind: clientSlack}, rest[1:], open, line, col)
		}
	case clientSlack:
		name := strings.Join(rest, ".")
		if name == "apiCall" {
			if name, _ = x.str(open + 1); name == "" {
				return
			}
		}
		if slackMethodName(name) {
			x.w.op(line, col, scopes.Operation{Provider: scopes.Slack, Name: name}, "WebClient."+strings.Join(rest, "."))
		}
	case clientOpenAI, clientAnthropic:
		provider := providerOfClient(c.kind)
		if op, ok := sdkOperation(provider, rest); ok {
			x.w.op(line, col, op, provider+" "+strings.Join(rest, "."))
		}
	case clientGoogleAPI:
		if op, ok := discoveryOperation(c.service, rest); ok {
			x.w.op(line, col, op, "googleapis "+strings.Join(rest, "."))
		}
	}
}

// octokitMethod records octokit.rest.<namespace>.<method> by the scopes
// table; without a route the call is not a fact.
func (x *jsExtractor) octokitMethod(namespace, method string, line, col int) {
	if route, ok := scopes.OctokitRoute(namespace, method); ok {
		x.w.op(line, col, scopes.Operation{Provider: scopes.GitHub, Name: route}, "octokit.rest."+namespace+"."+method)
	}
}

// octokitRequest reads octokit.request's route: "POST /repos/{owner}/{repo}/issues",
// a bare path (GET), or a full API URL.
func octokitRequest(route string) (scopes.Operation, bool) {
	route = strings.TrimSpace(route)
	method, p, ok := strings.Cut(route, " ")
	if !ok {
		method, p = "GET", route
	}
	p = strings.TrimSpace(p)
	if strings.Contains(p, "://") {
		return urlOperation(method, p)
	}
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, " \t\"'") || !isIdentifier(method) {
		return scopes.Operation{}, false
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	return scopes.Operation{Provider: scopes.GitHub, Name: strings.ToUpper(method) + " " + p}, true
}

// fetchCall records fetch(URL, { method: "POST" }) with a literal URL and
// a literal method or none.
func (x *jsExtractor) fetchCall(open, line, col int) {
	url, ok := x.str(open + 1)
	if !ok {
		return
	}
	method := "GET"
	if x.is(open+2, ",") && x.is(open+3, "{") {
		end := x.closing(open+3) - 1
		for k := open + 4; k < end; k = x.closing(k) {
			key, quoted := x.str(k)
			if (x.is(k, "method") || quoted && key == "method") && x.is(k+1, ":") {
				m, ok := x.str(k + 2)
				if !ok {
					return // a computed method: the operation is not known
				}
				method = m
			}
		}
	}
	if op, ok := urlOperation(method, url); ok {
		x.w.op(line, col, op, "fetch")
	}
}

// axiosCall records axios.get/post/... with a literal URL.
func (x *jsExtractor) axiosCall(method string, open, line, col int) {
	switch method {
	case "get", "post", "put", "patch", "delete", "head":
	default:
		return
	}
	if url, ok := x.str(open + 1); ok {
		if op, ok := urlOperation(method, url); ok {
			x.w.op(line, col, op, "axios."+method)
		}
	}
}
