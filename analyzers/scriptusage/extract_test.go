package scriptusage

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/internal/usage"
)

var update = flag.Bool("update", false, "rewrite golden files")

// formatFact renders a fact as one golden line:
// path:line:col kind provider op-or-ref via workload.
func formatFact(f usage.Fact) string {
	kind, what := f.Kind.String(), f.Op.String()
	switch f.Kind {
	case usage.Ref:
		kind, what = "ref/"+string(f.RefKind), f.Ref
		if f.EnvVar != "" {
			what += " as $" + f.EnvVar
		}
	case usage.Environment, usage.Runs:
		what = f.Ref
	case usage.ScopeRequest:
		what = strings.Join(f.Scopes, " ")
	}
	provider := f.Provider
	if provider == "" {
		provider = "-"
	}
	return fmt.Sprintf("%s:%d:%d %s %s %q %q %s", f.Path, f.Line, f.Column, kind, provider, what, f.Via, f.Workload)
}

// fixture is one input file under testdata with its golden file and the
// path it is extracted as.
type fixture struct {
	file, golden, rel string
}

// fixtures lists the inputs under testdata/<lang>/<case>.<ext>. CI files
// are stored outside the paths other analyzers read (the repository scans
// itself) and extracted as testdata/workflow/<case>.yml →
// workflow/.github/workflows/<case>.yml and testdata/gitlab/<case>.yml →
// gitlab/<case>/.gitlab-ci.yml.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	var out []fixture
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".facts") || strings.Contains(p, string(filepath.Separator)+"fuzz"+string(filepath.Separator)) {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, "testdata"+string(filepath.Separator)))
		dir, file := path.Split(rel)
		name := strings.TrimSuffix(file, path.Ext(file))
		switch dir {
		case "workflow/":
			rel = dir + ".github/workflows/" + file
		case "gitlab/":
			rel = dir + name + "/.gitlab-ci.yml"
		}
		out = append(out, fixture{file: p, golden: strings.TrimSuffix(p, filepath.Ext(p)) + ".facts", rel: rel})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, fx := range fixtures(t) {
		rel, golden := fx.rel, fx.golden
		t.Run(rel, func(t *testing.T) {
			if !Wants(rel) {
				t.Fatalf("Wants(%q) = false for a fixture", rel)
			}
			content, err := os.ReadFile(fx.file)
			if err != nil {
				t.Fatal(err)
			}
			facts, err := Extract(rel, content)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			var got bytes.Buffer
			for _, f := range facts {
				checkFact(t, rel, content, f)
				got.WriteString(formatFact(f) + "\n")
			}
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("facts differ from %s (run with -update to rewrite)\n--- got\n%s--- want\n%s", golden, got.String(), want)
			}
		})
	}
}

// checkFact asserts what holds for every fact: its path, language,
// untyped-ness, and a position that points at the construct.
func checkFact(t *testing.T, rel string, content []byte, f usage.Fact) {
	t.Helper()
	if f.Path != rel || f.Typed || f.Language == "" || !strings.HasPrefix(f.Workload, f.Language+":") {
		t.Errorf("fact %s: bad path, language or workload (%q, %v)", formatFact(f), f.Language, f.Typed)
	}
	at := textAt(content, f.Line, f.Column)
	if at == "" {
		t.Errorf("fact %s: position is outside the file", formatFact(f))
		return
	}
	if f.Kind != usage.Ref {
		return
	}
	var prefixes []string
	switch {
	case f.RefKind == usage.RefSecret:
		prefixes = []string{"secrets", "github.token"}
	case f.RefKind == usage.RefFile:
		prefixes = []string{`"` + f.Ref, "'" + f.Ref, "`" + f.Ref}
	case f.Language == "shell" || f.Language == "workflow":
		prefixes = []string{"$"}
	default:
		prefixes = []string{"os.", "environ", "getenv", "process.env", f.Ref, "Deno.env", "import.meta"}
	}
	for _, p := range prefixes {
		if strings.HasPrefix(strings.ToLower(at), strings.ToLower(p)) {
			return
		}
	}
	t.Errorf("fact %s points at %.20q, want one of %q", formatFact(f), at, prefixes)
}

// textAt returns the rest of 1-based line at 1-based code-point column.
func textAt(content []byte, line, col int) string {
	lines := strings.Split(string(content), "\n")
	if line < 1 || line > len(lines) || col < 1 {
		return ""
	}
	runes := []rune(lines[line-1])
	if col > len(runes) {
		return ""
	}
	return string(runes[col-1:])
}

