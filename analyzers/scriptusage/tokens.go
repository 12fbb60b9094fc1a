package scriptusage

import (
	"cmp"
	"slices"
	"strings"

	"github.com/nhilint/nhilint/rules/scopes"
)

// tokKind classifies the tokens of the Python and JavaScript lexers.
type tokKind uint8

const (
	tIdent    tokKind = iota + 1
	tString           // a string literal whose value is known
	tTemplate         // an f-string or template literal with substitutions
	tNumber
	tPunct
)

// token is one token of a Python or JavaScript file. Strings hold their
// value with quotes and common escapes removed.
type token struct {
	kind tokKind
	text string
	off  int
}

// tokens is a lexed file with its brackets matched, which the extractors
// walk with small patterns.
type tokens struct {
	toks  []token
	match []int // for an opening bracket, the index of its closing one; else -1
}

func newTokens(toks []token) *tokens {
	t := &tokens{toks: toks, match: make([]int, len(toks))}
	var open []int
	for i, tk := range toks {
		t.match[i] = -1
		if tk.kind != tPunct {
			continue
		}
		switch tk.text {
		case "(", "[", "{":
			open = append(open, i)
		case ")", "]", "}":
			if n := len(open); n > 0 {
				t.match[open[n-1]] = i
				open = open[:n-1]
			}
		}
	}
	return t
}

// is reports whether token i is the punctuation or keyword s.
func (t *tokens) is(i int, s string) bool {
	return i >= 0 && i < len(t.toks) && t.toks[i].text == s && t.toks[i].kind != tString && t.toks[i].kind != tTemplate
}

// ident reports whether token i is an identifier.
func (t *tokens) ident(i int) bool { return i >= 0 && i < len(t.toks) && t.toks[i].kind == tIdent }

// str returns the value of token i when it is a string literal.
func (t *tokens) str(i int) (string, bool) {
	if i >= 0 && i < len(t.toks) && t.toks[i].kind == tString {
		return t.toks[i].text, true
	}
	return "", false
}

// chainStart reports whether token i begins a dotted chain: an identifier
// not preceded by ".".
func (t *tokens) chainStart(i int) bool { return t.ident(i) && !t.is(i-1, ".") }

// chain reads the dotted name a.b.c starting at i and returns its parts
// and the index after it.
func (t *tokens) chain(i int) (parts []string, next int) {
	for t.ident(i) {
		parts = append(parts, t.toks[i].text)
		if !t.is(i+1, ".") || !t.ident(i+2) {
			return parts, i + 1
		}
		i += 2
	}
	return parts, i
}

// target returns the dotted name assigned to by an assignment whose "=" is
// token eq ("s3" in "s3 = boto3.client(...)", "self.s3" likewise), or "".
func (t *tokens) target(eq int) string {
	if !t.is(eq, "=") && !t.is(eq, ":=") {
		return ""
	}
	j := eq - 1
	var parts []string
	for t.ident(j) {
		parts = append(parts, t.toks[j].text)
		if !t.is(j-1, ".") {
			break
		}
		j -= 2
	}
	if len(parts) == 0 {
		return ""
	}
	for l, r := 0, len(parts)-1; l < r; l, r = l+1, r-1 {
		parts[l], parts[r] = parts[r], parts[l]
	}
	return strings.Join(parts, ".")
}

// closing returns the index after the bracket group opened at i, or i+1.
func (t *tokens) closing(i int) int {
	if i >= 0 && i < len(t.match) && t.match[i] >= 0 {
		return t.match[i] + 1
	}
	return i + 1
}

// client is what a name is bound to: an API client of one provider.
type client struct {
	kind    clientKind
	service string // aws: the service id
}

type clientKind uint8

const (
	clientAWS        clientKind = iota + 1 // boto3 client or resource, AWS SDK v3 aggregated client
	clientAWSSession                       // boto3.Session
	clientSlack                            // slack_sdk WebClient, @slack/web-api WebClient
	clientSlackApp                         // @slack/bolt App: its .client is a WebClient
	clientGitHub                           // Octokit
	clientOpenAI                           // openai.OpenAI
	clientAnthropic                        // anthropic.Anthropic
	clientHTTP                             // requests.Session, httpx.Client
	clientGoogleAPI                        // googleapiclient build("drive", …), googleapis google.drive(…): service is the API name

	// PyGithub objects: the Github client and the objects its methods
	// return (pygithub.go).
	clientPyGithub
	clientPyGithubRepo
	clientPyGithubOrg
	clientPyGithubUser
	clientPyGithubIssue
	clientPyGithubPull
)

