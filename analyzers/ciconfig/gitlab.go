package ciconfig

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// gitlabGlobalKeys are the top-level keywords of .gitlab-ci.yml that are not
// jobs (docs.gitlab.com/ci/yaml). Everything else at the top level is a job,
// or a hidden job (template) when its name starts with a dot.
var gitlabGlobalKeys = map[string]bool{
	"default": true, "include": true, "stages": true, "variables": true, "workflow": true,
	"spec": true, "image": true, "services": true, "cache": true, "before_script": true,
	"after_script": true, "types": true,
}

// gitlabJob is one job of a GitLab CI file.
type gitlabJob struct {
	name string
	key  *yaml.Node // the job's name in the file, for positions
	body *yaml.Node // its mapping
}

func (j gitlabJob) hidden() bool { return strings.HasPrefix(j.name, ".") }

// label names the job in messages.
func (j gitlabJob) label() string {
	if j.hidden() {
		return "template " + j.name
	}
	return "job " + j.name
}

// gitlabJobs lists the jobs of a GitLab CI document in file order.
func gitlabJobs(d *document) []gitlabJob {
	var jobs []gitlabJob
	for _, p := range d.pairs(d.root) {
		v := deref(p.value)
		if gitlabGlobalKeys[p.key.Value] || v == nil || v.Kind != yaml.MappingNode {
			continue
		}
		jobs = append(jobs, gitlabJob{name: p.key.Value, key: p.key, body: v})
	}
	return jobs
}

// chain returns the job's mapping followed by the mappings it extends, in
// order of precedence (the job first), resolving extends: within this file.
// Templates defined in other files are not visible; the caller treats what
// it cannot see as unknown rather than absent where that matters.
func (d *document) chain(j gitlabJob, byName map[string]gitlabJob) []*yaml.Node {
	out := []*yaml.Node{j.body}
	seen := map[string]bool{j.name: true}
	var rec func(body *yaml.Node, depth int)
	rec = func(body *yaml.Node, depth int) {
		if depth > maxResolveDepth {
			return
		}
		ext := d.get(body, "extends")
		names := []string{scalar(ext)}
		if ext != nil && ext.Kind == yaml.SequenceNode {
			names = names[:0]
			for _, it := range ext.Content {
				names = append(names, scalar(it))
			}
		}
		// With several templates, later ones win, so visit them first.
		for i := len(names) - 1; i >= 0; i-- {
			t, ok := byName[names[i]]
			if !ok || seen[names[i]] || !d.budget.spend(1) {
				continue
			}
			seen[names[i]] = true
			out = append(out, t.body)
			rec(t.body, depth+1)
		}
	}
	rec(j.body, 0)
	return out
}

// extendsUnknown reports whether the job extends a template this file does
// not define (one from an include:), whose content is unknown here.
func (d *document) extendsUnknown(j gitlabJob, byName map[string]gitlabJob) bool {
	for _, body := range d.chain(j, byName) {
		ext := d.get(body, "extends")
		names := []*yaml.Node{ext}
		if ext != nil && ext.Kind == yaml.SequenceNode {
			names = ext.Content
		}
		for _, n := range names {
			if s := scalar(n); s != "" {
				if _, ok := byName[s]; !ok {
					return true
				}
			}
		}
	}
	return false
}

// resolveReference resolves GitLab's !reference [job, key, ...] tag to the
// node it names within this document, or nil.
func (d *document) resolveReference(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return nil
	}
	cur := d.root
	for _, part := range n.Content {
		cur = d.get(cur, scalar(part))
		if cur == nil {
			return nil
		}
	}
	return cur
}

// variableEntries returns the entries of a GitLab variables: mapping. A value
// may be a scalar or a mapping with value: (and description:, expand:,
// options:); the returned node is the scalar either way.
func (d *document) variableEntries(vars *yaml.Node) []pair {
	var out []pair
	for _, p := range d.pairs(vars) {
		v := deref(p.value)
		if v != nil && v.Kind == yaml.MappingNode {
			v = d.get(v, "value")
		}
		if v != nil && v.Kind == yaml.ScalarNode {
			out = append(out, pair{p.key, v})
		}
	}
	return out
}
