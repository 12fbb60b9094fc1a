package rules

import (
	"strings"
	"testing"
	"testing/fstest"
)

// entryYAML is a valid credential entry body; tests splice fields in and out.
const entryYAML = `
    name: Acme key
    lifetime: long-lived
    scopable: false
    nhi: [NHI2, NHI7]
    cwe: [CWE-798]
    severity: error
    security-severity: 8.0
    precision: high
    why: Because.
    revoke: Delete it at https://acme.example/keys.
    rotate: Create another.
    references: [https://acme.example/docs]`

// defaultsYAML is entryYAML indented for provider-defaults.
var defaultsYAML = strings.ReplaceAll(entryYAML, "\n    ", "\n  ")

// genericYAML is the minimal fallback file every knowledge base needs.
var genericYAML = `provider: {id: generic, name: Unknown}
provider-defaults:
  id: generic-secret` + defaultsYAML + "\n"

// acmeYAML builds a provider file for "acme" with one credential claiming rules.
func acmeYAML(entryExtra string) string {
	return `provider:
  id: acme
  name: Acme
  rule-prefixes: [acme-]
provider-defaults:
  id: acme-credential` + defaultsYAML + `
credentials:
  - id: acme-key
    rules: [acme-api-key]` + entryYAML + entryExtra + "\n"
}

