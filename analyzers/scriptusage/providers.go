package scriptusage

import (
	"strings"
	"sync"
	"unicode"

	"github.com/nhilint/nhilint/rules/scopes"
)

// urlOperation maps a literal URL of a provider's REST API and an HTTP
// method ("" means GET) to an operation. GitHub paths are kept as written
// (GET /repos/octo/hello/issues), except that the CI spellings of the
// current repository ($GITHUB_REPOSITORY, ${{ github.repository }}) become
// {owner}/{repo}: the scopes tables offer no literal-path-to-template match.
func urlOperation(method, rawURL string) (scopes.Operation, bool) {
	rest, ok := strings.CutPrefix(rawURL, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(rawURL, "http://"); !ok {
			return scopes.Operation{}, false
		}
	}
	host, p, _ := strings.Cut(rest, "/")
	p = "/" + p
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if strings.ContainsAny(p, " \t\n\"'`") {
		return scopes.Operation{}, false
	}
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	method = strings.ToUpper(method)
	if method == "" {
		method = "GET"
	}
	switch strings.ToLower(host) {
	case "api.github.com", "uploads.github.com":
		if p == "/" {
			return scopes.Operation{}, false
		}
		return scopes.Operation{Provider: scopes.GitHub, Name: method + " " + currentRepository(p)}, true
	case "slack.com", "www.slack.com":
		name, ok := strings.CutPrefix(p, "/api/")
		if !ok || !slackMethodName(name) {
			return scopes.Operation{}, false
		}
		return scopes.Operation{Provider: scopes.Slack, Name: name}, true
	case "api.openai.com":
		return restOperation(scopes.OpenAI, method, p)
	case "api.anthropic.com":
		return restOperation(scopes.Anthropic, method, p)
	case "api.stripe.com":
		return restOperation(scopes.Stripe, method, p)
	}
	return scopes.Operation{}, false
}

func restOperation(provider, method, p string) (scopes.Operation, bool) {
	if !strings.HasPrefix(p, "/v1/") {
		return scopes.Operation{}, false
	}
	return scopes.Operation{Provider: provider, Name: method + " " + p}, true
}

// currentRepository replaces the CI spellings of "owner/repo" in a GitHub
// API path with the route template's {owner}/{repo}.
func currentRepository(p string) string {
	for _, s := range []string{"${{ github.repository }}", "${{github.repository}}", "${GITHUB_REPOSITORY}", "$GITHUB_REPOSITORY"} {
		p = strings.ReplaceAll(p, s, "{owner}/{repo}")
	}
	return p
}

// slackMethodName reports whether name is spelled like a Slack Web API
// method ("chat.postMessage") and, once the scopes tables know Slack's
// methods, whether it is one.
func slackMethodName(name string) bool {
	if !strings.Contains(name, ".") {
		return false
	}
	for _, part := range strings.Split(name, ".") {
		if !isIdentifier(part) {
			return false
		}
	}
	return !slackTableLoaded() || scopes.KnownSlackMethod(name)
}

// slackTableLoaded reports whether scopes.KnownSlackMethod is backed by a
// table; before it is, every well-formed method name is accepted.
var slackTableLoaded = sync.OnceValue(func() bool { return scopes.KnownSlackMethod("chat.postMessage") })

// sdkMethods maps the resource path of an OpenAI or Anthropic SDK call, in
// Python's snake case (client.chat.completions.create), to its REST
// operation. JavaScript's camel case is converted before the lookup.
var sdkMethods = map[string]map[string]string{
	scopes.OpenAI: {
		"chat.completions.create":      "POST /v1/chat/completions",
		"completions.create":           "POST /v1/completions",
		"responses.create":             "POST /v1/responses",
		"embeddings.create":            "POST /v1/embeddings",
		"images.generate":              "POST /v1/images/generations",
		"images.edit":                  "POST /v1/images/edits",
		"audio.transcriptions.create":  "POST /v1/audio/transcriptions",
		"audio.translations.create":    "POST /v1/audio/translations",
		"audio.speech.create":          "POST /v1/audio/speech",
		"moderations.create":           "POST /v1/moderations",
		"models.list":                  "GET /v1/models",
		"models.retrieve":              "GET /v1/models/{model}",
		"files.create":                 "POST /v1/files",
		"files.list":                   "GET /v1/files",
		"batches.create":               "POST /v1/batches",
		"fine_tuning.jobs.create":      "POST /v1/fine_tuning/jobs",
		"fine_tuning.jobs.list":        "GET /v1/fine_tuning/jobs",
		"vector_stores.create":         "POST /v1/vector_stores",
		"beta.chat.completions.parse":  "POST /v1/chat/completions",
		"chat.completions.parse":       "POST /v1/chat/completions",
		"chat.completions.stream":      "POST /v1/chat/completions",
		"beta.chat.completions.stream": "POST /v1/chat/completions",
	},
	scopes.Anthropic: {
		"messages.create":         "POST /v1/messages",
		"messages.stream":         "POST /v1/messages",
		"messages.count_tokens":   "POST /v1/messages/count_tokens",
		"messages.batches.create": "POST /v1/messages/batches",
		"messages.batches.list":   "GET /v1/messages/batches",
		"models.list":             "GET /v1/models",
		"completions.create":      "POST /v1/complete",
	},
}

