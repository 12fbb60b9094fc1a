module example.com/app

go 1.26

require (
	github.com/aws/aws-sdk-go-v2 v1.0.0
	github.com/google/go-github/v90 v90.0.0
	github.com/slack-go/slack v0.0.1
	golang.org/x/oauth2 v0.0.1
	google.golang.org/api v0.0.1
)

// The SDKs are the small stubs the pass tests share (../src), so that this
// module type-checks offline and the test needs no module cache.
replace (
	github.com/aws/aws-sdk-go-v2 => ../src/github.com/aws/aws-sdk-go-v2
	github.com/google/go-github/v90 => ../src/github.com/google/go-github/v90
	github.com/slack-go/slack => ../src/github.com/slack-go/slack
	golang.org/x/oauth2 => ../src/golang.org/x/oauth2
	google.golang.org/api => ../src/google.golang.org/api
)
