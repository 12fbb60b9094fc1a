// Package engine runs a scan: it takes content from a source, hands each file
// once to every analyzer that wants it on a pool of workers, applies rule
// settings and suppressions, and returns sorted findings. Data flows one way:
// sources → analyzers → findings → suppression → result.
package engine

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/linehash"
	"github.com/nhilint/nhilint/internal/source"
	"github.com/nhilint/nhilint/internal/suppress"
)

// binaryProbe is how much of a file is searched for a NUL byte, as git does
// to decide that content is binary.
const binaryProbe = 8000

// Suppressors are the mechanisms that silence findings, tried in this order.
type Suppressors struct {
	// NoInline disables nhilint:ignore and gitleaks:allow comments.
	NoInline       bool
	Allowlists     suppress.Allowlists
	GitleaksIgnore *suppress.GitleaksIgnore
	Baseline       *suppress.Baseline
}

// Options configure an Engine.
type Options struct {
	Analyzers []analyzers.Analyzer
	// Jobs is the number of workers; 0 means one per CPU.
	Jobs int
	// Severity overrides rule levels by rule id.
	Severity map[string]finding.Level
	// Disabled rule ids are never reported.
	Disabled map[string]bool
	Suppress Suppressors
	// Group merges findings of one rule with the same fingerprint (the same
	// secret in many commits or files) into one, anchored at the occurrence
	// with the lowest Seq, with the others as related locations.
	Group bool
	// Cache, when not nil, skips analyzing content that is known to give
	// no result (see Cache).
	Cache *Cache
}

// maxRelated bounds the related locations of a grouped finding; GitHub
// shows 100 and accepts 1,000.
const maxRelated = 100

// Engine runs scans with a fixed set of analyzers and settings.
type Engine struct {
	opts    Options
	catalog finding.Catalog
}

// Result is what a scan found.
type Result struct {
	Findings   []finding.Finding
	Suppressed []finding.Finding
	Skips      []source.Skip
	Files      int
	Bytes      int64
}

// occurrence is a settled finding and where in a history it was seen.
type occurrence struct {
	finding.Finding
	seq int64
}

// batch is what one worker collects.
type batch struct {
	found []occurrence
	files int
	bytes int64
}

// New checks the analyzers' rules and builds the rule catalog.
func New(opts Options) (*Engine, error) {
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	catalog := finding.Catalog{}
	for _, a := range opts.Analyzers {
		for _, r := range a.Rules() {
			if prev, dup := catalog[r.ID]; dup {
				return nil, fmt.Errorf("rule %q is defined by both the %s and the %s analyzer", r.ID, prev.Analyzer, a.Name())
			}
			if opts.Disabled[r.ID] {
				continue
			}
			if lvl, ok := opts.Severity[r.ID]; ok {
				c := *r
				c.Level = lvl
				r = &c
			}
			catalog[r.ID] = r
		}
	}
	return &Engine{opts: opts, catalog: catalog}, nil
}

// Catalog returns the enabled rules with severity overrides applied.
func (e *Engine) Catalog() finding.Catalog { return e.catalog }

// Run scans everything the source yields. Bad content never stops a scan: it
// becomes a skip. Run returns an error only when the source itself fails or
// ctx is cancelled.
func (e *Engine) Run(ctx context.Context, src source.Source) (*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	items := make(chan source.Item, e.opts.Jobs*4)
	var (
		mu    sync.Mutex
		res   Result
		found []occurrence
	)
	skip := func(s source.Skip) {
		mu.Lock()
		res.Skips = append(res.Skips, s)
		mu.Unlock()
	}

	var walkErr error
	go func() {
		defer close(items)
		walkErr = src.Walk(ctx, func(it source.Item) error {
			select {
			case items <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, skip)
	}()

	var wg sync.WaitGroup
	for range e.opts.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local batch
			for it := range items {
				e.scanItem(ctx, it, &local, skip)
			}
			mu.Lock()
			found = append(found, local.found...)
			res.Files += local.files
			res.Bytes += local.bytes
			mu.Unlock()
		}()
	}
	wg.Wait()

	if walkErr != nil {
		return nil, walkErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if e.opts.Cache != nil {
		_ = e.opts.Cache.save() // a cache that cannot be written costs time, not findings
	}
	found = append(found, e.finish(ctx, skip)...)
	if e.opts.Group {
		found = group(found)
	}
	for _, o := range found {
		if o.Suppression != nil {
			res.Suppressed = append(res.Suppressed, o.Finding)
		} else {
			res.Findings = append(res.Findings, o.Finding)
		}
	}
	finding.Sort(res.Findings)
	finding.Sort(res.Suppressed)
	slices.SortFunc(res.Skips, func(a, b source.Skip) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(string(a.Reason), string(b.Reason)))
	})
	return &res, nil
}