// binding is a client bound to a name at a token index.
type binding struct {
	at int
	c  client
}

// bindings maps dotted names to the clients assigned to them. A name bound
// twice (client = boto3.client("s3") in one function, "sqs" in another) is
// resolved to the nearest binding before the use, or else the first after
// it: the extractor does not know scopes, and this is right for straight
// code.
type bindings map[string][]binding

func (b bindings) bind(name string, at int, c client) {
	if name == "" {
		return
	}
	// Kept sorted by position, so that lookup is a binary search: a name
	// bound in every one of thousands of functions costs log time per use.
	// The passes that bind run in token order, so this appends.
	bs := b[name]
	i, _ := slices.BinarySearchFunc(bs, at, compareAt)
	b[name] = slices.Insert(bs, i, binding{at: at, c: c})
}

// bindAll adds bindings made out of token order (a later pass over the
// file) at the cost of one sort per name.
func (b bindings) bindAll(names []string, bs []binding) {
	touched := map[string]bool{}
	for i, name := range names {
		b[name] = append(b[name], bs[i])
		touched[name] = true
	}
	for name := range touched {
		slices.SortStableFunc(b[name], func(x, y binding) int { return cmp.Compare(x.at, y.at) })
	}
}

func compareAt(x binding, at int) int { return cmp.Compare(x.at, at) }

func (b bindings) lookup(name string, at int) (client, bool) {
	bs := b[name]
	if len(bs) == 0 {
		return client{}, false
	}
	i, _ := slices.BinarySearchFunc(bs, at, compareAt)
	if i == 0 {
		return bs[0].c, true
	}
	return bs[i-1].c, true
}

// maxReceiverParts bounds the dotted receivers tried (self.clients.s3),
// so a pathological a.a.a.… chain costs linear time.
const maxReceiverParts = 6

// receiver finds the longest bound prefix of a call chain and returns the
// client and the rest of the chain: s3.put_object → (s3 client, [put_object]).
func (b bindings) receiver(parts []string, at int) (client, []string, bool) {
	for n := min(len(parts)-1, maxReceiverParts); n >= 1; n-- {
		if c, ok := b.lookup(strings.Join(parts[:n], "."), at); ok {
			return c, parts[n:], true
		}
	}
	return client{}, nil, false
}

// sinkStack tracks, for the brackets open at a token, the provider of the
// client constructor whose arguments they are, so that a credential read
// inside Github(os.environ["X"]) is attributed to GitHub.
type sinkStack struct {
	open    []string
	opening map[int]string // token index of "(" → provider of the call it opens
}

func (s *sinkStack) top() string {
	if n := len(s.open); n > 0 {
		return s.open[n-1]
	}
	return ""
}

// step updates the stack for token i.
func (s *sinkStack) step(t *tokens, i int) {
	if t.toks[i].kind != tPunct {
		return
	}
	switch t.toks[i].text {
	case "(", "[", "{":
		p, ok := s.opening[i]
		if !ok {
			p = s.top()
		}
		s.open = append(s.open, p)
	case ")", "]", "}":
		if n := len(s.open); n > 0 {
			s.open = s.open[:n-1]
		}
	}
}

// providerOfClient is the provider a client kind calls.
func providerOfClient(k clientKind) string {
	switch k {
	case clientAWS, clientAWSSession:
		return scopes.AWS
	case clientSlack, clientSlackApp:
		return scopes.Slack
	case clientGitHub, clientPyGithub, clientPyGithubRepo, clientPyGithubOrg, clientPyGithubUser,
		clientPyGithubIssue, clientPyGithubPull:
		return scopes.GitHub
	case clientGoogleAPI:
		return scopes.Google
	case clientOpenAI:
		return scopes.OpenAI
	case clientAnthropic:
		return scopes.Anthropic
	}
	return ""
}
