package ghactions

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

var ruleLongLivedCloudCredentials = &finding.Rule{
	ID:    "gha-long-lived-cloud-credentials",
	Title: "Long-lived cloud credentials where GitHub OIDC is supported",
	Description: "A workflow authenticates to AWS, Google Cloud or Azure with a stored long-lived key " +
		"(an IAM user access key, a service account key JSON, a service principal client secret), through " +
		"a login action, a container registry login or AWS_*/GOOGLE_*/ARM_*/AZURE_* environment variables, " +
		"although all three clouds accept GitHub's short-lived OIDC token instead.",
	Why: "A stored cloud key is valid until someone rotates it, works from anywhere, and is exposed to every " +
		"step and action of the jobs that read it. With OIDC the cloud trusts a token that GitHub mints per job, " +
		"valid for minutes and bound by the trust policy to this repository, branch or environment; there is " +
		"no secret to leak or rotate.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI7, finding.NHI4},
	CWEs:             []string{"CWE-522"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 6.5,
	Remediation: finding.Remediation{
		Revoke: "After the workflow uses OIDC, delete the stored key: deactivate and delete the IAM user's access key " +
			"(aws iam delete-access-key), delete the service account key (gcloud iam service-accounts keys delete), or " +
			"remove the service principal's client secret (az ad app credential delete); then delete the repository secret.",
		Rotate: "Until the switch, rotate the key and update the repository or environment secret; prefer an environment " +
			"secret with required reviewers so that only deployment jobs can read it.",
		Replace: "Configure the cloud to trust GitHub's OIDC provider (token.actions.githubusercontent.com) for this " +
			"repository, give the job `permissions: id-token: write`, and use the login action's OIDC inputs.",
		References: []string{
			"https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect",
			"https://github.com/aws-actions/configure-aws-credentials#oidc",
			"https://github.com/google-github-actions/auth#workload-identity-federation-through-a-service-account",
			"https://github.com/Azure/login#login-with-openid-connect-oidc-recommended",
		},
	},
	Analyzer: Name,
}

// cloud is one provider's OIDC replacement.
type cloud struct {
	name    string
	snippet string
}

var (
	cloudAWS = cloud{"AWS", `permissions:
  id-token: write   # lets the job request a GitHub OIDC token
  contents: read
steps:
  - uses: aws-actions/configure-aws-credentials@<full-commit-sha>  # v4 or later
    with:
      role-to-assume: arn:aws:iam::<account-id>:role/<role-trusting-this-repository>
      aws-region: <region>
`}
	cloudGCP = cloud{"Google Cloud", `permissions:
  id-token: write   # lets the job request a GitHub OIDC token
  contents: read
steps:
  - uses: google-github-actions/auth@<full-commit-sha>  # v2 or later
    with:
      workload_identity_provider: projects/<project-number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>
      service_account: <name>@<project>.iam.gserviceaccount.com
`}
	cloudAzure = cloud{"Azure", `permissions:
  id-token: write   # lets the job request a GitHub OIDC token
  contents: read
steps:
  - uses: azure/login@<full-commit-sha>  # v2 or later, federated credential on the app registration
    with:
      client-id: ${{ vars.AZURE_CLIENT_ID }}
      tenant-id: ${{ vars.AZURE_TENANT_ID }}
      subscription-id: ${{ vars.AZURE_SUBSCRIPTION_ID }}
`}
	cloudECR = cloud{"AWS", cloudAWS.snippet + `  - uses: aws-actions/amazon-ecr-login@<full-commit-sha>  # logs docker in with the role's credentials
`}
	cloudGAR = cloud{"Google Cloud", strings.Replace(cloudGCP.snippet, "    with:\n", "    id: auth\n    with:\n      token_format: access_token\n", 1) + `  - uses: docker/login-action@<full-commit-sha>
    with:
      registry: <region>-docker.pkg.dev
      username: oauth2accesstoken
      password: ${{ steps.auth.outputs.access_token }}
`}
	cloudACR = cloud{"Azure", cloudAzure.snippet + `  - run: az acr login --name <registry-name>
`}
)

// cloudEnv are variables that hold a long-lived cloud secret when fed from
// a secret. AWS_ACCESS_KEY_ID is reported only without its secret key next
// to it, so that one key pair gives one finding.
var cloudEnv = map[string]cloud{
	"AWS_SECRET_ACCESS_KEY":          cloudAWS,
	"AWS_ACCESS_KEY_ID":              cloudAWS,
	"GOOGLE_CREDENTIALS":             cloudGCP,
	"GOOGLE_APPLICATION_CREDENTIALS": cloudGCP,
	"GCP_SA_KEY":                     cloudGCP,
	"GCLOUD_SERVICE_KEY":             cloudGCP,
	"ARM_CLIENT_SECRET":              cloudAzure,
	"AZURE_CLIENT_SECRET":            cloudAzure,
}

var (
	ecrRegistry = regexp.MustCompile(`(?i)\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com|^public\.ecr\.aws`)
	garRegistry = regexp.MustCompile(`(?i)(^|\.)gcr\.io|-docker\.pkg\.dev`)
	acrRegistry = regexp.MustCompile(`(?i)\.azurecr\.io`)
)

func checkLongLivedCloudCredentials(d *document, r *reporter) {
	report := func(sp span, key, msg string, c cloud) {
		r.emit(sp, key, msg, withReplace(r.rule, c.snippet))
	}
	for _, s := range d.steps() {
		a, ref, ok := actionOf(s.step)
		if !ok {
			continue
		}
		switch {
		case ref.is("aws-actions/configure-aws-credentials"):
			key := input(a, "aws-access-key-id")
			if key == nil || strings.TrimSpace(key.Value) == "" {
				continue
			}
			how := "a long-lived IAM user access key"
			if input(a, "role-to-assume") != nil {
				how = "a long-lived IAM user access key to assume its role"
			}
			report(d.str(inputKey(a, "aws-access-key-id")), s.key()+"/aws-access-key-id",
				fmt.Sprintf("%s passes %s (aws-access-key-id) where GitHub OIDC is supported", s.where(d), how), cloudAWS)
		case ref.is("google-github-actions/auth"):
			if v := input(a, "credentials_json"); v != nil && strings.TrimSpace(v.Value) != "" {
				report(d.str(inputKey(a, "credentials_json")), s.key()+"/credentials_json",
					fmt.Sprintf("%s authenticates with a service account key (credentials_json) where Workload Identity Federation is supported", s.where(d)), cloudGCP)
			}
		case ref.is("google-github-actions/setup-gcloud"):
			if v := input(a, "service_account_key"); v != nil && strings.TrimSpace(v.Value) != "" {
				report(d.str(inputKey(a, "service_account_key")), s.key()+"/service_account_key",
					fmt.Sprintf("%s authenticates with a service account key (service_account_key) where Workload Identity Federation is supported", s.where(d)), cloudGCP)
			}
		case ref.is("azure/login"):
			creds := input(a, "creds")
			if creds == nil || strings.TrimSpace(creds.Value) == "" {
				continue
			}
			// creds is ignored when the OIDC inputs are set.
			if input(a, "client-id") != nil && input(a, "tenant-id") != nil && input(a, "subscription-id") != nil {
				continue
			}
			report(d.str(inputKey(a, "creds")), s.key()+"/creds",
				fmt.Sprintf("%s logs in with a service principal client secret (creds) where OIDC federated credentials are supported", s.where(d)), cloudAzure)
		case ref.is("docker/login-action"):
			reg, pw := input(a, "registry"), input(a, "password")
			if reg == nil || pw == nil || len(nonTokenSecrets(d.secretsIn(pw))) == 0 {
				continue
			}
			var c cloud
			switch {
			case ecrRegistry.MatchString(reg.Value):
				c = cloudECR
			case garRegistry.MatchString(reg.Value):
				c = cloudGAR
			case acrRegistry.MatchString(reg.Value):
				c = cloudACR
			default:
				continue
			}
			report(d.str(inputKey(a, "password")), s.key()+"/password",
				fmt.Sprintf("%s logs in to a %s registry with a stored long-lived key where OIDC is supported", s.where(d), c.name), c)
		}
	}
	for _, b := range d.envBlocks() {
		names := map[string]bool{}
		for _, v := range b.vars {
			names[strings.ToUpper(v.name)] = true
		}
		for _, v := range b.vars {
			upper := strings.ToUpper(v.name)
			c, ok := cloudEnv[upper]
			if !ok || upper == "AWS_ACCESS_KEY_ID" && names["AWS_SECRET_ACCESS_KEY"] {
				continue
			}
			secrets := nonTokenSecrets(d.secretsIn(v.value))
			if len(secrets) == 0 {
				continue
			}
			report(d.str(v.key), b.key+"/"+upper,
				fmt.Sprintf("%s sets %s from %s: a long-lived %s credential where GitHub OIDC is supported", b.where, v.name, secretList(secrets), c.name), c)
		}
	}
}

// secretList names the secrets a value reads, for messages.
func secretList(names []string) string {
	if len(names) == 1 {
		if strings.HasPrefix(names[0], "inputs.") {
			return "input " + strings.TrimPrefix(names[0], "inputs.")
		}
		return "secret " + names[0]
	}
	return "secrets " + strings.Join(names, ", ")
}
