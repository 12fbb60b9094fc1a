package secrets

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// Key-shaped test values are generated here, never written as literals: the
// repository scans itself.

const (
	alnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexLC  = "0123456789abcdef"
	b64    = alnum + "+/"
	b64url = alnum + "_-"
	upperD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
)

func randomFrom(rng *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}

// keyShapes builds one value of each common credential shape.
func keyShapes(rng *rand.Rand) map[string]string {
	return map[string]string{
		"groq":         "gsk_" + randomFrom(rng, alnum, 52),
		"openai-proj":  "sk-proj-" + randomFrom(rng, b64url, 74) + "T3BlbkFJ" + randomFrom(rng, b64url, 74),
		"aws-id":       "AKIA" + randomFrom(rng, upperD, 16),
		"aws-secret":   randomFrom(rng, b64, 40),
		"hex32":        randomFrom(rng, hexLC, 32),
		"hex40":        randomFrom(rng, hexLC, 40),
		"storage-key":  randomFrom(rng, b64, 86) + "==",
		"github":       "ghp_" + randomFrom(rng, alnum, 36),
		"slack":        "xoxb-" + randomFrom(rng, "0123456789", 12) + "-" + randomFrom(rng, alnum, 24),
		"mistral":      randomFrom(rng, alnum, 32),
		"uuid-ish":     randomFrom(rng, hexLC, 8) + "-" + randomFrom(rng, hexLC, 4) + "-4" + randomFrom(rng, hexLC, 3) + "-a" + randomFrom(rng, hexLC, 3) + "-" + randomFrom(rng, hexLC, 12),
		"langsmith":    "lsv2_sk_" + randomFrom(rng, hexLC, 32) + "_" + randomFrom(rng, hexLC, 10),
		"short-hex-16": randomFrom(rng, hexLC, 16),
	}
}

func TestPlaceholderObviousValues(t *testing.T) {
	for _, tc := range []struct{ secret, path string }{
		{"", "config.yaml"},
		{`""`, "config.yaml"},
		{"your-api-key-here", "app.py"},
		{"YOUR_API_KEY", "app.py"},
		{"<TOKEN>", "README.md"},
		{"<your-openai-key>", "README.md"},
		{"${OPENAI_API_KEY}", ".mcp.json"},
		{"${OPENAI_API_KEY:-}", ".mcp.json"},
		{"$OPENAI_API_KEY", "run.sh"},
		{"${{ secrets.NPM_TOKEN }}", ".github/workflows/release.yml"},
		{"{{ openai_key }}", "values.yaml"},
		{"sk-${SUFFIX}", "app.js"},
		{"%API_KEY%", "run.bat"},
		{"os.environ/AZURE_API_KEY", "litellm.yaml"},
		{"sk-...", "README.md"},
		{"sk-proj-abc…xyz", "README.md"},
		{"gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "README.md"},
		{"XXXX", "README.md"},
		{"sk_live_****************", "README.md"},
		{"********", "config.yaml"},
		{"[REDACTED]", "log.txt"},
		{"redacted", "log.txt"},
		{"changeme", "docker-compose.yml"},
		{"CHANGE_ME_PLEASE", "docker-compose.yml"},
		{"placeholder", "config.yaml"},
		{"dummy-token-for-tests", "test.py"},
		{"test", "test.py"},
		{"test123", "test.py"},
		{"testtesttest", "test.py"},
		{"my_secret_key", "settings.py"},
		{"foobar", "settings.py"},
		{"AKIA" + "IOSFODNN7" + "EXAMPLE", "docs/aws.md"},
		{"wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY", "docs/aws.md"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "config.yaml"},
		{"gsk_" + strings.Repeat("0", 52), "config.yaml"},
		{"abababababababab", "config.yaml"},
		{"abcdefghijklmnopqrstuvwxyz", "config.yaml"},
		{"1234567890", "config.yaml"},
		{"sk-" + "0123456789abcdef0123456789abcdef", "config.yaml"},
		{"9876543210fedcba", "config.yaml"},
		{strings.Repeat("abc123", 6), "config.yaml"},
		{"sk-proj-" + strings.Repeat("0123456789abcdef", 4), "config.yaml"},
		// Example files: values that are not key-shaped.
		{"supersecretvaluegoeshere", ".env.example"},
		{"hunter2", ".env.sample"},
		{"abc-def-ghi", "config/.env.template"},
		{"Kx9", "settings.example.json"},
		{"lowercaseonlyletterswithoutdigits", "app.config.sample"},
	} {
		if !placeholder(tc.secret, tc.path) {
			t.Errorf("placeholder(%q, %q) = false; want true", tc.secret, tc.path)
		}
	}
}

func TestPlaceholderKeepsRealLookingKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for name, key := range keyShapes(rng) {
		for _, path := range []string{"config.yaml", ".env", ".env.example", "deploy/.env.sample", "settings.example.json", `C:\app\.env.template`} {
			if placeholder(key, path) {
				// Print the shape, not the key.
				t.Errorf("placeholder(<%s key>, %q) = true; want false", name, path)
			}
			if placeholder(`"`+key+`"`, path) {
				t.Errorf("placeholder(<quoted %s key>, %q) = true; want false", name, path)
			}
		}
	}
}

