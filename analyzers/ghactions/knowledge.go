package ghactions

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v4"
)

//go:embed data/actions.yaml
var actionsYAML []byte

// actionEntry is what one action needs from the job token; see data/actions.yaml.
type actionEntry struct {
	Uses   string            `yaml:"uses"`
	Source string            `yaml:"source"`
	Token  string            `yaml:"token"`
	Needs  map[string]string `yaml:"needs"`
	When   []actionCondition `yaml:"when"`
	Script bool              `yaml:"script"`
}

type actionCondition struct {
	Present     []string          `yaml:"present"`
	Absent      []string          `yaml:"absent"`
	Equals      map[string]string `yaml:"equals"`
	Matches     map[string]string `yaml:"matches"`
	JobToken    []string          `yaml:"job-token"`
	EnvJobToken []string          `yaml:"env-job-token"`
	Needs       map[string]string `yaml:"needs"`

	matchers map[string]*regexp.Regexp
}

// actionTable is the parsed knowledge table, by action name.
var actionTable = mustLoadActions(actionsYAML)

func mustLoadActions(b []byte) map[string]*actionEntry {
	t, err := loadActions(b)
	if err != nil {
		panic(err) // the embedded table is checked by TestActionTable
	}
	return t
}

func loadActions(b []byte) (map[string]*actionEntry, error) {
	var entries []*actionEntry
	if err := yaml.Unmarshal(b, &entries); err != nil {
		return nil, fmt.Errorf("actions table: %w", err)
	}
	out := make(map[string]*actionEntry, len(entries))
	for _, e := range entries {
		name := strings.ToLower(e.Uses)
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("actions table: %s listed twice", name)
		}
		if e.Source == "" {
			return nil, fmt.Errorf("actions table: %s has no source", name)
		}
		if err := validNeeds(e.Needs); err != nil {
			return nil, fmt.Errorf("actions table: %s: %w", name, err)
		}
		for i := range e.When {
			c := &e.When[i]
			if err := validNeeds(c.Needs); err != nil {
				return nil, fmt.Errorf("actions table: %s: %w", name, err)
			}
			c.matchers = map[string]*regexp.Regexp{}
			for in, expr := range c.Matches {
				re, err := regexp.Compile("(?i)" + expr)
				if err != nil {
					return nil, fmt.Errorf("actions table: %s: %w", name, err)
				}
				c.matchers[in] = re
			}
		}
		out[name] = e
	}
	return out, nil
}

func validNeeds(m map[string]string) error {
	for scope, level := range m {
		a, ok := parseAccess(level)
		if !ok {
			return fmt.Errorf("bad access %q for %s", level, scope)
		}
		for _, s := range strings.Split(scope, "/") {
			if !scopeAccepts(s, a) {
				return fmt.Errorf("scope %s does not take %s", s, level)
			}
		}
	}
	return nil
}

// needsFrom turns a needs map into needs of one step, sorted by scope.
func needsFrom(m map[string]string, s stepRef, why string) []need {
	var out []need
	for _, scope := range sortedKeys(m) {
		a, _ := parseAccess(m[scope])
		n := need{scope: scope, access: a, step: s, why: why}
		if first, second, ok := strings.Cut(scope, "/"); ok {
			n.scope, n.alt = first, second
		}
		out = append(out, n)
	}
	return out
}
