package ciconfig

import (
	"go.yaml.in/yaml/v3"
)

// azureOwner names the stage, job or deployment job that encloses a node of
// an Azure Pipelines file, from the chain of its parents; "the pipeline"
// when there is none.
func azureOwner(d *document, parents []*yaml.Node) string {
	for i := len(parents) - 1; i >= 0; i-- {
		p := parents[i]
		if p.Kind != yaml.MappingNode {
			continue
		}
		for _, kind := range []string{"job", "deployment", "stage"} {
			if name := scalar(d.get(p, kind)); name != "" {
				return kind + " " + name
			}
		}
	}
	return "the pipeline"
}

// azureStepLabel names a step: its displayName, else its task or name.
func azureStepLabel(d *document, step *yaml.Node) string {
	for _, k := range []string{"displayName", "name", "task"} {
		if s := scalar(d.get(step, k)); s != "" {
			return "step " + quote(s)
		}
	}
	for _, k := range []string{"script", "bash", "powershell", "pwsh"} {
		if d.get(step, k) != nil {
			return k + " step"
		}
	}
	return "step"
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return `"` + s + `"`
}
