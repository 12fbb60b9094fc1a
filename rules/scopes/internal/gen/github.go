package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// githubRoutes joins GitHub's two "permissions required" tables, for
// fine-grained personal access tokens and for GitHub Apps, into one row per
// REST route: "GET /repos/{owner}/{repo}/contents/{path}<TAB>contents:read".
//
// The upstream rows flatten GitHub's permission sets: a route listed under
// several permissions is usable with any of them, and "additional-permissions"
// marks routes whose sets hold more than one permission or that have more
// than one set, without saying which. The table keeps every listed
// permission as an alternative of one clause, the reading that never reports
// a declared permission as insufficient when GitHub accepts it.
func githubRoutes(dir string) ([]byte, error) {
	type entry struct {
		Verb        string `json:"verb"`
		RequestPath string `json:"requestPath"`
		Access      string `json:"access"`
	}
	alternatives := map[string][]string{}
	for _, name := range []string{"fine-grained-pat-permissions.json", "server-to-server-permissions.json"} {
		var perms map[string]struct {
			Permissions []entry `json:"permissions"`
		}
		if err := readJSON(filepath.Join(dir, name), &perms); err != nil {
			return nil, err
		}
		for perm, p := range perms {
			for _, e := range p.Permissions {
				switch e.Access {
				case "read", "write", "admin":
				default:
					return nil, fmt.Errorf("%s: %s %s: unknown access %q", name, e.Verb, e.RequestPath, e.Access)
				}
				route := strings.ToUpper(e.Verb) + " " + e.RequestPath
				alternatives[route] = append(alternatives[route], perm+":"+e.Access)
			}
		}
	}
	if len(alternatives) == 0 {
		return nil, fmt.Errorf("%s: no routes", dir)
	}
	t := table{header: []string{
		"GitHub REST route -> fine-grained permissions, any one of which suffices (joined with |).",
		"Source: github/docs src/github-apps/data/fpt-2026-03-10/fine-grained-pat-permissions.json",
		"and server-to-server-permissions.json (REST API version 2026-03-10).",
		"Licence: MIT (github/docs LICENSE-CODE, Copyright 2024 GitHub); see NOTICE.",
	}}
	for route, alts := range alternatives {
		slices.Sort(alts)
		t.add(route, strings.Join(slices.Compact(alts), "|"))
	}
	return t.bytes(), nil
}

// goGitHubMethods lists, for every go-github service method carrying
// "//meta:operation" directives, the routes it calls:
// "RepositoriesService.GetContents<TAB>GET /repos/{owner}/{repo}/contents/{path}".
func goGitHubMethods(dir string) ([]byte, error) {
	version, err := goModulePath(dir)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "github", "*.go"))
	if err != nil {
		return nil, err
	}
	t := table{header: []string{
		"go-github service method -> REST routes (from //meta:operation directives), keyed without the module major version.",
		"Source: Go module " + version + ", package github.",
		"Licence: BSD-3-Clause, Copyright (c) 2013 The go-github AUTHORS; see NOTICE.",
	}}
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
			if !ok || fn.Doc == nil || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			recv := receiverName(fn)
			if !strings.HasSuffix(recv, "Service") {
				continue
			}
			var routes []string
			for _, c := range fn.Doc.List {
				if op, ok := strings.CutPrefix(c.Text, "//meta:operation "); ok {
					routes = append(routes, strings.Join(strings.Fields(op), " "))
				}
			}
			if len(routes) > 0 {
				slices.Sort(routes)
				t.add(append([]string{recv + "." + fn.Name.Name}, slices.Compact(routes)...)...)
			}
		}
	}
	if len(t.rows) == 0 {
		return nil, fmt.Errorf("%s: no //meta:operation directives", dir)
	}
	return t.bytes(), nil
}

// receiverName is "T" for methods on T or *T.
func receiverName(fn *ast.FuncDecl) string {
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// goModulePath returns "path@version" for a module directory in the module
// cache ("…/github.com/google/go-github/v93@v93.0.0"), else the module path
// from its go.mod.
func goModulePath(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return "", err
	}
	var mod string
	for line := range strings.SplitSeq(string(b), "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			mod = strings.TrimSpace(m)
			break
		}
	}
	if mod == "" {
		return "", fmt.Errorf("%s/go.mod: no module line", dir)
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if _, v, ok := strings.Cut(filepath.Base(dir), "@"); ok {
		mod += "@" + v
	}
	return mod, nil
}

var (
	octokitNamespace = regexp.MustCompile(`^  ([a-zA-Z][a-zA-Z0-9]*): \{$`)
	octokitMethod    = regexp.MustCompile(`^    ([a-zA-Z][a-zA-Z0-9]*): \[(?:"([A-Z]+ /[^"]*)")?`)
	octokitRoute     = regexp.MustCompile(`^\s+"([A-Z]+ /[^"]*)"`)
)

// octokitMethods reads the generated endpoints file of
// @octokit/plugin-rest-endpoint-methods, a JavaScript object literal of
// namespace -> method -> ["VERB /path", defaults, decorations]:
// "repos.getContent<TAB>GET /repos/{owner}/{repo}/contents/{path}".
func octokitMethods(dir string) ([]byte, error) {
	var pkg struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		License string `json:"license"`
	}
	if err := readJSON(filepath.Join(dir, "package.json"), &pkg); err != nil {
		return nil, err
	}
	src, err := os.ReadFile(filepath.Join(dir, "dist-src", "generated", "endpoints.js"))
	if err != nil {
		return nil, err
	}
	t := table{header: []string{
		"Octokit octokit.rest.<namespace>.<method> -> REST route.",
		fmt.Sprintf("Source: npm %s %s (dist-src/generated/endpoints.js).", pkg.Name, pkg.Version),
		fmt.Sprintf("Licence: %s, Copyright (c) 2019 Octokit contributors; see NOTICE.", pkg.License),
	}}
	var namespace, pending string
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		if m := octokitNamespace.FindStringSubmatch(line); m != nil {
			namespace, pending = m[1], ""
			continue
		}
		if m := octokitMethod.FindStringSubmatch(line); m != nil && namespace != "" {
			if m[2] != "" {
				t.add(namespace+"."+m[1], m[2])
				pending = ""
			} else {
				pending = m[1]
			}
			continue
		}
		if m := octokitRoute.FindStringSubmatch(line); m != nil && pending != "" {
			t.add(namespace+"."+pending, m[1])
			pending = ""
		}
	}
	if len(t.rows) == 0 {
		return nil, fmt.Errorf("%s: no endpoints found", dir)
	}
	return t.bytes(), nil
}
