package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// schemaURL is where the schema says it lives; the test compiles the
// embedded copy under that name, so nothing is fetched.
const schemaURL = "https://raw.githubusercontent.com/nhilint/nhilint/main/internal/config/schema/nhilint.schema.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSONSchema))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(schemaURL, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		t.Fatalf("compiling schema: %v", err)
	}
	return sch
}

// Invalid fixtures say in their first line how the schema sees them:
//
//	(nothing)        the schema rejects the file, as the loader does
//	# schema: passes the problem is one only the loader sees (a bad regex)
//	# schema: n/a    the file is not a single YAML value (syntax errors,
//	                 duplicate keys), so the schema never sees it
const (
	markPasses = "# schema: passes\n"
	markNA     = "# schema: n/a\n"
)

func TestSchemaAcceptsValidFixtures(t *testing.T) {
	sch := compileSchema(t)
	for _, file := range fixtures(t, "valid") {
		inst, err := yamlFileToJSON(file)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: schema rejects a valid config: %v", file, err)
		}
	}
}

func TestSchemaRejectsInvalidFixtures(t *testing.T) {
	sch := compileSchema(t)
	for _, file := range fixtures(t, "invalid") {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := yamlFileToJSON(file)
		switch {
		case bytes.HasPrefix(data, []byte(markNA)):
			if err == nil {
				t.Errorf("%s is marked n/a but converts to JSON", file)
			}
		case err != nil:
			t.Errorf("%s: %v (mark it %q if that is the point)", file, err, strings.TrimSpace(markNA))
		case bytes.HasPrefix(data, []byte(markPasses)):
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s is marked as passing the schema but fails it: %v", file, err)
			}
		default:
			if sch.Validate(inst) == nil {
				t.Errorf("%s: schema accepts a config the loader rejects (mark it %q if the schema cannot tell)", file, strings.TrimSpace(markPasses))
			}
		}
	}
}

// TestSchemaKeys keeps the schema's keys in step with the decoder's.
func TestSchemaKeys(t *testing.T) {
	var s struct {
		Properties map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"properties"`
		Defs struct {
			Allowlist struct {
				Properties map[string]any `json:"properties"`
			} `json:"allowlist"`
			Identity struct {
				Properties map[string]any `json:"properties"`
			} `json:"identity"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(JSONSchema, &s); err != nil {
		t.Fatal(err)
	}
	check := func(what string, schemaKeys []string, decoderKeys []string) {
		slices.Sort(schemaKeys)
		slices.Sort(decoderKeys)
		if !slices.Equal(schemaKeys, decoderKeys) {
			t.Errorf("%s: schema has keys %q, decoder %q", what, schemaKeys, decoderKeys)
		}
	}
	check("top level", slices.Collect(maps.Keys(s.Properties)), slices.Collect(maps.Keys(topLevel)))
	check("rules", slices.Collect(maps.Keys(s.Properties["rules"].Properties)), slices.Collect(maps.Keys(ruleFields)))
	check("allowlists[]", slices.Collect(maps.Keys(s.Defs.Allowlist.Properties)), slices.Collect(maps.Keys(allowlistFields)))
	check("identities[]", slices.Collect(maps.Keys(s.Defs.Identity.Properties)), slices.Collect(maps.Keys(identityFields)))
}

func yamlFileToJSON(file string) (any, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	if dec.Decode(new(yaml.Node)) != io.EOF {
		return nil, fmt.Errorf("%s: more than one document", path.Base(file))
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return yamlToJSON(doc.Content[0])
}

// yamlToJSON converts a YAML node to the values jsonschema validates,
// following aliases and rejecting what JSON cannot hold.
func yamlToJSON(n *yaml.Node) (any, error) {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := resolve(n.Content[i])
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: non-scalar key", k.Line)
			}
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
			}
			v, err := yamlToJSON(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := []any{}
		for _, item := range n.Content {
			v, err := yamlToJSON(item)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			err := n.Decode(&b)
			return b, err
		case "!!int":
			var i int64
			if err := n.Decode(&i); err != nil {
				return nil, err
			}
			return json.Number(strconv.FormatInt(i, 10)), nil
		case "!!float":
			var f float64
			if err := n.Decode(&f); err != nil {
				return nil, err
			}
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("line %d: unexpected YAML node", n.Line)
}
