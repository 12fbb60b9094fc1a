package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVetTool builds the command and runs it under go vet -vettool on the
// gocode test module, whose SDKs are local stubs.
func TestVetTool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary and runs go vet")
	}
	bin := filepath.Join(t.TempDir(), "nhilint-vet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	vet := exec.Command("go", "vet", "-vettool="+bin, "./...")
	vet.Dir = filepath.Join("..", "..", "analyzers", "gocode", "testdata", "typed")
	vet.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly", "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := vet.CombinedOutput()
	// go vet exits non-zero when a pass reports; what matters is the report.
	for _, want := range []string{
		"literal credential flows into slack.New: not-…",
		"calls aws s3:PutObject ((*s3.Client).PutObject)",
		"requests scopes https://www.googleapis.com/auth/drive.readonly (option.WithScopes)",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("go vet output lacks %q (err %v):\n%s", want, err, out)
		}
	}
}
