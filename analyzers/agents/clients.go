package agents

import (
	"path"
	"strings"
)

// format is how a file is written.
type format uint8

const (
	formatNone format = iota
	formatJSON
	formatYAML
	formatTOML
	formatDotenv
	formatNotebook
	formatPrompt
	formatCode
)

// client is the program that reads a config file, which decides the
// reference syntax a literal should be replaced with.
type client struct {
	name string
	// refStyle renders a reference to the variable name for this client;
	// nil when the client has no reference syntax.
	refStyle func(name string) string
	// advice replaces "reference it as ..." for clients without one.
	advice string
}

func wrap(open, close string) func(string) string {
	return func(n string) string { return open + n + close }
}

// suggestion says what to write instead of a literal named name.
func (c *client) suggestion(name string) string {
	if c.refStyle != nil {
		return "reference it as " + c.refStyle(envName(name))
	}
	return c.advice
}

var (
	claudeDesktop = &client{name: "Claude Desktop", advice: "Claude Desktop does not expand variables: package the server as a Desktop Extension (.mcpb) whose user_config field is \"sensitive\": true, so the key lives in the OS keychain and arrives as ${user_config.NAME}"}
	claudeCode    = &client{name: "Claude Code", refStyle: wrap("${", "}")}
	claudeUser    = &client{name: "Claude Code (~/.claude.json)", advice: "~/.claude.json does not expand variables: move the server to a project .mcp.json and reference the key as ${VAR}, or start the server with the variable already in its environment"}
	claudeSetting = &client{name: "Claude Code settings", advice: "set it in the environment that starts Claude Code, or use apiKeyHelper to fetch a short-lived key, instead of the settings file"}
	cursor        = &client{name: "Cursor", refStyle: wrap("${env:", "}")}
	vscode        = &client{name: "VS Code", refStyle: func(n string) string {
		return "${input:" + strings.ToLower(strings.ReplaceAll(n, "_", "-")) + "} (an input with \"password\": true) or ${env:" + n + "}"
	}}
	windsurf   = &client{name: "Windsurf", refStyle: wrap("${env:", "}")}
	cline      = &client{name: "Cline", refStyle: wrap("${env:", "}")}
	continueAI = &client{name: "Continue", refStyle: wrap("${{ secrets.", " }}")}
	zed        = &client{name: "Zed", advice: "Zed does not expand variables in context_servers: start the server through a command that reads the key from a secret store"}
	gemini     = &client{name: "Gemini CLI", refStyle: wrap("${", "}")}
	kiro       = &client{name: "Kiro", refStyle: wrap("${", "}")}
	amazonQ    = &client{name: "Amazon Q", advice: "load it from the environment or a secret store instead of the file"}
	liteLLM    = &client{name: "LiteLLM", refStyle: wrap("os.environ/", "")}
	autoGen    = &client{name: "AutoGen", advice: "OAI_CONFIG_LIST has no reference syntax: build the config list in code from os.environ, or use azure_ad_token_provider"}
	aider      = &client{name: "aider", advice: "aider has no reference syntax: set the key in the environment or a git-ignored .env"}
	promptfoo  = &client{name: "promptfoo", refStyle: wrap("'{{ env.", " }}'")}
	dotnet     = &client{name: "Semantic Kernel (.NET)", advice: "keep it in dotnet user-secrets, environment variables or Key Vault, or use Entra ID for Azure OpenAI"}
	crewAI     = &client{name: "CrewAI", advice: "load it from the environment instead of the crew config"}
	dotenv     = &client{name: ".env", advice: "keep .env files out of version control and load the value from a secret manager"}
	streamlit  = &client{name: "Streamlit", advice: "keep .streamlit/secrets.toml out of version control and use the deployment's secret settings"}
	notebook   = &client{name: "Jupyter", advice: "read the key from the environment (os.environ) and clear saved outputs before committing"}
)

// envName turns a setting or header name into an environment variable name.
func envName(name string) string {
	var b strings.Builder
	for i, p := range nameParts(name) {
		if i > 0 {
			b.WriteByte('_')
		}
		b.WriteString(strings.ToUpper(p))
	}
	if b.Len() == 0 {
		return "API_KEY"
	}
	return b.String()
}

// target is what the analyzer knows about a file from its path.
type target struct {
	format format
	client *client
}

