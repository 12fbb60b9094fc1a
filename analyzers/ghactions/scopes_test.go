package ghactions

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
)

// TestJobScopes computes, job by job, the minimal permissions block of the
// realistic workflows in testdata/scopes and compares it with the .needs
// file next to each: one line per job, "job: {block}" or "job: unknown: why".
func TestJobScopes(t *testing.T) {
	files, err := filepath.Glob("testdata/scopes/*.yml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("want at least 20 scope workflows, have %d", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := parseDocument(&analyzers.File{Path: path, Rel: ".github/workflows/x.yml", Content: b}, kindWorkflow)
			if err != nil || d == nil {
				t.Fatalf("parse: %v", err)
			}
			var got strings.Builder
			for _, jp := range d.jobPerms() {
				if !jp.needs.known() {
					fmt.Fprintf(&got, "%s: unknown: %s\n", jobID(jp.job), jp.needs.unknown)
					continue
				}
				fmt.Fprintf(&got, "%s: %s\n", jobID(jp.job), formatBlock(minimalBlock(jp.needs.needs, grant{})))
			}
			golden := strings.TrimSuffix(path, ".yml") + ".needs"
			if *update {
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got.String() != string(want) {
				t.Errorf("needs differ\n--- got\n%s--- want\n%s", got.String(), want)
			}
		})
	}
}
