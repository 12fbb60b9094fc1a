// Package anthropic is a test stub of anthropic-sdk-go.
package anthropic

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go/option"
)

type Client struct{ Messages MessageService }

func NewClient(opts ...option.RequestOption) Client { return Client{} }

type MessageService struct{}

type MessageNewParams struct{ Model string }

type Message struct{ ID string }

func (r *MessageService) New(ctx context.Context, body MessageNewParams, opts ...option.RequestOption) (*Message, error) {
	return nil, nil
}
