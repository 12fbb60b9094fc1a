package scriptusage

import (
	"strings"

	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// This file reads Google API use in Python and JavaScript: the OAuth scopes
// a program asks for when it gets credentials (usage.ScopeRequest), the
// credential files it names (usage.RefFile), and discovery-based API calls
// (googleapiclient, googleapis), named by their discovery method id.

// maxDiscoveryDepth bounds the resource chain of a discovery call
// (users().settings().sendAs().list() has four parts).
const maxDiscoveryDepth = 8

// discoveryOperation names a discovery-based call: the API and its chain of
// resources and method, as written, is the discovery method id
// ("drive" + files().list() → drive.files.list). A chain needs at least a
// resource and a method; list_next, the Python client's pagination helper,
// repeats the list call it follows and is not a new operation.
func discoveryOperation(api string, chain []string) (scopes.Operation, bool) {
	if !isIdentifier(api) || len(chain) < 2 || strings.HasSuffix(chain[len(chain)-1], "_next") {
		return scopes.Operation{}, false
	}
	for _, p := range chain {
		if !isIdentifier(p) {
			return scopes.Operation{}, false
		}
	}
	return scopes.Operation{Provider: scopes.Google, Service: api, Name: api + "." + strings.Join(chain, ".")}, true
}

// stringList reads the literal scopes of the tokens [start, end): one
// string, or a list or tuple of them. Elements that are not a single
// string literal (a constant, a concatenation, an f-string) are skipped:
// only scopes as written are facts.
func (t *tokens) stringList(start, end int) []string {
	if s, ok := t.str(start); ok && end == start+1 {
		return nonEmpty(s)
	}
	if !(t.is(start, "[") || t.is(start, "(")) || t.closing(start) != end {
		return nil
	}
	var out []string
	for k := start + 1; k < end-1; {
		elem := k
		for k < end-1 && !t.is(k, ",") {
			k = t.closing(k)
		}
		if s, ok := t.str(elem); ok && k == elem+1 {
			out = append(out, nonEmpty(s)...)
		}
		k++
	}
	return out
}

func nonEmpty(s string) []string {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return []string{s}
}

// callArg is one argument of a call: tokens [start, end), and the keyword
// when it is passed by name (Python scopes=…).
type callArg struct {
	key        string
	start, end int
}

// pyArgs splits the arguments of the Python call whose "(" is at open.
func (x *pyExtractor) pyArgs(open int) []callArg {
	rparen := x.closing(open) - 1
	if rparen <= open {
		return nil
	}
	var args []callArg
	for k := open + 1; k < rparen; {
		a := callArg{start: k}
		if x.ident(k) && x.is(k+1, "=") {
			a.key, a.start = x.toks[k].text, k+2
		}
		for k < rparen && !x.is(k, ",") {
			k = x.closing(k)
		}
		a.end = k
		if a.end > a.start {
			args = append(args, a)
		}
		k++
	}
	return args
}

// argument returns the argument passed by one of the keywords, or else the
// positional one at pos (-1: keyword only).
func argument(args []callArg, pos int, keys ...string) (callArg, bool) {
	for _, a := range args {
		for _, k := range keys {
			if a.key == k {
				return a, true
			}
		}
	}
	for i, a := range args {
		if a.key != "" {
			break
		}
		if i == pos {
			return a, true
		}
	}
	return callArg{}, false
}

// googleAuthParams says where a google-auth call takes its credential file
// and its scopes: the positional index (-1: by keyword only, or none).
type googleAuthParams struct{ file, scopes int }

// googleAuthMethods are the google-auth, google-auth-oauthlib and
// oauth2client functions that take scopes, by their last name part; the
// module must be one of googleAuthModules. Source: the signatures in
// google.oauth2.service_account, google.oauth2.credentials, google.auth,
// google_auth_oauthlib.flow and oauth2client.service_account.
var googleAuthMethods = map[string]googleAuthParams{
	"from_service_account_file":  {file: 0, scopes: -1},
	"from_service_account_info":  {file: -1, scopes: -1},
	"from_authorized_user_file":  {file: 0, scopes: 1},
	"from_authorized_user_info":  {file: -1, scopes: 1},
	"from_client_secrets_file":   {file: 0, scopes: 1},
	"from_client_config":         {file: -1, scopes: 1},
	"load_credentials_from_file": {file: 0, scopes: 1},
	"from_json_keyfile_name":     {file: 0, scopes: 1},
	"from_json_keyfile_dict":     {file: -1, scopes: 1},
}

// googleAuthModules are the top-level modules whose credentials take scopes.
var googleAuthModules = map[string]bool{"google": true, "google_auth_oauthlib": true, "oauth2client": true}

// googleAuthCall records the scopes and credential file of a google-auth
// call: name is the resolved chain at token i, open its "(". It reports
// whether the call was one.
func (x *pyExtractor) googleAuthCall(parts []string, name string, i, open int) bool {
	last := parts[len(parts)-1]
	mod, _, _ := strings.Cut(name, ".")
	var params googleAuthParams
	switch p, ok := googleAuthMethods[last]; {
	case ok && googleAuthModules[mod] && len(parts) > 1:
		params = p
	case name == "google.auth.default":
		params = googleAuthParams{file: -1, scopes: 0}
	case last == "with_scopes" && len(parts) > 1 && x.importsGoogleAuth():
		// credentials.with_scopes([...]) on credentials from anywhere.
		params = googleAuthParams{file: -1, scopes: 0}
	default:
		return false
	}
	x.sinks.opening[open] = scopes.Google
	via := strings.Join(parts, ".")
	args := x.pyArgs(open)
	if params.file >= 0 {
		if a, ok := argument(args, params.file, "filename", "client_secrets_file"); ok && a.end == a.start+1 {
			if path, ok := x.str(a.start); ok {
				line, col := x.pos(a.start)
				x.w.ref(line, col, path, usage.RefFile, scopes.Google, via)
			}
		}
	}
	if a, ok := argument(args, params.scopes, "scopes"); ok {
		x.scopeRequest(i, x.pyScopes(a.start, a.end), via)
	}
	return true
}

// importsGoogleAuth reports whether the file imports a module that makes
// Google credentials.
func (x *pyExtractor) importsGoogleAuth() bool {
	for _, m := range x.imports {
		if mod, _, _ := strings.Cut(m, "."); googleAuthModules[mod] {
			return true
		}
	}
	return false
}

// pyScopes reads the scopes of an argument: a literal, a list of them, or
// the name of a module-level variable assigned once to such a list.
func (x *pyExtractor) pyScopes(start, end int) []string {
	if end == start+1 && x.ident(start) {
		eq, ok := x.moduleAssignments()[x.toks[start].text]
		if !ok || eq < 0 {
			return nil
		}
		return x.stringList(eq+1, x.closing(eq+1))
	}
	return x.stringList(start, end)
}

// moduleAssignments maps each name assigned by a statement NAME = … to the
// index of its "=", when that happens exactly once and at the top level
// (column 1); names assigned more than once, or inside a block, map to -1.
func (x *pyExtractor) moduleAssignments() map[string]int {
	if x.assigned != nil {
		return x.assigned
	}
	x.assigned = map[string]int{}
	text := x.idx.text
	for j := range x.toks {
		if !x.ident(j) || x.is(j-1, ".") || !(x.is(j+1, "=") || x.is(j+1, "+=")) {
			continue
		}
		off := x.toks[j].off
		indent := off
		for indent > 0 && (text[indent-1] == ' ' || text[indent-1] == '\t') {
			indent--
		}
		if indent > 0 && text[indent-1] != '\n' {
			continue // not a statement: a keyword argument, a, b = …
		}
		name := x.toks[j].text
		if _, dup := x.assigned[name]; dup || indent != off || x.is(j+1, "+=") {
			x.assigned[name] = -1
			continue
		}
		x.assigned[name] = j + 1
	}
	return x.assigned
}

// scopeRequest records the scopes a call asks for, if any are literal.
func (w *workload) scopeRequest(line, col int, provider string, list []string, via string) {
	if len(list) == 0 {
		return
	}
	w.facts = append(w.facts, usage.Fact{
		Kind: usage.ScopeRequest, Provider: provider, Scopes: list, Via: via,
		Path: w.path, Line: line, Column: col, Workload: w.name, Language: w.language,
	})
}

// scopeRequest records the scopes the call at token i asks for.
func (x *pyExtractor) scopeRequest(i int, list []string, via string) {
	line, col := x.pos(i)
	x.w.scopeRequest(line, col, scopes.Google, list, via)
}

// discoveryCall records service.files().list(…).execute() on a service
// built by googleapiclient: rest is the chain after the receiver, token i
// where the call is reported, open the first call's "(".
func (x *pyExtractor) discoveryCall(api string, rest []string, i, open int) {
	if len(rest) != 1 {
		return
	}
	chain := []string{rest[0]}
	for end := x.closing(open); len(chain) < maxDiscoveryDepth && x.is(end, ".") && x.ident(end+1) && x.is(end+2, "("); end = x.closing(end + 2) {
		m := x.toks[end+1].text
		if m == "execute" {
			break
		}
		chain = append(chain, m)
	}
	if op, ok := discoveryOperation(api, chain); ok {
		line, col := x.pos(i)
		x.w.op(line, col, op, "googleapiclient "+strings.Join(chain, "().")+"()")
	}
}

// googleAPIOf recognises the calls that make discovery clients in
// JavaScript, googleapis's google.drive({…}) and @googleapis/<api>'s
// drive({…}), and returns the API name.
func googleAPIOf(imp jsImport, rest []string) (string, bool) {
	switch {
	case imp.module == "googleapis" && imp.export == "google" && len(rest) == 1:
		switch api := rest[0]; api {
		case "auth", "options", "discover", "discoverAPI", "getSupportedAPIs", "addAPIs":
			return "", false
		default:
			return api, isIdentifier(api) && api[0] >= 'a' && api[0] <= 'z'
		}
	case strings.HasPrefix(imp.module, "@googleapis/") && imp.export == strings.TrimPrefix(imp.module, "@googleapis/") && len(rest) == 0:
		return imp.export, isIdentifier(imp.export)
	}
	return "", false
}

// jsGoogleAuth recognises the JavaScript calls that take Google scopes and
// key files in an options object: new google.auth.GoogleAuth({…}), new
// google.auth.JWT({…}) (googleapis), new GoogleAuth({…}) and new JWT({…})
// (google-auth-library), authenticate({…}) (@google-cloud/local-auth), and
// <client>.generateAuthUrl({ scope }) in a file that imports one of them.
func (x *jsExtractor) jsGoogleAuth(parts []string, isNew bool) bool {
	imp, rest, ok := x.resolve(parts)
	if ok {
		switch {
		case isNew && imp.module == "googleapis" && imp.export == "google" && len(rest) == 2 && rest[0] == "auth":
			return rest[1] == "GoogleAuth" || rest[1] == "JWT"
		case isNew && imp.module == "google-auth-library" && len(rest) == 0:
			return imp.export == "GoogleAuth" || imp.export == "JWT"
		case !isNew && imp.module == "@google-cloud/local-auth" && len(rest) == 0:
			return imp.export == "authenticate"
		}
		return false
	}
	return !isNew && len(parts) > 1 && parts[len(parts)-1] == "generateAuthUrl" && x.importsGoogleAuth()
}

func (x *jsExtractor) importsGoogleAuth() bool {
	for _, imp := range x.imports {
		if imp.module == "googleapis" || imp.module == "google-auth-library" || imp.module == "@google-cloud/local-auth" {
			return true
		}
	}
	return false
}

// jsGoogleAuthCall records the scopes and key file of the options object
// passed at open to a call jsGoogleAuth recognised.
func (x *jsExtractor) jsGoogleAuthCall(parts []string, open, line, col int) {
	x.sinks.opening[open] = scopes.Google
	if !x.is(open+1, "{") {
		return
	}
	via := strings.Join(parts, ".")
	x.objectProps(open+1, func(key string, start, end int) {
		switch key {
		case "scopes", "scope":
			x.w.scopeRequest(line, col, scopes.Google, x.jsScopes(start, end), via)
		case "keyFile", "keyFilename", "keyfilePath":
			if path, ok := x.str(start); ok && end == start+1 {
				l, c := x.pos(start)
				x.w.ref(l, c, path, usage.RefFile, scopes.Google, via)
			}
		}
	})
}

// objectProps calls f for each property of the object literal opened at
// open with its value's tokens [start, end); a shorthand property
// ({ scopes }) has its own name as value.
func (x *jsExtractor) objectProps(open int, f func(key string, start, end int)) {
	rbrace := x.closing(open) - 1
	for k := open + 1; k < rbrace; {
		key, quoted := x.str(k)
		if !quoted && x.ident(k) {
			key = x.toks[k].text
		}
		switch {
		case key != "" && x.is(k+1, ":"):
			start := k + 2
			k = start
			for k < rbrace && !x.is(k, ",") {
				k = x.closing(k)
			}
			f(key, start, k)
		case key != "" && !quoted && (x.is(k+1, ",") || k+1 == rbrace):
			f(key, k, k+1)
			k++
		default:
			for k < rbrace && !x.is(k, ",") {
				k = x.closing(k)
			}
		}
		k++
	}
}

// jsScopes reads the scopes of a property value: a literal, an array of
// them, or the name of a top-level const/let/var declared once as such an
// array.
func (x *jsExtractor) jsScopes(start, end int) []string {
	if end == start+1 && x.ident(start) {
		eq, ok := x.topLevelDeclarations()[x.toks[start].text]
		if !ok || eq < 0 {
			return nil
		}
		return x.stringList(eq+1, x.closing(eq+1))
	}
	return x.stringList(start, end)
}

// topLevelDeclarations maps each name declared by const/let/var NAME = …
// outside any bracket to the index of its "=", when it is declared once
// and never assigned elsewhere; other names declared at the top level map
// to -1.
func (x *jsExtractor) topLevelDeclarations() map[string]int {
	if x.declared != nil {
		return x.declared
	}
	x.declared = map[string]int{}
	assigned := map[string]bool{}
	depth := 0
	for j, tk := range x.toks {
		if tk.kind == tPunct {
			switch tk.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth = max(depth-1, 0)
			}
			continue
		}
		if !x.ident(j) || x.is(j-1, ".") || !x.is(j+1, "=") {
			continue
		}
		name := tk.text
		if depth == 0 && (x.is(j-1, "const") || x.is(j-1, "let") || x.is(j-1, "var")) {
			if _, dup := x.declared[name]; dup {
				x.declared[name] = -1
			} else {
				x.declared[name] = j + 1
			}
			continue
		}
		assigned[name] = true
	}
	for name := range assigned {
		if _, ok := x.declared[name]; ok {
			x.declared[name] = -1
		}
	}
	return x.declared
}
