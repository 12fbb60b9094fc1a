package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/source"
)

// JSONSchemaVersion is the value of "schemaVersion" in JSON reports. It
// changes only when a change could break a consumer (a field removed, renamed
// or retyped); added fields and added enum values keep it.
const JSONSchemaVersion = "1"

// JSONSchema is the JSON Schema (draft 2020-12) that every report written by
// WriteJSON satisfies.
//
//go:embed schema/report-v1.schema.json
var JSONSchema []byte

// jsonReport is the top-level object of a JSON report. Its layout is the
// public contract described by JSONSchema; keep the two in step.
type jsonReport struct {
	SchemaVersion string            `json:"schemaVersion"`
	Tool          Tool              `json:"tool"`
	Command       string            `json:"command"`
	Roots         []string          `json:"roots"`
	Findings      []finding.Finding `json:"findings"`
	Suppressed    []finding.Finding `json:"suppressed"`
	Summary       Summary           `json:"summary"`
	Skipped       []source.Skip     `json:"skipped"`
}

// WriteJSON writes the run as one indented JSON object followed by a newline.
// The output is deterministic: it holds no timestamps or durations, so the
// same scan of the same content yields the same bytes. Arrays are always
// arrays, never null.
func WriteJSON(w io.Writer, run *Run) error {
	doc := jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Tool:          run.Tool,
		Command:       run.Command,
		Roots:         nonNil(run.Roots),
		Findings:      jsonFindings(run.Findings),
		Suppressed:    jsonFindings(run.Suppressed),
		Summary:       run.Summary(),
		Skipped:       nonNil(run.Skips),
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // keep "<" and "&" in messages readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing JSON report: %w", err)
	}
	return nil
}

// jsonFindings copies findings so that the fields the model leaves nil or
// empty encode the way the schema promises: categories and cwes as arrays,
// a credential's lifetime as "unknown" rather than "".
func jsonFindings(fs []finding.Finding) []finding.Finding {
	out := make([]finding.Finding, len(fs))
	for i, f := range fs {
		f.Categories = nonNil(f.Categories)
		f.CWEs = nonNil(f.CWEs)
		if f.Credential != nil && f.Credential.Lifetime == "" {
			c := *f.Credential
			c.Lifetime = finding.LifetimeUnknown
			f.Credential = &c
		}
		out[i] = f
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
