package ciconfig

import (
	"fmt"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var gitlabStaticCloudKeys = &check{
	platform: gitlab,
	yaml:     checkGitLabStaticCloudKeys,
	rule: &finding.Rule{
		ID:    "gitlab-static-cloud-keys",
		Title: "GitLab job uses long-lived cloud keys where id_tokens would serve",
		Description: "A GitLab CI job without id_tokens: reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, " +
			"GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_CREDENTIALS, ARM_CLIENT_SECRET or AZURE_CLIENT_SECRET: it " +
			"sets one in variables: or references one in its scripts. Those names hold long-lived keys kept " +
			"in CI/CD settings. Jobs that extend a template from another file are not judged, because the " +
			"template may declare id_tokens.",
		Why: "A cloud key stored as a CI/CD variable is valid until someone rotates it, works from anywhere, " +
			"and is exposed to every job and maintainer that can read the variable. GitLab issues every job a " +
			"signed OIDC token on request (id_tokens:) that AWS, Google Cloud and Azure exchange for credentials " +
			"that expire within the hour and can be restricted to one project, branch or environment.",
		Level:            finding.LevelWarning,
		Categories:       []finding.Category{finding.NHI7, finding.NHI4},
		CWEs:             []string{"CWE-798", "CWE-324"},
		Precision:        finding.PrecisionMedium,
		SecuritySeverity: 6.5,
		Remediation: finding.Remediation{
			Revoke: "Once the job authenticates with id_tokens, delete the key variables from the project, group and " +
				"instance CI/CD settings and deactivate the keys at the cloud provider.",
			Rotate: "Until then, rotate the keys regularly and mark the variables masked and protected.",
			Replace: "Declare id_tokens: in the job and trust GitLab's OIDC issuer in the cloud account " +
				"(AWS IAM OIDC provider and role, GCP workload identity pool, Azure federated credential).",
			References: []string{
				"https://docs.gitlab.com/ci/secrets/id_token_authentication/",
				"https://docs.gitlab.com/ci/cloud_services/",
			},
		},
		Analyzer: Name,
	},
}

// cloudKeyReference finds shell, PowerShell and cmd references to the cloud
// key variables in scripts.
var cloudKeyReference = regexp.MustCompile(`(?:\$\{?|\$env:|%)(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|GOOGLE_APPLICATION_CREDENTIALS|GOOGLE_CREDENTIALS|ARM_CLIENT_SECRET|AZURE_CLIENT_SECRET)\b`)

// cloudKeyUse is one place where a job reads a cloud key variable.
type cloudKeyUse struct {
	start, end int
	name       string
	jobs       []string
}

// checkGitLabStaticCloudKeys reports, for each job that declares no
// id_tokens (itself, through extends: or in default:), the variables and
// script lines through which it reads long-lived cloud keys. A place shared
// by several jobs (a template, an anchor) is reported once, naming them.
func checkGitLabStaticCloudKeys(c *check, d *document) []analyzers.Result {
	jobs := gitlabJobs(d)
	byName := map[string]gitlabJob{}
	extended := map[string]bool{}
	for _, j := range jobs {
		byName[j.name] = j
	}
	for _, j := range jobs {
		for _, body := range d.chain(j, byName)[1:] {
			for name, t := range byName {
				if t.body == body {
					extended[name] = true
				}
			}
		}
	}
	def := d.get(d.root, "default")
	if d.get(def, "id_tokens") != nil {
		return nil // every job gets id tokens
	}
	uses := map[string]*cloudKeyUse{} // by position and name
	var order []string
	record := func(start, end int, name, job string) {
		k := fmt.Sprintf("%d/%s", start, name)
		u, ok := uses[k]
		if !ok {
			u = &cloudKeyUse{start: start, end: end, name: name}
			uses[k] = u
			order = append(order, k)
		}
		if len(u.jobs) == 0 || u.jobs[len(u.jobs)-1] != job {
			u.jobs = append(u.jobs, job)
		}
	}
	anyIDTokens := false
	for _, j := range jobs {
		if d.budget.err != nil {
			return nil
		}
		if j.hidden() && (extended[j.name] || j.body.Anchor != "") {
			continue // judged through the jobs that extend or merge it
		}
		chain := d.chain(j, byName)
		if hasKey(d, chain, "id_tokens") {
			anyIDTokens = true
			continue
		}
		if d.extendsUnknown(j, byName) {
			continue // an included template may declare id_tokens
		}
		for _, body := range chain {
			for _, e := range d.pairs(d.get(body, "variables")) {
				_, cloud := cloudKeys[e.key.Value]
				if cloud && !credvalue.Literal(credvalue.Kind(e.key.Value), scalar(e.value)) {
					// (A literal is gitlab-literal-variable's finding, which says the same.)
					start, end := d.span(e.key)
					record(start, end, e.key.Value, j.name)
				}
			}
		}
		for _, key := range []string{"before_script", "script", "after_script"} {
			script := firstKey(d, chain, key)
			if script == nil && key != "script" {
				script = d.get(def, key)
			}
			for _, s := range d.scalarsUnder(script, d.resolveReference) {
				after := 0
				for _, m := range cloudKeyReference.FindAllStringSubmatch(s.Value, -1) {
					start, end := d.find(s, m[0], after)
					after = end
					record(start, end, m[1], j.name)
				}
			}
		}
	}
	var out []analyzers.Result
	for _, k := range order {
		u := uses[k]
		out = append(out, cloudKeyResult(c, d, u))
	}
	// Global variables reach every job; they matter when no job uses id_tokens.
	if !anyIDTokens {
		for _, e := range d.pairs(d.get(d.root, "variables")) {
			if _, ok := cloudKeys[e.key.Value]; ok && !credvalue.Literal(credvalue.Kind(e.key.Value), scalar(e.value)) {
				start, end := d.span(e.key)
				out = append(out, cloudKeyResult(c, d, &cloudKeyUse{start: start, end: end, name: e.key.Value}))
			}
		}
	}
	return out
}

func cloudKeyResult(c *check, d *document, u *cloudKeyUse) analyzers.Result {
	ck := cloudKeys[u.name]
	who := "the global variables set " + u.name + " for every job, and no job declares id_tokens:"
	key := "global/" + u.name
	switch len(u.jobs) {
	case 0:
	case 1:
		who = fmt.Sprintf("job %s reads %s without id_tokens:", u.jobs[0], u.name)
		key = u.jobs[0] + "/" + u.name
	default:
		who = fmt.Sprintf("jobs %s read %s without id_tokens:", strings.Join(u.jobs, ", "), u.name)
		key = strings.Join(u.jobs, ",") + "/" + u.name
	}
	msg := fmt.Sprintf("%s a long-lived %s key; use id_tokens: with %s", who, strings.ToUpper(ck.Provider), ck.Alternative)
	job := "deploy"
	if len(u.jobs) > 0 {
		job = u.jobs[0]
	}
	r := nonSecret(c, d.file, u.start, u.end, key, msg)
	r.Finding.Remediation = withSnippet(c.rule, gitlabIDTokenSnippet(ck.Provider, job))
	return r
}

// hasKey reports whether any mapping of a job's extends chain has key.
func hasKey(d *document, chain []*yaml.Node, key string) bool {
	return firstKey(d, chain, key) != nil
}

// firstKey returns key's value from the first mapping of the chain that has
// it: extends merges mappings, and for a script the nearest definition wins.
func firstKey(d *document, chain []*yaml.Node, key string) *yaml.Node {
	for _, body := range chain {
		if v := d.get(body, key); v != nil {
			return v
		}
	}
	return nil
}

// gitlabIDTokenSnippet is the job configuration that replaces a provider's
// long-lived key with a GitLab OIDC token.
func gitlabIDTokenSnippet(provider, job string) string {
	switch provider {
	case "gcp":
		return job + `:
  id_tokens:
    GCP_ID_TOKEN:
      aud: https://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER
  before_script:
    - printf '%s' "$GCP_ID_TOKEN" > "$CI_BUILDS_DIR/.gcp-id-token"
    - gcloud iam workload-identity-pools create-cred-config projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER
        --service-account=SA_EMAIL --credential-source-file="$CI_BUILDS_DIR/.gcp-id-token" --output-file="$CI_BUILDS_DIR/.gcp-wif.json"
    - export GOOGLE_APPLICATION_CREDENTIALS="$CI_BUILDS_DIR/.gcp-wif.json"`
	case "azure":
		return job + `:
  id_tokens:
    AZURE_ID_TOKEN:
      aud: api://AzureADTokenExchange
  variables:
    ARM_USE_OIDC: "true"
    ARM_CLIENT_ID: CLIENT_ID
    ARM_TENANT_ID: TENANT_ID
  before_script:
    - export ARM_OIDC_TOKEN="$AZURE_ID_TOKEN"
    # or, for the Azure CLI:
    - az login --service-principal -u "$ARM_CLIENT_ID" -t "$ARM_TENANT_ID" --federated-token "$AZURE_ID_TOKEN"`
	}
	return job + `:
  id_tokens:
    AWS_ID_TOKEN:
      aud: sts.amazonaws.com
  variables:
    AWS_ROLE_ARN: arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME
    AWS_WEB_IDENTITY_TOKEN_FILE: $CI_BUILDS_DIR/.aws-id-token
  before_script:
    - printf '%s' "$AWS_ID_TOKEN" > "$AWS_WEB_IDENTITY_TOKEN_FILE"`
}
