package match

import (
	"regexp"
	"testing"

	glconfig "github.com/zricethezav/gitleaks/v8/config"
)

func TestPathAllowedIsGitleaksPathAllowed(t *testing.T) {
	cfg := defaultConfig(t)
	// A flag at the start of one path carries over to the later ones when
	// gitleaks joins them: (?:(?i)\.png$|vendor/) also allows VENDOR/.
	own := &glconfig.Allowlist{Paths: []*regexp.Regexp{regexp.MustCompile(`(?i)\.png$`), regexp.MustCompile(`vendor/`)}}
	if err := own.Validate(); err != nil {
		t.Fatal(err)
	}
	cfg.Allowlists = append(cfg.Allowlists[:len(cfg.Allowlists):len(cfg.Allowlists)], own)
	m := New(cfg, 0)
	for _, f := range m.pathFilters {
		f.asked.Store(pathFilterAfter) // past the first paths, which skip the filter
	}
	paths := []string{
		"", "main.go", "a/b/c.txt", "img/logo.PNG", "x.png.txt", "go.mod", "sub/go.sum", "vendor/modules.txt",
		"vendor/github.com/x/y.go", "VENDOR/x", "node_modules/a/b.js", "src/node_modules", "gitleaks.toml",
		"lib/python3.11/site-packages/x.py", "venv/lib64/x", "foo-1.2.dist-info/RECORD", "app/jquery-3.1.min.js",
		"\u212a.png", "caf\u00e9/x.PDF", "x.gem", "x.gemspec", ".git", "a/.git", "a/.github/x.yml",
	}
	for _, a := range cfg.Allowlists {
		for _, p := range paths {
			if got, want := m.pathAllowed(a, p), a.PathAllowed(p); got != want {
				t.Errorf("pathAllowed(%q) = %v, gitleaks says %v", p, got, want)
			}
		}
	}
	if !m.pathAllowed(own, "VENDOR/x") {
		t.Errorf("the (?i) of the first path does not carry over")
	}
	for _, a := range cfg.Allowlists {
		if m.pathFilters[a].prefilter == nil {
			t.Errorf("allowlist %q: no prefilter", a.Description)
		}
	}
}
