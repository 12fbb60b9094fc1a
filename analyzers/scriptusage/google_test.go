package scriptusage

import (
	"os"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

// TestDiscoveryOperationsKnown checks that the discovery method ids read
// from the Google fixtures are spelled as the scopes tables spell them.
func TestDiscoveryOperationsKnown(t *testing.T) {
	apis := map[string]bool{}
	for _, file := range []string{"testdata/python/google.py", "testdata/javascript/google.ts"} {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		facts, err := Extract(file, content)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range facts {
			if f.Kind != usage.Operation {
				continue
			}
			apis[f.Op.Service] = true
			if _, ok := scopes.Required(f.Op); !ok || f.Provider != scopes.Google {
				t.Errorf("%s: %s is not a Google operation scopes.Required knows", file, formatFact(f))
			}
		}
	}
	for _, api := range []string{"drive", "sheets", "gmail"} {
		if !apis[api] {
			t.Errorf("no %s operation in the fixtures", api)
		}
	}
}

func TestDiscoveryOperation(t *testing.T) {
	for _, tc := range []struct {
		api   string
		chain []string
		want  string
	}{
		{"drive", []string{"files", "list"}, "drive.files.list"},
		{"gmail", []string{"users", "settings", "sendAs", "list"}, "gmail.users.settings.sendAs.list"},
		{"drive", []string{"files"}, ""},
		{"drive", []string{"files", "list_next"}, ""},
		{"drive", []string{"files", "a-b"}, ""},
		{"", []string{"files", "list"}, ""},
	} {
		op, ok := discoveryOperation(tc.api, tc.chain)
		if op.Name != tc.want || ok != (tc.want != "") || ok && (op.Service != tc.api || op.Provider != scopes.Google) {
			t.Errorf("discoveryOperation(%q, %q) = %+v, %v; want %q", tc.api, tc.chain, op, ok, tc.want)
		}
	}
}

func TestStringList(t *testing.T) {
	for src, want := range map[string]string{
		`x = ["a", "b",]`:               "a|b",
		`x = ("a",)`:                    "a",
		`x = "a"`:                       "a",
		`x = ["a", B, "c" + d, f"{e}"]`: "a",
		`x = []`:                        "",
		`x = [""]`:                      "",
	} {
		tk := newTokens(lexPython([]byte(src)))
		got := tk.stringList(2, len(tk.toks))
		if joined := strings.Join(got, "|"); joined != want {
			t.Errorf("stringList(%s) = %q, want %q", src, joined, want)
		}
	}
}
