package a

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/openai/openai-go/v3"
)

func calls(ctx context.Context) {
	oa := openai.NewClient()
	_, _ = oa.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "m"}) // want `calls openai POST /v1/chat/completions \(\(\*openai.ChatCompletionService\).New\)`
	_, _ = oa.Embeddings.New(ctx, openai.EmbeddingNewParams{})                      // want `calls openai POST /v1/embeddings`

	an := anthropic.NewClient()
	_, _ = an.Messages.New(ctx, anthropic.MessageNewParams{}) // want `calls anthropic POST /v1/messages \(\(\*anthropic.MessageService\).New\)`
}
