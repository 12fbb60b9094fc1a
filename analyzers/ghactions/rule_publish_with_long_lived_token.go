package ghactions

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

var rulePublishWithLongLivedToken = &finding.Rule{
	ID:    "gha-publish-with-long-lived-token",
	Title: "Package published with a long-lived registry token where trusted publishing exists",
	Description: "A workflow publishes to PyPI, npm, crates.io, RubyGems or NuGet with a stored API token " +
		"(a password: input, TWINE_PASSWORD, NODE_AUTH_TOKEN, CARGO_REGISTRY_TOKEN, GEM_HOST_API_KEY, " +
		"NUGET_API_KEY or a --token argument) although the registry supports trusted publishing from GitHub Actions.",
	Why: "A registry token that can publish is a supply-chain key: whoever reads it can push a release of the " +
		"package to every user. Stored tokens are long-lived and readable by every step of the job. Trusted " +
		"publishing exchanges the job's OIDC token for a registry token that lasts minutes and is bound to this " +
		"repository and workflow.",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI7, finding.NHI3},
	CWEs:             []string{"CWE-522"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 6.5,
	Remediation: finding.Remediation{
		Revoke: "After switching, delete the API token in the registry's account settings (PyPI, npm, crates.io, " +
			"RubyGems and NuGet all list tokens there) and delete the repository secret.",
		Rotate: "Until the switch, replace the token with one scoped to this package only and with the shortest expiry " +
			"the registry allows, stored as an environment secret of the release environment.",
		Replace: "Register this repository and workflow as a trusted publisher on the registry, give the publishing job " +
			"`permissions: id-token: write`, and remove the token.",
		References: []string{
			"https://docs.pypi.org/trusted-publishers/",
			"https://docs.npmjs.com/trusted-publishers",
			"https://crates.io/docs/trusted-publishing",
			"https://guides.rubygems.org/trusted-publishing/",
			"https://learn.microsoft.com/en-us/nuget/nuget-org/trusted-publishing",
		},
	},
	Analyzer: Name,
}

type registry struct {
	name    string
	snippet string
}

var (
	registryPyPI = registry{"PyPI", `permissions:
  id-token: write   # trusted publishing
  contents: read
steps:
  - uses: pypa/gh-action-pypi-publish@<full-commit-sha>  # no password: input
`}
	registryNPM = registry{"npm", `permissions:
  id-token: write   # trusted publishing, npm CLI 11.5.1 or later
  contents: read
steps:
  - uses: actions/setup-node@<full-commit-sha>
    with:
      node-version: 24
      registry-url: https://registry.npmjs.org
  - run: npm publish   # no NODE_AUTH_TOKEN: npm exchanges the OIDC token
`}
	registryCrates = registry{"crates.io", `permissions:
  id-token: write   # trusted publishing
  contents: read
steps:
  - uses: rust-lang/crates-io-auth-action@<full-commit-sha>
    id: auth
  - run: cargo publish
    env:
      CARGO_REGISTRY_TOKEN: ${{ steps.auth.outputs.token }}  # valid for 30 minutes
`}
	registryRubyGems = registry{"RubyGems", `permissions:
  id-token: write   # trusted publishing
  contents: write   # rake release pushes the version tag
steps:
  - uses: rubygems/release-gem@<full-commit-sha>
`}
	registryNuGet = registry{"NuGet", `permissions:
  id-token: write   # trusted publishing
  contents: read
steps:
  - uses: NuGet/login@<full-commit-sha>
    id: login
    with:
      user: <nuget.org profile name>
  - run: dotnet nuget push "*.nupkg" --api-key ${{ steps.login.outputs.NUGET_API_KEY }} --source https://api.nuget.org/v3/index.json
`}
)

// publishEnv are variables that carry a registry token. npm's are only
// reported in jobs that publish to npm, since they also authenticate
// installs from private registries.
var publishEnv = map[string]registry{
	"TWINE_PASSWORD":       registryPyPI,
	"UV_PUBLISH_TOKEN":     registryPyPI,
	"UV_PUBLISH_PASSWORD":  registryPyPI,
	"CARGO_REGISTRY_TOKEN": registryCrates,
	"GEM_HOST_API_KEY":     registryRubyGems,
	"NUGET_API_KEY":        registryNuGet,
	"NUGET_AUTH_TOKEN":     registryNuGet,
	"NODE_AUTH_TOKEN":      registryNPM,
	"NPM_TOKEN":            registryNPM,
}

// publishCommands map a publishing command to its registry and the options
// that take a token.
var publishCommands = []struct {
	cmd     []string // leading words
	reg     registry
	options []string
}{
	{[]string{"cargo", "publish"}, registryCrates, []string{"--token"}},
	{[]string{"dotnet", "nuget", "push"}, registryNuGet, []string{"--api-key", "-k"}},
	{[]string{"nuget", "push"}, registryNuGet, []string{"-ApiKey", "-apikey"}},
	{[]string{"twine", "upload"}, registryPyPI, []string{"-p", "--password"}},
	{[]string{"uv", "publish"}, registryPyPI, []string{"--token", "-t", "--password", "-p"}},
	{[]string{"gem", "push"}, registryRubyGems, []string{"--key", "-k"}},
}

