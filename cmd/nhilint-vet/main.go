// Command nhilint-vet runs the nhilint Go passes (credential sources and
// provider operations, see analyzers/gocode) as a vet tool:
//
//	go build -o nhilint-vet ./cmd/nhilint-vet
//	go vet -vettool=$PWD/nhilint-vet ./...
//
// It can also run standalone on package patterns: nhilint-vet ./...
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/nhilint/nhilint/analyzers/gocode"
)

func main() { multichecker.Main(gocode.Analyzers()...) }
