package agents

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var ruleSDKLiteralKey = &finding.Rule{
	ID:    "agents-llm-sdk-literal-key",
	Title: "Literal key passed to an LLM SDK",
	Description: "Code hands a literal string to an LLM SDK where the API key goes: a client constructor " +
		"(OpenAI(api_key=...), Anthropic(...), new OpenAI({ apiKey }), ChatOpenAI, genai.Client, CrewAI LLM), " +
		"a key setter (openai.api_key = ..., set_default_openai_key, setDefaultOpenAIKey), an assignment to " +
		"the provider's environment variable (os.environ[\"OPENAI_API_KEY\"] = ..., process.env, os.Setenv, " +
		"export), Go's option.WithAPIKey, or a curl call with an Authorization or key header to a known LLM " +
		"API host. The sink proves the value is a key, so it is reported even when its format is unknown.",
	Why: "Prompt wrappers and notebooks are copied around freely; a key in them spends the account's credits " +
		"and reads its files, fine-tunes and conversations until someone revokes it.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2, finding.NHI7},
	CWEs:             []string{"CWE-798"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 8.0,
	Remediation: finding.Remediation{
		Revoke:  "Revoke the key in the provider's console.",
		Rotate:  "Issue a new key and let the SDK read it from its environment variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...), which every SDK does when no key is passed.",
		Replace: "Use workload identity where the provider offers it (Anthropic Workload Identity Federation, Entra ID for Azure OpenAI, Vertex AI service accounts).",
		References: []string{
			"https://platform.openai.com/docs/libraries",
			"https://docs.anthropic.com/en/api/client-sdks",
		},
	},
	Analyzer: Name,
}

// quoted matches a string literal in Python, JS/TS, Go or shell; exactly
// one of its three groups is set.
const quoted = `(?:"([^"\n]*)"|'([^'\n]*)'|` + "`([^`\\n]*)`)"

// sdkProvider maps constructor, module and qualifier names to providers.
var sdkProvider = map[string]provider{
	"OpenAI": openAI, "AsyncOpenAI": openAI, "AzureOpenAI": {"azure", "Azure OpenAI"}, "AsyncAzureOpenAI": {"azure", "Azure OpenAI"},
	"ChatOpenAI": openAI, "OpenAIEmbeddings": openAI, "AzureChatOpenAI": {"azure", "Azure OpenAI"},
	"Anthropic": anthropic, "AsyncAnthropic": anthropic, "ChatAnthropic": anthropic,
	"Groq": {"groq", "Groq"}, "AsyncGroq": {"groq", "Groq"}, "ChatGroq": {"groq", "Groq"},
	"Mistral": {"mistral", "Mistral"}, "MistralClient": {"mistral", "Mistral"}, "ChatMistralAI": {"mistral", "Mistral"},
	"Cohere": {"cohere", "Cohere"}, "CohereClient": {"cohere", "Cohere"}, "ChatCohere": {"cohere", "Cohere"},
	"Together": {"together", "Together AI"}, "Fireworks": {"fireworks", "Fireworks AI"},
	"ChatGoogleGenerativeAI": google, "GoogleGenerativeAI": google, "GoogleGenAI": google,
	"InferenceClient": huggingFace, "Pinecone": {"pinecone", "Pinecone"}, "Replicate": {"replicate", "Replicate"},
	"genai": google, "openai": openAI, "anthropic": anthropic, "langsmith": {"langchain", "LangSmith"},
	"replicate": {"replicate", "Replicate"}, "cohere": {"cohere", "Cohere"}, "groq": {"groq", "Groq"},
	"mistralai": {"mistral", "Mistral"}, "together": {"together", "Together AI"}, "litellm": {"", "LiteLLM"},
	"LLM": {"", "CrewAI LLM"},
}

// envProvider maps the environment variables that LLM SDKs read.
var envProvider = map[string]provider{
	"OPENAI_API_KEY": openAI, "ANTHROPIC_API_KEY": anthropic, "ANTHROPIC_AUTH_TOKEN": anthropic,
	"GROQ_API_KEY": {"groq", "Groq"}, "GEMINI_API_KEY": google, "GOOGLE_API_KEY": google,
	"MISTRAL_API_KEY": {"mistral", "Mistral"}, "COHERE_API_KEY": {"cohere", "Cohere"}, "CO_API_KEY": {"cohere", "Cohere"},
	"HF_TOKEN": huggingFace, "HUGGING_FACE_HUB_TOKEN": huggingFace, "HUGGINGFACEHUB_API_TOKEN": huggingFace,
	"LANGSMITH_API_KEY": {"langchain", "LangSmith"}, "LANGCHAIN_API_KEY": {"langchain", "LangSmith"},
	"XAI_API_KEY": {"xai", "xAI"}, "DEEPSEEK_API_KEY": {"deepseek", "DeepSeek"}, "OPENROUTER_API_KEY": {"openrouter", "OpenRouter"},
	"TOGETHER_API_KEY": {"together", "Together AI"}, "FIREWORKS_API_KEY": {"fireworks", "Fireworks AI"},
	"PERPLEXITY_API_KEY": {"perplexity", "Perplexity"}, "PPLX_API_KEY": {"perplexity", "Perplexity"},
	"REPLICATE_API_TOKEN": {"replicate", "Replicate"}, "PINECONE_API_KEY": {"pinecone", "Pinecone"},
	"AZURE_OPENAI_API_KEY": {"azure", "Azure OpenAI"}, "ELEVENLABS_API_KEY": {"elevenlabs", "ElevenLabs"},
	"WANDB_API_KEY": {"wandb", "Weights & Biases"}, "SERPER_API_KEY": {"serper", "Serper"}, "TAVILY_API_KEY": {"tavily", "Tavily"},
}

// llmHosts are API hosts whose Authorization or key header is a model key.
var llmHosts = map[string]provider{
	"api.openai.com": openAI, "api.anthropic.com": anthropic, "generativelanguage.googleapis.com": google,
	"api.groq.com": {"groq", "Groq"}, "api.mistral.ai": {"mistral", "Mistral"}, "api.cohere.com": {"cohere", "Cohere"},
	"api.cohere.ai": {"cohere", "Cohere"}, "api.together.xyz": {"together", "Together AI"},
	"api.fireworks.ai": {"fireworks", "Fireworks AI"}, "openrouter.ai": {"openrouter", "OpenRouter"},
	"api.x.ai": {"xai", "xAI"}, "api.deepseek.com": {"deepseek", "DeepSeek"}, "api.perplexity.ai": {"perplexity", "Perplexity"},
	"api-inference.huggingface.co": huggingFace, "router.huggingface.co": huggingFace, "api.replicate.com": {"replicate", "Replicate"},
}

// sink is one way code hands a key to an SDK. The last quoted group of
// the pattern holds the key; name is the group naming the provider.
type sink struct {
	re   *regexp.Regexp
	what string
	// mayMatch is a cheap necessary condition for a result: when it is
	// false, re has no match in src that providerOf accepts, so re is not
	// run (regexp's submatch search is most of this rule's cost).
	mayMatch func(src []byte) bool
	// providerOf picks the provider from the submatches.
	providerOf func(src []byte, m []int) (provider, bool)
}

func group(src []byte, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return string(src[m[2*i]:m[2*i+1]])
}

var sinks = []sink{
	{
		// OpenAI(api_key="..."), genai.Client(api_key=...), new OpenAI({ apiKey: "..." }).
		re: regexp.MustCompile(`\b(?:(genai|openai|anthropic|langsmith|replicate|cohere|groq|mistralai|together)\.)?` +
			`(` + strings.Join(sdkConstructorNames, "|") + `)\s*\(` +
			`(?:[^()]|\([^()]*\))*?\b(?:` + strings.Join(keyArgumentNames, "|") + `)\s*[:=]\s*` + quoted),
		what: "the API key argument of ",
		// The match holds a constructor name and a key argument set to a
		// quoted string (api_key, apiKey, ..._api_key, api_token, token).
		mayMatch: func(src []byte) bool {
			return containsAnyString(src, sdkConstructorNames) && keyArgumentSet(src)
		},
		providerOf: func(src []byte, m []int) (provider, bool) {
			qual, name := group(src, m, 1), group(src, m, 2)
			if p, ok := sdkProvider[name]; ok && name != "LLM" {
				return p, true
			}
			if p, ok := sdkProvider[qual]; ok {
				return p, true
			}
			if name == "LLM" && bytes.Contains(src, []byte("crewai")) {
				return sdkProvider["LLM"], true
			}
			return unknown, false
		},
	},
	{
		re:   regexp.MustCompile(`\b(openai|anthropic|groq|cohere|litellm|replicate)\.(?:api_key|api_token)\s*=\s*` + quoted),
		what: "the module-level key of ",
		mayMatch: func(src []byte) bool {
			return bytes.Contains(src, []byte(".api_key")) || bytes.Contains(src, []byte(".api_token"))
		},
		providerOf: func(src []byte, m []int) (provider, bool) {
			return sdkProvider[group(src, m, 1)], true
		},
	},
	{
		re:   regexp.MustCompile(`\b(` + strings.Join(keySetterNames, "|") + `)\s*\(\s*` + quoted),
		what: "the key setter of ",
		mayMatch: func(src []byte) bool {
			return containsAnyString(src, keySetterNames)
		},
		providerOf: func([]byte, []int) (provider, bool) {
			return openAI, true
		},
	},
	{
		// os.environ["X"] = "...", os.environ.setdefault("X", "..."), os.putenv, os.Setenv,
		// process.env.X = "...", process.env["X"] = "...", export X=... (shell).
		re: regexp.MustCompile(`(?:\bos\.environ\[\s*["']([A-Z0-9_]+)["']\s*\]\s*=\s*|\bos\.environ\.setdefault\(\s*["']([A-Z0-9_]+)["']\s*,\s*|` +
			`\bos\.(?:putenv|Setenv)\(\s*["']([A-Z0-9_]+)["']\s*,\s*|\bprocess\.env(?:\.([A-Z0-9_]+)|\[\s*["']([A-Z0-9_]+)["']\s*\])\s*=\s*)` + quoted),
		what: "the environment variable read by ",
		mayMatch: func(src []byte) bool {
			return containsAnyString(src, envSetters) && containsAnyKey(src, envProvider, "")
		},
		providerOf: func(src []byte, m []int) (provider, bool) {
			for i := 1; i <= 5; i++ {
				if p, ok := envProvider[group(src, m, i)]; ok {
					return p, true
				}
			}
			return unknown, false
		},
	},
	{
		re:   regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+)?([A-Z0-9_]+)=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'#;]+))`),
		what: "the environment variable read by ",
		// Only the variables of envProvider give a result, and the match
		// holds the variable's name followed by "=".
		mayMatch: func(src []byte) bool {
			return containsAnyKey(src, envProvider, "=")
		},
		providerOf: func(src []byte, m []int) (provider, bool) {
			p, ok := envProvider[group(src, m, 1)]
			return p, ok
		},
	},
	{
		// Go: option.WithAPIKey("..."), openai.NewClient("...") (go-openai), genai.ClientConfig{APIKey: "..."}.
		re: regexp.MustCompile(`\b(option)\.WithAPIKey\(\s*` + quoted + `|\b(openai)\.NewClient\(\s*` + quoted +
			`|\b(genai)\.ClientConfig\{(?:[^{}])*?\bAPIKey:\s*` + quoted),
		what: "the API key option of ",
		mayMatch: func(src []byte) bool {
			return containsAnyString(src, goKeyOptions)
		},
		providerOf: func(src []byte, m []int) (provider, bool) {
			switch {
			case group(src, m, 5) != "":
				return openAI, true
			case group(src, m, 9) != "":
				return google, true
			case bytes.Contains(src, []byte("anthropic-sdk-go")):
				return anthropic, true
			case bytes.Contains(src, []byte("openai-go")):
				return openAI, true
			case bytes.Contains(src, []byte("google.golang.org/genai")), bytes.Contains(src, []byte("generative-ai-go")):
				return google, true
			}
			return unknown, false
		},
	},
}

