// Package slackops defines an Analyzer that lists the Slack Web API methods
// a Go program calls through slack-go.
//
// # Analyzer slackops
//
// slackops: report Slack Web API methods called through slack-go
//
// A call of a (*slack.Client) method (github.com/slack-go/slack) is looked
// up with scopes.SlackGoMethods("PostMessage"), and each Web API method it
// calls becomes a usage.Operation fact {slack, "", "chat.postMessage"}.
// A client method that returns an error but that the table does not know is
// listed in the result's Unmapped; helpers such as Debug are ignored.
package slackops
