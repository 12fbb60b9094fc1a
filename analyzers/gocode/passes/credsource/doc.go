// Package credsource defines an Analyzer that finds where a Go program gets
// its credentials.
//
// # Analyzer credsource
//
// credsource: report how credentials are obtained
//
// The analyzer reports three things:
//
//   - reads of credential-named environment variables, os.Getenv("X") and
//     os.LookupEnv("X") with a constant name (usage.Ref, RefEnv);
//   - values that reach a credential sink of a provider SDK, followed back
//     through local variables, package constants and struct fields to an
//     environment read (a Ref attributed to the sink's provider, whatever
//     the variable is called), a credential file (os.ReadFile("key.json"),
//     option.WithCredentialsFile: RefFile), or a string literal;
//   - string literals that flow into a sink (usage.LiteralSink), whatever
//     they look like: a literal there is a hard-coded credential even when
//     no secret pattern would match it. The message shows at most
//     finding.Preview of the value.
//
// Sinks: aws-sdk-go-v2 credentials.NewStaticCredentialsProvider and
// aws.Credentials fields, config.WithSharedCredentialsFiles; go-github
// (*Client).WithAuthToken; slack-go slack.New and OptionAppLevelToken;
// google.golang.org/api/option WithAPIKey, WithCredentialsJSON and
// WithCredentialsFile; golang.org/x/oauth2/google JWTConfigFromJSON and
// CredentialsFromJSON; openai-go and anthropic-sdk-go option.WithAPIKey;
// stripe-go stripe.Key, stripe.NewClient and client.New.
//
// Values are followed within one package and never across calls: a
// credential passed in as a parameter has no origin here.
package credsource
