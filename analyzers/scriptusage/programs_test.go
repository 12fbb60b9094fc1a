package scriptusage

import (
	"fmt"
	"testing"
)

func TestProgramsRun(t *testing.T) {
	for script, want := range map[string]string{
		"python scripts/upload.py dist/":          "[scripts/upload.py]",
		"python3 -u ./tools/sync.py && echo done": "[tools/sync.py]",
		"node ./bin/release.mjs":                  "[bin/release.mjs]",
		"./deploy.sh staging":                     "[deploy.sh]",
		"bash scripts/a.sh; sh b.sh":              "[scripts/a.sh b.sh]",
		"go run ./cmd/sync -dry-run":              "[cmd/sync]",
		"go run .":                                "[.]",
		"go run main.go":                          "[.]",
		"npx tsx src/job.ts":                      "[src/job.ts]",
		"echo hello # python commented.py":        "[]",
		"# ./commented.sh":                        "[]",
		"npm publish":                             "[]",
	} {
		if got := fmt.Sprint(programsRun(script)); got != want {
			t.Errorf("programsRun(%q) = %s, want %s", script, got, want)
		}
	}
}
