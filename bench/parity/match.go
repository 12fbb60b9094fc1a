package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Tool names a scanner.
type Tool string

const (
	Gitleaks Tool = "gitleaks"
	Nhilint  Tool = "nhilint"
)

// Diff is a finding that only one tool reported.
type Diff struct {
	Only    Tool
	Finding Finding
	// Explanation says why the other tool is expected to be silent; empty
	// when nothing explains the difference.
	Explanation string
	// Near lists the lines at which the other tool reported the same rule in
	// the same file without a partner: usually the same finding placed on a
	// line outside the match span.
	Near []int
}

// Result is the outcome of comparing two reports.
type Result struct {
	Gitleaks, Nhilint int // findings per tool
	Suppressed        int // nhilint's suppressed findings
	Skipped           int // files nhilint skipped
	// SameLine and InSpan count matched pairs by how they matched.
	SameLine, InSpan int
	OnlyGitleaks     []Diff
	OnlyNhilint      []Diff
	Rules            []RuleSummary
}

// Matched is the number of findings both tools reported.
func (r *Result) Matched() int { return r.SameLine + r.InSpan }

// Unexplained counts differences that no explanation covers.
func (r *Result) Unexplained() int {
	n := 0
	for _, d := range r.OnlyGitleaks {
		if d.Explanation == "" {
			n++
		}
	}
	for _, d := range r.OnlyNhilint {
		if d.Explanation == "" {
			n++
		}
	}
	return n
}

// RuleSummary is the comparison restricted to one rule.
type RuleSummary struct {
	Rule                      string
	Gitleaks, Nhilint         int
	Matched                   int
	OnlyGitleaks, OnlyNhilint int
	Unexplained               int
}

// Compare matches the findings of both tools and explains what it can of the
// rest. knownRules are the rule ids gitleaks runs; nhilint findings of other
// rules are expected to be nhilint's alone.
func Compare(r *Reports, knownRules map[string]bool) *Result {
	res := &Result{
		Gitleaks:   len(r.Gitleaks),
		Nhilint:    len(r.Nhilint),
		Suppressed: len(r.Suppressed),
		Skipped:    len(r.Skipped),
	}
	gl := sortedCopy(r.Gitleaks)
	nh := sortedCopy(r.Nhilint)
	m := match(gl, nh)
	res.SameLine, res.InSpan = m.sameLine, m.inSpan

	// A gitleaks finding that nhilint suppressed is explained by the suppression.
	onlyGl := pick(gl, m.restA)
	sup := sortedCopy(r.Suppressed)
	ms := match(onlyGl, sup)
	suppressedBy := map[int]string{}
	for i, j := range ms.pairs {
		suppressedBy[i] = sup[j].Suppression
	}
	onlyNh := pick(nh, m.restB)
	for i, f := range onlyGl {
		d := Diff{Only: Gitleaks, Finding: f, Near: near(f, onlyNh)}
		if kind, ok := suppressedBy[i]; ok {
			d.Explanation = fmt.Sprintf("nhilint suppressed it (%s)", kind)
		} else if s, ok := r.Skipped[outerPath(f.Path)]; ok {
			d.Explanation = "nhilint skipped the file: " + s.Reason
			if s.Detail != "" {
				d.Explanation += " (" + s.Detail + ")"
			}
		} else if other := sameLineOther(f, onlyNh, knownRules); other != "" {
			d.Explanation = "nhilint reports the same line under its structural rule " + other
		}
		res.OnlyGitleaks = append(res.OnlyGitleaks, d)
	}
	for _, f := range onlyNh {
		d := Diff{Only: Nhilint, Finding: f, Near: near(f, onlyGl)}
		if !knownRules[f.Rule] {
			d.Explanation = "rule is not in gitleaks' default config"
		}
		res.OnlyNhilint = append(res.OnlyNhilint, d)
	}
	res.Rules = summariseRules(gl, nh, res)
	return res
}

// sameLineOther returns the rule of an nhilint finding that is not one of
// gitleaks' rules on the line of f (a structural rule that reported the same
// value, which the engine keeps instead of a generic secret rule), or "".
func sameLineOther(f Finding, nh []Finding, knownRules map[string]bool) string {
	for _, n := range nh {
		if n.Path == f.Path && n.Line == f.Line && !knownRules[n.Rule] {
			return n.Rule
		}
	}
	return ""
}

