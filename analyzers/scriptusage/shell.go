package scriptusage

import (
	"path"
	"strings"

	"github.com/nhilint/nhilint/analyzers/internal/ghcli"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// maxShellDepth bounds the nesting of subshells and command substitutions
// the shell lexer follows; deeper text is read as plain words.
const maxShellDepth = 64

// shWord is one word of a simple command, with quotes removed. Expansions
// are kept as written ("$GITHUB_REPOSITORY", "$(...)").
type shWord struct {
	text string
	off  int // byte offset of the word's first character
}

// shVar is a parameter expansion $NAME or ${NAME...}.
type shVar struct {
	name string
	off  int // offset of the "$"
}

// shCommand is one simple command: words and the expansions in them.
type shCommand struct {
	words []shWord
	vars  []shVar
}

// heredoc is a here-document whose body starts after the current line.
type heredoc struct {
	delim     string
	expand    bool // unquoted delimiter: the body's $NAME are expanded
	stripTabs bool // <<-
}

// shLexer splits a shell script into simple commands. It understands
// comments, quotes, backslash escapes and line continuations, command
// substitutions $(...) and `...` (whose commands are commands of their
// own), subshells, and here-documents (whose bodies are not commands).
type shLexer struct {
	src      string
	i        int
	depth    int
	pending  []heredoc
	commands []shCommand
	loose    []shVar // expansions in here-document bodies
}

func lexShell(src string) *shLexer {
	l := &shLexer{src: src}
	l.list(0)
	return l
}

// list reads commands until stop (')' or '`'; 0 for the end of input) and
// consumes the stop byte.
func (l *shLexer) list(stop byte) {
	l.depth++
	defer func() { l.depth-- }()
	var (
		cmd  shCommand
		word strings.Builder
		in   bool // a word is open
		at   int
	)
	start := func() {
		if !in {
			in, at = true, l.i
		}
	}
	endWord := func() {
		if in {
			cmd.words = append(cmd.words, shWord{text: word.String(), off: at})
			word.Reset()
			in = false
		}
	}
	endCommand := func() {
		endWord()
		if len(cmd.words) > 0 || len(cmd.vars) > 0 {
			l.commands = append(l.commands, cmd)
		}
		cmd = shCommand{}
	}
	defer endCommand()
	for l.i < len(l.src) {
		c := l.src[l.i]
		if stop != 0 && c == stop {
			l.i++
			return
		}
		switch c {
		case ' ', '\t', '\r':
			endWord()
			l.i++
		case '\n':
			endCommand()
			l.i++
			l.readHeredocs()
		case ';', '&', '|':
			endCommand()
			l.i++
		case '<', '>':
			endWord()
			if strings.HasPrefix(l.src[l.i:], "<<") && !strings.HasPrefix(l.src[l.i:], "<<<") {
				l.i += 2
				l.heredocStart()
				continue
			}
			l.i++
		case '(':
			endCommand()
			l.i++
			if l.depth < maxShellDepth {
				l.list(')')
			}
		case ')':
			endCommand()
			l.i++
		case '`':
			start()
			word.WriteString("`...`")
			l.i++
			if l.depth < maxShellDepth {
				l.list('`')
			}
		case '#':
			if in {
				word.WriteByte(c)
				l.i++
				continue
			}
			for l.i < len(l.src) && l.src[l.i] != '\n' {
				l.i++
			}
		case '\\':
			if l.i+1 < len(l.src) && l.src[l.i+1] == '\n' {
				l.i += 2 // line continuation
				continue
			}
			start()
			if l.i+1 < len(l.src) {
				word.WriteByte(l.src[l.i+1])
			}
			l.i += 2
		case '\'':
			start()
			end := strings.IndexByte(l.src[l.i+1:], '\'')
			if end < 0 {
				end = len(l.src) - l.i - 1
			}
			word.WriteString(l.src[l.i+1 : l.i+1+end])
			l.i += end + 2
		case '"':
			start()
			l.i++
			l.doubleQuoted(&word, &cmd)
		case '$':
			start()
			l.dollar(&word, &cmd)
		default:
			start()
			word.WriteByte(c)
			l.i++
		}
	}
}

// doubleQuoted reads the rest of a "..." string into word.
func (l *shLexer) doubleQuoted(word *strings.Builder, cmd *shCommand) {
	for l.i < len(l.src) {
		switch c := l.src[l.i]; c {
		case '"':
			l.i++
			return
		case '\\':
			if l.i+1 < len(l.src) {
				switch n := l.src[l.i+1]; n {
				case '"', '\\', '$', '`':
					word.WriteByte(n)
				case '\n':
				default:
					word.WriteByte(c)
					word.WriteByte(n)
				}
			}
			l.i += 2
		case '$':
			l.dollar(word, cmd)
		case '`':
			word.WriteString("`...`")
			l.i++
			if l.depth < maxShellDepth {
				l.list('`')
			}
		default:
			word.WriteByte(c)
			l.i++
		}
	}
}

// dollar reads an expansion at l.i (a "$"), records parameter expansions
// in cmd and writes the expansion as written into word.
func (l *shLexer) dollar(word *strings.Builder, cmd *shCommand) {
	at := l.i
	rest := l.src[l.i+1:]
	switch {
	case strings.HasPrefix(rest, "{{"):
		// A GitHub Actions expression, substituted before the shell runs.
		end := strings.Index(rest, "}}")
		if end < 0 {
			end = len(rest) - 2
		}
		word.WriteString(l.src[at : at+1+end+2])
		l.i = at + 1 + end + 2
	case strings.HasPrefix(rest, "{"):
		end := strings.IndexAny(rest, "}\n")
		if end < 0 {
			end = len(rest)
		}
		inner := strings.TrimLeft(rest[1:end], "#!")
		if name := leadingName(inner); name != "" {
			cmd.vars = append(cmd.vars, shVar{name: name, off: at})
		}
		stop := at + 1 + end
		if end < len(rest) && rest[end] == '}' {
			stop++
		}
		word.WriteString(l.src[at:stop])
		l.i = stop
	case strings.HasPrefix(rest, "("):
		word.WriteString("$(...)")
		l.i += 2
		if l.depth < maxShellDepth {
			l.list(')')
		}
	default:
		name := leadingName(rest)
		if name != "" {
			cmd.vars = append(cmd.vars, shVar{name: name, off: at})
		}
		word.WriteString(l.src[at : at+1+len(name)])
		l.i = at + 1 + len(name)
	}
}

// leadingName returns the shell variable name at the start of s.
func leadingName(s string) string {
	n := 0
	for n < len(s) {
		c := s[n]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || n > 0 && '0' <= c && c <= '9' {
			n++
			continue
		}
		break
	}
	return s[:n]
}

// heredocStart reads the delimiter after "<<" and queues the body.
func (l *shLexer) heredocStart() {
	h := heredoc{expand: true}
	if l.i < len(l.src) && l.src[l.i] == '-' {
		h.stripTabs = true
		l.i++
	}
	for l.i < len(l.src) && (l.src[l.i] == ' ' || l.src[l.i] == '\t') {
		l.i++
	}
	var d strings.Builder
	for l.i < len(l.src) {
		c := l.src[l.i]
		if c == '\'' || c == '"' || c == '\\' {
			h.expand = false
			l.i++
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == ')' {
			break
		}
		d.WriteByte(c)
		l.i++
	}
	if h.delim = d.String(); h.delim != "" {
		l.pending = append(l.pending, h)
	}
}

// readHeredocs skips the bodies of here-documents queued on the line just
// ended, recording the expansions of unquoted ones.
func (l *shLexer) readHeredocs() {
	for _, h := range l.pending {
		for l.i < len(l.src) {
			end := strings.IndexByte(l.src[l.i:], '\n')
			if end < 0 {
				end = len(l.src) - l.i
			}
			line := l.src[l.i : l.i+end]
			lineAt := l.i
			l.i = min(l.i+end+1, len(l.src))
			check := strings.TrimSuffix(line, "\r")
			if h.stripTabs {
				check = strings.TrimLeft(check, "\t")
			}
			if check == h.delim {
				break
			}
			if h.expand {
				for j := 0; j < len(line); j++ {
					if line[j] != '$' {
						continue
					}
					name := line[j+1:]
					if strings.HasPrefix(name, "{") {
						name = name[1:]
					}
					if n := leadingName(name); n != "" {
						l.loose = append(l.loose, shVar{name: n, off: lineAt + j})
					}
				}
			}
		}
	}
	l.pending = l.pending[:0]
}

// extractShellFile reads a shell script file.
func extractShellFile(rel string, content []byte) []usage.Fact {
	w := &workload{path: rel, name: "shell:" + rel, language: "shell"}
	idx := newLineIndex(content)
	shellFacts(w, string(content), idx.position)
	return w.facts
}

// shellFacts adds the facts of a shell script to w. pos maps a byte offset
// of script to a position in the file that holds it.
func shellFacts(w *workload, script string, pos func(off int) (line, col int)) {
	l := lexShell(script)
	for _, c := range l.commands {
		ops := commandOperations(c.words)
		sink := ""
		if len(ops) > 0 {
			sink = ops[0].op.Provider
		}
		for _, o := range ops {
			line, col := pos(o.off)
			w.op(line, col, o.op, o.via)
		}
		for _, v := range c.vars {
			shellRef(w, v, sink, pos)
		}
	}
	for _, v := range l.loose {
		shellRef(w, v, "", pos)
	}
}

// shellRef records an expansion of a credential-looking variable; sink is
// the provider of the command it is passed to, used when the name does not
// say.
func shellRef(w *workload, v shVar, sink string, pos func(int) (int, int)) {
	if !credentialName(v.name) {
		return
	}
	provider := providerOf(v.name)
	if provider == "" {
		provider = sink
	}
	line, col := pos(v.off)
	w.ref(line, col, v.name, usage.RefEnv, provider, "$"+v.name)
}

// shOp is an operation a command performs, at the command's first word.
type shOp struct {
	op  scopes.Operation
	via string
	off int
}

// commandWrappers run the command that follows them.
var commandWrappers = map[string]bool{
	"sudo": true, "exec": true, "time": true, "command": true, "nohup": true, "then": true,
	"do": true, "else": true, "!": true, "{": true, "if": true, "while": true, "until": true,
	"elif": true,
}

// commandOperations recognises gh, aws and curl commands.
func commandOperations(words []shWord) []shOp {
	for len(words) > 0 {
		w := words[0].text
		switch {
		case commandWrappers[w]:
			words = words[1:]
			continue
		case w == "env":
			words = words[1:]
			for len(words) > 0 && (strings.HasPrefix(words[0].text, "-") || isAssignment(words[0].text)) {
				words = words[1:]
			}
			continue
		case isAssignment(w):
			words = words[1:]
			continue
		}
		break
	}
	if len(words) == 0 {
		return nil
	}
	args := make([]string, len(words)-1)
	for i, w := range words[1:] {
		args[i] = w.text
	}
	at := words[0].off
	var ops []shOp
	add := func(op scopes.Operation, via string) { ops = append(ops, shOp{op: op, via: via, off: at}) }
	switch path.Base(words[0].text) {
	case "gh":
		ghOperations(args, add)
	case "aws":
		awsOperations(args, add)
	case "curl":
		method, url := curlCall(args)
		if op, ok := urlOperation(method, url); ok {
			add(op, "curl")
		}
	}
	return ops
}

// isAssignment reports whether a word is NAME=value.
func isAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	return ok && isIdentifier(name)
}

// ghOperations maps a gh command line (without "gh") to operations.
func ghOperations(args []string, add func(scopes.Operation, string)) {
	if len(args) == 0 {
		return
	}
	if args[0] == "api" {
		method, p := ghAPICall(args[1:])
		if p != "" {
			add(scopes.Operation{Provider: scopes.GitHub, Name: method + " " + p}, "gh api")
		}
		return
	}
	if len(args) < 2 {
		return
	}
	key := args[0] + " " + args[1]
	for _, route := range ghCommands[key] {
		add(scopes.Operation{Provider: scopes.GitHub, Name: route}, "gh "+key)
	}
}

// ghAPICall extracts the method and path of gh api arguments. gh fills
// {owner} and {repo} from the current repository, so those placeholders are
// the route template's own.
func ghAPICall(args []string) (method, p string) {
	method, a := ghcli.API(args)
	if a == "" {
		return method, ""
	}
	if a == "graphql" {
		return "", ""
	}
	a = strings.TrimPrefix(a, "https://api.github.com")
	if i := strings.IndexAny(a, "?#"); i >= 0 {
		a = a[:i]
	}
	if !strings.HasPrefix(a, "/") {
		a = "/" + a
	}
	if a == "/" || strings.ContainsAny(a, " \t\"'") {
		return "", ""
	}
	return method, currentRepository(a)
}

// awsValueOptions are the aws CLI options (global and aws s3) that take a
// value, so the value is not read as a service, operation or path.
var awsValueOptions = map[string]bool{
	"--region": true, "--profile": true, "--output": true, "--endpoint-url": true, "--query": true,
	"--color": true, "--ca-bundle": true, "--cli-read-timeout": true, "--cli-connect-timeout": true,
	"--cli-binary-format": true, "--exclude": true, "--include": true, "--acl": true,
	"--storage-class": true, "--content-type": true, "--cache-control": true,
	"--content-disposition": true, "--content-encoding": true, "--content-language": true,
	"--expires": true, "--metadata": true, "--metadata-directive": true, "--sse": true,
	"--sse-kms-key-id": true, "--sse-c": true, "--sse-c-key": true, "--grants": true,
	"--website-redirect": true, "--expected-size": true, "--page-size": true,
	"--source-region": true, "--request-payer": true, "--checksum-algorithm": true,
	"--expires-in": true,
}

// awsCustomizations are aws CLI commands that are not API operations, with
// the operations they call.
var awsCustomizations = map[string][]scopes.Operation{
	"ecr get-login-password":        {{Provider: scopes.AWS, Service: "ecr", Name: "GetAuthorizationToken"}},
	"ecr-public get-login-password": {{Provider: scopes.AWS, Service: "ecr-public", Name: "GetAuthorizationToken"}},
	"eks update-kubeconfig":         {{Provider: scopes.AWS, Service: "eks", Name: "DescribeCluster"}},
	"codeartifact login": {
		{Provider: scopes.AWS, Service: "codeartifact", Name: "GetAuthorizationToken"},
		{Provider: scopes.AWS, Service: "codeartifact", Name: "GetRepositoryEndpoint"},
	},
	"cloudformation deploy": {
		{Provider: scopes.AWS, Service: "cloudformation", Name: "CreateChangeSet"},
		{Provider: scopes.AWS, Service: "cloudformation", Name: "ExecuteChangeSet"},
	},
	"logs tail": {{Provider: scopes.AWS, Service: "logs", Name: "FilterLogEvents"}},
}

// awsOperations maps an aws command line (without "aws") to operations:
// "aws <service> <operation>" with the CLI's kebab-case operation turned
// into the API's PascalCase, s3api read as s3, and the high-level aws s3
// commands as the object operations they perform.
func awsOperations(args []string, add func(scopes.Operation, string)) {
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			if awsValueOptions[a] {
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	if len(pos) < 2 {
		return
	}
	svc, cmd := pos[0], pos[1]
	if !kebabWord(svc) || !kebabWord(cmd) {
		return
	}
	via := "aws " + svc + " " + cmd
	if ops, ok := awsCustomizations[svc+" "+cmd]; ok {
		for _, op := range ops {
			add(op, via)
		}
		return
	}
	switch svc {
	case "configure", "help", "history", "s3control-dev":
		return
	case "s3":
		for _, name := range s3Command(cmd, pos[2:], hasArg(args, "--recursive"), hasArg(args, "--delete")) {
			add(scopes.Operation{Provider: scopes.AWS, Service: "s3", Name: name}, via)
		}
		return
	case "s3api":
		svc = "s3"
	}
	if cmd == "wait" {
		return // waiters poll describe operations the command line does not name
	}
	add(scopes.Operation{Provider: scopes.AWS, Service: svc, Name: snakeToPascal(cmd)}, via)
}

func hasArg(args []string, want string) bool {
	for _, a := range args {
		if a == want {
			return true
		}
	}
	return false
}

// s3Command maps the high-level aws s3 commands to the object operations
// they call, by direction: a path that starts with s3:// is in S3.
func s3Command(cmd string, paths []string, recursive, del bool) []string {
	inS3 := func(i int) bool { return i < len(paths) && strings.HasPrefix(paths[i], "s3://") }
	transfer := func() []string {
		switch {
		case inS3(0) && inS3(1):
			return []string{"CopyObject"}
		case inS3(0):
			return []string{"GetObject"}
		case inS3(1):
			return []string{"PutObject"}
		}
		return nil
	}
	var ops []string
	switch cmd {
	case "cp", "mv":
		if recursive && inS3(0) {
			ops = append(ops, "ListObjectsV2")
		}
		ops = append(ops, transfer()...)
		if cmd == "mv" && inS3(0) {
			ops = append(ops, "DeleteObject")
		}
	case "sync":
		ops = append(ops, "ListObjectsV2")
		ops = append(ops, transfer()...)
		if del && inS3(1) {
			ops = append(ops, "DeleteObject")
		}
	case "ls":
		if len(paths) == 0 {
			return []string{"ListBuckets"}
		}
		ops = append(ops, "ListObjectsV2")
	case "rm":
		if recursive {
			ops = append(ops, "ListObjectsV2")
		}
		ops = append(ops, "DeleteObject")
	case "mb":
		ops = append(ops, "CreateBucket")
	case "rb":
		ops = append(ops, "DeleteBucket")
	case "presign":
		ops = append(ops, "GetObject")
	}
	return ops
}

// kebabWord reports whether s is a CLI service or command word.
func kebabWord(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c != '-' && !('a' <= c && c <= 'z') && !('0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// curlCall extracts the method and URL of curl arguments: -X/--request
// sets the method, which is otherwise GET, POST when data is sent, PUT for
// -T and HEAD for -I.
func curlCall(args []string) (method, url string) {
	implied := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-X" || a == "--request":
			if i+1 < len(args) {
				method = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "-X") && len(a) > 2:
			method = a[2:]
		case strings.HasPrefix(a, "--request="):
			method = strings.TrimPrefix(a, "--request=")
		case a == "--url":
			if i+1 < len(args) && url == "" {
				url = args[i+1]
			}
			i++
		case a == "-d" || a == "-F" || a == "--form" || a == "--json" || strings.HasPrefix(a, "--data"):
			if implied == "" {
				implied = "POST"
			}
			i++
		case a == "-T" || a == "--upload-file":
			implied = "PUT"
			i++
		case a == "-I" || a == "--head":
			implied = "HEAD"
		case a == "-G" || a == "--get":
			implied = "GET"
		case a == "-x" || a == "--proxy" || a == "-e" || a == "--referer" || a == "-H" || a == "--header" ||
			a == "-o" || a == "--output" || a == "-u" || a == "--user" || a == "-A" || a == "--user-agent":
			i++
		case strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://"):
			if url == "" {
				url = a
			}
		}
	}
	if method == "" {
		method = implied
	}
	return strings.ToUpper(method), url
}
