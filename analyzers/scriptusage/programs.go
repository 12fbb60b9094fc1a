package scriptusage

import (
	"path"
	"regexp"
	"slices"
	"strings"
)

var (
	// An interpreter running a script file: "python scripts/sync.py",
	// "node ./bin/release.mjs", "bash deploy.sh", "npx tsx src/x.ts".
	interpreted = regexp.MustCompile(`(?:^|[\s;&|(])(?:python[0-9.]*|node|bash|sh|zsh|deno\s+run(?:\s+-\S+)*|npx\s+(?:tsx|ts-node)|tsx|ts-node|uv\s+run|poetry\s+run\s+python)\s+((?:\./)?[\w.@/-]+\.(?:py|js|mjs|cjs|ts|sh|bash))\b`)
	// A script run directly: "./scripts/deploy.sh".
	direct = regexp.MustCompile(`(?:^|[\s;&|(])\./([\w.@/-]+\.(?:sh|bash|py|js|mjs))\b`)
	// A Go program: "go run ./cmd/deploy", "go run .".
	goRun = regexp.MustCompile(`(?:^|[\s;&|(])go\s+run\s+(?:-\S+\s+)*(\.(?:/[\w.@/-]*)?|[\w.@/-]+\.go)`)
)

// programsRun returns the workload keys of the programs a shell script
// runs, relative to the repository root (steps' working-directory is not
// followed).
func programsRun(script string) []string {
	var out []string
	add := func(p string) {
		if p = path.Clean(p); !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, line := range strings.Split(script, "\n") {
		if i := strings.Index(line, "#"); i == 0 || (i > 0 && line[i-1] == ' ') {
			line = line[:i]
		}
		for _, m := range interpreted.FindAllStringSubmatch(line, -1) {
			add(m[1])
		}
		for _, m := range direct.FindAllStringSubmatch(line, -1) {
			add(m[1])
		}
		for _, m := range goRun.FindAllStringSubmatch(line, -1) {
			target := m[1]
			if strings.HasSuffix(target, ".go") {
				target = path.Dir(target)
			}
			add(target)
		}
	}
	return out
}
