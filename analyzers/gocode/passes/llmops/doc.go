// Package llmops defines an Analyzer that lists the REST endpoints a Go
// program calls through the OpenAI and Anthropic SDKs.
//
// # Analyzer llmops
//
// llmops: report OpenAI and Anthropic API endpoints called
//
// Calls of service methods of github.com/openai/openai-go and
// github.com/anthropics/anthropic-sdk-go (any major version), such as
// client.Chat.Completions.New, become usage.Operation facts
// {openai, "", "POST /v1/chat/completions"}. The endpoint table is small and
// lives here: the scope tables have no Go SDK mapping for these providers.
// Service methods not in it are listed in the result's Unmapped.
package llmops
