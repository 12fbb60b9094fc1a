package scriptusage

import (
	"strings"
	"unicode"

	"github.com/nhilint/nhilint/rules/scopes"
)

// credentialWords are the name parts (split at "_") that mark a variable as
// holding a credential wherever they appear in the name.
var credentialWords = map[string]bool{
	"TOKEN": true, "TOKENS": true, "SECRET": true, "SECRETS": true, "PASSWORD": true,
	"PASSWD": true, "APIKEY": true, "PAT": true, "CREDENTIALS": true, "CREDENTIAL": true,
	"PASSPHRASE": true, "JWT": true,
}

// keyQualifiers are the parts before a trailing "KEY" that name data keys,
// not credentials (CACHE_KEY, SORT_KEY).
var keyQualifiers = map[string]bool{
	"CACHE": true, "SORT": true, "PARTITION": true, "PRIMARY": true, "HASH": true,
	"RANGE": true, "FOREIGN": true, "LOOKUP": true, "MAP": true, "IDEMPOTENCY": true,
}

// credentialNames are credential variables that the word rules miss.
var credentialNames = map[string]bool{
	"AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true, "AWS_SESSION_TOKEN": true,
	"GOOGLE_APPLICATION_CREDENTIALS": true, "DOCKER_AUTH_CONFIG": true, "NPM_AUTH": true,
	"TWINE_PASSWORD": true, "NETRC": true,
}

// credentialName reports whether an environment variable name looks like it
// holds a credential: *_TOKEN, *_KEY, *_SECRET, *_PASSWORD, *API_KEY*, *_PAT,
// AWS_ACCESS_KEY_ID and a few more. Shell scripts expand every variable
// ($HOME, $PATH), so only such names become facts there.
func credentialName(name string) bool {
	if name == "" {
		return false
	}
	up := strings.ToUpper(name)
	if credentialNames[up] {
		return true
	}
	if strings.Contains(up, "API_KEY") || strings.Contains(up, "APIKEY") ||
		strings.Contains(up, "PRIVATE_KEY") || strings.Contains(up, "ACCESS_KEY") {
		return true
	}
	parts := strings.Split(up, "_")
	for i, p := range parts {
		if credentialWords[p] {
			return true
		}
		if p == "KEY" && i == len(parts)-1 && i > 0 && !keyQualifiers[parts[i-1]] {
			return true
		}
	}
	return false
}

// providerOf attributes a credential to a provider by its name alone, or
// returns "" when the name does not say.
func providerOf(name string) string {
	up := strings.ToUpper(name)
	switch up {
	case "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_PAT", "GH_PAT", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN":
		return scopes.GitHub
	case "OPENAI_API_KEY":
		return scopes.OpenAI
	case "ANTHROPIC_API_KEY":
		return scopes.Anthropic
	case "GOOGLE_APPLICATION_CREDENTIALS":
		return scopes.Google
	}
	switch {
	case strings.HasPrefix(up, "AWS_"):
		return scopes.AWS
	case strings.HasPrefix(up, "SLACK_"):
		return scopes.Slack
	case strings.HasPrefix(up, "STRIPE_"):
		return scopes.Stripe
	}
	if !credentialName(up) {
		return ""
	}
	switch {
	case strings.HasPrefix(up, "GITHUB_"), strings.HasPrefix(up, "GH_"):
		return scopes.GitHub
	case strings.HasPrefix(up, "OPENAI_"):
		return scopes.OpenAI
	case strings.HasPrefix(up, "ANTHROPIC_"):
		return scopes.Anthropic
	case strings.HasPrefix(up, "GOOGLE_"), strings.HasPrefix(up, "GCP_"):
		return scopes.Google
	}
	return ""
}

// snakeToPascal turns boto3's put_object or the CLI's put-object into the
// API operation name PutObject; list_objects_v2 becomes ListObjectsV2.
func snakeToPascal(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if r == '_' || r == '-' {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// camelToPascal turns the AWS SDK v3 method putObject into PutObject.
func camelToPascal(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// isIdentifier reports whether s is an ASCII identifier (environment
// variable names, method names in tables).
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if c != '_' && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && (i == 0 || !('0' <= c && c <= '9')) {
			return false
		}
	}
	return true
}
