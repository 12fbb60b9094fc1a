package scriptusage

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/usage"
)

// maxYAMLNodes bounds the nodes visited in one YAML file, aliases counted
// each time they are followed, so an alias bomb costs bounded work.
const maxYAMLNodes = 200_000

// yamlDoc is a parsed CI file with what is needed to place facts.
type yamlDoc struct {
	rel    string
	root   *yaml.Node
	lines  [][]byte
	budget int
}

func parseYAML(rel string, content []byte) (*yamlDoc, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(content, &root); err != nil {
		return nil, fmt.Errorf("scriptusage: %s: %w", rel, err)
	}
	d := &yamlDoc{rel: rel, lines: bytes.Split(content, []byte("\n")), budget: maxYAMLNodes}
	if len(root.Content) > 0 {
		d.root = deref(root.Content[0])
	}
	return d, nil
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// maxMergeDepth bounds how deep get follows merge keys, which may cycle
// (a: &a {<<: *a}).
const maxMergeDepth = 8

// get returns the value of key in mapping m, looking into merged mappings
// (<<: *defaults) when m has no such key itself.
// Merges are followed to maxMergeDepth and through at most maxMergeVisits
// mappings, so merge sequences of aliases cannot fan out without bound.
func get(m *yaml.Node, key string) *yaml.Node {
	visits := maxMergeVisits
	return getMerged(m, key, 0, &visits)
}

const maxMergeVisits = 1000

func getMerged(m *yaml.Node, key string, depth int, visits *int) *yaml.Node {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > maxMergeDepth || *visits <= 0 {
		return nil
	}
	*visits--
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return deref(m.Content[i+1])
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "<<" {
			continue
		}
		merged := deref(m.Content[i+1])
		if merged != nil && merged.Kind == yaml.SequenceNode {
			for _, s := range merged.Content {
				if v := getMerged(s, key, depth+1, visits); v != nil {
					return v
				}
			}
		} else if v := getMerged(merged, key, depth+1, visits); v != nil {
			return v
		}
	}
	return nil
}

// scalarPos maps a byte offset in a scalar's value to its file position:
// exactly for literal blocks (|) and single-line scalars, at the scalar's
// start for folded blocks and multi-line flow scalars, whose lines the
// parser has joined.
func (d *yamlDoc) scalarPos(n *yaml.Node) func(off int) (int, int) {
	value := n.Value
	idx := newLineIndex([]byte(value))
	quote := 0
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		quote = 1
	}
	// A flow scalar is placed exactly only when the file holds its value
	// verbatim on one line: no folding, no escapes.
	single := false
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && n.Line-1 < len(d.lines) && n.Line >= 1 {
		raw := []rune(string(d.lines[n.Line-1]))
		if start := n.Column - 1 + quote; start >= 0 && start <= len(raw) {
			single = strings.HasPrefix(string(raw[start:]), value) && !strings.Contains(value, "\n")
		}
	}
	return func(off int) (int, int) {
		vline, vcol := idx.position(off)
		switch {
		case n.Style&yaml.LiteralStyle != 0:
			fileLine := n.Line + vline
			text := idx.text[idx.starts[vline-1]:]
			if i := bytes.IndexByte(text, '\n'); i >= 0 {
				text = text[:i]
			}
			if fileLine-1 < len(d.lines) {
				raw := bytes.TrimSuffix(d.lines[fileLine-1], []byte("\r"))
				if bytes.HasSuffix(raw, text) {
					return fileLine, analyzers.RuneCount(raw[:len(raw)-len(text)]) + vcol
				}
			}
		case single:
			return n.Line, n.Column + quote + vcol - 1
		}
		return n.Line, n.Column
	}
}

// walk calls f for every scalar under n with the key it is the value of
// and that key's parent key ("env" for env: mappings), within the budget.
func (d *yamlDoc) walk(n *yaml.Node, key, parent string, f func(n *yaml.Node, key, parent string)) {
	n = deref(n)
	if n == nil || d.budget <= 0 || n.Tag == "!reference" {
		return // !reference [.job, script] names lines of another job
	}
	d.budget--
	switch n.Kind {
	case yaml.ScalarNode:
		f(n, key, parent)
	case yaml.SequenceNode:
		for _, c := range n.Content {
			d.walk(c, "", key, f)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			d.walk(n.Content[i+1], n.Content[i].Value, key, f)
		}
	}
}

// secretRefs records the secrets an expression-bearing scalar reads:
// ${{ secrets.X }}, ${{ secrets['X'] }} and ${{ github.token }} (which is
// secrets.GITHUB_TOKEN). In an env: mapping the variable name is the Via
// and, when the secret's name does not say, attributes the provider.
func (d *yamlDoc) secretRefs(w *workload, n *yaml.Node, key, parent string) {
	v := n.Value
	if !strings.Contains(v, "${{") {
		return
	}
	pos := d.scalarPos(n)
	via := "${{ secrets }}"
	if parent == "env" {
		via = "env " + key
	}
	for _, e := range expressions(v) {
		for _, s := range secretNames(v[e[0]:e[1]]) {
			provider := providerOf(s.name)
			if provider == "" && parent == "env" {
				provider = providerOf(key)
			}
			line, col := pos(e[0] + s.off)
			w.ref(line, col, s.name, usage.RefSecret, provider, via)
			if parent == "env" && strings.TrimSpace(v) == v[e[0]:e[1]] {
				// The whole value is the secret: $key holds it.
				w.facts[len(w.facts)-1].EnvVar = key
			}
		}
	}
}

