package secrets

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	glconfig "github.com/zricethezav/gitleaks/v8/config"
)

// TestTranslateHalvesIsTranslate checks that translating a config in two
// halves at once gives what gitleaks' Translate gives for the whole.
func TestTranslateHalvesIsTranslate(t *testing.T) {
	for name, data := range map[string]string{
		"gitleaks default": glconfig.DefaultConfig,
		"duplicate ids": `
[[rules]]
id = "a"
regex = '''a{3}'''
keywords = ["A"]
[[rules]]
id = "b"
regex = '''b{3}'''
[[rules.allowlists]]
stopwords = ["bbbb", "BBBC"]
[[rules]]
id = "a"
regex = '''aa{4}'''
[allowlist]
paths = ['''x\.y''']
`,
	} {
		t.Run(name, func(t *testing.T) {
			vc, err := parseViper(name, []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			whole, err := translateViper(name, vc)
			if err != nil {
				t.Fatal(err)
			}
			vc, _ = parseViper(name, []byte(data))
			halves, err := translateHalves(name, vc)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := summary(halves), summary(whole); got != want {
				t.Errorf("halves differ from the whole:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// summary prints what the matcher reads from a config, in a fixed order.
func summary(c glconfig.Config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ordered %v\n", c.OrderedRules)
	keywords := make([]string, 0, len(c.Keywords))
	for k := range c.Keywords {
		keywords = append(keywords, k)
	}
	slices.Sort(keywords)
	fmt.Fprintf(&b, "keywords %v\n", keywords)
	allowlist := func(a *glconfig.Allowlist) string {
		sw := slices.Sorted(slices.Values(a.StopWords))
		return fmt.Sprintf("{%s %v %v %v %q %v}", a.Description, a.MatchCondition, a.Paths, a.Regexes, a.RegexTarget, sw)
	}
	for _, a := range c.Allowlists {
		fmt.Fprintf(&b, "global %s\n", allowlist(a))
	}
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := c.Rules[id]
		fmt.Fprintf(&b, "rule %s %q %v %v %d %v %v %v %v", id, r.Description, r.Regex, r.Path, r.SecretGroup, r.Entropy, r.Keywords, r.Tags, r.SkipReport)
		for _, a := range r.Allowlists {
			b.WriteString(" " + allowlist(a))
		}
		b.WriteString("\n")
	}
	return b.String()
}
