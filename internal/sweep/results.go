package sweep

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nhilint/nhilint/internal/atomicfile"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/report"
	"github.com/nhilint/nhilint/sarif"
)

// Layout of an output folder. A shard writes the same layout, so merge
// reads any number of them.
const (
	resultsDir = "repos" // one RepoResult per repository, JSON
	sarifDir   = "sarif" // one SARIF log per repository
)

// RepoResult is what the sweep keeps on disk about one repository; merge
// reads these one at a time, which is what keeps its memory bounded by the
// findings rather than by the size of the organisation's code.
type RepoResult struct {
	Repo   string `json:"repo"`
	Mode   Mode   `json:"mode"`
	Status string `json:"status"`
	Commit string `json:"commit,omitempty"`
	Error  string `json:"error,omitempty"`
	// Findings are the unsuppressed findings, paths relative to the
	// repository root.
	Findings   []finding.Finding `json:"findings"`
	Suppressed int               `json:"suppressed"`
	Skipped    int               `json:"skipped"`
	Files      int               `json:"files"`
	Bytes      int64             `json:"bytes"`
}

// writeResult stores r under out/repos.
func writeResult(out string, repo Repo, r *RepoResult) error {
	return atomicfile.Write(filepath.Join(out, resultsDir, repo.fileStem()+".json"), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	})
}

// readResult loads one result file.
func readResult(path string) (*RepoResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r RepoResult
	if err := json.NewDecoder(bufio.NewReader(f)).Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.Repo == "" {
		return nil, fmt.Errorf("%s: not a sweep result (no repository name)", path)
	}
	return &r, nil
}

// automationCommand makes the SARIF category of a repository:
// "nhilint/sweep-tree/OWNER/NAME/" (see sarif.automationID). Each
// repository has its own category, so uploads through the code-scanning
// API replace only that repository's earlier analysis of the same mode.
func automationCommand(mode Mode, repo Repo) string {
	return "sweep-" + string(mode) + "/" + repo.Name
}

// writeSARIF stores the SARIF log of one repository under out/sarif.
func writeSARIF(out string, repo Repo, run *report.Run) error {
	return atomicfile.Write(filepath.Join(out, sarifDir, repo.fileStem()+".sarif"), func(w io.Writer) error {
		return sarif.Write(w, run)
	})
}
