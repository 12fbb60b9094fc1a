package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Identity declares one non-human identity: a key or token with an owner, a
// purpose, a scope and a lifetime. The identity comparison sets what it
// declares against what the code and CI that refer to it actually do.
type Identity struct {
	Name     string
	Owner    string // a person or team address: "alice@example.com", "@org/team"
	Purpose  string
	Provider string // one of Providers
	// Refs say how code and CI refer to the credential. A bare name
	// ("DEPLOY_TOKEN") matches an environment variable or a CI secret of that
	// name; "env:NAME", "secret:NAME" and "file:GLOB" match only one kind.
	Refs []Ref
	// Scopes are the provider's own scope names: "contents:write",
	// "s3:GetObject", "chat:write", "repo".
	Scopes []string
	// ScopesFrom names a file in the repository that states the scopes
	// instead: a Slack app manifest, an IAM policy document, or Terraform
	// ("iam.tf#aws_iam_user.deployer"); relative to the scan root.
	ScopesFrom string
	// Expires is when the credential stops working; zero when not declared.
	Expires time.Time
	// RotateEvery is how often it is rotated; 0 when not declared.
	RotateEvery time.Duration
	// Environments it is used in ("dev", "staging", "prod").
	Environments []string
	// Workloads that may use it: doublestar globs over workload names (a
	// script or Go package directory, "path/to/workflow.yml#job").
	Workloads []string

	// Pos is where the identity's mapping starts; KeyPos where each of its
	// keys was written ("owner", "scopes"), ScopesPos[i] where Scopes[i] was.
	Pos       Pos
	KeyPos    map[string]Pos
	ScopesPos []Pos
}

// Ref kinds of Identity.Refs.
const (
	RefAny    = ""       // a bare name: env var or CI secret
	RefEnv    = "env"    // env:NAME
	RefSecret = "secret" // secret:NAME
	RefFile   = "file"   // file:GLOB
)

// Ref is one way code or CI refers to a credential.
type Ref struct {
	Kind string // RefAny, RefEnv, RefSecret or RefFile
	Name string // the variable or secret name, or a doublestar glob for files
}

func (r Ref) String() string {
	if r.Kind == RefAny {
		return r.Name
	}
	return r.Kind + ":" + r.Name
}

// Providers are the provider names an identity may declare. The scope
// knowledge (rules/scopes) covers aws, github, google and slack; for the
// others nhilint checks lifecycle and sharing but not scopes.
var Providers = []string{
	"anthropic", "atlassian", "aws", "azure", "cloudflare", "databricks", "datadog", "digitalocean",
	"docker", "gcp", "generic", "github", "gitlab", "google", "huggingface", "linear", "mistral",
	"npm", "openai", "pypi", "sendgrid", "shopify", "slack", "stripe", "twilio", "vault",
}

var identityFields = fields[*Identity]{
	"name": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		if s, ok := d.str(v, at); ok {
			if !identityName.MatchString(s) {
				d.errorf(v, at, "bad identity name %q (want letters, digits, '.', '_' or '-', starting with a letter or digit)", s)
				return
			}
			id.Name = s
		}
	},
	"owner": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		if s, ok := d.str(v, at); ok {
			if strings.TrimSpace(s) == "" {
				d.errorf(v, at, "owner must not be blank")
				return
			}
			id.Owner = s
		}
	},
	"purpose": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		id.Purpose, _ = d.str(v, at)
	},
	"provider": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		s, ok := d.str(v, at)
		if !ok {
			return
		}
		if !slices.Contains(Providers, s) {
			if near := suggest(s, Providers); near != "" {
				d.errorf(v, at, "unknown provider %q; did you mean %q?", s, near)
			} else {
				d.errorf(v, at, "unknown provider %q (want %s)", s, oneOf(Providers))
			}
			return
		}
		id.Provider = s
	},
	"refs": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		names, _ := d.strings(v, at, checkRef)
		for _, n := range names {
			id.Refs = append(id.Refs, parseRef(n))
		}
	},
	"scopes": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		id.Scopes, id.ScopesPos = d.strings(v, at, checkNotEmpty("scope"))
	},
	"scopes-from": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		s, ok := d.str(v, at)
		if !ok {
			return
		}
		file, _, _ := strings.Cut(s, "#")
		if msg := checkGlob(file); msg != "" || file == "" || strings.ContainsAny(file, "*?[{") {
			if msg == "" {
				msg = fmt.Sprintf("%q: want a file path (a Slack manifest, an IAM policy, Terraform), not a pattern", s)
			}
			d.errorf(v, at, "%s", msg)
			return
		}
		id.ScopesFrom = s
	},
	"expires": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		if v.Kind != yaml.ScalarNode {
			d.errorf(v, at, "want a date such as 2026-12-31, got %s", describe(v))
			return
		}
		t, err := parseDate(v.Value)
		if err != nil {
			d.errorf(v, at, "%v", err)
			return
		}
		id.Expires = t
	},
	"rotate-every": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		if dur, ok := d.duration(v, at); ok {
			id.RotateEvery = dur
		}
	},
	"environments": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		id.Environments, _ = d.strings(v, at, checkNotEmpty("environment"))
	},
	"workloads": func(d *decoder, v *yaml.Node, at keyPath, id *Identity) {
		id.Workloads, _ = d.strings(v, at, checkGlob)
	},
}

