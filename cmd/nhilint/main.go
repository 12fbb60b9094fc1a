// Command nhilint finds embedded and long-lived credentials of non-human
// identities in repositories, CI configurations and AI agent configs.
package main

import (
	"os"

	"github.com/nhilint/nhilint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
