package agents

import (
	"context"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
)

// checkTree asserts the invariants every reader promises: spans inside the
// input, verbatim text where claimed.
func checkTree(t *testing.T, src []byte, n *node) {
	t.Helper()
	if n == nil {
		return
	}
	if n.start < 0 || n.end > len(src) || n.start > n.end {
		t.Fatalf("span [%d,%d) outside input of %d bytes", n.start, n.end, len(src))
	}
	if n.textStart >= 0 {
		if n.textStart+len(n.value) > len(src) || string(src[n.textStart:n.textStart+len(n.value)]) != n.value {
			t.Fatalf("value is not verbatim at its claimed offset %d", n.textStart)
		}
	}
	for _, c := range n.children {
		checkTree(t, src, c)
	}
}

func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`{"mcpServers": {"a": {"env": {"K": "v"}, "args": ["--x", "y"],},}, // c` + "\n}"))
	f.Add([]byte(`[{"model": "m", "api_key": "\u0041b\n"}]`))
	f.Add([]byte(`/* x */ {"a": [1, 2.5, true, null, "s"]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := parseJSON(b)
		if err == nil {
			checkTree(t, b, n)
		}
	})
}

func FuzzParseYAML(f *testing.F) {
	f.Add([]byte("model_list:\n  - model_name: x\n    litellm_params:\n      api_key: os.environ/K\n"))
	f.Add([]byte("a: &a [x, y]\nb: *a\nc: 'q''s'\nd: \"e\\tf\"\ne: |\n  block\n---\n- 1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := parseYAML(b)
		if err == nil {
			checkTree(t, b, n)
		}
	})
}

func FuzzParseTOML(f *testing.F) {
	f.Add([]byte("[openai]\napi_key = \"x\"\n[a.b]\nc = ['d', \"e\"]\nf = { g = \"h\" }\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := parseTOML(b)
		if err == nil {
			checkTree(t, b, n)
		}
	})
}

func FuzzParseDotenv(f *testing.F) {
	f.Add([]byte("export A=1\nB='x y' # c\nC=\"q\\\"\"\n#D=e\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkTree(t, b, parseDotenv(b))
	})
}

func FuzzDecodeJSONString(f *testing.F) {
	f.Add([]byte(`"a\nb\u00e9\ud83d\ude00\"c"`))
	f.Fuzz(func(t *testing.T, b []byte) {
		text, offs := decodeJSONString(b, 0)
		if len(offs) != len(text) {
			t.Fatalf("%d offsets for %d bytes", len(offs), len(text))
		}
		for _, o := range offs {
			if o < 0 || o >= len(b) {
				t.Fatalf("offset %d outside input", o)
			}
		}
	})
}

// FuzzAnalyze runs whole files through the analyzer under every kind of
// name: it must never panic, whatever the content.
func FuzzAnalyze(f *testing.F) {
	f.Add(".mcp.json", []byte(`{"mcpServers":{"a":{"url":"http://h/?token=abcdEFGH1234","args":["-H","Authorization: Bearer x"]}}}`))
	f.Add("config.yaml", []byte("model_list:\n- litellm_params: {api_key: abc}\n"))
	f.Add("n.ipynb", []byte(`{"cells":[{"source":["x = OpenAI(api_key=\"abc\")"],"outputs":[{"text":"t"}]}]}`))
	f.Add("CLAUDE.md", []byte("token: abcdefgh12345678"))
	f.Add("a.sh", []byte("curl https://api.openai.com -H 'Authorization: Bearer "+"q1w2"+"e3r4t5y6u7i8'"))
	a := New()
	f.Fuzz(func(t *testing.T, name string, b []byte) {
		if !a.Wants(name) {
			return
		}
		file := &analyzers.File{Path: name, Rel: name, Content: b}
		results, _ := a.Analyze(context.Background(), file)
		for _, r := range results {
			if s := r.Evidence.Secret(); s != "" && len(s) > 8 && strings.Contains(r.Finding.Message, s) {
				t.Fatalf("message holds the secret")
			}
		}
	})
}

func TestHostileInputs(t *testing.T) {
	tests := []struct {
		name, path, content string
		wantErr             bool
	}{
		{"yaml alias bomb", "config.yaml", `model_list: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
`, false},
		{"deep JSON", ".mcp.json", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), true},
		{"deep YAML", ".aider.conf.yml", strings.Repeat("[", 5000) + strings.Repeat("]", 5000), true},
		{"truncated JSON", ".cursor/mcp.json", `{"mcpServers": {"a": {"env": {"K": "v`, true},
		{"bad TOML", ".streamlit/secrets.toml", "[a\nb = ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New().Analyze(context.Background(), &analyzers.File{Path: tt.path, Rel: tt.path, Content: []byte(tt.content)})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
		})
	}
}
