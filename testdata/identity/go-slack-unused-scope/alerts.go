package main

import (
	"os"

	"github.com/slack-go/slack"
)

// main posts one alert.
func main() {
	api := slack.New(os.Getenv("SLACK_ALERTS_TOKEN"))
	api.PostMessage("C0123456", slack.MsgOptionText("disk almost full", false))
}
