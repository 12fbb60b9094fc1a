package agents

import (
	"path"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var ruleCredentialInPrompt = &finding.Rule{
	ID:    "agents-credential-in-prompt",
	Title: "Credential in a prompt, instruction or skill file",
	Description: "A credential is written into a file that an agent sends to its model: prompt files " +
		"(prompts/**, *.prompt, *.prompty, *.prompt.md), agent instructions (AGENTS.md, CLAUDE.md, " +
		"GEMINI.md, .cursorrules, .windsurfrules, .github/copilot-instructions.md, Cursor and Windsurf " +
		"rules) and skills (SKILL.md, Claude commands and sub-agents).",
	Why: "Everything in these files becomes part of the model's context: the key goes to the model provider " +
		"with every request, lands in conversation logs and traces, and can be repeated by the model to " +
		"anyone who asks, or exfiltrated by a prompt injection. Skills are also shared and published.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2},
	CWEs:             []string{"CWE-798", "CWE-540"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 8.5,
	Remediation: finding.Remediation{
		Revoke:  "Revoke the key at its provider: it has been sent to the model provider and stored in its logs.",
		Rotate:  "Issue a new key and give it to the tool that needs it through the environment or an MCP server's env reference, never through the prompt.",
		Replace: "Let tools authenticate on their own (OAuth, workload identity); the model never needs to see a key.",
		References: []string{
			"https://github.com/snyk/agent-scan/blob/main/docs/issue-codes.md",
			"https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/",
		},
	},
	Analyzer: Name,
}

// checkPromptFile reports credentials in a prompt, instruction or skill file.
func checkPromptFile(f *analyzers.File) []analyzers.Result {
	var out []analyzers.Result
	for _, h := range findTextCredentials(string(f.Content)) {
		msg := "literal " + describe(h.secret, h.provider) + " in " + kindOfPrompt(f.Rel) +
			": the model provider receives it with every request and the model can repeat it; remove it and give the tool that needs it the key through its environment"
		out = append(out, literalResult(f, ruleCredentialInPrompt, h.start, h.end, h.secret, h.provider, msg))
	}
	return out
}

func kindOfPrompt(rel string) string {
	switch base := path.Base(rel); base {
	case "SKILL.md":
		return "skill file " + base
	case "AGENTS.md", "CLAUDE.md", "CLAUDE.local.md", "GEMINI.md", ".cursorrules", ".windsurfrules", ".clinerules", "copilot-instructions.md":
		return "agent instruction file " + base
	default:
		return "prompt file " + base
	}
}
