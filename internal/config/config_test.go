package config

import (
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtures returns the slash paths of testdata/<dir>/*.yaml, failing if
// there are none or if a golden file has lost its fixture.
func fixtures(t *testing.T, dir string) []string {
	t.Helper()
	yamls, err := filepath.Glob(filepath.Join("testdata", dir, "*.yaml"))
	if err != nil || len(yamls) == 0 {
		t.Fatalf("no fixtures in testdata/%s (err %v)", dir, err)
	}
	outs, _ := filepath.Glob(filepath.Join("testdata", dir, "*.out"))
	for _, out := range outs {
		if !slices.Contains(yamls, strings.TrimSuffix(out, ".out")+".yaml") {
			t.Errorf("%s has no fixture", out)
		}
	}
	for i := range yamls {
		yamls[i] = filepath.ToSlash(yamls[i])
	}
	return yamls
}

// golden compares got with the .out file next to fixture, or rewrites it.
func golden(t *testing.T, fixture, got string) {
	t.Helper()
	out := strings.TrimSuffix(fixture, ".yaml") + ".out"
	if *update {
		if err := os.WriteFile(out, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s: output differs from %s\n--- got\n%s--- want\n%s", fixture, out, got, want)
	}
}

func TestValidFixtures(t *testing.T) {
	for _, file := range fixtures(t, "valid") {
		t.Run(path.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := Parse(file, data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			golden(t, file, dump(t, cfg))
		})
	}
}

func TestInvalidFixtures(t *testing.T) {
	for _, file := range fixtures(t, "invalid") {
		t.Run(path.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := Parse(file, data)
			if err == nil {
				t.Fatalf("Parse succeeded, want an error; got\n%s", dump(t, cfg))
			}
			if cfg != nil {
				t.Errorf("Parse returned a config with its error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T does not wrap *Error", err)
			}
			golden(t, file, err.Error()+"\n")
		})
	}
}

// dump renders a Config for golden files: every field, regexes as their
// source, positions as line:column.
func dump(t *testing.T, c *Config) string {
	t.Helper()
	type identity struct {
		Name         string            `json:"name"`
		Owner        string            `json:"owner,omitempty"`
		Purpose      string            `json:"purpose,omitempty"`
		Provider     string            `json:"provider"`
		Refs         []string          `json:"refs,omitempty"`
		Scopes       []string          `json:"scopes,omitempty"`
		ScopesAt     []string          `json:"scopesAt,omitempty"`
		ScopesFrom   string            `json:"scopesFrom,omitempty"`
		Expires      string            `json:"expires,omitempty"`
		RotateEvery  string            `json:"rotateEvery,omitempty"`
		Environments []string          `json:"environments,omitempty"`
		Workloads    []string          `json:"workloads,omitempty"`
		At           string            `json:"at"`
		KeysAt       map[string]string `json:"keysAt"`
	}
	type allowlist struct {
		Description  string   `json:"description,omitempty"`
		Rules        []string `json:"rules,omitempty"`
		Paths        []string `json:"paths,omitempty"`
		Regexes      []string `json:"regexes,omitempty"`
		RegexTarget  string   `json:"regexTarget"`
		Stopwords    []string `json:"stopwords,omitempty"`
		Fingerprints []string `json:"fingerprints,omitempty"`
		Condition    string   `json:"condition"`
		At           string   `json:"at"`
		RulesAt      []string `json:"rulesAt,omitempty"`
	}
	v := struct {
		Path        string                   `json:"path"`
		Version     int                      `json:"version,omitempty"`
		Include     []string                 `json:"include,omitempty"`
		Exclude     []string                 `json:"exclude,omitempty"`
		MaxFileSize int64                    `json:"maxFileSize,omitempty"`
		FailOn      string                   `json:"failOn,omitempty"`
		Disable     []string                 `json:"disable,omitempty"`
		DisableAt   []string                 `json:"disableAt,omitempty"`
		Severity    map[string]finding.Level `json:"severity,omitempty"`
		SeverityAt  map[string]string        `json:"severityAt,omitempty"`
		RuleFiles   []string                 `json:"ruleFiles,omitempty"`
		Allowlists  []allowlist              `json:"allowlists,omitempty"`
		MaxLifetime string                   `json:"maxLifetime,omitempty"`
		FailOnLife  []string                 `json:"failOnLifetimes,omitempty"`
		Identities  []identity               `json:"identities,omitempty"`
	}{
		Path: c.Path, Version: c.Version, Include: c.Include, Exclude: c.Exclude,
		MaxFileSize: c.MaxFileSize, FailOn: c.FailOn,
		FailOnLife: c.Policy.FailOnLifetimes,
		Disable:    c.Rules.Disable, DisableAt: positions(c.Rules.DisablePos),
		Severity: c.Rules.Severity,
	}
	if c.Policy.MaxLifetime > 0 {
		v.MaxLifetime = c.Policy.MaxLifetime.String()
	}
	for id, p := range c.Rules.SeverityPos {
		if v.SeverityAt == nil {
			v.SeverityAt = map[string]string{}
		}
		v.SeverityAt[id] = p.String()
	}
	for _, f := range c.RuleFiles {
		v.RuleFiles = append(v.RuleFiles, filepath.ToSlash(f))
	}
	for _, a := range c.Allowlists {
		d := allowlist{
			Description: a.Description, Rules: a.Rules, Paths: a.Paths,
			RegexTarget: a.RegexTarget, Stopwords: a.Stopwords, Fingerprints: a.Fingerprints,
			Condition: a.Condition, At: Pos{a.Line, a.Column}.String(), RulesAt: positions(a.RulesPos),
		}
		for _, re := range a.Regexes {
			d.Regexes = append(d.Regexes, re.String())
		}
		v.Allowlists = append(v.Allowlists, d)
	}
	for _, id := range c.Identities {
		d := identity{
			Name: id.Name, Owner: id.Owner, Purpose: id.Purpose, Provider: id.Provider,
			Scopes: id.Scopes, ScopesAt: positions(id.ScopesPos), ScopesFrom: id.ScopesFrom, Environments: id.Environments,
			Workloads: id.Workloads, At: id.Pos.String(), KeysAt: map[string]string{},
		}
		for _, r := range id.Refs {
			d.Refs = append(d.Refs, r.String())
		}
		if !id.Expires.IsZero() {
			d.Expires = id.Expires.Format(time.RFC3339Nano)
		}
		if id.RotateEvery > 0 {
			d.RotateEvery = id.RotateEvery.String()
		}
		for k, p := range id.KeyPos {
			d.KeysAt[k] = p.String()
		}
		v.Identities = append(v.Identities, d)
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

func positions(ps []Pos) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestEmptyIsZero(t *testing.T) {
	for _, data := range []string{"", "\n", "# only a comment\n", "---\n", "~\n", "null"} {
		cfg, err := Parse("x.yaml", []byte(data))
		if err != nil {
			t.Fatalf("Parse(%q): %v", data, err)
		}
		if want := (&Config{Path: "x.yaml"}); !equalZero(cfg, want) {
			t.Errorf("Parse(%q) = %+v, want the zero config", data, cfg)
		}
	}
}

func equalZero(a, b *Config) bool {
	return a.Path == b.Path && a.Version == 0 && a.Include == nil && a.Exclude == nil &&
		a.MaxFileSize == 0 && a.FailOn == "" && a.Rules.Disable == nil && a.Rules.Severity == nil &&
		a.RuleFiles == nil && a.Allowlists == nil
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"0", 0},
		{"1024", 1024},
		{"10B", 10},
		{"5KB", 5000},
		{"5kb", 5000},
		{"5 MB", 5_000_000},
		{"2GB", 2_000_000_000},
		{"1KiB", 1024},
		{"5MiB", 5 << 20},
		{" 3 gib ", 3 << 30},
		{"9223372036854775807", 1<<63 - 1},
	} {
		got, err := ParseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, err string }{
		{"", `invalid size "" (want a number of bytes, optionally followed by KB, MB, GB, KiB, MiB or GiB)`},
		{"MB", `invalid size "MB" (want a number of bytes, optionally followed by KB, MB, GB, KiB, MiB or GiB)`},
		{"-5", `invalid size "-5" (want a number of bytes, optionally followed by KB, MB, GB, KiB, MiB or GiB)`},
		{"1.5MB", `invalid size "1.5MB" (want a number of bytes, optionally followed by KB, MB, GB, KiB, MiB or GiB)`},
		{"5TB", `invalid size "5TB" (want a number of bytes, optionally followed by KB, MB, GB, KiB, MiB or GiB)`},
		{"5\u212aB", "invalid size \"5\u212aB\" (want a number of bytes, optionally followed by KB, MB, GB, KiB, MiB or GiB)"},
		{"\t5MB", `invalid size "\t5MB" (want a number of bytes, optionally followed by KB, MB, GB, KiB, MiB or GiB)`},
		{"9223372036854775808", `size "9223372036854775808" is too large`},
		{"9223372036854776KB", `size "9223372036854776KB" is too large`},
	} {
		got, err := ParseSize(tc.in)
		if err == nil || err.Error() != tc.err {
			t.Errorf("ParseSize(%q) = %d, %v; want error %s", tc.in, got, err, tc.err)
		}
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	if got, ok := Find(dir); ok {
		t.Errorf("Find(empty dir) = %q, true", got)
	}
	// A directory of the preferred name is not a config file.
	if err := os.Mkdir(filepath.Join(dir, ".nhilint.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, ok := Find(dir); ok {
		t.Errorf("Find(dir with a .nhilint.yaml directory) = %q, true", got)
	}
	yml := filepath.Join(dir, ".nhilint.yml")
	writeFile(t, yml, "version: 1\n")
	if got, ok := Find(dir); !ok || got != yml {
		t.Errorf("Find = %q, %v; want %q, true", got, ok, yml)
	}
	if err := os.Remove(filepath.Join(dir, ".nhilint.yaml")); err != nil {
		t.Fatal(err)
	}
	yaml := filepath.Join(dir, ".nhilint.yaml")
	writeFile(t, yaml, "version: 1\n")
	if got, ok := Find(dir); !ok || got != yaml {
		t.Errorf("Find = %q, %v; want %q (preferred over .yml), true", got, ok, yaml)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".nhilint.yaml")
	writeFile(t, file, "rule-files: [rules/extra.toml, ../shared.toml]\n")
	cfg, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "rules", "extra.toml"), filepath.Join(filepath.Dir(dir), "shared.toml")}
	if cfg.Path != file || !slices.Equal(cfg.RuleFiles, want) {
		t.Errorf("Load = {Path: %q, RuleFiles: %q}, want {%q, %q}", cfg.Path, cfg.RuleFiles, file, want)
	}

	missing := filepath.Join(dir, "missing.yaml")
	_, err = Load(missing)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("Load(missing) = %v, want an fs.ErrNotExist naming %s", err, missing)
	}

	writeFile(t, file, "fail-on: sometimes\n")
	_, err = Load(file)
	if want := file + `:1:10: fail-on: unknown level "sometimes" (want error, warning, note, none)`; err == nil || err.Error() != want {
		t.Errorf("Load(bad) = %v, want %s", err, want)
	}
}

func TestParseWithoutPath(t *testing.T) {
	_, err := Parse("", []byte("version: 2\n"))
	if want := "config:1:10: version: unsupported version 2 (want 1)"; err == nil || err.Error() != want {
		t.Errorf("Parse = %v, want %s", err, want)
	}
	cfg, err := Parse("", []byte("rule-files: [a.toml]\n"))
	if err != nil || !slices.Equal(cfg.RuleFiles, []string{"a.toml"}) {
		t.Errorf("Parse = %v, %v; want rule file a.toml relative to the working directory", cfg, err)
	}
}

func TestUnknownRules(t *testing.T) {
	data := `rules:
  disable: [generic-api-key, made-up, github-pat]
  severity:
    also-made-up: note
    github-pat: error
allowlists:
  - rules: [github-pat, "odd.id"]
    paths: ["**"]
`
	cfg, err := Parse(".nhilint.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	known := func(id string) bool { return id == "generic-api-key" || id == "github-pat" }
	want := `.nhilint.yaml:2:30: rules.disable[1]: unknown rule id "made-up"
.nhilint.yaml:4:5: rules.severity.also-made-up: unknown rule id "also-made-up"
.nhilint.yaml:7:25: allowlists[0].rules[1]: unknown rule id "odd.id"`
	if err := cfg.UnknownRules(known); err == nil || err.Error() != want {
		t.Errorf("UnknownRules =\n%v\nwant\n%s", err, want)
	}
	if err := cfg.UnknownRules(func(string) bool { return true }); err != nil {
		t.Errorf("UnknownRules(all known) = %v", err)
	}

	// A config built in code has no positions; ids still get reported.
	built := &Config{Rules: Rules{Disable: []string{"x"}, Severity: map[string]finding.Level{"y": finding.LevelNote}}}
	want = "config: rules.disable[0]: unknown rule id \"x\"\nconfig: rules.severity.y: unknown rule id \"y\""
	if err := built.UnknownRules(known); err == nil || err.Error() != want {
		t.Errorf("UnknownRules(built) =\n%v\nwant\n%s", err, want)
	}
}

// A secret pasted into fingerprints by mistake must not be echoed.
func TestFingerprintErrorHidesValue(t *testing.T) {
	secret := "ghp_" + strings.Repeat("A1b2", 9)
	_, err := Parse("c.yaml", []byte("allowlists:\n  - fingerprints: ['"+secret+"']\n"))
	if err == nil {
		t.Fatal("Parse accepted a secret as a fingerprint")
	}
	if strings.Contains(err.Error(), secret[:8]) {
		t.Errorf("error echoes the value: %s", strings.ReplaceAll(err.Error(), secret, finding.Preview(secret)))
	}
}

func TestKeyPath(t *testing.T) {
	for _, tc := range []struct {
		got  keyPath
		want string
	}{
		{keyPath("").key("rules"), "rules"},
		{keyPath("rules").key("severity").key("github-pat"), "rules.severity.github-pat"},
		{keyPath("rules").key("severity").key("a.b"), `rules.severity["a.b"]`},
		{keyPath("rules").key("severity").key(""), `rules.severity[""]`},
		{keyPath("").key("x y"), `["x y"]`},
		{keyPath("allowlists").index(2).key("paths").index(0), "allowlists[2].paths[0]"},
	} {
		if string(tc.got) != tc.want {
			t.Errorf("keyPath = %q, want %q", tc.got, tc.want)
		}
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