// identityName keeps names usable in messages, fingerprints and SARIF
// without quoting.
var identityName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func decodeIdentities(d *decoder, v *yaml.Node, at keyPath, c *Config) {
	seen := map[string]int{}
	d.eachItem(v, at, "identities", func(_ int, item *yaml.Node, at keyPath) {
		if item.Kind != yaml.MappingNode {
			d.errorf(item, at, "want a mapping, got %s", describe(item))
			return
		}
		id := Identity{Pos: Pos{item.Line, item.Column}, KeyPos: map[string]Pos{}}
		// Positions only: decodeMapping reports bad and duplicate keys.
		for i := 0; i+1 < len(item.Content); i += 2 {
			if k := resolve(item.Content[i]); k.Kind == yaml.ScalarNode {
				if _, dup := id.KeyPos[k.Value]; !dup {
					id.KeyPos[k.Value] = Pos{k.Line, k.Column}
				}
			}
		}
		decodeMapping(d, item, at, identityFields, &id)
		if _, ok := id.KeyPos["name"]; !ok {
			d.errorf(item, at, "an identity needs a name")
			return
		}
		if id.Name == "" {
			return // reported by the name field
		}
		if line, dup := seen[id.Name]; dup {
			p := id.KeyPos["name"]
			d.errors(p, at.key("name"), "duplicate identity %q (first at line %d)", id.Name, line)
			return
		}
		seen[id.Name] = id.Pos.Line
		if keyGiven(id, "scopes") && keyGiven(id, "scopes-from") {
			d.errors(id.KeyPos["scopes-from"], at.key("scopes-from"), "give scopes or scopes-from, not both")
			return
		}
		if id.Provider == "" && !keyGiven(id, "provider") {
			id.Provider = "generic"
		}
		c.Identities = append(c.Identities, id)
	})
}

func keyGiven(id Identity, key string) bool { _, ok := id.KeyPos[key]; return ok }

// errors records an error at a position rather than a node.
func (d *decoder) errors(p Pos, at keyPath, format string, args ...any) {
	d.errorf(&yaml.Node{Line: p.Line, Column: p.Column}, at, format, args...)
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func checkRef(s string) string {
	r := parseRef(s)
	switch r.Kind {
	case RefFile:
		if r.Name == "" {
			return "file: needs a path or glob"
		}
		return checkGlob(r.Name)
	case RefAny, RefEnv, RefSecret:
		if !envName.MatchString(r.Name) {
			if r.Kind == RefAny && strings.Contains(s, ":") {
				return fmt.Sprintf("unknown reference kind in %q (want env:NAME, secret:NAME, file:PATH or a bare NAME)", s)
			}
			return fmt.Sprintf("bad variable name %q (want letters, digits and '_', not starting with a digit)", r.Name)
		}
	}
	return ""
}

func parseRef(s string) Ref {
	for _, kind := range []string{RefEnv, RefSecret, RefFile} {
		if name, ok := strings.CutPrefix(s, kind+":"); ok {
			return Ref{Kind: kind, Name: name}
		}
	}
	return Ref{Name: s}
}

// parseDate reads an expiry: a date (the credential works through that
// day, so it expires at the end of it, UTC) or an RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Add(24*time.Hour - time.Nanosecond), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("bad date %q (want YYYY-MM-DD or an RFC 3339 time)", s)
}