// matching is the outcome of match: pairs maps an index of a to its partner
// in b, restA and restB are the indices left without one.
type matching struct {
	pairs            map[int]int
	restA, restB     []int
	sameLine, inSpan int
}

// match pairs findings of a (gitleaks-like: with a match span) with findings
// of b in two passes: first same path, rule and line; then same path and rule
// with b's line inside a's span [Line, EndLine], nearest to Line first. Each
// finding is used at most once, so duplicates on one side stay unmatched.
func match(a, b []Finding) matching {
	m := matching{pairs: map[int]int{}}
	usedB := make([]bool, len(b))

	type lineKey struct {
		path, rule string
		line       int
	}
	byLine := map[lineKey][]int{}
	for j, f := range b {
		k := lineKey{f.Path, f.Rule, f.Line}
		byLine[k] = append(byLine[k], j)
	}
	for i, f := range a {
		k := lineKey{f.Path, f.Rule, f.Line}
		if js := byLine[k]; len(js) > 0 {
			m.pairs[i] = js[0]
			usedB[js[0]] = true
			byLine[k] = js[1:]
			m.sameLine++
		}
	}

	type fileKey struct{ path, rule string }
	byFile := map[fileKey][]int{}
	for j, f := range b {
		if !usedB[j] {
			k := fileKey{f.Path, f.Rule}
			byFile[k] = append(byFile[k], j)
		}
	}
	for i, f := range a {
		if _, ok := m.pairs[i]; ok {
			continue
		}
		best := -1
		for _, j := range byFile[fileKey{f.Path, f.Rule}] {
			l := b[j].Line
			if usedB[j] || l < f.Line || l > f.EndLine {
				continue
			}
			if best < 0 || l < b[best].Line {
				best = j
			}
		}
		if best >= 0 {
			m.pairs[i] = best
			usedB[best] = true
			m.inSpan++
		}
	}

	for i := range a {
		if _, ok := m.pairs[i]; !ok {
			m.restA = append(m.restA, i)
		}
	}
	for j := range b {
		if !usedB[j] {
			m.restB = append(m.restB, j)
		}
	}
	return m
}

// near returns the lines of others that have f's path and rule.
func near(f Finding, others []Finding) []int {
	var lines []int
	for _, o := range others {
		if o.Path == f.Path && o.Rule == f.Rule {
			lines = append(lines, o.Line)
		}
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

func summariseRules(gl, nh []Finding, res *Result) []RuleSummary {
	by := map[string]*RuleSummary{}
	get := func(rule string) *RuleSummary {
		s := by[rule]
		if s == nil {
			s = &RuleSummary{Rule: rule}
			by[rule] = s
		}
		return s
	}
	for _, f := range gl {
		get(f.Rule).Gitleaks++
	}
	for _, f := range nh {
		get(f.Rule).Nhilint++
	}
	for _, d := range res.OnlyGitleaks {
		s := get(d.Finding.Rule)
		s.OnlyGitleaks++
		if d.Explanation == "" {
			s.Unexplained++
		}
	}
	for _, d := range res.OnlyNhilint {
		s := get(d.Finding.Rule)
		s.OnlyNhilint++
		if d.Explanation == "" {
			s.Unexplained++
		}
	}
	out := make([]RuleSummary, 0, len(by))
	for _, s := range by {
		s.Matched = s.Gitleaks - s.OnlyGitleaks
		out = append(out, *s)
	}
	// Largest differences first.
	slices.SortFunc(out, func(a, b RuleSummary) int {
		return cmp.Or(
			cmp.Compare(b.OnlyGitleaks+b.OnlyNhilint, a.OnlyGitleaks+a.OnlyNhilint),
			strings.Compare(a.Rule, b.Rule),
		)
	})
	return out
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		strings.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		strings.Compare(a.Rule, b.Rule),
		cmp.Compare(a.EndLine, b.EndLine),
		strings.Compare(a.Suppression, b.Suppression),
	)
}

// sortedCopy returns fs in a canonical order, so that results do not depend
// on the order in which a tool wrote its report (gitleaks' is not stable).
func sortedCopy(fs []Finding) []Finding {
	out := slices.Clone(fs)
	slices.SortFunc(out, compareFindings)
	return out
}

func pick(fs []Finding, idx []int) []Finding {
	out := make([]Finding, 0, len(idx))
	for _, i := range idx {
		out = append(out, fs[i])
	}
	return out
}
