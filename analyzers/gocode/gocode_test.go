package gocode_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers/gocode"
	"github.com/nhilint/nhilint/analyzers/gocode/gofact/gofacttest"
	"github.com/nhilint/nhilint/internal/usage"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update to accept):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

func render(facts []usage.Fact) string {
	var b strings.Builder
	for _, f := range facts {
		b.WriteString(gofacttest.Line(f))
		b.WriteByte('\n')
	}
	return b.String()
}

func TestExtractTyped(t *testing.T) {
	res, err := gocode.Extract(context.Background(), "testdata/typed", gocode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Typed || res.Fallback != "" {
		t.Errorf("Typed = %t, Fallback = %q; want typed", res.Typed, res.Fallback)
	}
	if res.Packages != 3 { // storage, chat, nested
		t.Errorf("Packages = %d, want 3", res.Packages)
	}
	golden(t, "typed.facts.golden", render(res.Facts))
	var diags strings.Builder
	for _, d := range res.Diagnostics {
		diags.WriteString(d.String() + "\n")
	}
	golden(t, "typed.diagnostics.golden", diags.String())
}

func TestExtractFallback(t *testing.T) {
	res, err := gocode.Extract(context.Background(), "testdata/broken", gocode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Typed || res.Packages != 0 {
		t.Errorf("Typed = %t, Packages = %d; want the syntax fallback for every package", res.Typed, res.Packages)
	}
	if !strings.HasPrefix(res.Fallback, "example.com/broken/upload: github.com/aws/aws-sdk-go-v2/service/s3: ") {
		t.Errorf("Fallback = %q, want the failed package and the missing import named", res.Fallback)
	}
	golden(t, "broken.facts.golden", render(res.Facts))
}

// TestExtractNoModule reads Go files that belong to no module.
func TestExtractNoModule(t *testing.T) {
	dir := t.TempDir()
	src := "package main\n\nimport \"os\"\n\nfunc main() { _ = os.Getenv(\"DEPLOY_TOKEN\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := gocode.Extract(context.Background(), dir, gocode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := render(res.Facts)
	want := "main.go:5:19 ref typed=false ref=DEPLOY_TOKEN refkind=env via=os.Getenv workload=go:./. language=go\n"
	if got != want || res.Typed || res.Fallback != "no go.mod: 1 Go file outside any module" {
		t.Errorf("got facts\n%s Typed %t Fallback %q; want\n%s", got, res.Typed, res.Fallback, want)
	}
}

func TestExtractCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := gocode.Extract(ctx, "testdata/typed", gocode.Options{}); err == nil {
		t.Error("Extract with a canceled context succeeded")
	}
}

func TestVet(t *testing.T) {
	var out bytes.Buffer
	n, err := gocode.Vet(context.Background(), "testdata/typed", []string{"./..."}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if n != strings.Count(out.String(), "\n") {
		t.Errorf("Vet returned %d, printed %d lines", n, strings.Count(out.String(), "\n"))
	}
	golden(t, "typed.vet.golden", out.String())
}
