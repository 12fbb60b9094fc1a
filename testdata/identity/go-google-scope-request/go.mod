module example.com/indexer

go 1.22

require google.golang.org/api v0.0.0

replace google.golang.org/api => ../../../analyzers/gocode/testdata/src/google.golang.org/api
