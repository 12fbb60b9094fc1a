package config

import _ "embed"

// JSONSchema is the JSON Schema (draft 2020-12) of .nhilint.yaml. Editors
// pick it up from a comment at the top of the file:
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/nhilint/nhilint/main/internal/config/schema/nhilint.schema.json
//
// The schema checks shapes, key names and enumerations; the loader also
// checks what JSON Schema cannot express (globs, regexes, duplicate rule
// ids), so a file the schema accepts may still fail to load, never the
// other way round.
//
//go:embed schema/nhilint.schema.json
var JSONSchema []byte
