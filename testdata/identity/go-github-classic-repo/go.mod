module example.com/triage

go 1.22

require github.com/google/go-github/v90 v90.0.0

replace github.com/google/go-github/v90 => ../../../analyzers/gocode/testdata/src/github.com/google/go-github/v90
