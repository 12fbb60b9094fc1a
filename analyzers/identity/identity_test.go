package identity_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/analyzers/identity"
	"github.com/nhilint/nhilint/internal/config"
	"github.com/nhilint/nhilint/internal/engine"
	"github.com/nhilint/nhilint/internal/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is the fixed clock of the projects' expiry dates.
var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// projectsDir holds the mini-projects: each is a directory with a
// .nhilint.yaml declaring identities, some code, scripts or CI files, and
// want.out listing the exact findings (path:line:col: rule: message).
const projectsDir = "../../testdata/identity"

func TestProjects(t *testing.T) {
	dirs, err := os.ReadDir(projectsDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), "_") {
			continue // not a project
		}
		n++
		t.Run(d.Name(), func(t *testing.T) {
			root := filepath.Join(projectsDir, d.Name())
			got := scanProject(t, root)
			golden := filepath.Join(root, "want.out")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("findings differ from %s\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
	if n < 30 {
		t.Errorf("%d projects in %s; the issue asks for at least 30", n, projectsDir)
	}
}

// scanProject runs the identity analyzer over root the way `nhilint scan`
// does and renders its findings and skips.
func scanProject(t *testing.T, root string) string {
	t.Helper()
	cfg, err := config.Load(filepath.Join(root, ".nhilint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	a := identity.New(identity.Options{
		Identities:  cfg.Identities,
		ConfigPath:  ".nhilint.yaml",
		Root:        root,
		Now:         now,
		MaxLifetime: cfg.Policy.MaxLifetime,
	})
	eng, err := engine.New(engine.Options{Analyzers: []analyzers.Analyzer{a}, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	tree, err := source.NewTree(root, source.TreeOptions{Exclude: []string{"want.out"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Run(context.Background(), tree)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	// Findings' paths start with the root, as every analyzer's do; the
	// golden files are written from inside the project.
	rel := func(p string) string { return strings.TrimPrefix(p, filepath.ToSlash(root)+"/") }
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s\n", rel(f.Location.Path), f.Location.StartLine, f.Location.StartColumn, f.RuleID, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(&b, "\trelated %s:%d\n", rel(r.Path), r.StartLine)
		}
	}
	for _, s := range res.Skips {
		fmt.Fprintf(&b, "skip %s: %s: %s\n", s.Path, s.Reason, s.Detail)
	}
	return b.String()
}
