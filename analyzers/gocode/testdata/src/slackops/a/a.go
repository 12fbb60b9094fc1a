package a

import (
	"context"

	"github.com/slack-go/slack"
)

func calls(ctx context.Context, api *slack.Client) {
	_, _, _ = api.PostMessage("C1", slack.MsgOptionText("hi", false))             // want `calls slack chat.postMessage \(\(\*slack.Client\).PostMessage\)`
	_, _, _ = api.PostMessageContext(ctx, "C1", slack.MsgOptionText("hi", false)) // want `calls slack chat.postMessage \(\(\*slack.Client\).PostMessageContext\)`
	_, _ = api.AuthTest()                                                         // not in the test table: unmapped
	_ = api.Debug()                                                               // not an API call
}
