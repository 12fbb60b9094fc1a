package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	glconfig "github.com/zricethezav/gitleaks/v8/config"
)

// Finding is a finding of either tool, reduced to what parity compares. It
// never holds the secret: the report types below do not even decode it.
type Finding struct {
	// Path is slash-separated and relative to the scan root when the root is known.
	Path string
	Rule string
	// Line and EndLine are 1-based; EndLine >= Line. For gitleaks they span the
	// whole match, for nhilint the secret.
	Line    int
	EndLine int
	// Suppression is the nhilint suppression kind of a suppressed finding.
	Suppression string
}

// Skip is a file nhilint saw but did not scan.
type Skip struct {
	Reason string
	Detail string
}

// Reports are the two reports after loading and path normalisation.
type Reports struct {
	Gitleaks []Finding
	Nhilint  []Finding
	// Suppressed are nhilint findings that a suppression silenced.
	Suppressed []Finding
	// Skipped maps the normalised path of each file nhilint skipped.
	Skipped map[string]Skip
}

// gitleaksFinding is one element of a gitleaks JSON report. Secret, Match and
// Line are deliberately absent so that they are never decoded.
type gitleaksFinding struct {
	RuleID    string
	File      string
	StartLine int
	EndLine   int
}

// nhilintReport is the part of an nhilint JSON report (schema version 1) that
// parity reads. Credential previews are not decoded.
type nhilintReport struct {
	SchemaVersion string           `json:"schemaVersion"`
	Roots         []string         `json:"roots"`
	Findings      []nhilintFinding `json:"findings"`
	Suppressed    []nhilintFinding `json:"suppressed"`
	Skipped       []nhilintSkip    `json:"skipped"`
}

type nhilintFinding struct {
	RuleID   string `json:"ruleId"`
	Location struct {
		Path      string `json:"path"`
		StartLine int    `json:"startLine"`
		EndLine   int    `json:"endLine"`
	} `json:"location"`
	Suppression *struct {
		Kind string `json:"kind"`
	} `json:"suppression"`
}

type nhilintSkip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	Detail string `json:"detail"`
}

// nhilintSchemaVersion is the JSON report version this tool understands.
const nhilintSchemaVersion = "1"

func decodeGitleaks(r io.Reader) ([]gitleaksFinding, error) {
	var fs []gitleaksFinding
	if err := json.NewDecoder(r).Decode(&fs); err != nil {
		return nil, fmt.Errorf("decoding gitleaks JSON report: %w", err)
	}
	return fs, nil
}

func decodeNhilint(r io.Reader) (*nhilintReport, error) {
	var rep nhilintReport
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return nil, fmt.Errorf("decoding nhilint JSON report: %w", err)
	}
	if rep.SchemaVersion != nhilintSchemaVersion {
		return nil, fmt.Errorf("nhilint JSON report has schemaVersion %q, want %q", rep.SchemaVersion, nhilintSchemaVersion)
	}
	return &rep, nil
}

// Load reads both reports. Paths are made relative to the longest matching
// root among root (if not empty) and the roots recorded in the nhilint
// report, so the tools may be given the same directory in different spellings.
func Load(gitleaksPath, nhilintPath, root string) (*Reports, error) {
	gf, err := os.Open(gitleaksPath)
	if err != nil {
		return nil, err
	}
	defer gf.Close()
	nf, err := os.Open(nhilintPath)
	if err != nil {
		return nil, err
	}
	defer nf.Close()
	gl, err := decodeGitleaks(gf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", gitleaksPath, err)
	}
	nh, err := decodeNhilint(nf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", nhilintPath, err)
	}
	return newReports(gl, nh, root), nil
}

func newReports(gl []gitleaksFinding, nh *nhilintReport, root string) *Reports {
	roots := slices.Clone(nh.Roots)
	if root != "" {
		roots = append(roots, root)
	}
	norm := pathNormaliser(roots)
	r := &Reports{Skipped: make(map[string]Skip, len(nh.Skipped))}
	for _, f := range gl {
		r.Gitleaks = append(r.Gitleaks, Finding{
			Path:    norm(f.File),
			Rule:    f.RuleID,
			Line:    f.StartLine,
			EndLine: max(f.EndLine, f.StartLine),
		})
	}
	for _, f := range nh.Findings {
		r.Nhilint = append(r.Nhilint, nhilintToFinding(f, norm))
	}
	for _, f := range nh.Suppressed {
		r.Suppressed = append(r.Suppressed, nhilintToFinding(f, norm))
	}
	for _, s := range nh.Skipped {
		r.Skipped[norm(s.Path)] = Skip{Reason: s.Reason, Detail: s.Detail}
	}
	return r
}

func nhilintToFinding(f nhilintFinding, norm func(string) string) Finding {
	out := Finding{
		Path:    norm(f.Location.Path),
		Rule:    f.RuleID,
		Line:    f.Location.StartLine,
		EndLine: max(f.Location.EndLine, f.Location.StartLine),
	}
	if f.Suppression != nil {
		out.Suppression = f.Suppression.Kind
	}
	return out
}

// pathNormaliser returns a function that turns a reported path into a clean
// slash path relative to the longest of roots that contains it. gitleaks
// reports files inside archives as "outer!inner"; the separator is kept.
func pathNormaliser(roots []string) func(string) string {
	var clean []string
	for _, r := range roots {
		if r == "" {
			continue
		}
		clean = append(clean, path.Clean(filepath.ToSlash(r)))
	}
	// Longest first, so that a nested root wins over its parent.
	slices.SortFunc(clean, func(a, b string) int { return len(b) - len(a) })
	return func(p string) string {
		p = path.Clean(filepath.ToSlash(p))
		for _, r := range clean {
			switch {
			case r == ".":
				if !path.IsAbs(p) {
					return p
				}
			case p == r:
				return "."
			case r == "/":
				return strings.TrimPrefix(p, "/")
			case strings.HasPrefix(p, r+"/"):
				return p[len(r)+1:]
			}
		}
		return p
	}
}

// outerPath is the file on disk that holds p: the archive for a gitleaks
// path inside an archive ("a.zip!b.txt"), else p itself.
func outerPath(p string) string {
	outer, _, _ := strings.Cut(p, "!")
	return outer
}

var ruleIDPattern = regexp.MustCompile(`(?m)^\s*id\s*=\s*"([^"]+)"`)

// gitleaksRuleIDs returns the ids of the rules in gitleaks' default config,
// the rules the gitleaks CLI runs when the scanned directory has no
// .gitleaks.toml.
var gitleaksRuleIDs = sync.OnceValue(func() map[string]bool {
	ids := map[string]bool{}
	for _, m := range ruleIDPattern.FindAllStringSubmatch(glconfig.DefaultConfig, -1) {
		ids[m[1]] = true
	}
	return ids
})
