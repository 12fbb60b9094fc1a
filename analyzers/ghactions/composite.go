package ghactions

import (
	"strings"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v4"
)

// compositeSteps converts the runs.steps of a composite action.yml into
// actionlint's step model, keeping positions. It returns nil for other kinds
// of action (JavaScript and Docker actions have no steps to check).
//
// actionlint does not export its step parser, and its ActionMetadata type
// drops positions, so the conversion is done here on YAML nodes. Keys follow
// actionlint's conventions: input and env names are lower-cased in the maps
// and keep their spelling in Name.
func compositeSteps(root *yaml.Node) []*actionlint.Step {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	runs := mappingValue(doc, "runs")
	if using := mappingValue(runs, "using"); using == nil || !strings.EqualFold(using.Value, "composite") {
		return nil
	}
	seq := mappingValue(runs, "steps")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil
	}
	steps := make([]*actionlint.Step, 0, len(seq.Content))
	for _, n := range seq.Content {
		if n.Kind != yaml.MappingNode {
			continue
		}
		steps = append(steps, compositeStep(n))
	}
	return steps
}

func compositeStep(n *yaml.Node) *actionlint.Step {
	s := &actionlint.Step{Pos: nodePos(n)}
	var run *actionlint.ExecRun
	var act *actionlint.ExecAction
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch strings.ToLower(k.Value) {
		case "name":
			s.Name = nodeString(v)
		case "id":
			s.ID = nodeString(v)
		case "if":
			s.If = nodeString(v)
		case "uses":
			if act == nil {
				act = &actionlint.ExecAction{Inputs: map[string]*actionlint.Input{}}
			}
			act.Uses = nodeString(v)
		case "with":
			if act == nil {
				act = &actionlint.ExecAction{Inputs: map[string]*actionlint.Input{}}
			}
			for j := 0; v.Kind == yaml.MappingNode && j+1 < len(v.Content); j += 2 {
				name := nodeString(v.Content[j])
				act.Inputs[strings.ToLower(name.Value)] = &actionlint.Input{Name: name, Value: nodeString(v.Content[j+1])}
			}
		case "run":
			if run == nil {
				run = &actionlint.ExecRun{}
			}
			run.Run = nodeString(v)
			run.RunPos = nodePos(k)
		case "shell":
			if run == nil {
				run = &actionlint.ExecRun{}
			}
			run.Shell = nodeString(v)
		case "env":
			s.Env = nodeEnv(v)
		}
	}
	switch {
	case act != nil && act.Uses != nil:
		s.Exec = act
	case run != nil && run.Run != nil:
		s.Exec = run
	}
	return s
}

func nodeEnv(v *yaml.Node) *actionlint.Env {
	if v.Kind != yaml.MappingNode {
		return &actionlint.Env{Expression: nodeString(v)}
	}
	env := &actionlint.Env{Vars: map[string]*actionlint.EnvVar{}}
	for j := 0; j+1 < len(v.Content); j += 2 {
		name := nodeString(v.Content[j])
		env.Vars[strings.ToLower(name.Value)] = &actionlint.EnvVar{Name: name, Value: nodeString(v.Content[j+1])}
	}
	return env
}

// mappingValue returns the value of key in mapping n, or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func nodePos(n *yaml.Node) *actionlint.Pos { return &actionlint.Pos{Line: n.Line, Col: n.Column} }

// nodeString is actionlint's newString: non-scalar values keep an empty
// value and their position.
func nodeString(n *yaml.Node) *actionlint.String {
	s := &actionlint.String{Pos: nodePos(n), Quoted: n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0}
	if n.Kind == yaml.ScalarNode {
		s.Value = n.Value
	}
	return s
}
