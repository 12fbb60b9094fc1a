module example.com/reader

go 1.22

require github.com/aws/aws-sdk-go-v2 v0.0.0

replace github.com/aws/aws-sdk-go-v2 => ../../../analyzers/gocode/testdata/src/github.com/aws/aws-sdk-go-v2