// TestPlaceholderRandomKeys measures the false-placeholder rate on many
// generated keys: a real key must essentially never be dropped.
func TestPlaceholderRandomKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const rounds = 2000
	dropped := map[string]int{}
	total := 0
	for range rounds {
		for name, key := range keyShapes(rng) {
			total++
			if placeholder(key, ".env.example") {
				dropped[name]++
			}
		}
	}
	if len(dropped) > 0 {
		t.Errorf("%v of %d generated keys were treated as placeholders; want none", dropped, total)
	}
}

func TestIsExampleFile(t *testing.T) {
	for path, want := range map[string]bool{
		".env.example":              true,
		"app/.env.sample":           true,
		".env.template":             true,
		"config.example.yaml":       true,
		"secrets.SAMPLE.json":       true,
		"phpunit.xml.dist":          true,
		"example.env":               true,
		`C:\repo\.env.example`:      true,
		".env":                      false,
		".env.local":                false,
		"examples/config.yaml":      false,
		"src/example_test.go":       false,
		"templates/deployment.yaml": false,
		"":                          false,
	} {
		if got := isExampleFile(path); got != want {
			t.Errorf("isExampleFile(%q) = %v; want %v", path, got, want)
		}
	}
}

func TestShannonEntropy(t *testing.T) {
	for s, want := range map[string]float64{"": 0, "aaaa": 0, "ab": 1, "abcd": 2, "0123456789abcdef": 4} {
		if got := shannonEntropy(s); got != want {
			t.Errorf("shannonEntropy(%q) = %v; want %v", s, got, want)
		}
	}
}

func TestPlaceholderDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	inputs := []string{"your-api-key-here", "${TOKEN}", "test123", "sk-..."}
	for _, key := range keyShapes(rng) {
		inputs = append(inputs, key)
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, s := range inputs {
			placeholder(s, "deploy/.env.example")
			placeholder(s, `C:\app\settings.json`)
		}
	})
	if allocs != 0 {
		t.Errorf("placeholder allocates %v times per run; want 0", allocs)
	}
}

func FuzzPlaceholder(f *testing.F) {
	for _, seed := range []string{"", "x", "${A}", "{{", "<>", "sk-...", "test123", "aaaaaaaa", "€€€€", "0123456789abcdef0123"} {
		f.Add(seed, ".env.example")
		f.Add(seed, "")
	}
	f.Fuzz(func(t *testing.T, secret, path string) {
		got := placeholder(secret, path)
		if again := placeholder(secret, path); again != got {
			t.Fatal("placeholder is not deterministic")
		}
		// Surrounding quotes are not part of the value.
		if quoted := placeholder(`"`+secret+`"`, path); quoted != got {
			t.Fatalf("placeholder differs for the quoted value: %v vs %v", quoted, got)
		}
	})
}
