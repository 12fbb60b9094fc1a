package ghactions

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/nhilint/nhilint/analyzers/internal/ghcli"
)

// ghCommands maps gh subcommands to the scopes they need. Source: the gh
// manual (cli.github.com/manual) for which REST or GraphQL operation each
// runs, and GitHub's permission tables for those operations.
var ghCommands = map[string]map[string]string{
	"release create": {"contents": "write"}, "release upload": {"contents": "write"},
	"release edit": {"contents": "write"}, "release delete": {"contents": "write"},
	"release delete-asset": {"contents": "write"},
	"release view":         {"contents": "read"}, "release list": {"contents": "read"}, "release download": {"contents": "read"},
	"pr create": {"pull-requests": "write"}, "pr merge": {"contents": "write", "pull-requests": "write"},
	"pr comment": {"pull-requests": "write"}, "pr review": {"pull-requests": "write"}, "pr edit": {"pull-requests": "write"},
	"pr close": {"pull-requests": "write"}, "pr reopen": {"pull-requests": "write"}, "pr ready": {"pull-requests": "write"},
	"pr lock": {"pull-requests": "write"}, "pr unlock": {"pull-requests": "write"},
	"pr view": {"pull-requests": "read"}, "pr list": {"pull-requests": "read"}, "pr diff": {"pull-requests": "read"},
	"pr checks": {"pull-requests": "read", "checks": "read"}, "pr status": {"pull-requests": "read"},
	"pr checkout":  {"contents": "read", "pull-requests": "read"},
	"issue create": {"issues": "write"}, "issue comment": {"issues": "write"}, "issue edit": {"issues": "write"},
	"issue close": {"issues": "write"}, "issue reopen": {"issues": "write"}, "issue delete": {"issues": "write"},
	"issue lock": {"issues": "write"}, "issue unlock": {"issues": "write"}, "issue pin": {"issues": "write"},
	"issue unpin": {"issues": "write"}, "issue transfer": {"issues": "write"},
	"issue view": {"issues": "read"}, "issue list": {"issues": "read"}, "issue status": {"issues": "read"},
	"label create": {"issues": "write"}, "label edit": {"issues": "write"}, "label delete": {"issues": "write"},
	"label clone": {"issues": "write"}, "label list": {"issues": "read"},
	"run list": {"actions": "read"}, "run view": {"actions": "read"}, "run watch": {"actions": "read"},
	"run download": {"actions": "read"}, "run rerun": {"actions": "write"}, "run cancel": {"actions": "write"},
	"run delete":   {"actions": "write"},
	"workflow run": {"actions": "write"}, "workflow enable": {"actions": "write"}, "workflow disable": {"actions": "write"},
	"workflow list": {"actions": "read"}, "workflow view": {"actions": "read"},
	"cache list": {"actions": "read"}, "cache delete": {"actions": "write"},
	"repo view": {"contents": "read"}, "repo clone": {"contents": "read"},
	"auth status": {}, "auth token": {}, "auth setup-git": {}, "version": {}, "--version": {},
}

// tools that publish with the job token when it is in their environment.
var tokenTools = map[string]map[string]string{
	"goreleaser":       {"contents": "write"},
	"semantic-release": {"contents": "write", "issues": "write", "pull-requests": "write"},
}

// harmless commands never read the job token from their environment.
var harmless = map[string]bool{
	"echo": true, "printf": true, "cd": true, "ls": true, "cat": true, "mkdir": true, "cp": true, "mv": true,
	"rm": true, "export": true, "set": true, "test": true, "[": true, "[[": true, "true": true, "false": true,
	"exit": true, "if": true, "then": true, "fi": true, "else": true, "elif": true, "for": true, "do": true,
	"done": true, "while": true, "sleep": true, "grep": true, "sed": true, "awk": true, "jq": true, "tar": true,
	"unzip": true, "zip": true, "chmod": true, "touch": true, "pwd": true, "which": true, "find": true,
	"sort": true, "head": true, "tail": true, "wc": true, "tr": true, "cut": true, "date": true, "tee": true,
	"sha256sum": true, "basename": true, "dirname": true, "shopt": true, "local": true, "read": true, "}": true, "{": true,
}

