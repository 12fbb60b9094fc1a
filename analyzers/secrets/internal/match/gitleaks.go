package match

// The functions in this file reproduce gitleaks v8.30.1's detect package
// (MIT licence, Copyright (c) 2019 Zachary Rice) without its logging, so
// that findings pass the same filters in the same way. They are unexported
// there; keep them in step when gitleaks is upgraded (TestMatchesGitleaks
// fails when they drift).

import (
	"math"
	"sort"
	"strings"

	glconfig "github.com/zricethezav/gitleaks/v8/config"
	glreport "github.com/zricethezav/gitleaks/v8/report"
)

// commitOrPathAllowed is checkCommitOrPathAllowed for a fragment without a
// commit.
func (m *Matcher) commitOrPathAllowed(f Fragment, allowlists []*glconfig.Allowlist) bool {
	if f.FilePath == "" {
		return false
	}
	for _, a := range allowlists {
		pathAllowed := m.pathAllowed(a, f.FilePath)
		if a.MatchCondition == glconfig.AllowlistMatchAnd {
			var checks []bool
			if len(a.Commits) > 0 {
				checks = append(checks, false) // no commit
			}
			if len(a.Paths) > 0 {
				checks = append(checks, pathAllowed)
			}
			if len(a.Regexes) > 0 || len(a.StopWords) > 0 {
				continue // checked per finding
			}
			if allTrue(checks) {
				return true
			}
		} else if pathAllowed {
			return true
		}
	}
	return false
}

// findingAllowed is checkFindingAllowed.
func (m *Matcher) findingAllowed(finding glreport.Finding, f Fragment, currentLine string, allowlists []*glconfig.Allowlist) bool {
	for _, a := range allowlists {
		target := finding.Secret
		switch a.RegexTarget {
		case "match":
			target = finding.Match
		case "line":
			target = currentLine
		}
		regexAllowed := a.RegexAllowed(target)
		containsStopword := m.containsStopWord(a, finding.Secret)
		if a.MatchCondition == glconfig.AllowlistMatchAnd {
			var checks []bool
			if len(a.Commits) > 0 {
				checks = append(checks, false) // no commit
			}
			if len(a.Paths) > 0 {
				checks = append(checks, m.pathAllowed(a, f.FilePath))
			}
			if len(a.Regexes) > 0 {
				checks = append(checks, regexAllowed)
			}
			if len(a.StopWords) > 0 {
				checks = append(checks, containsStopword)
			}
			if allTrue(checks) {
				return true
			}
		} else if regexAllowed || containsStopword {
			return true
		}
	}
	return false
}

func allTrue(checks []bool) bool {
	for _, c := range checks {
		if !c {
			return false
		}
	}
	return true
}

// shannonEntropy is gitleaks' entropy of a secret, in bits per byte of its
// runes' frequencies.
func shannonEntropy(data string) float64 {
	if data == "" {
		return 0
	}
	var ascii [128]int
	var others map[rune]int
	for _, c := range data {
		if c < 128 {
			ascii[c]++
			continue
		}
		if others == nil {
			others = map[rune]int{}
		}
		others[c]++
	}
	inv := 1.0 / float64(len(data))
	var entropy float64
	// gitleaks sums in map order; summing in a fixed order can differ in the
	// last bit, which only matters for an entropy equal to a rule's limit.
	for _, count := range ascii {
		if count > 0 {
			freq := float64(count) * inv
			entropy -= freq * math.Log2(freq)
		}
	}
	for _, count := range others {
		freq := float64(count) * inv
		entropy -= freq * math.Log2(freq)
	}
	return entropy
}

// filter drops a generic rule's finding when a specific rule found a secret
// containing it on the same line (gitleaks' filter, without redaction).
func filter(findings []glreport.Finding) []glreport.Finding {
	var out []glreport.Finding
	for _, f := range findings {
		include := true
		if strings.Contains(strings.ToLower(f.RuleID), "generic") {
			for _, g := range findings {
				if f.StartLine == g.StartLine && f.Commit == g.Commit && f.RuleID != g.RuleID &&
					strings.Contains(g.Secret, f.Secret) &&
					!strings.Contains(strings.ToLower(g.RuleID), "generic") {
					include = false
					break
				}
			}
		}
		if include {
			out = append(out, f)
		}
	}
	return out
}

