package secrets

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/viper"
	glconfig "github.com/zricethezav/gitleaks/v8/config"
)

// A rule set is built from four layers, later layers adding to earlier ones:
//
//  1. gitleaks' default rules, or the repository's .gitleaks.toml when it has
//     one (which, as in gitleaks, replaces the defaults unless it says
//     [extend] useDefault = true, or extends another file);
//  2. nhilint's own rule files embedded from rules/gitleaks;
//  3. rule files named in .nhilint.yaml (rule-files:);
//  4. rules disabled in .nhilint.yaml are removed.
//
// gitleaks resolves [extend] through a process-global viper and a global depth
// counter that is never reset, so a second config load in one process silently
// stops extending. We therefore translate every file on its own, without
// [extend], and merge the results here with gitleaks' merge semantics.

// RuleFile is one gitleaks-format TOML document.
type RuleFile struct {
	Name string
	Data []byte
}

// maxExtendDepth matches gitleaks: a config may extend one that extends one more.
const maxExtendDepth = 2

func loadRuleSet(gitleaksConfig string, ours []RuleFile, extra []string, disabled []string) (glconfig.Config, error) {
	var base glconfig.Config
	var err error
	if gitleaksConfig != "" {
		base, err = loadRepoConfig(gitleaksConfig, 0)
	} else {
		base, err = translate("gitleaks default config", []byte(glconfig.DefaultConfig))
	}
	if err != nil {
		return glconfig.Config{}, err
	}
	for _, rf := range ours {
		cfg, err := translateNoExtend(rf.Name, rf.Data)
		if err != nil {
			return glconfig.Config{}, err
		}
		addRules(&base, cfg)
	}
	for _, path := range extra {
		data, err := os.ReadFile(path)
		if err != nil {
			return glconfig.Config{}, fmt.Errorf("rule file: %w", err)
		}
		cfg, err := translateNoExtend(path, data)
		if err != nil {
			return glconfig.Config{}, err
		}
		addRules(&base, cfg)
	}
	for _, id := range disabled {
		delete(base.Rules, id)
	}
	base.OrderedRules = slices.DeleteFunc(base.OrderedRules, func(id string) bool {
		_, ok := base.Rules[id]
		return !ok
	})
	rebuildKeywords(&base)
	return base, nil
}

// loadRepoConfig reads a .gitleaks.toml, resolving [extend] ourselves.
func loadRepoConfig(path string, depth int) (glconfig.Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return glconfig.Config{}, fmt.Errorf("gitleaks config: %w", err)
	}
	vc, err := parseViper(path, data)
	if err != nil {
		return glconfig.Config{}, err
	}
	extend := vc.Extend
	vc.Extend = glconfig.Extend{}
	cfg, err := translateViper(path, vc)
	if err != nil {
		return glconfig.Config{}, err
	}
	if extend.URL != "" {
		return glconfig.Config{}, fmt.Errorf("%s: [extend] url is not supported (nhilint makes no network calls); download the file and use path", path)
	}
	if extend.Path != "" && extend.UseDefault {
		return glconfig.Config{}, fmt.Errorf("%s: [extend] cannot set both path and useDefault", path)
	}
	if !extend.UseDefault && extend.Path == "" {
		return cfg, nil
	}
	if depth >= maxExtendDepth {
		return cfg, nil
	}
	var parent glconfig.Config
	if extend.UseDefault {
		parent, err = translate("gitleaks default config", []byte(glconfig.DefaultConfig))
	} else {
		p := extend.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		parent, err = loadRepoConfig(p, depth+1)
	}
	if err != nil {
		return glconfig.Config{}, err
	}
	return extendConfig(cfg, parent, extend.DisabledRules), nil
}

// extendConfig merges child on top of parent the way gitleaks' extend does:
// rules only in the parent are added (unless disabled), rules in both take the
// child's non-empty fields and the union of tags, keywords and allowlists.
func extendConfig(child, parent glconfig.Config, disabled []string) glconfig.Config {
	off := map[string]bool{}
	for _, id := range disabled {
		off[id] = true
	}
	for id, baseRule := range parent.Rules {
		if off[id] {
			continue
		}
		cur, ok := child.Rules[id]
		if !ok {
			child.Rules[id] = baseRule
			child.OrderedRules = append(child.OrderedRules, id)
			continue
		}
		if cur.Description != "" {
			baseRule.Description = cur.Description
		}
		if cur.Entropy != 0 {
			baseRule.Entropy = cur.Entropy
		}
		if cur.SecretGroup != 0 {
			baseRule.SecretGroup = cur.SecretGroup
		}
		if cur.Regex != nil {
			baseRule.Regex = cur.Regex
		}
		if cur.Path != nil {
			baseRule.Path = cur.Path
		}
		baseRule.Tags = append(slices.Clone(baseRule.Tags), cur.Tags...)
		baseRule.Keywords = append(slices.Clone(baseRule.Keywords), cur.Keywords...)
		baseRule.Allowlists = append(slices.Clone(baseRule.Allowlists), cur.Allowlists...)
		child.Rules[id] = baseRule
	}
	child.Allowlists = append(child.Allowlists, parent.Allowlists...)
	sort.Strings(child.OrderedRules)
	rebuildKeywords(&child)
	return child
}

// addRules adds the rules and allowlists of an nhilint rule file. A rule id
// that is already defined keeps its existing definition, so a team's
// .gitleaks.toml can retune one of our rules.
func addRules(dst *glconfig.Config, src glconfig.Config) {
	for _, id := range src.OrderedRules {
		if _, exists := dst.Rules[id]; exists {
			continue // the user's .gitleaks.toml wins over our default
		}
		dst.Rules[id] = src.Rules[id]
		dst.OrderedRules = append(dst.OrderedRules, id)
	}
	dst.Allowlists = append(dst.Allowlists, src.Allowlists...)
	sort.Strings(dst.OrderedRules)
}

func rebuildKeywords(c *glconfig.Config) {
	c.Keywords = map[string]struct{}{}
	for _, r := range c.Rules {
		for _, k := range r.Keywords {
			c.Keywords[strings.ToLower(k)] = struct{}{}
		}
	}
}

func translateNoExtend(name string, data []byte) (glconfig.Config, error) {
	vc, err := parseViper(name, data)
	if err != nil {
		return glconfig.Config{}, err
	}
	if vc.Extend.UseDefault || vc.Extend.Path != "" || vc.Extend.URL != "" {
		return glconfig.Config{}, fmt.Errorf("%s: [extend] is not allowed in an nhilint rule file (rules are added to the active set)", name)
	}
	return translateViper(name, vc)
}

func translate(name string, data []byte) (glconfig.Config, error) {
	vc, err := parseViper(name, data)
	if err != nil {
		return glconfig.Config{}, err
	}
	vc.Extend = glconfig.Extend{}
	return translateViper(name, vc)
}

func parseViper(name string, data []byte) (*glconfig.ViperConfig, error) {
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(string(data))); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var vc glconfig.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &vc, nil
}

// translateViper compiles a parsed config. gitleaks compiles regexes with
// MustCompile, so a bad pattern panics; we turn that into an error.
func translateViper(name string, vc *glconfig.ViperConfig) (cfg glconfig.Config, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: invalid rule: %v", name, r)
		}
	}()
	cfg, err = vc.Translate()
	if err != nil {
		return glconfig.Config{}, fmt.Errorf("%s: %w", name, err)
	}
	if cfg.Rules == nil {
		return glconfig.Config{}, errors.New(name + ": no rules table")
	}
	cfg.Path = ""
	return cfg, nil
}
