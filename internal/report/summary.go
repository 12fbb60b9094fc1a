package report

import (
	"github.com/nhilint/nhilint/internal/finding"
)

// suppressionKinds lists every suppression mechanism in the order reports
// show them: closest to the code first, the baseline last.
var suppressionKinds = []finding.SuppressionKind{
	finding.SuppressedInline,
	finding.SuppressedGitleaksAllow,
	finding.SuppressedAllowlist,
	finding.SuppressedGitleaksIgnore,
	finding.SuppressedBaseline,
	finding.SuppressedPlaceholder,
}

// Summary is the counts a report ends with. The JSON report carries it as
// "summary"; the text report prints it as its last line.
type Summary struct {
	// Findings is the number of unsuppressed findings.
	Findings int         `json:"findings"`
	ByLevel  LevelCounts `json:"byLevel"`
	// Suppressed counts silenced findings by mechanism. Every known mechanism
	// is present, with 0 when unused, so consumers need no existence checks.
	Suppressed map[finding.SuppressionKind]int `json:"suppressed"`
	// Skipped is the number of things seen but not scanned.
	Skipped int `json:"skipped"`
	// Files and Bytes are how much content was scanned.
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
}

// LevelCounts counts unsuppressed findings per level.
type LevelCounts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Note    int `json:"note"`
}

// Summary counts the run's findings, suppressions and skips.
func (r *Run) Summary() Summary {
	s := Summary{
		Findings:   len(r.Findings),
		Suppressed: make(map[finding.SuppressionKind]int, len(suppressionKinds)),
		Skipped:    len(r.Skips),
		Files:      r.Stats.Files,
		Bytes:      r.Stats.Bytes,
	}
	for _, f := range r.Findings {
		switch f.Level {
		case finding.LevelError:
			s.ByLevel.Error++
		case finding.LevelWarning:
			s.ByLevel.Warning++
		case finding.LevelNote:
			s.ByLevel.Note++
		}
	}
	for _, k := range suppressionKinds {
		s.Suppressed[k] = 0
	}
	for k, n := range r.SuppressedCounts() {
		s.Suppressed[k] = n
	}
	return s
}
