package secrets

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2"
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

// loadRuleSet returns the rule set and, for the rules of embedded files
// (gitleaks' defaults and nhilint's own), the functions that compile them:
// those rules are in the set without expressions or allowlists until the
// matcher first needs them (see translateDeferred).
func loadRuleSet(gitleaksConfig string, ours []RuleFile, extra []string, disabled []string) (glconfig.Config, map[string]func() glconfig.Rule, error) {
	var base glconfig.Config
	deferred := map[string]func() glconfig.Rule{}
	var err error
	if gitleaksConfig != "" {
		base, err = loadRepoConfig(gitleaksConfig, 0)
	} else {
		base, err = translateDeferred("gitleaks default config", []byte(glconfig.DefaultConfig), deferred)
	}
	if err != nil {
		return glconfig.Config{}, nil, err
	}
	for _, rf := range ours {
		compile := map[string]func() glconfig.Rule{}
		cfg, err := translateDeferred(rf.Name, rf.Data, compile)
		if err != nil {
			return glconfig.Config{}, nil, err
		}
		for _, id := range addRules(&base, cfg) {
			if f, ok := compile[id]; ok {
				deferred[id] = f
			}
		}
	}
	for _, path := range extra {
		data, err := os.ReadFile(path)
		if err != nil {
			return glconfig.Config{}, nil, fmt.Errorf("rule file: %w", err)
		}
		cfg, err := translateNoExtend(path, data)
		if err != nil {
			return glconfig.Config{}, nil, err
		}
		addRules(&base, cfg)
	}
	for _, id := range disabled {
		delete(base.Rules, id)
		delete(deferred, id)
	}
	base.OrderedRules = slices.DeleteFunc(base.OrderedRules, func(id string) bool {
		_, ok := base.Rules[id]
		return !ok
	})
	rebuildKeywords(&base)
	return base, deferred, nil
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
	cfg, err := translateHalves(path, vc)
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

// addRules adds the rules and allowlists of an nhilint rule file and returns
// the ids of the rules added. A rule id that is already defined keeps its
// existing definition, so a team's .gitleaks.toml can retune one of our rules.
func addRules(dst *glconfig.Config, src glconfig.Config) []string {
	var added []string
	for _, id := range src.OrderedRules {
		if _, exists := dst.Rules[id]; exists {
			continue // the user's .gitleaks.toml wins over our default
		}
		dst.Rules[id] = src.Rules[id]
		dst.OrderedRules = append(dst.OrderedRules, id)
		added = append(added, id)
	}
	dst.Allowlists = append(dst.Allowlists, src.Allowlists...)
	sort.Strings(dst.OrderedRules)
	return added
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
	return translateHalves(name, vc)
}

// translateDeferred is translateNoExtend for an embedded rule file, whose
// rules are known to compile (TestDeferredIsTranslate compiles them all). It
// compiles the global allowlists, which every file is checked against, but
// leaves each rule without its expressions, allowlists and stopword tries,
// adding to compile a function that translates the rule alone, once. Compiling
// gitleaks' defaults is most of nhilint's start-up, and a pre-commit run
// triggers a few of them. Rules that depend on one another (composite rules,
// allowlists with targetRules) are translated at once, as gitleaks does.
func translateDeferred(name string, data []byte, compile map[string]func() glconfig.Rule) (glconfig.Config, error) {
	vc, err := parseEmbedded(name, data)
	if err != nil {
		return glconfig.Config{}, err
	}
	if name == "gitleaks default config" {
		vc.Extend = glconfig.Extend{}
	} else if vc.Extend.UseDefault || vc.Extend.Path != "" || vc.Extend.URL != "" {
		return glconfig.Config{}, fmt.Errorf("%s: [extend] is not allowed in an nhilint rule file (rules are added to the active set)", name)
	}
	if !independentRules(vc) {
		return translateHalves(name, vc)
	}
	globals := *vc
	globals.Rules = nil
	cfg, err := translateViper(name, &globals)
	if err != nil {
		return glconfig.Config{}, err
	}
	for i, vr := range vc.Rules {
		// The stub holds what Translate sets without compiling anything.
		keywords := make([]string, len(vr.Keywords))
		for j, k := range vr.Keywords {
			keywords[j] = strings.ToLower(k)
			cfg.Keywords[keywords[j]] = struct{}{}
		}
		tags := slices.Clone(vr.Tags)
		if tags == nil {
			tags = []string{}
		}
		cfg.Rules[vr.ID] = glconfig.Rule{
			RuleID:      vr.ID,
			Description: vr.Description,
			SecretGroup: vr.SecretGroup,
			Entropy:     vr.Entropy,
			Keywords:    keywords,
			Tags:        tags,
			SkipReport:  vr.SkipReport,
		}
		cfg.OrderedRules = append(cfg.OrderedRules, vr.ID)
		one := glconfig.ViperConfig{Title: vc.Title, Description: vc.Description, MinVersion: vc.MinVersion}
		// Translate lowercases a rule's keywords in place: give it its own.
		one.Rules = slices.Clone(vc.Rules[i : i+1])
		one.Rules[0].Keywords = slices.Clone(vr.Keywords)
		id := vr.ID
		// Translate would build an Aho-Corasick automaton of each allowlist's
		// stopwords, 8 MB for generic-api-key's, which the matcher does not
		// use (see match.stopwordSet): they are taken out and put back after.
		// An allowlist whose only check is its stopwords keeps them, as
		// Translate would reject it; so does the deprecated single form,
		// which would shift the indices.
		var stopwords [][]string
		if r := &one.Rules[0]; r.AllowList == nil && len(r.Allowlists) > 0 {
			stopwords = make([][]string, len(r.Allowlists))
			r.Allowlists = slices.Clone(r.Allowlists)
			for i, a := range r.Allowlists {
				if len(a.StopWords) == 0 || len(a.Commits)+len(a.Paths)+len(a.Regexes) == 0 {
					continue
				}
				stopwords[i] = lowerUnique(a.StopWords)
				stripped := *a
				stripped.StopWords = nil
				r.Allowlists[i] = &stripped
			}
		}
		compile[id] = sync.OnceValue(func() glconfig.Rule {
			c, err := translateViper(name, &one)
			if err != nil {
				panic(fmt.Sprintf("embedded rule %s: %v", id, err))
			}
			r := c.Rules[id]
			for i, words := range stopwords {
				if words != nil {
					r.Allowlists[i].StopWords = words
				}
			}
			return r
		})
	}
	return cfg, nil
}

func translate(name string, data []byte) (glconfig.Config, error) {
	vc, err := parseViper(name, data)
	if err != nil {
		return glconfig.Config{}, err
	}
	vc.Extend = glconfig.Extend{}
	return translateHalves(name, vc)
}

// translateHalves is translateViper for a config without [extend], done in
// two halves at once: compiling gitleaks' 222 default rules (their regexes,
// allowlists and stopword tries) is most of nhilint's start-up, and a
// pre-commit hook waits for it. The halves are independent when no rule
// requires another and no allowlist targets rules; the first half carries
// the global allowlists. Otherwise the config is translated whole.
func translateHalves(name string, vc *glconfig.ViperConfig) (glconfig.Config, error) {
	if len(vc.Rules) < 2 || !independentRules(vc) {
		return translateViper(name, vc)
	}
	inFirst := balancedHalves(vc)
	first, second := *vc, *vc
	first.Rules, second.Rules = nil, nil
	for i, r := range vc.Rules {
		if inFirst[i] {
			first.Rules = append(first.Rules, r)
		} else {
			second.Rules = append(second.Rules, r)
		}
	}
	second.AllowList, second.Allowlists = nil, nil
	var (
		cfg2 glconfig.Config
		err2 error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		cfg2, err2 = translateViper(name, &second)
	}()
	cfg, err := translateViper(name, &first)
	<-done
	if err != nil {
		return glconfig.Config{}, err
	}
	if err2 != nil {
		return glconfig.Config{}, err2
	}
	// OrderedRules lists the rules in file order, as Translate does (rules
	// sharing an id were translated in the same half, so the last one won
	// there as it would have here).
	cfg.OrderedRules = cfg.OrderedRules[:0]
	for i, r := range vc.Rules {
		cfg.OrderedRules = append(cfg.OrderedRules, r.ID)
		if !inFirst[i] {
			cfg.Rules[r.ID] = cfg2.Rules[r.ID]
		}
	}
	for k := range cfg2.Keywords {
		cfg.Keywords[k] = struct{}{}
	}
	return cfg, nil
}

// balancedHalves splits vc's rules into two sets of about the same compile
// cost, the global allowlists counting in the first (largest first, each to
// the lighter half). The cost is roughly the bytes of expressions to compile
// and of stopwords to put in tries; gitleaks' generic-api-key, with some
// 1,500 stopwords, is a third of the default rules' cost on its own. Rules
// sharing an id stay together so that the last definition wins, as in
// Translate.
func balancedHalves(vc *glconfig.ViperConfig) []bool {
	costByID := map[string]int{}
	var ids []string
	for _, r := range vc.Rules {
		c := len(r.Regex) + len(r.Path)
		if a := r.AllowList; a != nil {
			c += allowlistCost(a.Regexes, a.Paths, a.StopWords)
		}
		for _, a := range r.Allowlists {
			c += allowlistCost(a.Regexes, a.Paths, a.StopWords)
		}
		if _, seen := costByID[r.ID]; !seen {
			ids = append(ids, r.ID)
		}
		costByID[r.ID] += c
	}
	var load [2]int
	for _, a := range vc.Allowlists {
		load[0] += allowlistCost(a.Regexes, a.Paths, a.StopWords)
	}
	if a := vc.AllowList; a != nil {
		load[0] += allowlistCost(a.Regexes, a.Paths, a.StopWords)
	}
	sort.SliceStable(ids, func(i, j int) bool { return costByID[ids[i]] > costByID[ids[j]] })
	first := map[string]bool{}
	for _, id := range ids {
		h := 0
		if load[1] < load[0] {
			h = 1
		}
		load[h] += costByID[id]
		first[id] = h == 0
	}
	in := make([]bool, len(vc.Rules))
	for i, r := range vc.Rules {
		in[i] = first[r.ID]
	}
	return in
}

func allowlistCost(regexes, paths, stopwords []string) int {
	n := 0
	for _, l := range [][]string{regexes, paths} {
		for _, s := range l {
			n += len(s)
		}
	}
	// A byte of stopword costs more than a byte of expression: each is a
	// trie node with a map of children (measured on gitleaks' defaults).
	for _, s := range stopwords {
		n += stopwordWeight * len(s)
	}
	return n
}

const stopwordWeight = 2

// independentRules reports whether each rule of vc translates on its own:
// no composite rules ([[rules.required]]) and no allowlists with targetRules.
func independentRules(vc *glconfig.ViperConfig) bool {
	for _, r := range vc.Rules {
		if len(r.Required) > 0 {
			return false
		}
	}
	for _, a := range vc.Allowlists {
		if a == nil || len(a.TargetRules) > 0 {
			return false
		}
	}
	return vc.AllowList == nil || len(vc.AllowList.TargetRules) == 0
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

// parseEmbedded is parseViper for an embedded rule file, decoding the TOML
// straight into the struct instead of through viper's map of lower-cased
// keys and mapstructure, which takes three times as long. The two agree on
// the embedded files (TestParseEmbeddedIsParseViper); viper stays for the
// files users write, whose loose typing (a string for a list, say) viper
// accepts and gitleaks with it.
func parseEmbedded(name string, data []byte) (*glconfig.ViperConfig, error) {
	var vc glconfig.ViperConfig
	if err := toml.Unmarshal(data, &vc); err != nil {
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

// lowerUnique is a list of stopwords as Allowlist.Validate leaves it: lower
// case, each once (sorted here; the order does not matter).
func lowerUnique(words []string) []string {
	unique := make(map[string]struct{}, len(words))
	for _, w := range words {
		unique[strings.ToLower(w)] = struct{}{}
	}
	return slices.Sorted(maps.Keys(unique))
}
