// Package credvalue decides, for the structural analyzers, whether a named
// setting holds a credential and whether its value is a literal one rather
// than a reference the CI system, template engine or tool expands, or a
// placeholder. The secrets analyzer has a richer placeholder filter of its
// own, tuned for values that a regex found anywhere.
package credvalue

import "strings"

// localServicePasswords configure throwaway database containers that live
// only for the length of a CI job (GitLab services:, CircleCI secondary
// images). A literal value there protects nothing and leaks nothing.
var localServicePasswords = map[string]bool{
	"POSTGRES_PASSWORD": true, "PGPASSWORD": true, "MYSQL_PASSWORD": true, "MYSQL_ROOT_PASSWORD": true,
	"MARIADB_PASSWORD": true, "MARIADB_ROOT_PASSWORD": true, "MONGO_INITDB_ROOT_PASSWORD": true,
	"REDIS_PASSWORD": true, "RABBITMQ_DEFAULT_PASS": true, "MSSQL_SA_PASSWORD": true, "SA_PASSWORD": true,
	"ELASTIC_PASSWORD": true, "MINIO_ROOT_PASSWORD": true, "KEYCLOAK_ADMIN_PASSWORD": true,
}

// publicKeySuffixes end names that say "key" but hold nothing secret.
var publicKeySuffixes = []string{
	"PUBLIC_KEY", "PUBKEY", "PUBLISHABLE_KEY", "SITE_KEY", "ANON_KEY", "CACHE_KEY", "SORT_KEY",
	"PARTITION_KEY", "PRIMARY_KEY", "OBJECT_KEY", "S3_KEY", "HOST_KEY", "KEY_ID", "_KEY_NAME",
}

// Kind classifies a variable name: "" when it does not name a
// credential, "password" for passwords (people choose them, so they are
// shorter and less random), "key" for generated keys and tokens.
func Kind(name string) string {
	n := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(name), "-", "_"))
	if n == "AWS_ACCESS_KEY_ID" {
		return "key"
	}
	if localServicePasswords[n] {
		return ""
	}
	for _, s := range publicKeySuffixes {
		if strings.HasSuffix(n, s) {
			return ""
		}
	}
	switch {
	case strings.Contains(n, "PASSWORD"), strings.Contains(n, "PASSWD"), strings.HasSuffix(n, "_PASS"):
		return "password"
	case n == "TOKEN", n == "SECRET", n == "APIKEY", n == "API_KEY",
		strings.HasSuffix(n, "_TOKEN"), strings.HasSuffix(n, "_KEY"), strings.HasSuffix(n, "_SECRET"),
		strings.HasSuffix(n, "_APIKEY"), strings.HasSuffix(n, "_PAT"), strings.HasSuffix(n, "_SECRET_KEY"):
		return "key"
	}
	return ""
}

// Literal reports whether value, assigned to a variable of the
// given credential kind, is a literal credential: not empty, not a reference
// a CI system or template engine expands, not a placeholder, and shaped like a secret.
func Literal(kind, value string) bool {
	v := strings.TrimSpace(value)
	switch {
	case kind == "", v == "", IsReference(v), IsPlaceholder(v):
		return false
	case strings.ContainsAny(v, " \t\n"):
		return false // prose, commands, lists: not a single credential
	case strings.Contains(v, "://"), strings.HasPrefix(v, "/"), strings.HasPrefix(v, "./"), strings.HasPrefix(v, "~"):
		return false // a URL or a path to a key file, not the key
	}
	if kind == "password" {
		return len(v) >= 8 && distinct(v) >= 5 && charClasses(v) >= 2
	}
	return len(v) >= 16 && distinct(v) >= 6 && (hasDigit(v) && hasLetter(v) || hasLower(v) && hasUpper(v))
}

// IsReference reports values the CI system or a template engine replaces:
// $VAR, ${VAR}, $(var) (Azure), $[ expr ] (Azure), ${{ expr }} (GitHub,
// Azure), $[[ inputs.x ]] (GitLab), {{ x }}, %VAR%, #{x}, <<x>> (CircleCI
// pipeline parameters).
func IsReference(v string) bool {
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '$' {
			c := v[i+1]
			if c == '{' || c == '(' || c == '[' || c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
				return true
			}
		}
	}
	return strings.Contains(v, "{{") || strings.Contains(v, "<<") || strings.Contains(v, "#{") ||
		len(v) > 2 && v[0] == '%' && v[len(v)-1] == '%' ||
		len(v) > 2 && v[0] == '<' && v[len(v)-1] == '>'
}

// placeholderWords say a value stands in for a real one.
var placeholderWords = []string{
	"example", "placeholder", "changeme", "change_me", "change-me", "redacted", "dummy", "your_",
	"your-", "replace", "insert", "notreal", "not_real", "not-real", "sample", "fake", "xxxx", "****",
	"...", "…", "todo", "fixme", "<", ">", "secret_here", "token_here", "key_here",
}

// IsPlaceholder reports values that stand in for a real credential.
func IsPlaceholder(v string) bool {
	l := strings.ToLower(v)
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	switch l {
	case "true", "false", "null", "none", "nil", "yes", "no", "on", "off":
		return true
	}
	return distinct(v) <= 3
}

func distinct(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}

func charClasses(s string) int {
	n := 0
	for _, has := range []bool{hasLower(s), hasUpper(s), hasDigit(s), strings.IndexFunc(s, isSymbol) >= 0} {
		if has {
			n++
		}
	}
	return n
}

func isSymbol(r rune) bool {
	return r > ' ' && r < 0x7f && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}
func hasLower(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0
}
func hasUpper(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0
}
func hasDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
}
func hasLetter(s string) bool { return hasLower(s) || hasUpper(s) }
