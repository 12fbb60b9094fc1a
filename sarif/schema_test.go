package sarif

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaFile = "sarif-schema-2.1.0.json"

// sarifSchema compiles the OASIS SARIF 2.1.0 schema. It lives outside the
// repository, in shared/data/sarif/ beside the clone (X/main and X/shared),
// so it is found by walking up from the package directory; the test is
// skipped only when no ancestor has it.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		path := filepath.Join(dir, "shared", "data", "sarif", schemaFile)
		if _, err := os.Stat(path); err == nil {
			c := jsonschema.NewCompiler()
			c.AssertFormat() // check uri-reference, date-time, ... too
			sch, err := c.Compile(path)
			if err != nil {
				t.Fatalf("compiling %s: %v", path, err)
			}
			return sch
		} else if !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("%s not found in shared/data/sarif/ of any ancestor directory", schemaFile)
		}
		dir = parent
	}
}

func validate(sch *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestGoldenFilesMatchSchema validates every golden file, including any
// added later, against the official schema.
func TestGoldenFilesMatchSchema(t *testing.T) {
	sch := sarifSchema(t)
	files, err := filepath.Glob(filepath.Join("testdata", "*.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(goldenRuns) {
		t.Fatalf("found %d golden files, want at least %d", len(files), len(goldenRuns))
	}
	for _, file := range files {
		doc, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(sch, doc); err != nil {
			t.Errorf("%s does not match the SARIF schema: %v", file, err)
		}
	}
}

// TestSchemaCatchesInvalidLogs proves the validator bites, on mistakes
// this package works around: go-sarif writes an unset shortDescription or
// guid as null, and the model's 0 means "no column", which SARIF forbids.
func TestSchemaCatchesInvalidLogs(t *testing.T) {
	sch := sarifSchema(t)
	doc, err := os.ReadFile(filepath.Join("testdata", "two-findings.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, old, new string }{
		{"null shortDescription", `"shortDescription": {
                "text": "CI job uses a static cloud key"
              }`, `"shortDescription": null`},
		{"null guid", `"guid": "ec480a2c-8267-5d90-affc-401687cd64b0"`, `"guid": null`},
		{"zero column", `"startColumn": 14`, `"startColumn": 0`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(string(doc), tc.old, tc.new, 1)
			if bad == string(doc) {
				t.Fatalf("golden file no longer contains %q", tc.old)
			}
			if err := validate(sch, []byte(bad)); err == nil {
				t.Error("schema accepted an invalid log")
			}
		})
	}
}