// curlCommand matches a curl invocation, continuation lines included.
var curlCommand = regexp.MustCompile(`\bcurl\b(?:[^\n\\]|\\\n|\\.)*`)

// curlHeader matches a credential header in a curl command.
var curlHeader = regexp.MustCompile(`(?i)(?:-H|--header)\s+["']?(?:authorization:\s*bearer\s+|x-api-key:\s*|x-goog-api-key:\s*|api-key:\s*)([^\s"'\\]+)`)

// sinkKeywords pre-filter files: no keyword, no regex work.
var sinkKeywords = [][]byte{[]byte("api_key"), []byte("apiKey"), []byte("API_KEY"), []byte("_TOKEN"), []byte("WithAPIKey"),
	[]byte("NewClient"), []byte("APIKey"), []byte("curl"), []byte("api_token"), []byte("token="), []byte("openai_key"), []byte("OpenAIKey")}

// sdkConstructorNames are the client constructors and configuration calls
// that take an API key argument.
var sdkConstructorNames = []string{"OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI", "ChatOpenAI", "OpenAIEmbeddings",
	"AzureChatOpenAI", "Anthropic", "AsyncAnthropic", "ChatAnthropic", "Groq", "AsyncGroq", "ChatGroq", "Mistral", "MistralClient",
	"ChatMistralAI", "Cohere", "CohereClient", "ChatCohere", "ClientV2", "Together", "Fireworks", "ChatGoogleGenerativeAI",
	"GoogleGenerativeAI", "GoogleGenAI", "InferenceClient", "Pinecone", "Replicate", "Client", "LLM", "configure"}