func checkPublishWithLongLivedToken(d *document, r *reporter) {
	report := func(sp span, key, msg string, reg registry) {
		r.emit(sp, key, msg, withReplace(r.rule, reg.snippet))
	}
	for _, s := range d.steps() {
		if a, ref, ok := actionOf(s.step); ok {
			switch {
			case ref.is("pypa/gh-action-pypi-publish"):
				if pw := input(a, "password"); pw != nil && strings.TrimSpace(pw.Value) != "" {
					report(d.str(inputKey(a, "password")), s.key()+"/password",
						fmt.Sprintf("%s publishes to PyPI with an API token (password:) where trusted publishing is supported", s.where(d)), registryPyPI)
				}
			case ref.is("rubygems/release-gem"):
				if v := input(a, "setup-trusted-publisher"); v != nil && strings.EqualFold(strings.TrimSpace(v.Value), "false") {
					report(d.str(inputKey(a, "setup-trusted-publisher")), s.key()+"/setup-trusted-publisher",
						fmt.Sprintf("%s turns trusted publishing off and pushes with a stored RubyGems API key", s.where(d)), registryRubyGems)
				}
			case ref.is("rubygems/configure-rubygems-credentials"):
				if v := input(a, "api-token"); v != nil && strings.TrimSpace(v.Value) != "" {
					report(d.str(inputKey(a, "api-token")), s.key()+"/api-token",
						fmt.Sprintf("%s configures a stored RubyGems API key (api-token) where trusted publishing is supported", s.where(d)), registryRubyGems)
				}
			}
			continue
		}
		run, ok := runOf(s.step)
		if !ok {
			continue
		}
		env := d.effectiveEnv(s.job, s.step)
		for _, c := range parseScript(run.Value) {
			args := c.args()
			for _, pc := range publishCommands {
				if !hasPrefixWords(args, pc.cmd) {
					continue
				}
				for i, w := range args {
					opt, val, inline := strings.Cut(w, "=")
					if !slices.Contains(pc.options, opt) {
						continue
					}
					if !inline && i+1 < len(args) {
						val = args[i+1]
					}
					if !d.secretFedWord(val, env) {
						continue
					}
					report(d.scriptLine(run, c.line, c.text), s.key()+"/"+strings.Join(pc.cmd, " "),
						fmt.Sprintf("%s runs %s with a stored %s token (%s) where trusted publishing is supported", s.where(d), strings.Join(pc.cmd, " "), pc.reg.name, opt), pc.reg)
				}
			}
		}
	}
	for _, b := range d.envBlocks() {
		for _, v := range b.vars {
			upper := strings.ToUpper(v.name)
			reg, ok := publishEnv[upper]
			if !ok {
				continue
			}
			secrets := nonTokenSecrets(d.secretsIn(v.value))
			if len(secrets) == 0 {
				continue
			}
			if reg.name == "npm" && !d.publishesToNPM(b) {
				continue
			}
			report(d.str(v.key), b.key+"/"+upper,
				fmt.Sprintf("%s sets %s from %s: a long-lived %s token where trusted publishing is supported", b.where, v.name, secretList(secrets), reg.name), reg)
		}
	}
}

func hasPrefixWords(args, prefix []string) bool {
	if len(args) < len(prefix) {
		return false
	}
	for i, p := range prefix {
		if args[i] != p {
			return false
		}
	}
	return true
}

// secretFedWord reports whether a shell word carries a secret: inline
// ${{ secrets.X }} or a variable set from one.
func (d *document) secretFedWord(w string, env map[string]envVar) bool {
	if len(nonTokenSecrets(secretNames(w))) > 0 {
		return true
	}
	for _, name := range shellVars(w) {
		if v, ok := env[name]; ok && len(nonTokenSecrets(d.secretsIn(v.value))) > 0 {
			return true
		}
	}
	return false
}

// publishesToNPM reports whether the steps an env block reaches publish to
// the public npm registry (npm, yarn or pnpm publish, not to GitHub
// Packages).
func (d *document) publishesToNPM(b envBlock) bool {
	var steps []stepRef
	switch {
	case b.step != nil:
		steps = []stepRef{{b.job, b.step, 0}}
	case b.job != nil:
		steps = jobSteps(b.job)
	default:
		steps = d.steps()
	}
	for _, s := range steps {
		if a, ref, ok := actionOf(s.step); ok {
			if ref.is("actions/setup-node") {
				if u := input(a, "registry-url"); u != nil && strings.Contains(u.Value, "npm.pkg.github.com") {
					return false
				}
			}
			if ref.is("js-devops/npm-publish", "jsdevtools/npm-publish", "changesets/action") {
				return true
			}
			continue
		}
		run, ok := runOf(s.step)
		if !ok {
			continue
		}
		for _, c := range parseScript(run.Value) {
			args := c.args()
			if len(args) >= 2 && (args[0] == "npm" || args[0] == "yarn" || args[0] == "pnpm") && slices.Contains(args[1:min(len(args), 3)], "publish") {
				return true
			}
			if len(args) >= 3 && args[0] == "yarn" && args[1] == "npm" && args[2] == "publish" {
				return true
			}
		}
	}
	return false
}
