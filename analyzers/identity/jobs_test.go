package identity

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

func TestReadJobs(t *testing.T) {
	const workflow = `
on: push
jobs:
  staging:
    environment: staging
    steps:
      - run: ./deploy.sh
  prod:
    environment: {name: production, url: https://example.com}
    env:
      TOKEN: ${{ secrets.PROD_TOKEN }}
      PLAIN: value
    steps:
      - uses: actions/checkout@v4
      - run: |
          python scripts/migrate.py
          go run ./cmd/notify
  bare: {}
`
	js := readJobs(".github/workflows/d.yml", []byte(workflow))
	envs, runs := js.envs, js.runs
	if got := fmt.Sprint(envs); got != "map[.github/workflows/d.yml#prod:production .github/workflows/d.yml#staging:staging]" {
		t.Errorf("envs = %s", got)
	}
	if got := fmt.Sprint(runs); got != "map[.github/workflows/d.yml#prod:[scripts/migrate.py cmd/notify] .github/workflows/d.yml#staging:[deploy.sh]]" {
		t.Errorf("runs = %s", got)
	}
	if got := fmt.Sprint(js.aliases); got != "map[.github/workflows/d.yml#prod:map[TOKEN:PROD_TOKEN]]" {
		t.Errorf("aliases = %s", got)
	}
	const gitlab = `
stages: [deploy]
variables: {A: b}
deploy:
  environment: production
  script:
    - ./release.sh
`
	js = readJobs(".gitlab-ci.yml", []byte(gitlab))
	envs, runs = js.envs, js.runs
	if fmt.Sprint(envs) != "map[.gitlab-ci.yml#deploy:production]" || fmt.Sprint(runs) != "map[.gitlab-ci.yml#deploy:[release.sh]]" {
		t.Errorf("gitlab: envs %v runs %v", envs, runs)
	}
}

func FuzzReadJobs(f *testing.F) {
	f.Add(".github/workflows/a.yml", "jobs:\n  a:\n    environment: x\n    steps:\n      - run: python a.py\n")
	f.Add(".gitlab-ci.yml", "a:\n  script: [./x.sh]\n  environment: {name: p}\n")
	f.Add(".github/workflows/a.yml", "a: &a [*a]\n")
	f.Fuzz(func(t *testing.T, rel, content string) {
		js := readJobs(rel, []byte(content))
		for k, v := range js.runs {
			if len(v) == 0 {
				t.Errorf("empty run list for %q", k)
			}
		}
	})
}
