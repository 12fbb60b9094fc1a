package main

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// slackModernScopes translates the perspectival scopes of Slack's legacy
// workspace tokens to the granular scope that replaced them. Only
// translations Slack documents one-to-one are listed; other scopes stay as
// the spec spells them.
var slackModernScopes = map[string]string{
	"chat:write:bot":   "chat:write",
	"chat:write:user":  "chat:write",
	"files:write:user": "files:write",
}

// slackMethods reads Slack's Web API OpenAPI description and lists every
// method with the scopes that may authorise it, any one sufficing:
// "conversations.history<TAB>channels:history|groups:history|…"; "-" marks
// methods that need no scope.
func slackMethods(specPath string) ([]byte, error) {
	var spec struct {
		Info struct {
			Version string `json:"version"`
		} `json:"info"`
		Paths map[string]map[string]struct {
			Security []map[string][]string `json:"security"`
		} `json:"paths"`
	}
	if err := readJSON(specPath, &spec); err != nil {
		return nil, err
	}
	if len(spec.Paths) == 0 {
		return nil, fmt.Errorf("%s: no paths", specPath)
	}
	t := table{header: []string{
		"Slack Web API method -> OAuth scopes, any one of which suffices (joined with |; - for none).",
		"Legacy perspectival scopes are translated: chat:write:bot, chat:write:user -> chat:write; files:write:user -> files:write.",
		"Source: slackapi/slack-api-specs web-api/slack_web_openapi_v2_without_examples.json, spec version " + spec.Info.Version + ".",
		"Licence: MIT, Copyright (c) 2017 SlackAPI; see NOTICE.",
	}}
	for path, ops := range spec.Paths {
		method := strings.TrimPrefix(path, "/")
		var scopes []string
		for _, op := range ops {
			for _, sec := range op.Security {
				for _, s := range sec["slackAuth"] {
					if s == "none" {
						continue
					}
					scopes = append(scopes, cmp.Or(slackModernScopes[s], s))
				}
			}
		}
		slices.Sort(scopes)
		scopes = slices.Compact(scopes)
		req := "-"
		if len(scopes) > 0 {
			req = strings.Join(scopes, "|")
		}
		t.add(method, req)
	}
	return t.bytes(), nil
}

var (
	slackMethodName = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$`)
	slackDocLink    = regexp.MustCompile(`(?:api\.slack\.com/methods|docs\.slack\.dev/reference/methods)/([a-zA-Z0-9.]+[a-zA-Z0-9])`)
)

// slackGoMethods lists the Slack Web API methods each exported method of
// slack-go's *Client calls: "PostMessageContext<TAB>chat.postMessage". A
// method's Slack methods are the method-name literals it passes to other
// *Client methods (postMethod, getMethod, and helpers) and the methods its
// doc comment links to; a method with neither, such as a wrapper without a
// context, inherits them from the *Client methods it calls.
func slackGoMethods(dir string) ([]byte, error) {
	version, err := goModulePath(dir)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	direct := map[string][]string{}
	callees := map[string][]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Body == nil || receiverName(fn) != "Client" {
				continue
			}
			name := fn.Name.Name
			if _, ok := direct[name]; !ok {
				direct[name] = nil // every *Client method, for resolve
			}
			if fn.Doc != nil {
				for _, m := range slackDocLink.FindAllStringSubmatch(fn.Doc.Text(), -1) {
					direct[name] = append(direct[name], m[1])
				}
			}
			recv := ""
			if names := fn.Recv.List[0].Names; len(names) > 0 {
				recv = names[0].Name
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); !ok || x.Name != recv || recv == "" {
					return true
				}
				callees[name] = append(callees[name], sel.Sel.Name)
				for _, arg := range call.Args {
					lit, ok := arg.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					if s, err := strconv.Unquote(lit.Value); err == nil && slackMethodName.MatchString(s) {
						direct[name] = append(direct[name], s)
					}
				}
				return true
			})
		}
	}
	if len(direct) == 0 {
		return nil, fmt.Errorf("%s: no *Client methods", dir)
	}
	resolved := map[string][]string{}
	var resolve func(name string, seen map[string]bool) []string
	resolve = func(name string, seen map[string]bool) []string {
		if r, ok := resolved[name]; ok {
			return r
		}
		if seen[name] {
			return nil
		}
		seen[name] = true
		out := slices.Clone(direct[name])
		if len(out) == 0 {
			for _, c := range callees[name] {
				out = append(out, resolve(c, seen)...)
			}
		}
		slices.Sort(out)
		out = slices.Compact(out)
		resolved[name] = out
		return out
	}
	t := table{header: []string{
		"slack-go (*slack.Client) method -> Slack Web API methods.",
		"Source: Go module " + version + ".",
		"Licence: BSD-2-Clause, Copyright (c) 2015, Norberto Lopes; see NOTICE.",
	}}
	for name := range direct {
		if !ast.IsExported(name) {
			continue
		}
		if methods := resolve(name, map[string]bool{}); len(methods) > 0 {
			t.add(append([]string{name}, methods...)...)
		}
	}
	return t.bytes(), nil
}
