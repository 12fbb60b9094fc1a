package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles the embedded schema with format assertions on, so
// that "date-time" and "uri" are checked too.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema))
	if err != nil {
		t.Fatalf("parsing the schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "report-v1.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compiling the schema: %v", err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// validateReport writes run as JSON and validates it against the schema.
func validateReport(t *testing.T, run *Run) error {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, run); err != nil {
		t.Fatal(err)
	}
	return validateJSON(t, compileSchema(t), buf.Bytes())
}

func TestJSONGoldensMatchSchema(t *testing.T) {
	sch := compileSchema(t)
	files, err := filepath.Glob(filepath.Join("testdata", "*.json.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(goldenRuns) {
		t.Fatalf("found %d JSON golden files, want at least %d", len(files), len(goldenRuns))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := validateJSON(t, sch, data); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}

func TestHostileReportMatchesSchema(t *testing.T) {
	if err := validateReport(t, hostileRun()); err != nil {
		t.Error(err)
	}
}

// The schema must be able to say no; each edit below breaks one promise.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, fullRun()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(doc map[string]any)
	}{
		{"unknown top-level field", func(d map[string]any) { d["extra"] = true }},
		{"null findings", func(d map[string]any) { d["findings"] = nil }},
		{"missing skipped", func(d map[string]any) { delete(d, "skipped") }},
		{"other schema version", func(d map[string]any) { d["schemaVersion"] = "2" }},
		{"unknown level", func(d map[string]any) { finding0(d)["level"] = "fatal" }},
		{"unknown category", func(d map[string]any) { finding0(d)["categories"] = []any{"NHI11"} }},
		{"malformed CWE", func(d map[string]any) { finding0(d)["cwes"] = []any{"798"} }},
		{"line 0", func(d map[string]any) { finding0(d)["location"].(map[string]any)["startLine"] = 0 }},
		{"unknown finding field", func(d map[string]any) { finding0(d)["secret"] = "x" }},
		{"unknown credential field", func(d map[string]any) {
			d["findings"].([]any)[1].(map[string]any)["credential"].(map[string]any)["value"] = "x"
		}},
		{"suppressed without suppression", func(d map[string]any) {
			delete(d["suppressed"].([]any)[0].(map[string]any), "suppression")
		}},
		{"negative count", func(d map[string]any) { d["summary"].(map[string]any)["files"] = -1 }},
		{"missing level count", func(d map[string]any) {
			delete(d["summary"].(map[string]any)["byLevel"].(map[string]any), "note")
		}},
		{"missing suppression kind count", func(d map[string]any) {
			delete(d["summary"].(map[string]any)["suppressed"].(map[string]any), "baseline")
		}},
		{"skip without reason", func(d map[string]any) { delete(d["skipped"].([]any)[0].(map[string]any), "reason") }},
		{"bad commit date", func(d map[string]any) { finding0(d)["location"].(map[string]any)["date"] = "yesterday" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			tt.edit(doc)
			data, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateJSON(t, sch, data); err == nil {
				t.Errorf("schema accepted a report with %s", tt.name)
			}
		})
	}
}

func finding0(doc map[string]any) map[string]any {
	return doc["findings"].([]any)[0].(map[string]any)
}

func TestSchemaDescribesEveryField(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(JSONSchema, &schema); err != nil {
		t.Fatal(err)
	}
	if got := schema["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", got)
	}
	if got := schema["properties"].(map[string]any)["schemaVersion"].(map[string]any)["const"]; got != JSONSchemaVersion {
		t.Errorf("schema pins schemaVersion %v, code writes %q", got, JSONSchemaVersion)
	}
	// Every object schema says what it is; every property of the top level
	// and of findings is described there or at its $ref target.
	defs := schema["$defs"].(map[string]any)
	described := func(prop map[string]any) bool {
		if _, ok := prop["description"]; ok {
			return true
		}
		if ref, ok := prop["$ref"].(string); ok {
			_, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)["description"]
			return ok
		}
		return false
	}
	for _, obj := range []map[string]any{schema, defs["finding"].(map[string]any), defs["credential"].(map[string]any)} {
		for name, prop := range obj["properties"].(map[string]any) {
			if !described(prop.(map[string]any)) {
				t.Errorf("property %q has no description", name)
			}
		}
	}
}
