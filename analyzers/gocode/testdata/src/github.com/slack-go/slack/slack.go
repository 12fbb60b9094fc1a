// Package slack is a test stub of slack-go.
package slack

import "context"

type Client struct{ token string }

type Option func(*Client)

func New(token string, options ...Option) *Client { return &Client{token: token} }

func OptionAppLevelToken(token string) func(*Client) { return nil }

func OptionDebug(b bool) func(*Client) { return nil }

type MsgOption func(*sendConfig) error

type sendConfig struct{}

func MsgOptionText(text string, escape bool) MsgOption { return nil }

func (api *Client) PostMessage(channelID string, options ...MsgOption) (string, string, error) {
	return "", "", nil
}

func (api *Client) PostMessageContext(ctx context.Context, channelID string, options ...MsgOption) (string, string, error) {
	return "", "", nil
}

type GetConversationsParameters struct{ Cursor string }
type Channel struct{ ID string }

func (api *Client) GetConversations(params *GetConversationsParameters) ([]Channel, string, error) {
	return nil, "", nil
}

type AuthTestResponse struct{ UserID string }

func (api *Client) AuthTest() (*AuthTestResponse, error) { return nil, nil }

func (api *Client) Debug() bool { return false }
