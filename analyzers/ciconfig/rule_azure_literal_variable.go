package ciconfig

import (
	"fmt"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var azureLiteralVariable = &check{
	platform: azurePipelines,
	yaml:     checkAzureLiteralVariables,
	rule: &finding.Rule{
		ID:    "azure-pipelines-literal-variable",
		Title: "Literal credential in Azure Pipelines variables",
		Description: "A credential-named variable in a variables: block (pipeline, stage or job; mapping or " +
			"name/value list form) holds a literal, secret-looking value. Macro, template and runtime " +
			"expressions ($(x), ${{ x }}, $[ x ]) and placeholders are not reported.",
		Why: "Variables written in the YAML are plain text in the repository and its history, are not masked in " +
			"logs, and are visible to anyone who can read the code. Secret variables (set in the pipeline settings or " +
			"a variable group, ideally linked to Key Vault) are encrypted, masked and not passed to fork builds.",
		Level:            finding.LevelError,
		Categories:       []finding.Category{finding.NHI2},
		CWEs:             []string{"CWE-798"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 8.0,
		Remediation: finding.Remediation{
			Revoke: "Revoke the credential where it was issued: it is in the repository's history.",
			Rotate: "Store the replacement as a secret variable or in a variable group linked to Azure Key Vault, and map it " +
				"into the steps that need it with env:.",
			Replace: "For Azure access, use a service connection with workload identity federation instead of a client secret.",
			References: []string{
				"https://learn.microsoft.com/azure/devops/pipelines/process/set-secret-variables",
				"https://learn.microsoft.com/azure/devops/pipelines/library/link-variable-groups-to-key-vaults",
			},
		},
		Analyzer: Name,
	},
}

// checkAzureLiteralVariables reports literal credentials in every
// variables: block of the file.
func checkAzureLiteralVariables(c *check, d *document) []analyzers.Result {
	var out []analyzers.Result
	report := func(owner string, name string, v *yaml.Node) {
		if v == nil || v.Kind != yaml.ScalarNode || !credvalue.Literal(credvalue.Kind(name), v.Value) {
			return
		}
		start, end := d.span(v)
		msg := fmt.Sprintf("%s sets variable %s to a literal credential: revoke it and make the replacement a secret variable (or a Key Vault-linked group)",
			owner, name)
		out = append(out, literalSecret(c, d.file, start, end, name, v.Value, msg))
	}
	d.walkResolved(d.root, func(m *yaml.Node, parents []*yaml.Node) bool {
		if m.Kind != yaml.MappingNode {
			return true
		}
		vars := d.get(m, "variables")
		if vars == nil {
			return true
		}
		owner := azureOwner(d, append(parents[:len(parents):len(parents)], m))
		switch vars.Kind {
		case yaml.MappingNode:
			for _, e := range d.pairs(vars) {
				report(owner, e.key.Value, deref(e.value))
			}
		case yaml.SequenceNode:
			for _, it := range vars.Content {
				if name := scalar(d.get(it, "name")); name != "" {
					report(owner, name, d.get(it, "value"))
				}
			}
		}
		return true
	})
	return out
}