// keyArgumentNames are the names of the key argument of a constructor.
// Each ends with one of keyArgumentSuffixes.
var keyArgumentNames = []string{"api_key", "apiKey", "openai_api_key", "anthropic_api_key", "groq_api_key", "google_api_key",
	"mistral_api_key", "cohere_api_key", "api_token", "token"}

var keyArgumentSuffixes = []string{"api_key", "apiKey", "token"}

// keySetterNames are the SDK functions that set a default key.
var keySetterNames = []string{"set_default_openai_key", "setDefaultOpenAIKey", "set_tracing_export_api_key", "setTracingExportApiKey"}

// envSetters begin each way of setting an environment variable that the
// environment sink recognises in code.
var envSetters = []string{"os.environ", "os.putenv(", "os.Setenv(", "process.env"}

// goKeyOptions begin each Go key option the API key option sink matches.
var goKeyOptions = []string{"option.WithAPIKey(", "openai.NewClient(", "genai.ClientConfig{"}

func containsAnyString(src []byte, needles []string) bool {
	for _, n := range needles {
		if bytes.Contains(src, []byte(n)) {
			return true
		}
	}
	return false
}

// containsAnyKey reports whether src holds a key of m followed by suffix.
func containsAnyKey[V any](src []byte, m map[string]V, suffix string) bool {
	for k := range m {
		if bytes.Contains(src, []byte(k+suffix)) {
			return true
		}
	}
	return false
}

