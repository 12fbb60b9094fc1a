package ciconfig

import (
	"go.yaml.in/yaml/v3"
)

// owned is a part of a CI file with the name messages give it ("job deploy").
type owned struct {
	label string
	node  *yaml.Node
}

// circleciParts splits a CircleCI config into its named jobs, commands,
// executors and workflows, in file order, so that findings can say where
// they are. Top-level settings outside those sections come last.
func circleciParts(d *document) []owned {
	singular := map[string]string{"jobs": "job", "commands": "command", "executors": "executor", "workflows": "workflow"}
	var out []owned
	for _, p := range d.pairs(d.root) {
		kind, ok := singular[p.key.Value]
		if !ok {
			if p.key.Value != "orbs" {
				out = append(out, owned{"the configuration", p.value})
			}
			continue
		}
		for _, e := range d.pairs(p.value) {
			out = append(out, owned{kind + " " + e.key.Value, e.value})
		}
	}
	return out
}

// awsCLIOrbAliases returns the local names under which the config imports
// the circleci/aws-cli orb (orbs: {aws-cli: circleci/aws-cli@5.1}).
func awsCLIOrbAliases(d *document) map[string]bool {
	aliases := map[string]bool{}
	for _, p := range d.pairs(d.get(d.root, "orbs")) {
		ref := scalar(p.value)
		if name, _, _ := cutAt(ref); name == "circleci/aws-cli" {
			aliases[p.key.Value] = true
		}
	}
	return aliases
}

// cutAt splits an orb reference "ns/name@version".
func cutAt(ref string) (name, version string, ok bool) {
	for i := 0; i < len(ref); i++ {
		if ref[i] == '@' {
			return ref[:i], ref[i+1:], true
		}
	}
	return ref, "", false
}