func TestWants(t *testing.T) {
	for rel, want := range map[string]bool{
		"a.py": true, "x/b.js": true, "c.mjs": true, "c.cjs": true, "d.ts": true, "e.tsx": true,
		"f.jsx": true, "g.sh": true, "h.bash": true, "i.zsh": true,
		".github/workflows/ci.yml": true, "sub/.github/workflows/ci.yaml": true,
		".gitlab-ci.yml": true, "group/.gitlab-ci.yml": true,
		".github/workflows/sub/x.yml": false, ".github/ci.yml": false, "app.min.js": false,
		"main.go": false, "README.md": false, "config.yml": false, "Makefile": false,
	} {
		if got := Wants(rel); got != want {
			t.Errorf("Wants(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestCredentialName(t *testing.T) {
	for name, want := range map[string]bool{
		"GITHUB_TOKEN": true, "NPM_TOKEN": true, "SLACK_SIGNING_SECRET": true, "DB_PASSWORD": true,
		"OPENAI_API_KEY": true, "MY_APIKEY": true, "AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true,
		"SSH_PRIVATE_KEY": true, "DEPLOY_KEY": true, "RELEASE_PAT": true, "GOOGLE_APPLICATION_CREDENTIALS": true,
		"token": true, "ci_job_token": true,
		"HOME": false, "PATH": false, "PWD": false, "AWS_REGION": false, "CACHE_KEY": false,
		"SORT_KEY": false, "KEY": false, "TOKENIZER_PATH": false, "GITHUB_REPOSITORY": false,
		"PATTERN": false, "": false,
	} {
		if got := credentialName(name); got != want {
			t.Errorf("credentialName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestProviderOf(t *testing.T) {
	for name, want := range map[string]string{
		"AWS_ACCESS_KEY_ID": "aws", "AWS_REGION": "aws", "GITHUB_TOKEN": "github", "GH_TOKEN": "github",
		"GITHUB_PAT": "github", "GITHUB_APP_PRIVATE_KEY": "github", "GITHUB_REPOSITORY": "",
		"SLACK_BOT_TOKEN": "slack", "OPENAI_API_KEY": "openai", "ANTHROPIC_API_KEY": "anthropic",
		"STRIPE_SECRET_KEY": "stripe", "GOOGLE_APPLICATION_CREDENTIALS": "google", "NPM_TOKEN": "",
		"RELEASE_PAT": "",
	} {
		if got := providerOf(name); got != want {
			t.Errorf("providerOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCase(t *testing.T) {
	for in, want := range map[string]string{
		"put_object": "PutObject", "list_objects_v2": "ListObjectsV2", "get-caller-identity": "GetCallerIdentity",
		"list-objects-v2": "ListObjectsV2",
	} {
		if got := snakeToPascal(in); got != want {
			t.Errorf("snakeToPascal(%q) = %q, want %q", in, got, want)
		}
	}
	if got := camelToPascal("putObject"); got != "PutObject" {
		t.Errorf("camelToPascal = %q", got)
	}
	if got := camelToSnake("countTokens"); got != "count_tokens" {
		t.Errorf("camelToSnake = %q", got)
	}
}

func TestTooLarge(t *testing.T) {
	content := bytes.Repeat([]byte("x = 1\n"), MaxSize/6+1)
	facts, err := Extract("big.py", content)
	if err == nil || facts != nil {
		t.Fatalf("Extract of %d bytes = %d facts, %v; want an error", len(content), len(facts), err)
	}
}

func TestMalformedYAML(t *testing.T) {
	for _, rel := range []string{".github/workflows/bad.yml", ".gitlab-ci.yml"} {
		if _, err := Extract(rel, []byte("jobs: [\n  build: {")); err == nil {
			t.Errorf("%s: malformed YAML gave no error", rel)
		}
	}
	// Malformed source in other languages is read as far as it goes.
	facts, err := Extract("broken.py", []byte("import os\nx = os.environ[\"A_TOKEN\"]\ndef (:\n'''unterminated"))
	if err != nil || len(facts) != 1 || facts[0].Ref != "A_TOKEN" {
		t.Errorf("broken Python: %v, %v", facts, err)
	}
}

func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [\"$X_TOKEN\", \"$X_TOKEN\"]\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d]\n", i, i, i-1, i-1)
	}
	b.WriteString("job:\n  script: *a39\n")
	facts, err := Extract(".gitlab-ci.yml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(facts) != 2 {
		t.Errorf("alias bomb: %d facts, want each of the two references once", len(facts))
	}
}