// keyArgumentSet reports whether src sets a key argument to a string
// literal: one of keyArgumentSuffixes, then \s*[:=]\s* and a quote, as
// the constructor sink's expression requires.
func keyArgumentSet(src []byte) bool {
	for _, suffix := range keyArgumentSuffixes {
		for rest := src; ; {
			i := bytes.Index(rest, []byte(suffix))
			if i < 0 {
				break
			}
			rest = rest[i+len(suffix):]
			j := skipSpace(rest, 0)
			if j < len(rest) && (rest[j] == ':' || rest[j] == '=') {
				if j = skipSpace(rest, j+1); j < len(rest) && (rest[j] == '"' || rest[j] == '\'' || rest[j] == '`') {
					return true
				}
			}
		}
	}
	return false
}

// skipSpace skips what the regexp class \s matches from src[i].
func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\f' || src[i] == '\r') {
		i++
	}
	return i
}

// mayCallLLMAPI is a necessary condition for a curl result: a curl
// command and the host of an LLM API (curlHost).
func mayCallLLMAPI(src []byte) bool {
	return bytes.Contains(src, []byte("curl")) &&
		(bytes.Contains(src, []byte(".openai.azure.com")) || containsAnyKey(src, llmHosts, ""))
}

// checkSDKSinks reports literal keys handed to LLM SDKs in src. For a
// notebook, toFile maps offsets of src to offsets of the file.
func checkSDKSinks(f *analyzers.File, src []byte, toFile func(int) int) []analyzers.Result {
	return findSDKSinks(f, src, toFile, true)
}

