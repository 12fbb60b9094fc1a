module github.com/google/go-github/v99

go 1.22
