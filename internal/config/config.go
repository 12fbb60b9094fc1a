// Package config loads .nhilint.yaml, the project configuration that a
// repository commits next to its code.
//
// The loader is strict: an unknown key, a value of the wrong type, a bad
// glob, regex or size is an error, and every such error names the file, the
// line and column, and the key path ("rules.severity.github-pat"), so a typo
// never silently changes what a scan reports. All errors of a file are
// reported together. An empty file is a valid, zero configuration, and a key
// with an empty value ("include:") is the same as a key left out.
package config

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
)

// FileNames are the names Find looks for, in order of preference.
var FileNames = []string{".nhilint.yaml", ".nhilint.yml"}

// Config is a decoded .nhilint.yaml. The zero value is the empty
// configuration: every field unset, so the CLI's defaults apply.
type Config struct {
	// Path is the file the configuration came from ("" for none).
	Path string
	// Version is the schema version: 0 when the file does not say, else 1.
	Version int
	// Include and Exclude are doublestar globs matched against
	// slash-separated paths relative to the scan root (source.Item.Rel).
	Include []string
	Exclude []string
	// MaxFileSize is the size in bytes above which a file is skipped;
	// 0 means unset.
	MaxFileSize int64
	// FailOn is the lowest level that fails the scan: "error", "warning",
	// "note" or "none"; "" means unset.
	FailOn string
	Rules  Rules
	// RuleFiles are extra gitleaks-format TOML rule files, resolved against
	// the directory of the configuration file.
	RuleFiles []string
	// Allowlists silence findings; a finding any allowlist matches is
	// reported as suppressed.
	Allowlists []Allowlist
	// Policy sets what counts as a long-lived credential and which
	// lifetime classes fail a scan.
	Policy Policy
	// Identities are the non-human identities the project declares, in
	// file order; names are unique.
	Identities []Identity
}

// Policy is the credential lifetime policy.
type Policy struct {
	// MaxLifetime is the longest validity a credential may have before it
	// counts as long-lived (NHI7); 0 means unset (the default, 90 days).
	MaxLifetime time.Duration
	// FailOnLifetimes lists the lifetime classes ("long-lived",
	// "short-lived", "unknown") whose findings fail the scan; nil means unset
	// (all of them).
	FailOnLifetimes []string
}

// Rules turns rules off and overrides their levels.
type Rules struct {
	// Disable lists rule ids to turn off.
	Disable []string
	// Severity maps a rule id to the level its findings get.
	Severity map[string]finding.Level

	// DisablePos[i] is where Disable[i] was written.
	DisablePos []Pos
	// SeverityPos[id] is where the key of Severity[id] was written.
	SeverityPos map[string]Pos
}

// Values of Allowlist.RegexTarget.
const (
	RegexTargetSecret = "secret" // the secret itself (default)
	RegexTargetMatch  = "match"  // the whole text the rule matched
	RegexTargetLine   = "line"   // the line the finding is on
)

// Values of Allowlist.Condition.
const (
	ConditionOr  = "or"  // any given criterion matching is enough (default)
	ConditionAnd = "and" // every given criterion must match
)

// Allowlist silences findings that match its criteria. The criteria are
// Paths, Regexes, Stopwords and Fingerprints; Condition says whether one of
// the given criteria or all of them must match. The decoder guarantees that
// at least one criterion is given.
type Allowlist struct {
	// Description says why the findings are allowed; reports show it as the
	// suppression's justification.
	Description string
	// Rules limits the allowlist to these rule ids; empty means all rules.
	Rules []string
	// Paths are doublestar globs matched against the finding's path
	// (suppress.Allowlist documents how).
	Paths []string
	// Regexes are matched against the text RegexTarget names.
	Regexes []*regexp.Regexp
	// RegexTarget is RegexTargetSecret, RegexTargetMatch or RegexTargetLine;
	// never empty after decoding.
	RegexTarget string
	// Stopwords match when the secret contains any of them, ignoring case.
	Stopwords []string
	// Fingerprints are finding fingerprints (finding.Finding.Fingerprint).
	Fingerprints []string
	// Condition is ConditionOr or ConditionAnd; never empty after decoding.
	Condition string

	// Line and Column are where the allowlist was written.
	Line, Column int
	// RulesPos[i] is where Rules[i] was written.
	RulesPos []Pos
}

// Pos is a 1-based line and column in the configuration file.
type Pos struct {
	Line, Column int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Find returns the configuration file in root, if there is one. It prefers
// .nhilint.yaml to .nhilint.yml and ignores anything that is not a regular
// file (a directory of that name, a dangling symlink).
func Find(root string) (string, bool) {
	for _, name := range FileNames {
		path := filepath.Join(root, name)
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			return path, true
		}
	}
	return "", false
}

// Load reads and decodes the configuration file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		// The *fs.PathError already names the file.
		return nil, fmt.Errorf("loading config: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes a configuration whose text is data. Path names the file in
// errors and anchors RuleFiles; it need not exist. On error the result is
// nil and the error joins one *Error per problem, in file order.
func Parse(path string, data []byte) (*Config, error) {
	cfg := &Config{Path: path}
	d := &decoder{file: path}
	root := d.document(data)
	if root != nil {
		decodeMapping(d, root, "", topLevel, cfg)
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	return cfg, nil
}
