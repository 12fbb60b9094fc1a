package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input panics Parse, that it returns either a
// config or an error, and that every error it reports is positioned.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("rules:\n  severity: {a: error, a: note}\n"))
	f.Add([]byte("allowlists: [&a {paths: [x]}, *a, {<<: *a}]\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(".nhilint.yaml", data)
		if (cfg == nil) == (err == nil) {
			t.Fatalf("Parse returned config %v and error %v; want exactly one", cfg, err)
		}
		if err != nil {
			var errs interface{ Unwrap() []error }
			if !errors.As(err, &errs) {
				t.Fatalf("error %T is not a joined error", err)
			}
			for _, e := range errs.Unwrap() {
				var ce *Error
				if !errors.As(e, &ce) || ce.File != ".nhilint.yaml" || ce.Msg == "" {
					t.Fatalf("error %q is not a positioned *Error", e)
				}
			}
			return
		}
		for _, a := range cfg.Allowlists {
			if a.Condition == "" || a.RegexTarget == "" {
				t.Fatalf("allowlist at line %d lacks defaults: %+v", a.Line, a)
			}
		}
		_ = cfg.UnknownRules(func(string) bool { return false })
	})
}

// TestAliasBomb checks that a file of a few hundred bytes cannot make the
// decoder walk (or report on) billions of values.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("x0: &a0 [\"[bad\"]\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [*a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1)
	}
	b.WriteString("include: *a40\n")
	_, err := Parse("bomb.yaml", []byte(b.String()))
	want := "bomb.yaml:1:1: the file expands to more than 1048576 values through aliases"
	if err == nil || err.Error() != want {
		t.Errorf("Parse(alias bomb) = %v, want %s", err, want)
	}
}

func TestTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("include:\n")
	for range maxErrors + 5 {
		b.WriteString("  - \"[bad\"\n")
	}
	_, err := Parse("many.yaml", []byte(b.String()))
	var errs interface{ Unwrap() []error }
	if !errors.As(err, &errs) || len(errs.Unwrap()) != maxErrors+1 {
		t.Fatalf("Parse = %v, want %d errors and a count", err, maxErrors)
	}
	if last := errs.Unwrap()[maxErrors].Error(); last != "many.yaml: 5 more errors not shown" {
		t.Errorf("last error = %q", last)
	}
}
