package identity

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// jobs is what a CI file says about its jobs, keyed by workload
// ("file#job").
type jobs struct {
	envs    map[string]string            // the deployment environment it runs in
	runs    map[string][]string          // the scripts and Go programs its steps run
	aliases map[string]map[string]string // env var → CI secret it is set from
}

// readJobs reads a CI file's jobs. Errors leave the maps partial: usage
// extraction reports malformed files.
func readJobs(rel string, content []byte) jobs {
	js := jobs{envs: map[string]string{}, runs: map[string][]string{}, aliases: map[string]map[string]string{}}
	envs, runs := js.envs, js.runs
	var doc yaml.Node
	if err := yaml.Unmarshal(content, &doc); err != nil || len(doc.Content) == 0 {
		return js
	}
	root := doc.Content[0]
	jobs := root
	gitlab := path.Base(rel) == ".gitlab-ci.yml"
	if !gitlab {
		jobs = lookup(root, "jobs")
	}
	if jobs == nil || jobs.Kind != yaml.MappingNode {
		return js
	}
	for i := 0; i+1 < len(jobs.Content); i += 2 {
		name, job := jobs.Content[i].Value, jobs.Content[i+1]
		if job.Kind != yaml.MappingNode || (gitlab && gitlabReserved[name]) {
			continue
		}
		key := rel + "#" + name
		if env := environment(lookup(job, "environment")); env != "" {
			envs[key] = env
		}
		js.alias(key, lookup(job, "env"))
		var scripts []string
		if gitlab {
			for _, k := range []string{"before_script", "script", "after_script"} {
				scripts = append(scripts, strs(lookup(job, k))...)
			}
		} else if steps := lookup(job, "steps"); steps != nil && steps.Kind == yaml.SequenceNode {
			for _, step := range steps.Content {
				if run := lookup(step, "run"); run != nil && run.Kind == yaml.ScalarNode {
					scripts = append(scripts, run.Value)
				}
				js.alias(key, lookup(step, "env"))
			}
		}
		for _, s := range scripts {
			if progs := programsRun(s); len(progs) > 0 {
				runs[key] = append(runs[key], progs...)
			}
		}
	}
	return js
}

// secretExpr is a value set from one CI secret: "${{ secrets.NAME }}".
var secretExpr = regexp.MustCompile(`^\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$`)

// alias records the variables an env: mapping sets from a secret.
func (js jobs) alias(key string, env *yaml.Node) {
	if env == nil || env.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(env.Content); i += 2 {
		if m := secretExpr.FindStringSubmatch(strings.TrimSpace(env.Content[i+1].Value)); m != nil {
			if js.aliases[key] == nil {
				js.aliases[key] = map[string]string{}
			}
			js.aliases[key][env.Content[i].Value] = m[1]
		}
	}
}

// gitlabReserved are the top-level keys of .gitlab-ci.yml that are not jobs.
var gitlabReserved = map[string]bool{
	"default": true, "include": true, "stages": true, "variables": true, "workflow": true,
	"image": true, "services": true, "cache": true, "before_script": true, "after_script": true,
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// environment reads "environment: prod" or "environment: {name: prod}".
func environment(n *yaml.Node) string {
	switch {
	case n == nil:
		return ""
	case n.Kind == yaml.ScalarNode:
		return n.Value
	case n.Kind == yaml.MappingNode:
		if name := lookup(n, "name"); name != nil && name.Kind == yaml.ScalarNode {
			return name.Value
		}
	}
	return ""
}

func strs(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind == yaml.ScalarNode {
			out = append(out, c.Value)
		}
	}
	return out
}

var (
	// An interpreter running a script file: "python scripts/sync.py",
	// "node ./bin/release.mjs", "bash deploy.sh", "npx tsx src/x.ts".
	interpreted = regexp.MustCompile(`(?:^|[\s;&|(])(?:python[0-9.]*|node|bash|sh|zsh|deno\s+run(?:\s+-\S+)*|npx\s+(?:tsx|ts-node)|tsx|ts-node|uv\s+run|poetry\s+run\s+python)\s+((?:\./)?[\w.@/-]+\.(?:py|js|mjs|cjs|ts|sh|bash))\b`)
	// A script run directly: "./scripts/deploy.sh".
	direct = regexp.MustCompile(`(?:^|[\s;&|(])\./([\w.@/-]+\.(?:sh|bash|py|js|mjs))\b`)
	// A Go program: "go run ./cmd/deploy", "go run .".
	goRun = regexp.MustCompile(`(?:^|[\s;&|(])go\s+run\s+(?:-\S+\s+)*(\.(?:/[\w.@/-]*)?|[\w.@/-]+\.go)`)
)

// programsRun returns the workload keys of the programs a shell script
// runs, relative to the repository root (steps' working-directory is not
// followed).
func programsRun(script string) []string {
	var out []string
	add := func(p string) {
		if p = path.Clean(p); !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, line := range strings.Split(script, "\n") {
		if i := strings.Index(line, "#"); i == 0 || (i > 0 && line[i-1] == ' ') {
			line = line[:i]
		}
		for _, m := range interpreted.FindAllStringSubmatch(line, -1) {
			add(m[1])
		}
		for _, m := range direct.FindAllStringSubmatch(line, -1) {
			add(m[1])
		}
		for _, m := range goRun.FindAllStringSubmatch(line, -1) {
			target := m[1]
			if strings.HasSuffix(target, ".go") {
				target = path.Dir(target)
			}
			add(target)
		}
	}
	return out
}
