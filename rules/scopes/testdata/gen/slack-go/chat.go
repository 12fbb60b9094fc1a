package slack

import "context"

type Client struct{}

func (api *Client) postMethod(ctx context.Context, path string, v any) error { return nil }

// PostMessage wraps PostMessageContext.
func (api *Client) PostMessage(channel string) error {
	return api.PostMessageContext(context.Background(), channel)
}

// PostMessageContext posts.
// Slack API docs: https://api.slack.com/methods/chat.postMessage
func (api *Client) PostMessageContext(ctx context.Context, channel string) error {
	return api.send(ctx)
}

func (api *Client) send(ctx context.Context) error { return nil }

// GetHistoryContext reads history.
func (api *Client) GetHistoryContext(ctx context.Context) error {
	return api.postMethod(ctx, "conversations.history", nil)
}
