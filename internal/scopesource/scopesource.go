// Package scopesource reads the scopes a credential is granted where they
// are declared outside .nhilint.yaml: Slack app manifests
// (oauth_config.scopes), IAM policy documents in JSON, and Terraform IAM
// policies (aws_iam_policy_document, aws_iam_policy, aws_iam_user_policy and
// the policies attached to an aws_iam_user). Each scope keeps its position,
// so a finding about an unused grant points at the line that grants it.
//
// Nothing here evaluates Terraform: only literal lists of actions and the
// references between policy blocks in the same files are followed.
package scopesource

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Scope is one granted scope and where it is written.
type Scope struct {
	Name         string
	Path         string // slash-separated, relative to the root given to Read
	Line, Column int
}

// Declaration is the scope set one source grants.
type Declaration struct {
	Provider string // "slack", "aws"
	// What names the source for messages: "Slack app manifest",
	// "aws_iam_user.deployer".
	What   string
	Scopes []Scope
	// Incomplete is set when part of the grant could not be read (a managed
	// policy by ARN, a computed list, a Deny with conditions): then only
	// what is read can be judged, and nothing can be called missing.
	Incomplete bool
	// Notes say what was not understood.
	Notes []string
}

// MaxSize bounds the files Read opens.
const MaxSize = 4 << 20

// Read resolves a scopes-from reference: "PATH" or "PATH#SELECTOR", PATH
// relative to root (a file, or for Terraform a directory of .tf files).
// The format follows from the file: .tf is Terraform (SELECTOR picks
// "aws_iam_user.NAME", "aws_iam_policy.NAME" or
// "data.aws_iam_policy_document.NAME"; without it, every policy in the
// files), a JSON or YAML file with oauth_config is a Slack app manifest,
// and a JSON file with Statement is an IAM policy document.
func Read(root, ref string) (Declaration, error) {
	rel, selector, _ := strings.Cut(ref, "#")
	rel = path.Clean(strings.TrimPrefix(rel, "./"))
	if path.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, "../") {
		return Declaration{}, fmt.Errorf("%s: the path must stay inside the scanned directory", ref)
	}
	full := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	if err != nil {
		return Declaration{}, err
	}
	if fi.IsDir() {
		return terraformDir(full, rel, selector)
	}
	content, err := readFile(full, fi)
	if err != nil {
		return Declaration{}, err
	}
	switch {
	case strings.HasSuffix(rel, ".tf"):
		return Terraform(map[string][]byte{rel: content}, selector)
	case selector != "":
		return Declaration{}, fmt.Errorf("%s: a #selector applies to Terraform files only", ref)
	}
	if d, ok, err := SlackManifest(rel, content); ok || err != nil {
		return d, err
	}
	return IAMPolicy(rel, content)
}

func readFile(full string, fi os.FileInfo) ([]byte, error) {
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", full)
	}
	if fi.Size() > MaxSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", full, MaxSize)
	}
	return os.ReadFile(full)
}

func terraformDir(full, rel, selector string) (Declaration, error) {
	entries, err := os.ReadDir(full)
	if err != nil {
		return Declaration{}, err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			return Declaration{}, err
		}
		content, err := readFile(filepath.Join(full, e.Name()), fi)
		if err != nil {
			return Declaration{}, err
		}
		files[path.Join(rel, e.Name())] = content
	}
	if len(files) == 0 {
		return Declaration{}, fmt.Errorf("%s: no .tf files", rel)
	}
	return Terraform(files, selector)
}