func loadFiles(files map[string]string) (*KnowledgeBase, error) {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["credentials/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return load(fsys)
}

func TestLoadValid(t *testing.T) {
	kb, err := loadFiles(map[string]string{
		"generic.yaml": genericYAML,
		"acme.yaml":    acmeYAML(""),
		"acme-cloud.yaml": `provider: {id: acme-cloud, name: Acme Cloud, rule-prefixes: [acme-cloud-]}
provider-defaults:
  id: acme-cloud-credential` + defaultsYAML + "\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rule, want string
		exact      bool
	}{
		{"acme-api-key", "acme-key", true},
		{"acme-other", "acme-credential", false},
		{"acme-cloud-token", "acme-cloud-credential", false}, // longest prefix wins
		{"acme", "generic-secret", false},
		{"zeta-key", "generic-secret", false},
	} {
		c, exact := kb.ForRule(tc.rule)
		if c.ID != tc.want || exact != tc.exact {
			t.Errorf("ForRule(%q) = %s, %v; want %s, %v", tc.rule, c.ID, exact, tc.want, tc.exact)
		}
	}
	c, _ := kb.ForRule("acme-api-key")
	if c.Provider != "acme" || c.ProviderName != "Acme" || c.Scopable || c.Why != "Because." ||
		len(c.References) != 1 || c.SecuritySeverity != 8.0 || c.Lifetime != LifetimeLongLived {
		t.Errorf("acme-key decoded as %+v", *c)
	}
	var ids []string
	for _, c := range kb.Credentials() {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); got != "acme-cloud-credential acme-credential acme-key generic-secret" {
		t.Errorf("Credentials() ids = %s", got)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // the whole error text
	}{
		{
			name:  "unknown key",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": acmeYAML("\n    colour: red")},
			want:  "credentials/acme.yaml:34: field colour not found in type rules.credentialEntry",
		},
		{
			name:  "syntax error",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": "provider: [\n"},
			want:  "credentials/acme.yaml:1: did not find expected node content",
		},
		{
			name:  "empty file",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": ""},
			want:  "credentials/acme.yaml: empty file",
		},
		{
			name: "bad values",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": strings.NewReplacer(
				"lifetime: long-lived\n    scopable: false\n    nhi: [NHI2, NHI7]\n    cwe: [CWE-798]\n    severity: error\n    security-severity: 8.0\n    precision: high\n    why: Because.\n    revoke: Delete it at https://acme.example/keys.\n    rotate: Create another.\n    references: [https://acme.example/docs]\n",
				"lifetime: forever\n    scopable: false\n    nhi: [NHI11, NHI2, NHI2]\n    cwe: [798]\n    severity: critical\n    security-severity: 11\n    precision: exact\n    why: Because.\n    revoke: ' '\n    rotate: Create another.\n    references: [http://acme.example/docs]\n",
			).Replace(acmeYAML(""))},
			want: `credentials/acme.yaml:20: credential "acme-key": lifetime "forever" is not long-lived, short-lived or from-value
credentials/acme.yaml:20: credential "acme-key": nhi "NHI11" is not NHI1..NHI10
credentials/acme.yaml:20: credential "acme-key": nhi "NHI2" listed twice
credentials/acme.yaml:20: credential "acme-key": cwe "798" is not CWE-<number>
credentials/acme.yaml:20: credential "acme-key": severity "critical" is not error, warning or note
credentials/acme.yaml:20: credential "acme-key": security-severity 11 is outside (0, 10]
credentials/acme.yaml:20: credential "acme-key": precision "exact" is not very-high, high, medium or low
credentials/acme.yaml:20: credential "acme-key": revoke is empty
credentials/acme.yaml:20: credential "acme-key": reference "http://acme.example/docs" is not an https URL`,
		},
		{
			name:  "bad value lifetimes",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": acmeYAML("\n    value-lifetimes: [{prefix: \"\", lifetime: forever}]")},
			want: `credentials/acme.yaml:20: credential "acme-key": value-lifetimes need lifetime from-value
credentials/acme.yaml:20: credential "acme-key": value-lifetimes: empty prefix
credentials/acme.yaml:20: credential "acme-key": value-lifetimes: prefix "": lifetime "forever" is not long-lived or short-lived`,
		},
		{
			name: "missing fields",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": `provider: {id: acme, name: Acme}
credentials:
  - id: acme-key
    rules: [acme-api-key]
    lifetime: from-value
`},
			want: `credentials/acme.yaml:3: credential "acme-key": name is empty
credentials/acme.yaml:3: credential "acme-key": lifetime from-value needs a lifetime-hint saying how to tell
credentials/acme.yaml:3: credential "acme-key": scopable is missing (true or false)
credentials/acme.yaml:3: credential "acme-key": nhi is empty
credentials/acme.yaml:3: credential "acme-key": cwe is empty
credentials/acme.yaml:3: credential "acme-key": severity "" is not error, warning or note
credentials/acme.yaml:3: credential "acme-key": security-severity 0 is outside (0, 10]
credentials/acme.yaml:3: credential "acme-key": precision "" is not very-high, high, medium or low
credentials/acme.yaml:3: credential "acme-key": why is empty
credentials/acme.yaml:3: credential "acme-key": revoke is empty
credentials/acme.yaml:3: credential "acme-key": rotate is empty
credentials/acme.yaml:3: credential "acme-key": references is empty`,
		},
		{
			name:  "provider id does not match file",
			files: map[string]string{"generic.yaml": genericYAML, "acme2.yaml": acmeYAML("")},
			want:  `credentials/acme2.yaml:1: provider.id "acme" does not match the file name`,
		},
		{
			name: "prefixes without defaults, bad prefix, entry without rules",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": `provider: {id: acme, name: Acme, rule-prefixes: [Acme]}
credentials:
  - id: acme-key` + entryYAML + "\n"},
			want: `credentials/acme.yaml:1: rule prefix "Acme" must be lower-case kebab-case ending in '-'
credentials/acme.yaml:1: provider declares rule-prefixes but no provider-defaults
credentials/acme.yaml:3: credential "acme-key" lists no rules`,
		},
		{
			name: "rule claimed twice and duplicate ids across files",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": acmeYAML(""), "zeta.yaml": `provider: {id: zeta, name: Zeta}
credentials:
  - id: acme-key
    rules: [zeta-key]` + entryYAML + `
  - id: zeta-other
    rules: [acme-api-key]` + entryYAML + "\n"},
			want: `credentials/zeta.yaml:3: credential id "acme-key" already defined at credentials/acme.yaml:20
credentials/zeta.yaml:17: rule "acme-api-key" already claimed at credentials/acme.yaml:20`,
		},
		{
			name: "exact claim under another provider's prefix",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": acmeYAML(""), "zeta.yaml": `provider: {id: zeta, name: Zeta}
credentials:
  - id: zeta-key
    rules: [acme-zeta-key]` + entryYAML + "\n"},
			want: `credentials/zeta.yaml:3: rule "acme-zeta-key" has the prefix "acme-" of provider "acme"; move the entry to that provider's file`,
		},
		{
			name: "prefix declared twice",
			files: map[string]string{"generic.yaml": genericYAML, "acme.yaml": acmeYAML(""), "zeta.yaml": `provider: {id: zeta, name: Zeta, rule-prefixes: [acme-]}
provider-defaults:
  id: zeta-credential` + defaultsYAML + "\n"},
			want: `credentials/zeta.yaml:1: rule prefix "acme-" already declared by provider "acme" (credentials/acme.yaml)`,
		},
		{
			name:  "no generic fallback",
			files: map[string]string{"acme.yaml": acmeYAML("")},
			want:  "credentials/generic.yaml with provider-defaults is missing: unknown rules would have no guidance",
		},
		{
			name: "generic with prefixes and rules on defaults",
			files: map[string]string{"generic.yaml": `provider: {id: generic, name: Unknown, rule-prefixes: [gen-]}
provider-defaults:
  id: generic-secret
  rules: [generic-api-key]` + defaultsYAML + "\n"},
			want: `credentials/generic.yaml:1: the generic provider must not declare rule-prefixes
credentials/generic.yaml:3: provider-defaults must not list rules; give those rules their own entry`,
		},
		{
			name:  "two documents",
			files: map[string]string{"generic.yaml": genericYAML + "---\nprovider: {id: x}\n"},
			want:  "credentials/generic.yaml:16: more than one YAML document",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kb, err := loadFiles(tc.files)
			if err == nil {
				t.Fatalf("load succeeded (%d credentials); want error:\n%s", len(kb.Credentials()), tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tc.want)
			}
		})
	}
}

func FuzzParseFile(f *testing.F) {
	f.Add([]byte(genericYAML))
	f.Add([]byte(acmeYAML("")))
	f.Add([]byte("provider: [\n"))
	f.Add([]byte("provider: {id: acme}\ncredentials: [{id: x, scopable: yes, security-severity: .nan}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := parseFile("credentials/acme.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "credentials/acme.yaml") {
				t.Errorf("error without file name: %v", err)
			}
			return
		}
		kb, err := build([]*providerFile{pf})
		if err != nil {
			return // acme.yaml alone has no generic fallback
		}
		if c, _ := kb.ForRule("anything"); c == nil {
			t.Error("ForRule returned nil")
		}
	})
}
