package secrets

import (
	"reflect"
	"testing"

	glconfig "github.com/zricethezav/gitleaks/v8/config"

	"github.com/nhilint/nhilint/rules"
)

// compileAll returns cfg with its deferred rules compiled.
func compileAll(cfg glconfig.Config, deferred map[string]func() glconfig.Rule) glconfig.Config {
	out := cfg
	out.Rules = make(map[string]glconfig.Rule, len(cfg.Rules))
	for id, r := range cfg.Rules {
		if compile, ok := deferred[id]; ok {
			c := compile()
			r.Regex, r.Path, r.Allowlists, r.RequiredRules = c.Regex, c.Path, c.Allowlists, c.RequiredRules
		}
		out.Rules[id] = r
	}
	return out
}

// TestDeferredIsTranslate checks that the embedded rule files, translated
// with their rules compiled on demand, give once compiled what gitleaks'
// Translate gives, and that the stubs already hold everything else.
func TestDeferredIsTranslate(t *testing.T) {
	files := []RuleFile{{Name: "gitleaks default config", Data: []byte(glconfig.DefaultConfig)}}
	for _, rf := range rules.DetectionRuleFiles() {
		files = append(files, RuleFile{Name: "rules/gitleaks/" + rf.Name, Data: rf.Data})
	}
	for _, rf := range files {
		t.Run(rf.Name, func(t *testing.T) {
			vc, err := parseViper(rf.Name, rf.Data)
			if err != nil {
				t.Fatal(err)
			}
			vc.Extend = glconfig.Extend{}
			whole, err := translateViper(rf.Name, vc)
			if err != nil {
				t.Fatal(err)
			}
			deferred := map[string]func() glconfig.Rule{}
			lazy, err := translateDeferred(rf.Name, rf.Data, deferred)
			if err != nil {
				t.Fatal(err)
			}
			if len(deferred) != len(whole.Rules) {
				t.Errorf("%d rules deferred, want all %d", len(deferred), len(whole.Rules))
			}
			for id, r := range lazy.Rules {
				if r.Regex != nil || r.Path != nil || r.Allowlists != nil || r.RequiredRules != nil {
					t.Errorf("rule %s: compiled before it was needed", id)
				}
			}
			if got, want := summary(compileAll(lazy, deferred)), summary(whole); got != want {
				t.Errorf("deferred rules differ from Translate:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestLoadRuleSetDeferred checks the whole default rule set, deferred and
// compiled, against the same set translated at once.
func TestLoadRuleSetDeferred(t *testing.T) {
	var ours []RuleFile
	for _, rf := range rules.DetectionRuleFiles() {
		ours = append(ours, RuleFile{Name: "rules/gitleaks/" + rf.Name, Data: rf.Data})
	}
	lazy, deferred, err := loadRuleSet("", ours, nil, []string{"generic-api-key"})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := translate("gitleaks default config", []byte(glconfig.DefaultConfig))
	if err != nil {
		t.Fatal(err)
	}
	for _, rf := range ours {
		cfg, err := translateNoExtend(rf.Name, rf.Data)
		if err != nil {
			t.Fatal(err)
		}
		addRules(&whole, cfg)
	}
	delete(whole.Rules, "generic-api-key")
	whole.OrderedRules = slicesDelete(whole.OrderedRules, "generic-api-key")
	rebuildKeywords(&whole)
	if _, ok := deferred["generic-api-key"]; ok {
		t.Error("a disabled rule is still deferred")
	}
	if got, want := summary(compileAll(lazy, deferred)), summary(whole); got != want {
		t.Errorf("deferred rule set differs:\n got %s\nwant %s", got, want)
	}
}

func slicesDelete(ids []string, id string) []string {
	var out []string
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// TestParseEmbeddedIsParseViper checks that decoding the embedded rule files
// with go-toml gives the struct viper gives.
func TestParseEmbeddedIsParseViper(t *testing.T) {
	files := []RuleFile{{Name: "gitleaks default config", Data: []byte(glconfig.DefaultConfig)}}
	for _, rf := range rules.DetectionRuleFiles() {
		files = append(files, RuleFile{Name: "rules/gitleaks/" + rf.Name, Data: rf.Data})
	}
	for _, rf := range files {
		want, err := parseViper(rf.Name, rf.Data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseEmbedded(rf.Name, rf.Data)
		if err != nil {
			t.Fatal(err)
		}
		if rf.Name == "gitleaks default config" && len(want.Rules) < 200 {
			t.Fatalf("%s: %d rules decoded, want gitleaks' 200 and more", rf.Name, len(want.Rules))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: go-toml and viper decode differently:\n got %+v\nwant %+v", rf.Name, got, want)
		}
	}
}
