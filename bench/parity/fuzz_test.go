package main

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// FuzzCompare feeds arbitrary reports through decoding, matching and
// printing. Whatever the input, every finding is either matched or listed as
// a difference, exactly once.
func FuzzCompare(f *testing.F) {
	gl, err := os.ReadFile(fixtureGitleaks)
	if err != nil {
		f.Fatal(err)
	}
	nh, err := os.ReadFile(fixtureNhilint)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(gl, nh, "")
	f.Add(gl, nh, "/scan")
	f.Add([]byte(`[]`), []byte(`{"schemaVersion":"1"}`), ".")
	f.Add([]byte(`[{"RuleID":"r","File":"a!b","StartLine":3,"EndLine":1}]`),
		[]byte(`{"schemaVersion":"1","findings":[{"ruleId":"r","location":{"path":"a!b","startLine":-1}}]}`), "/")
	f.Fuzz(func(t *testing.T, glData, nhData []byte, root string) {
		g, err := decodeGitleaks(bytes.NewReader(glData))
		if err != nil {
			return
		}
		n, err := decodeNhilint(bytes.NewReader(nhData))
		if err != nil {
			return
		}
		res := Compare(newReports(g, n, root), fixtureRules)
		if res.Matched()+len(res.OnlyGitleaks) != res.Gitleaks {
			t.Errorf("gitleaks: matched %d + only %d != %d findings", res.Matched(), len(res.OnlyGitleaks), res.Gitleaks)
		}
		if res.Matched()+len(res.OnlyNhilint) != res.Nhilint {
			t.Errorf("nhilint: matched %d + only %d != %d findings", res.Matched(), len(res.OnlyNhilint), res.Nhilint)
		}
		if err := WriteText(io.Discard, res); err != nil {
			t.Error(err)
		}
		if err := WriteMarkdown(io.Discard, res, 5); err != nil {
			t.Error(err)
		}
	})
}
