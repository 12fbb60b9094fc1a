// Package slack is a stub of slack-go for the identity fixtures.
package slack

type Client struct{}

type MsgOption func()

func New(token string, options ...func(*Client)) *Client { return &Client{} }

func MsgOptionText(text string, escape bool) MsgOption { return nil }

func (api *Client) PostMessage(channelID string, options ...MsgOption) (string, string, error) {
	return "", "", nil
}

type GetConversationsParameters struct{}
type Channel struct{}

func (api *Client) GetConversations(params *GetConversationsParameters) ([]Channel, string, error) {
	return nil, "", nil
}
