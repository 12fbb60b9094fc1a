package config

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/nhilint/nhilint/internal/finding"
)

// topLevel are the keys of .nhilint.yaml. Adding a key is one entry here and
// one function below; keep schema/nhilint.schema.json in step.
var topLevel = fields[*Config]{
	"version":       decodeVersion,
	"include":       func(d *decoder, v *yaml.Node, at keyPath, c *Config) { c.Include, _ = d.strings(v, at, checkGlob) },
	"exclude":       func(d *decoder, v *yaml.Node, at keyPath, c *Config) { c.Exclude, _ = d.strings(v, at, checkGlob) },
	"max-file-size": decodeMaxFileSize,
	"fail-on":       decodeFailOn,
	"rules":         func(d *decoder, v *yaml.Node, at keyPath, c *Config) { decodeMapping(d, v, at, ruleFields, &c.Rules) },
	"rule-files":    decodeRuleFiles,
	"allowlists":    decodeAllowlists,
	"policy": func(d *decoder, v *yaml.Node, at keyPath, c *Config) {
		decodeMapping(d, v, at, policyFields, &c.Policy)
	},
	"identities": decodeIdentities,
}

var policyFields = fields[*Policy]{
	"max-lifetime": func(d *decoder, v *yaml.Node, at keyPath, p *Policy) {
		if dur, ok := d.duration(v, at); ok {
			p.MaxLifetime = dur
		}
	},
	"fail-on-lifetimes": func(d *decoder, v *yaml.Node, at keyPath, p *Policy) {
		p.FailOnLifetimes, _ = d.strings(v, at, func(s string) string {
			switch s {
			case "long-lived", "short-lived", "unknown":
				return ""
			}
			return fmt.Sprintf("unknown lifetime class %q (want long-lived, short-lived or unknown)", s)
		})
		if p.FailOnLifetimes == nil && v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
			p.FailOnLifetimes = []string{} // an explicit empty list: no lifetime class fails
		}
	},
}

// duration decodes a positive duration such as 90d.
func (d *decoder) duration(v *yaml.Node, at keyPath) (time.Duration, bool) {
	if v.Kind != yaml.ScalarNode {
		d.errorf(v, at, "want a duration such as 90d, got %s", describe(v))
		return 0, false
	}
	dur, err := ParseDuration(v.Value)
	switch {
	case err != nil:
		d.errorf(v, at, "%v", err)
	case dur <= 0:
		d.errorf(v, at, "duration must be greater than zero")
	default:
		return dur, true
	}
	return 0, false
}

// currentVersion is the only version of the file format there is.
const currentVersion = 1

func decodeVersion(d *decoder, v *yaml.Node, at keyPath, c *Config) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" {
		d.errorf(v, at, "want an integer, got %s", describe(v))
		return
	}
	if v.Value != strconv.Itoa(currentVersion) {
		d.errorf(v, at, "unsupported version %s (want %d)", v.Value, currentVersion)
		return
	}
	c.Version = currentVersion
}

func decodeMaxFileSize(d *decoder, v *yaml.Node, at keyPath, c *Config) {
	if v.Kind != yaml.ScalarNode || (v.ShortTag() != "!!int" && v.ShortTag() != "!!str") {
		d.errorf(v, at, "want a size such as 5MB, got %s", describe(v))
		return
	}
	size, err := ParseSize(v.Value)
	switch {
	case err != nil:
		d.errorf(v, at, "%v", err)
	case size == 0:
		// 0 would read as "no limit" to some and "skip everything" to
		// others; leaving the key out is the way to say "default".
		d.errorf(v, at, "size must be greater than zero")
	default:
		c.MaxFileSize = size
	}
}

func decodeFailOn(d *decoder, v *yaml.Node, at keyPath, c *Config) {
	c.FailOn, _ = d.enum(v, at, "level", "error", "warning", "note", "none")
}

// decodeRuleFiles resolves each file against the directory of the
// configuration, so a config works from whatever directory nhilint runs in.
func decodeRuleFiles(d *decoder, v *yaml.Node, at keyPath, c *Config) {
	files, _ := d.strings(v, at, checkNotEmpty("file name"))
	for _, f := range files {
		f = filepath.FromSlash(f)
		if !filepath.IsAbs(f) {
			f = filepath.Join(filepath.Dir(d.file), f)
		}
		c.RuleFiles = append(c.RuleFiles, f)
	}
}

var ruleFields = fields[*Rules]{
	"disable":  decodeDisable,
	"severity": decodeSeverity,
}

func decodeDisable(d *decoder, v *yaml.Node, at keyPath, r *Rules) {
	first := map[string]int{}
	d.eachItem(v, at, "rule ids", func(_ int, item *yaml.Node, at keyPath) {
		id, ok := d.ruleID(item, at)
		if !ok {
			return
		}
		if line, dup := first[id]; dup {
			d.errorf(item, at, "rule %q is already disabled at line %d", id, line)
			return
		}
		first[id] = item.Line
		r.Disable = append(r.Disable, id)
		r.DisablePos = append(r.DisablePos, Pos{item.Line, item.Column})
	})
}

func decodeSeverity(d *decoder, v *yaml.Node, at keyPath, r *Rules) {
	d.eachKey(v, at, func(id string, k, v *yaml.Node) {
		at := at.key(id)
		if id == "" {
			d.errorf(k, at, "empty rule id")
			return
		}
		s, ok := d.str(v, at)
		if !ok {
			return
		}
		switch level := finding.Level(s); level {
		case finding.LevelError, finding.LevelWarning, finding.LevelNote:
			if r.Severity == nil {
				r.Severity = map[string]finding.Level{}
				r.SeverityPos = map[string]Pos{}
			}
			r.Severity[id] = level
			r.SeverityPos[id] = Pos{k.Line, k.Column}
		case finding.LevelNone:
			d.errorf(v, at, "unknown level %q (want error, warning, note; to turn a rule off, list it in rules.disable)", s)
		default:
			d.errorf(v, at, "unknown level %q (want error, warning, note)", s)
		}
	})
}