// expressions returns the [start, end) offsets of each ${{ ... }} in s.
func expressions(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		start := strings.Index(s[i:], "${{")
		if start < 0 {
			break
		}
		start += i
		end := strings.Index(s[start:], "}}")
		if end < 0 {
			end = len(s)
		} else {
			end += start + 2
		}
		out = append(out, [2]int{start, end})
		i = end
	}
	return out
}

type secretName struct {
	name string
	off  int
}

// secretNames finds secrets.X, secrets['X'] and github.token in an
// expression (contexts are case-insensitive).
func secretNames(expr string) []secretName {
	lower := strings.ToLower(expr)
	var out []secretName
	for i := 0; i < len(lower); {
		j := strings.Index(lower[i:], "secrets")
		k := strings.Index(lower[i:], "github.token")
		if j < 0 && k < 0 {
			break
		}
		if k >= 0 && (j < 0 || k < j) {
			at := i + k
			i = at + len("github.token")
			if (at == 0 || !exprNameByte(lower[at-1])) && (i == len(lower) || !exprNameByte(lower[i])) {
				out = append(out, secretName{name: "GITHUB_TOKEN", off: at})
			}
			continue
		}
		at := i + j
		i = at + len("secrets")
		if at > 0 && (exprNameByte(lower[at-1]) || lower[at-1] == '.') {
			continue
		}
		rest := expr[i:]
		var name string
		switch {
		case strings.HasPrefix(rest, "."):
			n := 1
			for n < len(rest) && exprNameByte(rest[n]) {
				n++
			}
			name = rest[1:n]
		case strings.HasPrefix(rest, "['") || strings.HasPrefix(rest, "[\""):
			if end := strings.IndexAny(rest[2:], "'\""); end >= 0 {
				name = rest[2 : 2+end]
			}
		}
		if name != "" && name != "*" {
			out = append(out, secretName{name: name, off: at})
		}
	}
	return out
}

func exprNameByte(c byte) bool {
	return c == '_' || c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// environment records a job's environment: "prod" or {name: prod}.
func (d *yamlDoc) environment(w *workload, n *yaml.Node) {
	if n != nil && n.Kind == yaml.MappingNode {
		n = get(n, "name")
	}
	if n != nil && n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "${{") {
		w.environment(n.Line, n.Column, n.Value)
	}
}

// extractGitHubWorkflow reads a GitHub Actions workflow: each job is a
// workload; its run: scripts are read as shell and every expression in it
// (and in the workflow-level env:, which every job receives) for secrets.
func extractGitHubWorkflow(rel string, content []byte) ([]usage.Fact, error) {
	d, err := parseYAML(rel, content)
	if err != nil || d.root == nil {
		return nil, err
	}
	jobs := get(d.root, "jobs")
	if jobs == nil || jobs.Kind != yaml.MappingNode {
		return nil, nil
	}
	var facts []usage.Fact
	for i := 0; i+1 < len(jobs.Content); i += 2 {
		w := &workload{path: rel, name: "workflow:" + rel + "#" + jobs.Content[i].Value, language: "workflow"}
		job := deref(jobs.Content[i+1])
		d.walk(get(d.root, "env"), "env", "", func(n *yaml.Node, key, parent string) {
			d.secretRefs(w, n, key, parent)
		})
		d.walk(job, "", "", func(n *yaml.Node, key, parent string) {
			d.secretRefs(w, n, key, parent)
		})
		d.environment(w, get(job, "environment"))
		if steps := get(job, "steps"); steps != nil && steps.Kind == yaml.SequenceNode {
			for _, step := range steps.Content {
				if run := get(step, "run"); run != nil && run.Kind == yaml.ScalarNode {
					shellFacts(w, run.Value, d.scalarPos(run))
					w.runs(run.Line, run.Column, run.Value)
				}
			}
		}
		facts = append(facts, w.facts...)
	}
	return facts, nil
}

// gitlabKeywords are the top-level keys of .gitlab-ci.yml that are not jobs.
var gitlabKeywords = map[string]bool{
	"default": true, "include": true, "stages": true, "variables": true, "workflow": true,
	"image": true, "services": true, "cache": true, "before_script": true, "after_script": true,
	"spec": true,
}

// extractGitLabCI reads .gitlab-ci.yml: each job (hidden .templates too,
// for their own scripts) is a workload; its script:, before_script: and after_script: lines, with
// the global or default: ones it does not override, are read as shell, so
// $VAR references of credential-looking names become env refs.
func extractGitLabCI(rel string, content []byte) ([]usage.Fact, error) {
	d, err := parseYAML(rel, content)
	if err != nil || d.root == nil || d.root.Kind != yaml.MappingNode {
		return nil, err
	}
	root := d.root
	var facts []usage.Fact
	for i := 0; i+1 < len(root.Content); i += 2 {
		name := root.Content[i].Value
		job := deref(root.Content[i+1])
		if gitlabKeywords[name] || name == "<<" || job == nil || job.Kind != yaml.MappingNode {
			continue
		}
		w := &workload{path: rel, name: "workflow:" + rel + "#" + name, language: "workflow"}
		for _, key := range []string{"before_script", "script", "after_script"} {
			lines := get(job, key)
			// Hidden jobs are templates that never run on their own: they
			// do not receive the default scripts.
			if lines == nil && !strings.HasPrefix(name, ".") {
				if lines = get(get(root, "default"), key); lines == nil {
					lines = get(root, key)
				}
			}
			d.walk(lines, key, "", func(n *yaml.Node, _, _ string) {
				shellFacts(w, n.Value, d.scalarPos(n))
				w.runs(n.Line, n.Column, n.Value)
			})
		}
		d.environment(w, get(job, "environment"))
		facts = append(facts, w.facts...)
	}
	return facts, nil
}
