// Package b runs against the real knowledge tables.
package b

import "github.com/slack-go/slack"

func calls(api *slack.Client) {
	_, _, _ = api.PostMessage("C1") // want `calls slack chat.postMessage`
}
