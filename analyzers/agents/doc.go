// Package agents checks how AI agents, MCP clients and LLM tools are given
// their credentials. It reads the config files of Claude Desktop, Claude
// Code, Cursor, VS Code, Windsurf, Cline, Continue, Zed, Gemini CLI, Kiro,
// Amazon Q, LiteLLM, AutoGen, aider, promptfoo, Semantic Kernel and CrewAI,
// the .env family, prompt, instruction and skill files, Jupyter notebooks
// and the LLM SDK calls in Python, JavaScript/TypeScript, Go and shell.
//
// The secrets analyzer already finds key-shaped strings everywhere; the
// rules here are about what a config means: a literal where the client has
// a reference syntax (and which syntax to use), a key on a command line,
// in a URL or sent over plain HTTP, a key in text the model reads, one key
// shared by several agents, and agents that hold keys while running any
// tool unattended. Nothing in a config is ever executed.
//
// Every reader (JSON with comments via hujson, YAML via yaml.v3 nodes, TOML
// via go-toml's AST, .env lines) produces the same small positioned tree
// (tree.go), so a rule is written once for every format.
package agents
