package scopesource

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// document parses JSON or YAML keeping positions (JSON is YAML).
func document(rel string, content []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(content, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", rel, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty document", rel)
	}
	return doc.Content[0], nil
}

// get follows mapping keys, case-sensitively, without following aliases
// (a document that needs aliases is not one of these).
func get(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
				break
			}
		}
		n = next
	}
	return n
}

// strs returns the strings of a scalar or a sequence of scalars with their
// positions.
func strs(rel string, n *yaml.Node) []Scope {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []Scope{{Name: n.Value, Path: rel, Line: n.Line, Column: n.Column}}
	}
	var out []Scope
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			if c.Kind == yaml.ScalarNode && c.Value != "" {
				out = append(out, Scope{Name: c.Value, Path: rel, Line: c.Line, Column: c.Column})
			}
		}
	}
	return out
}

// SlackManifest reads a Slack app manifest's bot and user scopes
// (oauth_config.scopes.bot and .user; the optional ones are not granted at
// install). ok is false when content is not a Slack manifest.
func SlackManifest(rel string, content []byte) (d Declaration, ok bool, err error) {
	root, err := document(rel, content)
	if err != nil {
		return Declaration{}, false, nil // not ours to report: other analyzers parse JSON/YAML
	}
	scopes := get(root, "oauth_config", "scopes")
	if scopes == nil || scopes.Kind != yaml.MappingNode {
		return Declaration{}, false, nil
	}
	d = Declaration{Provider: "slack", What: "Slack app manifest " + rel}
	d.Scopes = append(d.Scopes, strs(rel, get(scopes, "bot"))...)
	d.Scopes = append(d.Scopes, strs(rel, get(scopes, "user"))...)
	return d, true, nil
}

// IAMPolicy reads an IAM policy document's allowed actions. NotAction and
// Deny statements make the grant Incomplete: what they leave allowed
// cannot be listed.
func IAMPolicy(rel string, content []byte) (Declaration, error) {
	root, err := document(rel, content)
	if err != nil {
		return Declaration{}, err
	}
	// A document may be wrapped: {"PolicyDocument": {...}} (CloudFormation,
	// aws iam get-policy-version output has "Document").
	for _, wrap := range []string{"PolicyDocument", "Document", "Policy"} {
		if inner := get(root, wrap); inner != nil && get(inner, "Statement") != nil {
			root = inner
		}
	}
	st := get(root, "Statement")
	if st == nil {
		return Declaration{}, fmt.Errorf("%s: neither a Slack app manifest nor an IAM policy document (no oauth_config, no Statement)", rel)
	}
	d := Declaration{Provider: "aws", What: "IAM policy " + rel}
	statements := []*yaml.Node{st}
	if st.Kind == yaml.SequenceNode {
		statements = st.Content
	}
	for _, s := range statements {
		effect := get(s, "Effect")
		if effect != nil && !strings.EqualFold(effect.Value, "Allow") {
			d.Incomplete = true
			d.Notes = append(d.Notes, fmt.Sprintf("%s:%d: a %s statement is not subtracted", rel, effect.Line, effect.Value))
			continue
		}
		if na := get(s, "NotAction"); na != nil {
			d.Incomplete = true
			d.Scopes = append(d.Scopes, Scope{Name: "*", Path: rel, Line: na.Line, Column: na.Column})
			d.Notes = append(d.Notes, fmt.Sprintf("%s:%d: NotAction allows everything but the listed actions", rel, na.Line))
			continue
		}
		d.Scopes = append(d.Scopes, strs(rel, get(s, "Action"))...)
	}
	return d, nil
}