// scanItem reads one item and runs every interested analyzer on it.
func (e *Engine) scanItem(ctx context.Context, it source.Item, out *batch, skip func(source.Skip)) {
	if ctx.Err() != nil {
		return
	}
	data, err := it.Read()
	if err != nil {
		reason := source.ReasonUnreadable
		if errors.Is(err, source.ErrTooLarge) {
			reason = source.ReasonTooLarge
		}
		skip(source.Skip{Path: it.Path, Reason: reason, Detail: err.Error()})
		return
	}
	if bytes.IndexByte(data[:min(len(data), binaryProbe)], 0) >= 0 {
		skip(source.Skip{Path: it.Path, Reason: source.ReasonBinary})
		e.scanPath(ctx, it, out, skip)
		return
	}
	out.files++
	out.bytes += int64(len(data))

	f := &analyzers.File{Path: it.Path, Rel: it.Rel, Content: data, Commit: it.Commit, Author: it.Author, Date: it.Date, Added: it.Added}
	var hashes []string  // primaryLocationLineHash per line, computed on first finding
	var entry cacheEntry // the file's cache entry, when there is a cache
	clean := false       // the cache says the per-file analyzers report nothing
	if e.opts.Cache != nil {
		entry = entryOf(f)
		clean = e.opts.Cache.clean(entry)
	}
	var results []analyzers.Result
	failed := false
	for _, a := range e.opts.Analyzers {
		if !a.Wants(it.Rel) {
			continue
		}
		if _, finisher := a.(analyzers.Finisher); clean && !finisher {
			continue // a Finisher must see every file to report across files
		}
		rs, err := analyze(ctx, a, f)
		if err != nil {
			failed = true
			skip(source.Skip{Path: it.Path, Reason: source.ReasonAnalyzerError, Detail: a.Name() + ": " + err.Error()})
		}
		results = append(results, rs...)
	}
	if e.opts.Cache != nil && !clean && !failed && len(results) == 0 && ctx.Err() == nil {
		e.opts.Cache.remember(entry)
	}
	for _, r := range e.dedupe(results) {
		{
			fd, ok := e.settle(f, r)
			if !ok {
				continue
			}
			if hashes == nil {
				hashes = linehash.Hashes(data)
			}
			if n := fd.Location.StartLine; n >= 1 && n <= len(hashes) {
				fd.Location.LineHash = hashes[n-1]
			}
			out.found = append(out.found, occurrence{fd, it.Seq})
		}
	}
}

// scanPath runs the path-only rules on a file whose content is not read.
func (e *Engine) scanPath(ctx context.Context, it source.Item, out *batch, skip func(source.Skip)) {
	f := &analyzers.File{Path: it.Path, Rel: it.Rel, Commit: it.Commit, Author: it.Author, Date: it.Date}
	for _, a := range e.opts.Analyzers {
		pa, ok := a.(analyzers.PathAnalyzer)
		if !ok || !a.Wants(it.Rel) {
			continue
		}
		results, err := pa.AnalyzePath(ctx, f)
		if err != nil {
			skip(source.Skip{Path: it.Path, Reason: source.ReasonAnalyzerError, Detail: a.Name() + ": " + err.Error()})
		}
		for _, r := range results {
			if fd, ok := e.settle(f, r); ok {
				out.found = append(out.found, occurrence{fd, it.Seq})
			}
		}
	}
}

// dedupe drops the second report of one secret at one place by two analyzer
// families: a structural rule (a literal key in an agent config) and a
// secret rule (the key's own format). The secret rule's finding names the
// credential type and how to revoke it, so it is kept, unless it is one of
// gitleaks' generic rules, which the structural rule says better. Two secret
// rules on one secret are both kept, as gitleaks reports them.
func (e *Engine) dedupe(results []analyzers.Result) []analyzers.Result {
	if len(results) < 2 {
		return results
	}
	isSecretRule := func(r analyzers.Result) bool {
		if rule, ok := e.catalog[r.Finding.RuleID]; ok {
			return rule.Analyzer == "secrets"
		}
		return r.Finding.Analyzer == "secrets"
	}
	drop := make([]bool, len(results))
	for i, a := range results {
		for j := i + 1; j < len(results); j++ {
			b := results[j]
			if isSecretRule(a) == isSecretRule(b) || !sameSecretAt(a, b) {
				continue
			}
			secretIdx, structIdx := i, j
			if isSecretRule(b) {
				secretIdx, structIdx = j, i
			}
			// The secret rule's finding is the more specific one, unless it is
			// generic, or its analyzer found the value to be a placeholder
			// that the structural rule still reports.
			if strings.Contains(results[secretIdx].Finding.RuleID, "generic") || results[secretIdx].Finding.Suppression != nil {
				drop[secretIdx] = true
			} else {
				drop[structIdx] = true
			}
		}
	}
	kept := results[:0:0]
	for i, r := range results {
		if !drop[i] {
			kept = append(kept, r)
		}
	}
	return kept
}

