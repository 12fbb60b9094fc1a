module example.com/broken

go 1.26

// Neither module is in any cache and the scan may not download them: the
// extractor falls back to reading syntax.
require (
	github.com/aws/aws-sdk-go-v2/service/s3 v1.80.0
	github.com/slack-go/slack v0.17.0
)
