package gocode_test

import (
	"os"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers/gocode"
)

func TestExtractFileSyntax(t *testing.T) {
	src, err := os.ReadFile("testdata/syntax/sdkuse.go")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "syntax.facts.golden", render(gocode.ExtractFileSyntax("svc/sdkuse.go", src)))
}

// TestExtractFileSyntaxBroken: what parses of a broken file is still read.
func TestExtractFileSyntaxBroken(t *testing.T) {
	src := "package p\n\nimport \"os\"\n\nfunc f() { _ = os.Getenv(\"API_TOKEN\") }\n\nfunc g( {\n"
	got := render(gocode.ExtractFileSyntax("p.go", []byte(src)))
	want := "p.go:5:16 ref typed=false ref=API_TOKEN refkind=env via=os.Getenv workload=go:./. language=go\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func FuzzExtractFileSyntax(f *testing.F) {
	if src, err := os.ReadFile("testdata/syntax/sdkuse.go"); err == nil {
		f.Add(src)
	}
	f.Add([]byte("package p\nimport \"os\"\nvar a = b\nvar b = a\nfunc f() { _ = os.Getenv(a) }\n"))
	f.Add([]byte("package p\nimport \"google.golang.org/api/drive/v3\"\nfunc f() { x.Do(); (a.b)().Do(); f()().Pages() }\n"))
	f.Add([]byte("package p\nimport s3 \"github.com/aws/aws-sdk-go-v2/service/s3\"\nfunc f() { in := in; c.PutObject(ctx, in) }\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, fact := range gocode.ExtractFileSyntax("f.go", src) {
			if fact.Line < 1 || fact.Column < 1 || fact.Typed || fact.Path != "f.go" {
				t.Fatalf("bad fact position or flags: %+v", fact)
			}
			// A preview is a prefix of at most a quarter of the value, never the value.
			if fact.Preview != "" && !strings.HasSuffix(fact.Preview, "…") {
				t.Fatalf("preview %q is not truncated", fact.Preview)
			}
		}
	})
}