// classify decides from a slash path whether and how the analyzer reads
// a file. Content-based decisions (a config.yaml that is LiteLLM's) are
// made after parsing.
func classify(rel string) target {
	base := path.Base(rel)
	dir := path.Dir(rel)
	lowerBase := strings.ToLower(base)
	in := func(d string) bool { return dir == d || strings.HasSuffix(dir, "/"+d) }
	switch {
	case base == "claude_desktop_config.json":
		return target{formatJSON, claudeDesktop}
	case base == ".mcp.json":
		return target{formatJSON, claudeCode}
	case base == ".claude.json":
		return target{formatJSON, claudeUser}
	case in(".claude") && (base == "settings.json" || base == "settings.local.json"), base == "managed-settings.json":
		return target{formatJSON, claudeSetting}
	case in(".cursor") && base == "mcp.json":
		return target{formatJSON, cursor}
	case in(".vscode") && (base == "mcp.json" || base == "settings.json"), in("Code/User") && base == "mcp.json":
		return target{formatJSON, vscode}
	case base == "mcp_config.json" && in(".gemini/antigravity"):
		return target{formatJSON, &client{name: "Antigravity", advice: amazonQ.advice}}
	case base == "mcp_config.json":
		return target{formatJSON, windsurf}
	case base == "cline_mcp_settings.json":
		return target{formatJSON, cline}
	case in(".zed") && base == "settings.json", in("zed") && base == "settings.json":
		return target{formatJSON, zed}
	case in(".gemini") && base == "settings.json":
		return target{formatJSON, gemini}
	case in(".kiro/settings") && base == "mcp.json":
		return target{formatJSON, kiro}
	case in(".amazonq") && base == "mcp.json", in(".aws/amazonq") && base == "mcp.json", in(".amazonq/agents") && path.Ext(base) == ".json":
		return target{formatJSON, amazonQ}
	case strings.Contains("/"+dir+"/", "/.continue/"):
		switch path.Ext(lowerBase) {
		case ".yaml", ".yml":
			return target{formatYAML, continueAI}
		case ".json":
			return target{formatJSON, continueAI}
		}
	case strings.HasPrefix(base, "OAI_CONFIG_LIST"):
		return target{formatJSON, autoGen}
	case base == ".aider.conf.yml" || base == ".aider.conf.yaml":
		return target{formatYAML, aider}
	case strings.HasPrefix(lowerBase, "promptfooconfig.") && (strings.HasSuffix(lowerBase, ".yaml") || strings.HasSuffix(lowerBase, ".yml")):
		return target{formatYAML, promptfoo}
	case strings.HasPrefix(lowerBase, "promptfooconfig.") && strings.HasSuffix(lowerBase, ".json"):
		return target{formatJSON, promptfoo}
	case strings.HasPrefix(base, "appsettings") && strings.HasSuffix(base, ".json"):
		return target{formatJSON, dotnet}
	case (base == "agents.yaml" || base == "tasks.yaml" || base == "crew.yaml") && in("config"):
		return target{formatYAML, crewAI}
	case lowerBase == "litellm_config.yaml" || lowerBase == "proxy_config.yaml" || lowerBase == "config.yaml" || lowerBase == "litellm.yaml":
		// LiteLLM only when the content says so (model_list); see liteLLMConfig.
		return target{formatYAML, liteLLM}
	case isDotenv(base):
		return target{formatDotenv, dotenv}
	case base == "secrets.toml" && in(".streamlit"):
		return target{formatTOML, streamlit}
	case strings.HasSuffix(lowerBase, ".ipynb"):
		return target{formatNotebook, notebook}
	case isPromptFile(rel, base, lowerBase):
		return target{formatPrompt, nil}
	case isCodeFile(lowerBase):
		return target{formatCode, nil}
	}
	return target{}
}

func isDotenv(base string) bool {
	return base == ".env" || base == ".envrc" || base == ".dev.vars" ||
		strings.HasPrefix(base, ".env.") || strings.HasPrefix(base, ".dev.vars.")
}

// isExampleFile reports templates that are meant to be committed with
// placeholders (.env.example, .env.sample, .env.template).
func isExampleFile(base string) bool {
	b := strings.ToLower(base)
	for _, s := range []string{"example", "sample", "template", "dist", "defaults"} {
		if strings.Contains(b, s) {
			return true
		}
	}
	return false
}

func isPromptFile(rel, base, lowerBase string) bool {
	switch base {
	case "SKILL.md", "AGENTS.md", "CLAUDE.md", "CLAUDE.local.md", "GEMINI.md", ".cursorrules", ".windsurfrules", ".clinerules":
		return true
	}
	switch {
	case strings.HasSuffix(lowerBase, ".prompt"), strings.HasSuffix(lowerBase, ".prompty"),
		strings.HasSuffix(lowerBase, ".prompt.md"), strings.HasSuffix(lowerBase, ".instructions.md"),
		strings.HasSuffix(rel, ".github/copilot-instructions.md"):
		return true
	case strings.HasPrefix(rel, "prompts/") || strings.Contains(rel, "/prompts/"):
		return !isCodeFile(lowerBase)
	case strings.Contains(rel, ".cursor/rules/"), strings.Contains(rel, ".windsurf/rules/"), strings.Contains(rel, ".claude/commands/"), strings.Contains(rel, ".claude/agents/"):
		return true
	}
	return false
}

// codeExts are the languages whose LLM SDK calls the sink rule reads.
var codeExts = []string{".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".go", ".sh", ".bash", ".zsh"}

func isCodeFile(lowerBase string) bool {
	for _, e := range codeExts {
		if strings.HasSuffix(lowerBase, e) {
			return true
		}
	}
	return false
}
