module example.com/alerts

go 1.22

require github.com/slack-go/slack v0.0.0

replace github.com/slack-go/slack => ../../../analyzers/gocode/testdata/src/github.com/slack-go/slack
