// Package openai is a test stub of openai-go.
package openai

import (
	"context"

	"github.com/openai/openai-go/v3/option"
)

type Client struct {
	Chat       ChatService
	Embeddings EmbeddingService
}

func NewClient(opts ...option.RequestOption) Client { return Client{} }

type ChatService struct{ Completions ChatCompletionService }

type ChatCompletionService struct{}

type ChatCompletionNewParams struct{ Model string }

type ChatCompletion struct{ ID string }

func (r *ChatCompletionService) New(ctx context.Context, body ChatCompletionNewParams, opts ...option.RequestOption) (*ChatCompletion, error) {
	return nil, nil
}

type EmbeddingService struct{}

type EmbeddingNewParams struct{ Model string }

type CreateEmbeddingResponse struct{}

func (r *EmbeddingService) New(ctx context.Context, body EmbeddingNewParams, opts ...option.RequestOption) (*CreateEmbeddingResponse, error) {
	return nil, nil
}
