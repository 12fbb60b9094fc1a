package agents

import "regexp"

// provider names a credential issuer: id as in the knowledge base under
// rules/credentials, name for messages.
type provider struct{ id, name string }

var (
	openAI      = provider{"openai", "OpenAI"}
	anthropic   = provider{"anthropic", "Anthropic"}
	google      = provider{"gcp", "Google"}
	huggingFace = provider{"huggingface", "Hugging Face"}
	github      = provider{"github", "GitHub"}
	unknown     = provider{"", ""}
)

// keyPattern is a key format recognised by its prefix, so that a value of
// that shape is a credential wherever it appears.
type keyPattern struct {
	re       *regexp.Regexp
	provider provider
}

// keyPatterns are prefix formats from the research notes (§4). They are
// anchored to whole values or words; the body lengths are lower bounds so
// that a format change by the vendor still matches.
var keyPatterns = []keyPattern{
	{regexp.MustCompile(`sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{32,}`), anthropic},
	{regexp.MustCompile(`sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}`), openAI},
	{regexp.MustCompile(`sk-or-v1-[0-9a-f]{32,}`), provider{"openrouter", "OpenRouter"}},
	{regexp.MustCompile(`sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`), openAI},
	{regexp.MustCompile(`gsk_[A-Za-z0-9]{40,}`), provider{"groq", "Groq"}},
	{regexp.MustCompile(`xai-[A-Za-z0-9_]{40,}`), provider{"xai", "xAI"}},
	{regexp.MustCompile(`pplx-[A-Za-z0-9]{32,}`), provider{"perplexity", "Perplexity"}},
	{regexp.MustCompile(`r8_[A-Za-z0-9_-]{30,}`), provider{"replicate", "Replicate"}},
	{regexp.MustCompile(`hf_[A-Za-z0-9]{30,}`), huggingFace},
	{regexp.MustCompile(`lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}`), provider{"langchain", "LangSmith"}},
	{regexp.MustCompile(`pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{40,}`), provider{"pinecone", "Pinecone"}},
	{regexp.MustCompile(`tgp_v1_[A-Za-z0-9_-]{32,}`), provider{"together", "Together AI"}},
	{regexp.MustCompile(`fw_[A-Za-z0-9]{20,}`), provider{"fireworks", "Fireworks AI"}},
	{regexp.MustCompile(`AIza[0-9A-Za-z_-]{35}`), google},
	{regexp.MustCompile(`AQ\.Ab[0-9A-Za-z_-]{40,}`), google},
	{regexp.MustCompile(`(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}`), github},
	{regexp.MustCompile(`github_pat_[A-Za-z0-9_]{50,}`), github},
	{regexp.MustCompile(`glpat-[A-Za-z0-9_-]{20,}`), provider{"gitlab", "GitLab"}},
	{regexp.MustCompile(`xox[baprs]-[A-Za-z0-9-]{20,}`), provider{"slack", "Slack"}},
	{regexp.MustCompile(`(?:AKIA|ASIA)[A-Z2-7]{16}`), provider{"aws", "AWS"}},
	{regexp.MustCompile(`(?:sk|rk)_live_[A-Za-z0-9]{20,}`), provider{"stripe", "Stripe"}},
	{regexp.MustCompile(`npm_[A-Za-z0-9]{36}`), provider{"npm", "npm"}},
	{regexp.MustCompile(`dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,}`), provider{"docker", "Docker Hub"}},
	{regexp.MustCompile(`SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`), provider{"sendgrid", "SendGrid"}},
	{regexp.MustCompile(`ABSK[A-Za-z0-9+/]{100,}`), provider{"aws", "AWS Bedrock"}},
	{regexp.MustCompile(`moltbook_sk_[A-Za-z0-9_-]{32}`), provider{"moltbook", "Moltbook"}},
}

// anyKey finds every known key format in a text, with word boundaries
// checked by hand (RE2 has no look-around).
var anyKey = func() *regexp.Regexp {
	s := ""
	for i, p := range keyPatterns {
		if i > 0 {
			s += "|"
		}
		s += "(" + p.re.String() + ")"
	}
	return regexp.MustCompile(s)
}()

// matchKey reports whether the whole of v is a key of a known format.
func matchKey(v string) (provider, bool) {
	for _, p := range keyPatterns {
		if loc := p.re.FindStringIndex(v); loc != nil && loc[0] == 0 && loc[1] == len(v) {
			return p.provider, true
		}
	}
	return unknown, false
}

// keySpan is one key of a known format found in free text.
type keySpan struct {
	start, end int
	provider   provider
}

// findKeys returns the keys of known formats in text, whole words only.
func findKeys(text string) []keySpan {
	var out []keySpan
	for _, m := range anyKey.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[0], m[1]
		if start > 0 && isKeyByte(text[start-1]) || end < len(text) && isKeyByte(text[end]) {
			continue
		}
		for i := range keyPatterns {
			if m[2+2*i] >= 0 {
				out = append(out, keySpan{start, end, keyPatterns[i].provider})
				break
			}
		}
	}
	return out
}

func isKeyByte(c byte) bool { return isIdentByte(c) || c == '-' }