func (d *decoder) ruleID(n *yaml.Node, at keyPath) (string, bool) {
	id, ok := d.str(n, at)
	if ok && id == "" {
		d.errorf(n, at, "empty rule id")
		return "", false
	}
	return id, ok
}

func decodeAllowlists(d *decoder, v *yaml.Node, at keyPath, c *Config) {
	d.eachItem(v, at, "allowlists", func(_ int, item *yaml.Node, at keyPath) {
		c.Allowlists = append(c.Allowlists, d.allowlist(item, at))
	})
}

var allowlistFields = fields[*Allowlist]{
	"description": func(d *decoder, v *yaml.Node, at keyPath, a *Allowlist) { a.Description, _ = d.str(v, at) },
	"rules": func(d *decoder, v *yaml.Node, at keyPath, a *Allowlist) {
		d.eachItem(v, at, "rule ids", func(_ int, item *yaml.Node, at keyPath) {
			if id, ok := d.ruleID(item, at); ok {
				a.Rules = append(a.Rules, id)
				a.RulesPos = append(a.RulesPos, Pos{item.Line, item.Column})
			}
		})
	},
	"paths":   func(d *decoder, v *yaml.Node, at keyPath, a *Allowlist) { a.Paths, _ = d.strings(v, at, checkGlob) },
	"regexes": decodeRegexes,
	"regex-target": func(d *decoder, v *yaml.Node, at keyPath, a *Allowlist) {
		a.RegexTarget, _ = d.enum(v, at, "regex target", RegexTargetSecret, RegexTargetMatch, RegexTargetLine)
	},
	"stopwords": func(d *decoder, v *yaml.Node, at keyPath, a *Allowlist) {
		a.Stopwords, _ = d.strings(v, at, checkNotEmpty("stopword"))
	},
	"fingerprints": func(d *decoder, v *yaml.Node, at keyPath, a *Allowlist) {
		a.Fingerprints, _ = d.strings(v, at, checkFingerprint)
	},
	"condition": func(d *decoder, v *yaml.Node, at keyPath, a *Allowlist) {
		a.Condition, _ = d.enum(v, at, "condition", ConditionOr, ConditionAnd)
	},
}

// allowlist decodes one allowlist and checks it as a whole once its keys
// are known to be sound, so one typo does not also read as "no criteria".
func (d *decoder) allowlist(n *yaml.Node, at keyPath) Allowlist {
	a := Allowlist{Line: n.Line, Column: n.Column}
	before := len(d.errs)
	decodeMapping(d, n, at, allowlistFields, &a)
	if len(d.errs) > before {
		return a
	}
	if len(a.Paths)+len(a.Regexes)+len(a.Stopwords)+len(a.Fingerprints) == 0 {
		d.errorf(n, at, "allowlist has no criteria, so it would allow nothing (give paths, regexes, stopwords or fingerprints)")
	}
	if a.RegexTarget != "" && len(a.Regexes) == 0 {
		d.errorf(n, at, "regex-target is set but there are no regexes")
	}
	if a.RegexTarget == "" {
		a.RegexTarget = RegexTargetSecret
	}
	if a.Condition == "" {
		a.Condition = ConditionOr
	}
	return a
}

func decodeRegexes(d *decoder, v *yaml.Node, at keyPath, a *Allowlist) {
	d.eachItem(v, at, "regexes", func(_ int, item *yaml.Node, at keyPath) {
		s, ok := d.str(item, at)
		if !ok {
			return
		}
		if s == "" {
			d.errorf(item, at, "empty regex would match every finding")
			return
		}
		re, err := regexp.Compile(s)
		if err != nil {
			d.errorf(item, at, "invalid regex: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			return
		}
		a.Regexes = append(a.Regexes, re)
	})
}

// checkGlob validates a doublestar pattern matched against slash-separated
// paths relative to the scan root, which never start with "/" or "./".
func checkGlob(p string) string {
	switch {
	case p == "":
		return "empty pattern"
	case strings.HasPrefix(p, "./"):
		rel := p
		for strings.HasPrefix(rel, "./") {
			rel = rel[2:]
		}
		return fmt.Sprintf("pattern %q starts with \"./\"; paths are relative to the scan root, so write %q", p, rel)
	case strings.HasPrefix(p, "/"):
		return fmt.Sprintf("pattern %q is absolute; paths are relative to the scan root", p)
	case !doublestar.ValidatePattern(p):
		return fmt.Sprintf("invalid glob pattern %q", p)
	}
	return ""
}

func checkNotEmpty(what string) func(string) string {
	return func(s string) string {
		if s == "" {
			return "empty " + what
		}
		return ""
	}
}

// fingerprintRE is the shape of finding fingerprints: 16 bytes in hex.
var fingerprintRE = regexp.MustCompile(`^[0-9a-f]{32}$`)

// checkFingerprint does not quote the value: a secret pasted here by
// mistake must not end up in CI logs.
func checkFingerprint(s string) string {
	if !fingerprintRE.MatchString(s) {
		return "invalid fingerprint (want the 32 lowercase hexadecimal digits a report prints)"
	}
	return ""
}
