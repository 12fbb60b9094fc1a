package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

const fixtures = "../../testdata/gen"

// TestGenerators runs every table generator on the small fixture inputs in
// testdata/gen and compares the output with the golden files there.
func TestGenerators(t *testing.T) {
	in := func(p string) string { return filepath.Join(fixtures, p) }
	tests := []struct {
		golden string
		build  func() ([]byte, error)
	}{
		{"aws_actions.golden", func() ([]byte, error) { return awsActions(in("iam-data")) }},
		{"github_routes.golden", func() ([]byte, error) { return githubRoutes(in("github")) }},
		{"gogithub_methods.golden", func() ([]byte, error) { return goGitHubMethods(in("go-github")) }},
		{"octokit_methods.golden", func() ([]byte, error) { return octokitMethods(in("octokit")) }},
		{"slack_methods.golden", func() ([]byte, error) { return slackMethods(in("slack-spec.json")) }},
		{"slackgo_methods.golden", func() ([]byte, error) { return slackGoMethods(in("slack-go")) }},
		{"google_methods.golden", func() ([]byte, error) {
			m, _, err := googleTables(in("google-api"), []string{"drive/v3"})
			return m, err
		}},
		{"google_calls.golden", func() ([]byte, error) {
			_, c, err := googleTables(in("google-api"), []string{"drive/v3"})
			return c, err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got, err := tt.build()
			if err != nil {
				t.Fatal(err)
			}
			again, err := tt.build()
			if err != nil || !bytes.Equal(got, again) {
				t.Fatalf("output differs between runs (err %v)", err)
			}
			path := in(tt.golden)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", path, got)
			}
		})
	}
}

func TestGeneratorErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := awsActions(empty); err == nil {
		t.Error("awsActions on an empty directory succeeded")
	}
	if _, err := githubRoutes(empty); err == nil {
		t.Error("githubRoutes on an empty directory succeeded")
	}
	if _, _, err := googleTables(filepath.Join(fixtures, "google-api"), []string{"sheets/v4"}); err == nil {
		t.Error("googleTables with a missing API succeeded")
	}
}

func TestCompressIsReproducible(t *testing.T) {
	a, err := compress([]byte("x\ty\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := compress([]byte("x\ty\n"))
	if !bytes.Equal(a, b) {
		t.Fatal("gzip output differs between runs")
	}
	zr, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if string(got) != "x\ty\n" || !zr.ModTime.IsZero() || zr.Name != "" {
		t.Fatalf("round trip %q, header %+v", got, zr.Header)
	}
}