// loc is gitleaks' Location.
type loc struct {
	startLine, endLine           int
	startColumn, endColumn       int
	startLineIndex, endLineIndex int
}

// location is gitleaks' location with the linear walk over the newlines
// replaced by binary search; it keeps gitleaks' quirks (columns counted
// from the preceding newline byte, the whole fragment as the line of a
// match after the last newline).
func location(newlines []int, raw string, matchIndex []int) loc {
	start, end := matchIndex[0], matchIndex[1]
	if len(newlines) == 0 {
		// gitleaks #1037: a fragment without newlines has one at its end.
		newlines = []int{len(raw)}
	}
	prev := func(j int) int {
		if j == 0 {
			return 0
		}
		return newlines[j-1]
	}
	var l loc
	// The line of start: the first newline after it.
	j := sort.Search(len(newlines), func(i int) bool { return newlines[i] > start })
	if j == len(newlines) {
		last := newlines[len(newlines)-1]
		l.startColumn = start - last + 1
		l.endColumn = end - last
		l.startLine = len(newlines)
		l.endLine = len(newlines)
		i := 0
		for end+i < len(raw) && raw[end+i] != '\n' && raw[end+i] != '\r' {
			i++
		}
		l.endLineIndex = end + i
		return l
	}
	l.startLine, l.endLine = j, j
	l.startColumn = start - prev(j) + 1
	l.startLineIndex = prev(j)
	l.endLineIndex = newlines[j]
	// The line of end: the first newline at or after it.
	if end > 0 {
		if e := sort.Search(len(newlines), func(i int) bool { return newlines[i] >= end }); e < len(newlines) {
			l.endLine = e
			l.endColumn = end - prev(e)
			l.endLineIndex = newlines[e]
		}
	}
	return l
}

// processRequiredRules keeps a multi-part rule's findings that have a
// finding of each required rule nearby, attaching those.
func (s *scan) processRequiredRules(r *rule, primary []glreport.Finding) []glreport.Finding {
	if len(primary) == 0 {
		return primary
	}
	required := map[string][]glreport.Finding{}
	for _, req := range r.RequiredRules {
		other := s.ruleByID(req.RuleID)
		if other == nil {
			continue
		}
		required[req.RuleID] = s.detectRule(other, true)
	}
	var out []glreport.Finding
	for _, p := range primary {
		var aux []*glreport.RequiredFinding
		for _, req := range r.RequiredRules {
			found, ok := required[req.RuleID]
			if !ok {
				continue
			}
			for _, f := range found {
				if withinProximity(p, f, req) {
					aux = append(aux, &glreport.RequiredFinding{
						RuleID: f.RuleID, StartLine: f.StartLine, EndLine: f.EndLine,
						StartColumn: f.StartColumn, EndColumn: f.EndColumn,
						Line: f.Line, Match: f.Match, Secret: f.Secret,
					})
				}
			}
		}
		if len(aux) > 0 && hasAllRequiredRules(aux, r.RequiredRules) {
			f := p
			f.AddRequiredFindings(aux)
			out = append(out, f)
		}
	}
	return out
}

func (s *scan) ruleByID(id string) *rule {
	for _, r := range s.m.rules {
		if r.RuleID == id {
			return r
		}
	}
	return nil
}

func hasAllRequiredRules(aux []*glreport.RequiredFinding, required []*glconfig.Required) bool {
	found := map[string]bool{}
	for _, a := range aux {
		found[a.RuleID] = true
	}
	for _, r := range required {
		if !found[r.RuleID] {
			return false
		}
	}
	return true
}

func withinProximity(primary, required glreport.Finding, r *glconfig.Required) bool {
	if r.WithinLines == nil && r.WithinColumns == nil {
		return true
	}
	if r.WithinLines != nil && abs(primary.StartLine-required.StartLine) > *r.WithinLines {
		return false
	}
	if r.WithinColumns != nil && abs(primary.StartColumn-required.StartColumn) > *r.WithinColumns {
		return false
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
