package agents

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
)

// sameSinkResults checks that the prefiltered SDK sink search finds what
// running every expression finds, for src as shell and as other code. It
// returns how many results the unfiltered search found. Failures name the
// input's length and the counts, never its text (it may hold keys).
func sameSinkResults(t *testing.T, name string, src []byte) int {
	t.Helper()
	n := 0
	for _, rel := range []string{"x.py", "x.sh"} {
		f := &analyzers.File{Path: rel, Rel: rel, Content: src}
		want := findSDKSinks(f, src, nil, false)
		got := findSDKSinks(f, src, nil, true)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s (%d bytes) as %s: prefiltered search found %d results, unfiltered %d, or they differ",
				name, len(src), rel, len(got), len(want))
		}
		n += len(want)
	}
	return n
}

// TestSDKSinkPrefilterOnTestdata: every fixture of the package (fakes
// expanded) gives the same LLM SDK sink results with and without the
// prefilter.
func TestSDKSinkPrefilterOnTestdata(t *testing.T) {
	found := 0
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		found += sameSinkResults(t, p, []byte(expand(t, string(data))))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d sink results in the fixtures", found)
	if found < 20 {
		t.Errorf("the fixtures gave %d sink results; the comparison needs positive cases", found)
	}
}

// sinkVocabulary is what random documents are made of: the parts of every
// sink's expression and of the prefilter's conditions, and some noise.
func sinkVocabulary() []string {
	v := []string{"(", ")", "((", "))", "{", "}", "[", "]", "=", ":", " = ", ": ", "\"", "'", "`", " ", "\t", "\n", "\r", "\f",
		"\\\n", ",", ".", "_", "#", ";", "\n ", "export ", "crewai", "anthropic-sdk-go", "openai-go", "google.golang.org/genai",
		"genai.", "openai.", "anthropic.", "langsmith.", "replicate.", "cohere.", "groq.", "mistralai.", "together.", "litellm.",
		".api_key", ".api_token", "api_key", "apiKey", "token", "os.environ[", "os.environ.setdefault(", "os.putenv(",
		"os.Setenv(", "process.env.", "process.env[", "option.WithAPIKey(", "openai.NewClient(", "genai.ClientConfig{",
		"APIKey: ", "curl ", "curl", "-H ", "--header ", "Authorization: Bearer ", "x-api-key: ", "https://", "/v1/chat",
		".openai.azure.com", "my.openai.azure.com", "NOT_A_KEY", "TOKEN", "=x", `", "`, `"] = "`, `("`, `")`,
		"sk-" + "proj-" + strings.Repeat("Q7x", 16), "AI" + "za" + strings.Repeat("k9", 17) + "Z", "x9" + strings.Repeat("Lm3", 10)}
	v = append(v, sdkConstructorNames...)
	v = append(v, keyArgumentNames...)
	v = append(v, keySetterNames...)
	for k := range envProvider {
		v = append(v, k, k+"=", `"`+k+`"`, `'`+k+`', "`)
	}
	for h := range llmHosts {
		v = append(v, h, "https://"+h+"/v1")
	}
	return v
}

// sinkExamples are inputs that each give one sink result.
func sinkExamples() []string {
	key := "x9" + strings.Repeat("Lm3", 10)
	return []string{
		`client = OpenAI(api_key="` + key + `")`,
		`llm = ChatGroq(model="m", groq_api_key='` + key + `')`,
		"new Anthropic({ apiKey: `" + key + "` })",
		`genai.Client(api_token = "` + key + `")`,
		`openai.api_key = "` + key + `"`,
		`replicate.api_token = '` + key + `'`,
		`set_default_openai_key("` + key + `")`,
		`set_tracing_export_api_key( '` + key + `')`,
		"Mistral(\n  api_key =\n\t'" + key + "')",
		`os.environ["OPENAI_API_KEY"] = "` + key + `"`,
		`os.environ.setdefault("GROQ_API_KEY", "` + key + `")`,
		`os.putenv('HF_TOKEN', '` + key + `')`,
		`os.Setenv("GEMINI_API_KEY", "` + key + `")`,
		`process.env.ANTHROPIC_API_KEY = "` + key + `"`,
		`process.env["XAI_API_KEY"] = '` + key + `'`,
		"export OPENAI_API_KEY=" + key + "\n",
		"COHERE_API_KEY=\"" + key + "\"\n",
		`c := option.WithAPIKey("` + key + `") // anthropic-sdk-go`,
		`c := openai.NewClient("` + key + `")`,
		`genai.ClientConfig{Backend: 1, APIKey: "` + key + `"}`,
		"curl https://api.openai.com/v1/models -H \"Authorization: Bearer " + key + "\"",
		"curl -s https://my.openai.azure.com/x \\\n  --header 'api-key: " + key + "'",
	}
}

// TestSDKSinkPrefilterOnRandomText compares the two searches on documents
// assembled at random from the sinks' own parts and from examples that
// match, cut and spliced, so that matches and near misses are frequent.
func TestSDKSinkPrefilterOnRandomText(t *testing.T) {
	vocab, examples := sinkVocabulary(), sinkExamples()
	r := rand.New(rand.NewPCG(8, 2026))
	docs := 400
	if testing.Short() {
		docs = 100
	}
	for i, ex := range examples {
		if sameSinkResults(t, fmt.Sprintf("example %d", i), []byte(ex)) == 0 {
			t.Errorf("example %d gives no sink result", i)
		}
	}
	found := 0
	for i := range docs {
		var b strings.Builder
		for range 1 + r.IntN(30) {
			if r.IntN(4) > 0 {
				b.WriteString(vocab[r.IntN(len(vocab))])
				continue
			}
			ex := examples[r.IntN(len(examples))]
			if r.IntN(2) == 0 { // splice a part into the example
				cut := r.IntN(len(ex) + 1)
				ex = ex[:cut] + vocab[r.IntN(len(vocab))] + ex[cut+r.IntN(len(ex)-cut+1):]
			}
			b.WriteString(ex)
		}
		found += sameSinkResults(t, fmt.Sprintf("random document %d", i), []byte(b.String()))
	}
	t.Logf("%d random documents, %d sink results", docs, found)
	if found < docs {
		t.Errorf("%d random documents gave %d sink results; the generator needs to hit more", docs, found)
	}
}

// FuzzSDKSinkPrefilter: the prefilter never changes the results.
func FuzzSDKSinkPrefilter(f *testing.F) {
	for _, ex := range sinkExamples() {
		f.Add([]byte(ex))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameSinkResults(t, "fuzz input", src)
	})
}

// TestSDKSinkPrefilterOnCorpus compares the two searches on every file of
// a corpus directory named by NHILINT_BENCH_CORPUS (see bench/corpus.sh).
func TestSDKSinkPrefilterOnCorpus(t *testing.T) {
	dir := os.Getenv("NHILINT_BENCH_CORPUS")
	if dir == "" {
		t.Skip("set NHILINT_BENCH_CORPUS to a corpus directory")
	}
	files, found := 0, 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		found += sameSinkResults(t, p, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files, %d sink results", files, found)
}
