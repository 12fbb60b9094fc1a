module example.com/app

go 1.26

require (
	github.com/aws/aws-sdk-go-v2 v1.0.0
	github.com/google/go-github/v90 v90.0.0
	github.com/slack-go/slack v0.0.1
	golang.org/x/oauth2 v0.0.1
	google.golang.org/api v0.0.1
)

// The SDKs are small stubs in _stubs, so that this module type-checks
// offline and the test needs no module cache.
replace (
	github.com/aws/aws-sdk-go-v2 => ./_stubs/aws
	github.com/google/go-github/v90 => ./_stubs/go-github
	github.com/slack-go/slack => ./_stubs/slack
	golang.org/x/oauth2 => ./_stubs/oauth2
	google.golang.org/api => ./_stubs/googleapi
)
