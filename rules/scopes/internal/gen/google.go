package main

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// googleScopePrefix is dropped from scopes in the table to keep it small;
// the lookup puts it back.
const googleScopePrefix = "https://www.googleapis.com/auth/"

// discoveryDoc is the part of a Google discovery document the tables need.
type discoveryDoc struct {
	Name      string                       `json:"name"`
	Version   string                       `json:"version"`
	Revision  string                       `json:"revision"`
	Methods   map[string]discoveryMethod   `json:"methods"`
	Resources map[string]discoveryResource `json:"resources"`
}

type discoveryResource struct {
	Methods   map[string]discoveryMethod   `json:"methods"`
	Resources map[string]discoveryResource `json:"resources"`
}

type discoveryMethod struct {
	ID     string   `json:"id"`
	Scopes []string `json:"scopes"`
}

var (
	googleCallRecv = regexp.MustCompile(`^func \(c \*([A-Z][A-Za-z0-9]*Call)\) `)
	googleRPCName  = regexp.MustCompile(`"rpcName", "([^"]+)"`)
)

// googleTables reads the discovery document and generated Go client of each
// API directory of google.golang.org/api ("drive/v3") and returns two
// tables: discovery method id -> scopes, any one sufficing
// ("drive.files.list<TAB>drive|drive.readonly|…", short scope names without
// https://www.googleapis.com/auth/, "-" for none), and Go call type ->
// method id ("drive/v3<TAB>FilesListCall<TAB>drive.files.list"), the latter
// from the rpcName the generated doRequest logs.
func googleTables(dir string, apis []string) (methods, calls []byte, err error) {
	version, err := goModulePath(dir)
	if err != nil {
		return nil, nil, err
	}
	slices.Sort(apis)
	var revisions []string
	scopes := map[string][]string{}
	callTable := table{}
	for _, api := range apis {
		api = strings.TrimSpace(api)
		if api == "" {
			continue
		}
		apiDir := filepath.Join(dir, filepath.FromSlash(api))
		docs, _ := filepath.Glob(filepath.Join(apiDir, "*-api.json"))
		gens, _ := filepath.Glob(filepath.Join(apiDir, "*-gen.go"))
		if len(docs) != 1 || len(gens) == 0 {
			return nil, nil, fmt.Errorf("%s: want one *-api.json and *-gen.go files, found %d and %d", apiDir, len(docs), len(gens))
		}
		var doc discoveryDoc
		if err := readJSON(docs[0], &doc); err != nil {
			return nil, nil, err
		}
		revisions = append(revisions, fmt.Sprintf("%s %s", api, doc.Revision))
		ids := map[string]bool{}
		collect := func(ms map[string]discoveryMethod) {
			for _, m := range ms {
				ids[m.ID] = true
				scopes[m.ID] = append(scopes[m.ID], m.Scopes...)
			}
		}
		var walk func(map[string]discoveryResource)
		walk = func(rs map[string]discoveryResource) {
			for _, r := range rs {
				collect(r.Methods)
				walk(r.Resources)
			}
		}
		collect(doc.Methods)
		walk(doc.Resources)
		// Large clients (compute) are split over several files.
		n := 0
		for _, gen := range gens {
			k, err := googleCallTypes(gen, api, ids, &callTable)
			if err != nil {
				return nil, nil, err
			}
			n += k
		}
		if n == 0 {
			return nil, nil, fmt.Errorf("%s: no call types", apiDir)
		}
	}
	if len(scopes) == 0 {
		return nil, nil, fmt.Errorf("no APIs given")
	}
	source := "Source: Go module " + version + " (discovery documents and generated clients of: " + strings.Join(revisions, ", ") + ")."
	licence := "Licence: BSD-3-Clause, Copyright (c) 2011 Google Inc.; see NOTICE."
	methodTable := table{header: []string{
		"Google API discovery method id -> OAuth scopes, any one of which suffices (joined with |; - for none;",
		"names without a scheme are relative to " + googleScopePrefix + ").",
		source, licence,
	}}
	for id, ss := range scopes {
		short := make([]string, len(ss))
		for i, s := range ss {
			short[i] = cmp.Or(strings.TrimPrefix(s, googleScopePrefix), s)
		}
		slices.Sort(short)
		short = slices.Compact(short)
		req := "-"
		if len(short) > 0 {
			req = strings.Join(short, "|")
		}
		methodTable.add(id, req)
	}
	callTable.header = []string{
		"google.golang.org/api call type -> discovery method id, keyed by the package path below google.golang.org/api/.",
		source, licence,
	}
	return methodTable.bytes(), callTable.bytes(), nil
}

// googleCallTypes scans a generated client for the rpcName each call type's
// doRequest logs, adding one row per call type whose method the discovery
// document declares.
func googleCallTypes(path, api string, ids map[string]bool, t *table) (int, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	seen := map[string]string{}
	var recv string
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if m := googleCallRecv.FindStringSubmatch(line); m != nil {
			recv = m[1]
			continue
		}
		if strings.HasPrefix(line, "func ") {
			recv = ""
			continue
		}
		m := googleRPCName.FindStringSubmatch(line)
		if m == nil || recv == "" {
			continue
		}
		if !ids[m[1]] {
			return 0, fmt.Errorf("%s: %s logs rpcName %q, which the discovery document lacks", path, recv, m[1])
		}
		if prev, ok := seen[recv]; ok && prev != m[1] {
			return 0, fmt.Errorf("%s: %s logs both %q and %q", path, recv, prev, m[1])
		}
		seen[recv] = m[1]
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	for recv, id := range seen {
		t.add(api, recv, id)
	}
	return len(seen), nil
}
