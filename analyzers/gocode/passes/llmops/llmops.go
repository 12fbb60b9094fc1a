package llmops

import (
	"fmt"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

const Doc = `report OpenAI and Anthropic API endpoints called

llmops maps service method calls of openai-go and anthropic-sdk-go to the
REST endpoints they call.`

var Analyzer = &analysis.Analyzer{
	Name:       "llmops",
	Doc:        Doc,
	URL:        "https://github.com/nhilint/nhilint/tree/main/analyzers/gocode/passes/llmops",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: gofact.ResultType,
}

// modules maps the versionless module path of each SDK to its provider.
var modules = map[string]string{
	"github.com/openai/openai-go":            scopes.OpenAI,
	"github.com/anthropics/anthropic-sdk-go": scopes.Anthropic,
}

// endpoints maps provider and "Service.Method" to the endpoint called.
var endpoints = map[[2]string]string{
	{scopes.OpenAI, "ChatCompletionService.New"}:          "POST /v1/chat/completions",
	{scopes.OpenAI, "ChatCompletionService.NewStreaming"}: "POST /v1/chat/completions",
	{scopes.OpenAI, "CompletionService.New"}:              "POST /v1/completions",
	{scopes.OpenAI, "ResponseService.New"}:                "POST /v1/responses",
	{scopes.OpenAI, "ResponseService.NewStreaming"}:       "POST /v1/responses",
	{scopes.OpenAI, "EmbeddingService.New"}:               "POST /v1/embeddings",
	{scopes.OpenAI, "ImageService.Generate"}:              "POST /v1/images/generations",
	{scopes.OpenAI, "ModerationService.New"}:              "POST /v1/moderations",
	{scopes.OpenAI, "ModelService.List"}:                  "GET /v1/models",
	{scopes.OpenAI, "FileService.New"}:                    "POST /v1/files",
	{scopes.OpenAI, "AudioTranscriptionService.New"}:      "POST /v1/audio/transcriptions",
	{scopes.OpenAI, "AudioSpeechService.New"}:             "POST /v1/audio/speech",
	{scopes.OpenAI, "BatchService.New"}:                   "POST /v1/batches",
	{scopes.OpenAI, "FineTuningJobService.New"}:           "POST /v1/fine_tuning/jobs",

	{scopes.Anthropic, "MessageService.New"}:          "POST /v1/messages",
	{scopes.Anthropic, "MessageService.NewStreaming"}: "POST /v1/messages",
	{scopes.Anthropic, "MessageService.CountTokens"}:  "POST /v1/messages/count_tokens",
	{scopes.Anthropic, "MessageBatchService.New"}:     "POST /v1/messages/batches",
	{scopes.Anthropic, "ModelService.List"}:           "GET /v1/models",
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := gofact.NewReporter(pass)
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn := gofact.Callee(pass.TypesInfo, call)
		pkg, name, ok := gofact.FuncPath(fn)
		if !ok || !fn.Exported() {
			return
		}
		provider := provider(pkg)
		service, _, isMethod := strings.Cut(name, ".")
		if provider == "" || !isMethod || !strings.HasSuffix(service, "Service") {
			return
		}
		via := gofact.FuncName(fn)
		endpoint, ok := endpoints[[2]string{provider, name}]
		if !ok {
			rep.Unmapped(via)
			return
		}
		op := scopes.Operation{Provider: provider, Name: endpoint}
		rep.Add(gofact.CallPos(call), usage.Fact{Kind: usage.Operation, Provider: provider, Op: op, Via: via},
			fmt.Sprintf("calls %s %s (%s)", provider, endpoint, via))
	})
	return rep.Result(), nil
}

// provider returns the provider whose SDK declares package pkg, or "".
func provider(pkg string) string {
	for module, provider := range modules {
		if pkg == module || strings.HasPrefix(pkg, module+"/") {
			return provider
		}
	}
	return ""
}