func sameSecretAt(a, b analyzers.Result) bool {
	la, lb := a.Finding.Location, b.Finding.Location
	if a.Evidence.Secret() == "" || a.Evidence.Secret() != b.Evidence.Secret() || la.StartLine != lb.StartLine {
		return false
	}
	// The spans overlap (columns on the same start line).
	return la.StartColumn < max(lb.EndColumn, lb.StartColumn+1) && lb.StartColumn < max(la.EndColumn, la.StartColumn+1)
}

// finish collects the cross-file findings of analyzers that have them.
func (e *Engine) finish(ctx context.Context, skip func(source.Skip)) []occurrence {
	var out []occurrence
	for _, a := range e.opts.Analyzers {
		fin, ok := a.(analyzers.Finisher)
		if !ok {
			continue
		}
		results, err := fin.Finish(ctx)
		if err != nil {
			skip(source.Skip{Reason: source.ReasonAnalyzerError, Detail: a.Name() + ": " + err.Error()})
		}
		for _, r := range results {
			if fd, ok := e.settle(nil, r); ok {
				out = append(out, occurrence{fd, 0})
			}
		}
	}
	return out
}

// analyze runs one analyzer, turning a panic into an error so one bad file
// cannot take the scan down. The panic value is not included: it might quote
// content.
func analyze(ctx context.Context, a analyzers.Analyzer, f *analyzers.File) (results []analyzers.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			results, err = nil, fmt.Errorf("internal error (panic %T) while analyzing; please report it", r)
		}
	}()
	return a.Analyze(ctx, f)
}

// settle applies rule settings and suppressions to one result; f is nil for
// cross-file findings. The evidence is used here and dropped: it never leaves
// the engine.
func (e *Engine) settle(f *analyzers.File, r analyzers.Result) (finding.Finding, bool) {
	fd := r.Finding
	if e.opts.Disabled[fd.RuleID] {
		return fd, false
	}
	if rule, ok := e.catalog[fd.RuleID]; ok {
		rule.Apply(&fd)
	}
	if lvl, ok := e.opts.Severity[fd.RuleID]; ok {
		fd.Level = lvl
	}
	if fd.Suppression == nil { // an analyzer may have recognised a placeholder itself
		fd.Suppression = e.suppression(f, &fd, r.Evidence)
	}
	return fd, true
}

func (e *Engine) suppression(f *analyzers.File, fd *finding.Finding, ev analyzers.Evidence) *finding.Suppression {
	s := e.opts.Suppress
	rel := fd.Location.Path
	if f != nil {
		rel = f.Rel
		if !s.NoInline {
			if sup := suppress.Inline(f, fd); sup != nil {
				return sup
			}
		}
	}
	if sup := s.Allowlists.Match(fd, rel, ev); sup != nil {
		return sup
	}
	if s.GitleaksIgnore != nil {
		if sup := s.GitleaksIgnore.Match(fd); sup != nil {
			return sup
		}
	}
	if s.Baseline != nil {
		if sup := s.Baseline.Match(fd); sup != nil {
			return sup
		}
	}
	return nil
}

// group merges occurrences of the same rule and fingerprint. The merged
// finding is suppressed only when every occurrence is; it is anchored at the
// earliest unsuppressed occurrence (or the earliest one), ties broken by the
// canonical order so the result does not depend on scheduling.
func group(found []occurrence) []occurrence {
	type key struct{ rule, fingerprint string }
	byKey := map[key][]occurrence{}
	var order []key
	for _, o := range found {
		k := key{o.RuleID, o.Fingerprint}
		if o.Fingerprint == "" {
			k.fingerprint = fmt.Sprintf("\x00%d", len(order)) // not groupable
		}
		if _, seen := byKey[k]; !seen {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], o)
	}
	out := make([]occurrence, 0, len(order))
	for _, k := range order {
		occs := byKey[k]
		slices.SortFunc(occs, func(a, b occurrence) int {
			return cmp.Or(
				cmp.Compare(suppressedRank(a), suppressedRank(b)),
				cmp.Compare(a.seq, b.seq),
				finding.Compare(a.Finding, b.Finding),
			)
		})
		anchor := occs[0]
		for _, o := range occs[1:] {
			if len(anchor.Related) >= maxRelated {
				break
			}
			anchor.Related = append(anchor.Related, o.Location)
		}
		out = append(out, anchor)
	}
	return out
}

func suppressedRank(o occurrence) int {
	if o.Suppression != nil {
		return 1
	}
	return 0
}