// runNeeds reads a run: script for gh, REST and git calls made with the job
// token. A command that receives the token but is not understood makes the
// needs unknown.
func (d *document) runNeeds(s stepRef, run *actionlint.String, env map[string]envVar, persisted bool) ([]need, string, span) {
	tokenVars := map[string]bool{}
	for name, v := range env {
		if refsJobToken(v.value.Value) {
			tokenVars[name] = true
		}
	}
	envHasToken := len(tokenVars) > 0
	var needs []need
	cmds := parseScript(run.Value)
	for i, c := range cmds {
		at := func() span { return d.scriptLine(run, c.line, c.text) }
		text := c.text + "\n" + c.heredoc
		usesToken := refsJobToken(text)
		for _, v := range shellVars(text) {
			if tokenVars[v] {
				usesToken = true
			}
		}
		args := c.args()
		name := c.name()
		switch {
		case name == "gh":
			if !d.ghUsesJobToken(c, env, tokenVars) {
				continue
			}
			ns, why := ghNeeds(args, s)
			if why != "" {
				return nil, why, at()
			}
			needs = append(needs, ns...)
		case name == "curl" || name == "wget" || strings.EqualFold(name, "Invoke-RestMethod") || strings.EqualFold(name, "Invoke-WebRequest"):
			if !usesToken {
				continue // anonymous, or another credential
			}
			method, path := httpCall(args)
			if path == "" {
				return nil, fmt.Sprintf("%s sends the job token to a URL that is not a GitHub REST path", name), at()
			}
			ns, ok := routeNeeds(method, path, s, method+" "+path)
			if !ok {
				return nil, fmt.Sprintf("%s %s %s has no known permission", name, method, path), at()
			}
			needs = append(needs, ns...)
		case name == "git":
			if len(args) > 1 && args[1] == "push" && (persisted || usesToken) {
				needs = append(needs, need{scope: "contents", access: accessWrite, step: s, why: "git push"})
			}
		case name == "docker" && len(args) > 1 && args[1] == "login":
			piped := i > 0 && cmds[i-1].piped && d.textUsesToken(cmds[i-1].text, tokenVars)
			if strings.Contains(c.text, "ghcr.io") && (usesToken || piped) {
				needs = append(needs, need{scope: "packages", access: accessWrite, step: s, why: "docker login ghcr.io"})
			}
		case (name == "npm" || name == "pnpm" || name == "yarn") && tokenVars["NODE_AUTH_TOKEN"]:
			// The job token in NODE_AUTH_TOKEN authenticates to GitHub Packages.
			if slices.Contains(args, "publish") {
				needs = append(needs, need{scope: "packages", access: accessWrite, step: s, why: name + " publish to GitHub Packages"})
			} else {
				needs = append(needs, need{scope: "packages", access: accessRead, step: s, why: name + " install from GitHub Packages"})
			}
		case (name == "npm" || name == "pnpm" || name == "yarn") && slices.Contains(args, "publish"):
			_, npmTok := env["NODE_AUTH_TOKEN"]
			_, npmTok2 := env["NPM_TOKEN"]
			if slices.Contains(args, "--provenance") || !npmTok && !npmTok2 {
				needs = append(needs, need{scope: "id-token", access: accessWrite, step: s, why: name + " publish (provenance or trusted publishing)", inferred: true})
			}
		case name == "uv" && len(args) > 1 && args[1] == "publish":
			if _, tok := env["UV_PUBLISH_TOKEN"]; !tok && !slices.Contains(args, "--token") {
				needs = append(needs, need{scope: "id-token", access: accessWrite, step: s, why: "uv publish (trusted publishing)", inferred: true})
			}
		case tokenTools[toolName(args)] != nil && (envHasToken || usesToken):
			needs = append(needs, needsFrom(tokenTools[toolName(args)], s, toolName(args))...)
		case usesToken && !harmless[name]:
			return nil, fmt.Sprintf("it passes the job token to %s, whose use of it is unknown", name), at()
		case envHasToken && !harmless[name]:
			return nil, fmt.Sprintf("%s runs with the job token in its environment", name), at()
		}
	}
	return needs, "", span{}
}

