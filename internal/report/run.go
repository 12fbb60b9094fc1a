// Package report writes the results of a scan as text or JSON (SARIF lives in
// the top-level sarif package). Writers only read a Run: findings, the rule
// catalog and what was skipped; they never look at content.
package report

import (
	"time"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/source"
)

// Tool identifies nhilint in reports.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	URI     string `json:"informationUri,omitempty"`
}

// Stats are counts about the scan itself.
type Stats struct {
	Files    int           `json:"files"`
	Bytes    int64         `json:"bytes"`
	Duration time.Duration `json:"-"`
}

// Run is everything a report shows about one scan.
type Run struct {
	Tool Tool
	// Command is the subcommand that produced the run ("scan", "history", ...).
	Command string
	// Roots are the paths the user asked to scan, as given.
	Roots []string
	// Findings are the unsuppressed findings, sorted with finding.Sort.
	Findings []finding.Finding
	// Suppressed are findings silenced by a suppression mechanism, sorted.
	Suppressed []finding.Finding
	// Rules documents every rule of the scan (reports may show only those used).
	Rules finding.Catalog
	// Skips is what was seen but not scanned, sorted by path.
	Skips []source.Skip
	Stats Stats
	// FailOn is the --fail-on threshold, so reports can say what failed the run.
	FailOn finding.Level
}

// SuppressedCounts returns how many findings each mechanism silenced.
func (r *Run) SuppressedCounts() map[finding.SuppressionKind]int {
	counts := map[finding.SuppressionKind]int{}
	for _, f := range r.Suppressed {
		if f.Suppression != nil {
			counts[f.Suppression.Kind]++
		}
	}
	return counts
}