// sdkOperation looks up the resource path of an SDK call.
func sdkOperation(provider string, parts []string) (scopes.Operation, bool) {
	snake := make([]string, len(parts))
	for i, p := range parts {
		snake[i] = camelToSnake(p)
	}
	name, ok := sdkMethods[provider][strings.Join(snake, ".")]
	if !ok {
		return scopes.Operation{}, false
	}
	return scopes.Operation{Provider: provider, Name: name}, true
}

// camelToSnake turns countTokens into count_tokens.
func camelToSnake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ghCommands maps gh subcommands to the REST routes that need the same
// permissions. Several commands run GraphQL (gh pr create runs the
// createPullRequest mutation); the route given is its REST equivalent,
// which GitHub guards with the same fine-grained permission. Source: the gh
// manual (cli.github.com/manual) and GitHub's REST reference.
var ghCommands = map[string][]string{
	"pr create":        {"POST /repos/{owner}/{repo}/pulls"},
	"pr list":          {"GET /repos/{owner}/{repo}/pulls"},
	"pr view":          {"GET /repos/{owner}/{repo}/pulls/{pull_number}"},
	"pr edit":          {"PATCH /repos/{owner}/{repo}/pulls/{pull_number}"},
	"pr close":         {"PATCH /repos/{owner}/{repo}/pulls/{pull_number}"},
	"pr reopen":        {"PATCH /repos/{owner}/{repo}/pulls/{pull_number}"},
	"pr merge":         {"PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"},
	"pr comment":       {"POST /repos/{owner}/{repo}/issues/{issue_number}/comments"},
	"pr review":        {"POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"},
	"pr diff":          {"GET /repos/{owner}/{repo}/pulls/{pull_number}"},
	"issue create":     {"POST /repos/{owner}/{repo}/issues"},
	"issue list":       {"GET /repos/{owner}/{repo}/issues"},
	"issue view":       {"GET /repos/{owner}/{repo}/issues/{issue_number}"},
	"issue edit":       {"PATCH /repos/{owner}/{repo}/issues/{issue_number}"},
	"issue close":      {"PATCH /repos/{owner}/{repo}/issues/{issue_number}"},
	"issue reopen":     {"PATCH /repos/{owner}/{repo}/issues/{issue_number}"},
	"issue comment":    {"POST /repos/{owner}/{repo}/issues/{issue_number}/comments"},
	"label create":     {"POST /repos/{owner}/{repo}/labels"},
	"release create":   {"POST /repos/{owner}/{repo}/releases"},
	"release upload":   {"POST /repos/{owner}/{repo}/releases/{release_id}/assets"},
	"release list":     {"GET /repos/{owner}/{repo}/releases"},
	"release view":     {"GET /repos/{owner}/{repo}/releases/tags/{tag}"},
	"release download": {"GET /repos/{owner}/{repo}/releases/assets/{asset_id}"},
	"release edit":     {"PATCH /repos/{owner}/{repo}/releases/{release_id}"},
	"release delete":   {"DELETE /repos/{owner}/{repo}/releases/{release_id}"},
	"workflow run":     {"POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"},
	"workflow list":    {"GET /repos/{owner}/{repo}/actions/workflows"},
	"run list":         {"GET /repos/{owner}/{repo}/actions/runs"},
	"run view":         {"GET /repos/{owner}/{repo}/actions/runs/{run_id}"},
	"run rerun":        {"POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"},
	"run cancel":       {"POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"},
	"run download":     {"GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"},
	"cache list":       {"GET /repos/{owner}/{repo}/actions/caches"},
	"cache delete":     {"DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"},
	"secret set":       {"GET /repos/{owner}/{repo}/actions/secrets/public-key", "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"},
	"variable set":     {"POST /repos/{owner}/{repo}/actions/variables"},
	"repo view":        {"GET /repos/{owner}/{repo}"},
	"repo create":      {"POST /user/repos"},
}
