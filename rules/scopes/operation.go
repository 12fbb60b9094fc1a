package scopes

// Providers whose operations and scopes the tables know. Extractors use these
// exact strings in Operation.Provider and usage facts.
const (
	AWS       = "aws"
	GitHub    = "github"
	Slack     = "slack"
	Google    = "google"
	OpenAI    = "openai"
	Anthropic = "anthropic"
	Stripe    = "stripe"
	Generic   = "generic"
)

// Operation is one call a program makes to a provider's API, named the way
// the provider's permission model names it, so Required can look it up.
//
//   - aws:    Service is the SDK service id as the AWS SDKs and boto3 spell
//     it ("s3", "bedrockruntime", "bedrock-runtime", "sfn"); Name is the API
//     operation ("ListObjectsV2"; boto3's "list_objects_v2" is accepted too).
//   - github: Service is ""; Name is the REST route "GET /repos/{owner}/{repo}/contents/{path}"
//     with the parameter names of GitHub's OpenAPI description.
//   - slack:  Service is ""; Name is the Web API method "chat.postMessage".
//   - google: Service is the API name ("drive"); Name is the discovery method
//     id "drive.files.list".
//   - openai, anthropic, stripe: Service is ""; Name is "METHOD /path" of the
//     REST API ("POST /v1/chat/completions").
type Operation struct {
	Provider string
	Service  string
	Name     string
}

// String renders the operation for messages and reports.
func (o Operation) String() string {
	if o.Service != "" && o.Provider == AWS {
		return o.Service + ":" + o.Name
	}
	return o.Name
}

// Requirement is what an operation needs, in conjunctive normal form: every
// clause must be satisfied, and a clause is satisfied by any one of its
// scopes. An AWS CopyObject is {{"s3:GetObject"}, {"s3:PutObject"}}; a Slack
// conversations.history is {{"channels:history", "groups:history",
// "im:history", "mpim:history"}}; a Google drive.files.list lists every
// scope that suffices in one clause. Scopes are spelled as the provider
// spells them and as identities declare them: "s3:GetObject",
// "contents:read", "chat:write", "https://www.googleapis.com/auth/drive.readonly".
type Requirement [][]string
