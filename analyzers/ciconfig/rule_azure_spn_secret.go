package ciconfig

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var azureSPNSecret = &check{
	platform: azurePipelines,
	yaml:     checkAzureSPNSecret,
	rule: &finding.Rule{
		ID:    "azure-pipelines-spn-secret",
		Title: "Azure Pipelines script handles the service connection's client secret",
		Description: "A step reads servicePrincipalKey, the client secret of the service principal behind an " +
			"Azure Resource Manager service connection, which AzureCLI@2 exports to its script when " +
			"addSpnToEnvironment is true. Also reported, as a note: an AzureCLI task that sets " +
			"addSpnToEnvironment but whose inline script uses neither servicePrincipalKey nor idToken.",
		Why: "servicePrincipalKey is only set for connections that authenticate with a long-lived client secret; " +
			"once a script has it, it can print it, write it to a file or pass it to later steps, and it stays " +
			"valid until someone rotates it. Workload identity federation connections need no secret: the task " +
			"exports a short-lived idToken instead. Exporting credentials a script does not use widens exposure for nothing.",
		Level:            finding.LevelWarning,
		Categories:       []finding.Category{finding.NHI7, finding.NHI2},
		CWEs:             []string{"CWE-522", "CWE-798"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 6.0,
		Remediation: finding.Remediation{
			Revoke: "After converting the connection, delete the service principal's client secrets (Entra ID > App registrations > Certificates & secrets).",
			Rotate: "Until then, keep the secret's lifetime short and rotate it from the service connection's settings.",
			Replace: "Convert the service connection to workload identity federation (Project settings > Service connections > Convert) " +
				"and use $idToken with $servicePrincipalId and $tenantId; drop addSpnToEnvironment where the script needs no credential.",
			References: []string{
				"https://learn.microsoft.com/azure/devops/pipelines/release/configure-workload-identity",
				"https://learn.microsoft.com/azure/devops/pipelines/tasks/reference/azure-cli-v2",
			},
		},
		Analyzer: Name,
	},
}

var (
	spnKeyReference  = regexp.MustCompile(`(?i)\bservicePrincipalKey\b`)
	idTokenReference = regexp.MustCompile(`(?i)\bidToken\b`)
)

// scriptKeys are where an Azure Pipelines step holds script text.
var scriptKeys = []string{"script", "bash", "powershell", "pwsh"}
var taskScriptInputs = []string{"inlineScript", "script", "Inline", "arguments", "scriptArguments"}

// checkAzureSPNSecret reports steps that read servicePrincipalKey and
// AzureCLI tasks that export the service principal's credentials unused.
func checkAzureSPNSecret(c *check, d *document) []analyzers.Result {
	const wifSnippet = `- task: AzureCLI@2
  inputs:
    azureSubscription: CONNECTION_WITH_WORKLOAD_IDENTITY_FEDERATION
    addSpnToEnvironment: true
    scriptType: bash
    scriptLocation: inlineScript
    inlineScript: |
      export ARM_USE_OIDC=true ARM_OIDC_TOKEN="$idToken" ARM_CLIENT_ID="$servicePrincipalId" ARM_TENANT_ID="$tenantId"`
	var out []analyzers.Result
	counts := map[string]int{}
	d.walkResolved(d.root, func(step *yaml.Node, parents []*yaml.Node) bool {
		if step.Kind != yaml.MappingNode || !isAzureStep(d, step) {
			return true
		}
		inputs := d.get(step, "inputs")
		var texts []*yaml.Node
		for _, k := range scriptKeys {
			texts = append(texts, d.scalarsUnder(d.get(step, k), nil)...)
		}
		for _, k := range taskScriptInputs {
			texts = append(texts, d.scalarsUnder(d.get(inputs, k), nil)...)
		}
		texts = append(texts, d.scalarsUnder(d.get(step, "env"), nil)...)
		where := fmt.Sprintf("%s in %s", azureStepLabel(d, step), azureOwner(d, parents))
		key := func() string {
			counts[where]++
			return fmt.Sprintf("%s/%d", where, counts[where])
		}
		usesKey, usesToken := false, false
		for _, t := range texts {
			usesToken = usesToken || idTokenReference.MatchString(t.Value)
			if loc := spnKeyReference.FindStringIndex(t.Value); loc != nil {
				usesKey = true
				start, end := d.find(t, t.Value[loc[0]:loc[1]], 0)
				msg := where + " reads servicePrincipalKey, the service connection's long-lived client secret: " +
					"convert the connection to workload identity federation and use $idToken"
				r := nonSecret(c, d.file, start, end, key(), msg)
				r.Finding.Remediation = withSnippet(c.rule, wifSnippet)
				out = append(out, r)
			}
		}
		addSpn, ok := d.getPair(inputs, "addSpnToEnvironment")
		if ok && isTrue(addSpn.value) && !usesKey && !usesToken &&
			strings.HasPrefix(strings.ToLower(scalar(d.get(step, "task"))), "azurecli@") {
			start, end := d.span(addSpn.key)
			msg := where + " sets addSpnToEnvironment, exporting the service principal's credentials " +
				"(its client secret, for a secret-based connection) to a script that does not visibly use them: " +
				"remove it, or use a workload identity federation connection and $idToken"
			r := nonSecret(c, d.file, start, end, key(), msg)
			r.Finding.Level = finding.LevelNote
			out = append(out, r)
		}
		return false // a step holds no further steps
	})
	return out
}

// isAzureStep reports mappings that are pipeline steps.
func isAzureStep(d *document, m *yaml.Node) bool {
	if d.get(m, "task") != nil {
		return true
	}
	for _, k := range scriptKeys {
		if v := d.get(m, k); v != nil && v.Kind == yaml.ScalarNode {
			return true
		}
	}
	return false
}