// toolName sees through npx and friends: npx semantic-release.
func toolName(args []string) string {
	if len(args) == 0 {
		return ""
	}
	if (args[0] == "npx" || args[0] == "pnpx" || args[0] == "bunx") && len(args) > 1 {
		return args[1]
	}
	return args[0]
}

func (d *document) textUsesToken(text string, tokenVars map[string]bool) bool {
	if refsJobToken(text) {
		return true
	}
	for _, v := range shellVars(text) {
		if tokenVars[v] {
			return true
		}
	}
	return false
}

// ghUsesJobToken reports whether gh authenticates with the job token: gh
// reads GH_TOKEN, then GITHUB_TOKEN, and is not logged in otherwise.
func (d *document) ghUsesJobToken(c shellCommand, env map[string]envVar, tokenVars map[string]bool) bool {
	for _, w := range c.words {
		if !isAssignment(w) {
			break
		}
		name, val, _ := strings.Cut(w, "=")
		if name == "GH_TOKEN" || name == "GITHUB_TOKEN" {
			return refsJobToken(val) || d.textUsesToken(val, tokenVars)
		}
	}
	for _, name := range []string{"GH_TOKEN", "GITHUB_TOKEN"} {
		if _, ok := env[name]; ok {
			return tokenVars[name]
		}
	}
	return false
}

// ghNeeds maps a gh command line (args[0] == "gh") to needs.
func ghNeeds(args []string, s stepRef) ([]need, string) {
	words := slices.DeleteFunc(slices.Clone(args[1:]), func(w string) bool { return w == "" })
	if len(words) == 0 {
		return nil, ""
	}
	if words[0] == "api" {
		method, path := ghAPICall(words[1:])
		if path == "" {
			return nil, "gh api is called with a path that is not a REST path (GraphQL or computed)"
		}
		ns, ok := routeNeeds(method, path, s, "gh api "+method+" "+path)
		if !ok {
			return nil, fmt.Sprintf("gh api %s %s has no known permission", method, path)
		}
		return ns, ""
	}
	key := words[0]
	if len(words) > 1 {
		key += " " + words[1]
	}
	m, ok := ghCommands[key]
	if !ok {
		if m, ok = ghCommands[words[0]]; !ok {
			return nil, fmt.Sprintf("gh %s is not in the command table", key)
		}
	}
	return needsFrom(m, s, "gh "+key), ""
}

// ghAPICall extracts the method and normalized path of gh api arguments.
func ghAPICall(args []string) (method, path string) {
	method, raw := ghcli.API(args)
	if raw == "" {
		return method, ""
	}
	p, ok := normalizeAPIPath(raw)
	if !ok {
		return "", ""
	}
	return method, p
}

// httpCall extracts the method and REST path of a curl, wget or PowerShell
// call to the GitHub API.
func httpCall(args []string) (method, path string) {
	hasBody := false
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-X" || a == "--request" || strings.EqualFold(a, "-Method"):
			if i+1 < len(args) {
				method = strings.ToUpper(args[i+1])
				i++
			}
		case strings.HasPrefix(a, "-X") && len(a) > 2:
			method = strings.ToUpper(a[2:])
		case a == "-d" || strings.HasPrefix(a, "--data") || a == "--json" || a == "-F" || a == "--form" || strings.EqualFold(a, "-Body"):
			hasBody = true
			i++
		case a == "-H" || a == "--header" || a == "-o" || a == "--output" || a == "-u" || a == "--user" || strings.EqualFold(a, "-Headers") || strings.EqualFold(a, "-Uri"):
			if strings.EqualFold(a, "-Uri") && i+1 < len(args) {
				if p, ok := apiURL(args[i+1]); ok {
					path = p
				}
			}
			i++
		case strings.HasPrefix(a, "-"):
		case path == "":
			if p, ok := apiURL(a); ok {
				path = p
			}
		}
	}
	if method == "" {
		method = "GET"
		if hasBody {
			method = "POST"
		}
	}
	return method, path
}

// apiURL recognises GitHub API URLs and returns their normalized path.
func apiURL(u string) (string, bool) {
	if !apiBaseVar.MatchString(u) {
		return "", false
	}
	return normalizeAPIPath(u)
}
