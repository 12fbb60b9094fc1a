package scriptusage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzExtract checks what must hold for any input of one language: no
// panic, facts placed inside the file, on the path asked for.
func fuzzExtract(f *testing.F, rel, fixtureDir string, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", fixtureDir, "*"))
	for _, p := range files {
		if strings.HasSuffix(p, ".facts") {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, content string) {
		facts, err := Extract(rel, []byte(content))
		if err != nil {
			return
		}
		lines := strings.Split(content, "\n")
		for _, fact := range facts {
			if fact.Path != rel {
				t.Fatalf("fact path %q, want %q", fact.Path, rel)
			}
			if fact.Line < 1 || fact.Line > len(lines) || fact.Column < 1 ||
				fact.Column > utf8.RuneCountInString(lines[fact.Line-1])+1 {
				t.Fatalf("fact %s is outside the input (%d lines)", formatFact(fact), len(lines))
			}
		}
	})
}

func FuzzExtractPython(f *testing.F) {
	fuzzExtract(f, "a.py", "python", `s3 = boto3.client("s3"); s3.put_object(`, "'''\n", `f"{os.environ['X']}"`, `rb"\`,
		"g = github.Github()\nfor r in g.get_repo(", `s = googleapiclient.discovery.build("d").a().b(`, "S = [\nS = (")
}

func FuzzExtractJavaScript(f *testing.F) {
	fuzzExtract(f, "a.ts", "javascript", "`${`${`", "/[/]/", `import {A as} from`, `const {} = process.env`, "x?.y?.(",
		`import {google} from "googleapis"; new google.auth.JWT({scopes`, "const S = [\ngoogle.drive({}).a.b(")
}

func FuzzExtractShell(f *testing.F) {
	fuzzExtract(f, "a.sh", "shell", "$(((((", "cat <<-\n", `"${{`, "`gh api `", "aws s3 cp s3://a")
}

func FuzzExtractWorkflow(f *testing.F) {
	fuzzExtract(f, ".github/workflows/a.yml", "workflow",
		"jobs:\n  a:\n    steps:\n      - run: |\n          gh api x\n", "jobs: {a: {env: {X: '${{ secrets.'}}}")
}

func FuzzExtractGitLabCI(f *testing.F) {
	fuzzExtract(f, ".gitlab-ci.yml", "gitlab", "a:\n  script: [\"$X_TOKEN\"]\n", "a: &a\n  <<: *a\n")
}