// findSDKSinks is checkSDKSinks; with prefilter false it runs every
// expression, which the tests compare against.
func findSDKSinks(f *analyzers.File, src []byte, toFile func(int) int, prefilter bool) []analyzers.Result {
	found := false
	for _, k := range sinkKeywords {
		if bytes.Contains(src, k) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	if toFile == nil {
		toFile = func(i int) int { return i }
	}
	shell := strings.HasSuffix(f.Rel, ".sh") || strings.HasSuffix(f.Rel, ".bash") || strings.HasSuffix(f.Rel, ".zsh") ||
		strings.HasSuffix(f.Rel, ".ipynb")
	var out []analyzers.Result
	emit := func(start, end int, prov provider, what string) {
		secret := string(src[start:end])
		if !isLiteralSecret(secret) {
			return
		}
		if p, ok := matchKey(secret); ok && prov.id == "" {
			prov = p
		}
		name := prov.name
		if name == "" {
			name = "an LLM SDK"
		}
		msg := "literal " + describe(secret, prov) + " passed to " + what + name +
			": let the SDK read it from the environment (or a secret manager) instead of the code"
		out = append(out, literalResult(f, ruleSDKLiteralKey, toFile(start), toFile(end), secret, prov, msg))
	}
	for i, s := range sinks {
		if i == 4 && !shell {
			continue // bare NAME=value lines are shell only
		}
		if prefilter && !s.mayMatch(src) {
			continue
		}
		for _, m := range s.re.FindAllSubmatchIndex(src, -1) {
			prov, ok := s.providerOf(src, m)
			if !ok {
				continue
			}
			// The key is the last set group.
			for g := len(m)/2 - 1; g > 0; g-- {
				if m[2*g] >= 0 {
					emit(m[2*g], m[2*g+1], prov, s.what)
					break
				}
			}
		}
	}
	if prefilter && !mayCallLLMAPI(src) {
		return out
	}
	for _, cm := range curlCommand.FindAllIndex(src, -1) {
		cmd := src[cm[0]:cm[1]]
		prov, ok := curlHost(cmd)
		if !ok {
			continue
		}
		for _, h := range curlHeader.FindAllSubmatchIndex(cmd, -1) {
			emit(cm[0]+h[2], cm[0]+h[3], prov, "a curl call to the API of ")
		}
	}
	return out
}

func curlHost(cmd []byte) (provider, bool) {
	s := string(cmd)
	for {
		i := strings.Index(s, "https://")
		if i < 0 {
			break
		}
		s = s[i+len("https://"):]
		host := s
		if j := strings.IndexAny(host, "/:\"' ?"); j >= 0 {
			host = host[:j]
		}
		if p, ok := llmHosts[host]; ok {
			return p, true
		}
		if strings.HasSuffix(host, ".openai.azure.com") {
			return provider{"azure", "Azure OpenAI"}, true
		}
	}
	return unknown, false
}
