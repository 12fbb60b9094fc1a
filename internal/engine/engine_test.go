package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/source"
	"github.com/nhilint/nhilint/internal/suppress"
)

// wordAnalyzer reports every occurrence of a word, as rule "word".
type wordAnalyzer struct {
	word  string
	panic string // content that makes it panic
}

func (wordAnalyzer) Name() string { return "test" }
func (wordAnalyzer) Rules() []*finding.Rule {
	return []*finding.Rule{{ID: "word", Title: "Word", Level: finding.LevelWarning, Analyzer: "test",
		Categories: []finding.Category{finding.NHI2}, CWEs: []string{"CWE-798"},
		Remediation: finding.Remediation{Revoke: "revoke it", Rotate: "rotate it"}}}
}
func (a wordAnalyzer) Wants(p string) bool { return !strings.HasSuffix(p, ".skip") }
func (a wordAnalyzer) Analyze(_ context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	if a.panic != "" && bytes.Contains(f.Content, []byte(a.panic)) {
		panic("boom with content " + string(f.Content))
	}
	var out []analyzers.Result
	for i := 0; ; {
		j := bytes.Index(f.Content[i:], []byte(a.word))
		if j < 0 {
			return out, nil
		}
		start := i + j
		out = append(out, analyzers.Result{
			Finding:  finding.Finding{RuleID: "word", Location: f.Location(start, start+len(a.word)), Fingerprint: finding.KeyFingerprint("word", f.Path, fmt.Sprint(start))},
			Evidence: analyzers.NewEvidence(a.word, a.word, string(f.Line(f.Location(start, start).StartLine))),
		})
		i = start + len(a.word)
	}
}

// memSource yields fixed items.
type memSource struct{ items []source.Item }

func (m memSource) Walk(ctx context.Context, emit func(source.Item) error, _ func(source.Skip)) error {
	for _, it := range m.items {
		if err := emit(it); err != nil {
			return err
		}
	}
	return nil
}

func item(path, content string) source.Item {
	return source.Item{Path: path, Rel: path, Size: int64(len(content)), Read: func() ([]byte, error) { return []byte(content), nil }}
}

func failing(path string, err error) source.Item {
	return source.Item{Path: path, Rel: path, Read: func() ([]byte, error) { return nil, err }}
}

func run(t *testing.T, opts Options, items ...source.Item) *Result {
	t.Helper()
	if opts.Analyzers == nil {
		opts.Analyzers = []analyzers.Analyzer{wordAnalyzer{word: "KEY"}}
	}
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Run(context.Background(), memSource{items})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

type pos struct {
	path       string
	line, col  int
	suppressed finding.SuppressionKind
}

func positions(fs []finding.Finding) []pos {
	var out []pos
	for _, f := range fs {
		p := pos{path: f.Location.Path, line: f.Location.StartLine, col: f.Location.StartColumn}
		if f.Suppression != nil {
			p.suppressed = f.Suppression.Kind
		}
		out = append(out, p)
	}
	return out
}

func TestOutputOrderDoesNotDependOnScheduling(t *testing.T) {
	var items []source.Item
	for i := range 200 {
		items = append(items, item(fmt.Sprintf("d%d/f%03d.txt", i%7, (i*37)%200), strings.Repeat("x KEY\n", i%5+1)))
	}
	want := run(t, Options{Jobs: 1}, items...)
	for _, jobs := range []int{2, 8, 32} {
		got := run(t, Options{Jobs: jobs}, items...)
		if !reflect.DeepEqual(positions(got.Findings), positions(want.Findings)) {
			t.Fatalf("jobs=%d: order differs from jobs=1", jobs)
		}
	}
	if len(want.Findings) != 600 || want.Files != 200 {
		t.Errorf("got %d findings in %d files, want 600 in 200", len(want.Findings), want.Files)
	}
	if want.Findings[0].Title != "Word" || want.Findings[0].Level != finding.LevelWarning || want.Findings[0].Location.LineHash == "" {
		t.Errorf("rule documentation or line hash not applied: %+v", want.Findings[0])
	}
}

func TestBadContentBecomesSkipsAndTheScanGoesOn(t *testing.T) {
	res := run(t, Options{Analyzers: []analyzers.Analyzer{wordAnalyzer{word: "KEY", panic: "PANIC"}}},
		item("a.bin", "KEY\x00\x01"),
		failing("big.txt", fmt.Errorf("read big.txt: %w", source.ErrTooLarge)),
		failing("gone.txt", errors.New("open gone.txt: no such file or directory")),
		item("crash.txt", "PANIC KEY"),
		item("ok.txt", "KEY"),
	)
	wantSkips := []source.Skip{
		{Path: "a.bin", Reason: source.ReasonBinary},
		{Path: "big.txt", Reason: source.ReasonTooLarge, Detail: "read big.txt: " + source.ErrTooLarge.Error()},
		{Path: "crash.txt", Reason: source.ReasonAnalyzerError, Detail: "test: internal error (panic string) while analyzing; please report it"},
		{Path: "gone.txt", Reason: source.ReasonUnreadable, Detail: "open gone.txt: no such file or directory"},
	}
	if !reflect.DeepEqual(res.Skips, wantSkips) {
		t.Errorf("skips =\n%+v\nwant\n%+v", res.Skips, wantSkips)
	}
	if got := positions(res.Findings); !reflect.DeepEqual(got, []pos{{"ok.txt", 1, 1, ""}}) {
		t.Errorf("findings = %+v", got)
	}
	for _, s := range res.Skips {
		if strings.Contains(s.Detail, "PANIC KEY") {
			t.Error("a panic's content reached a skip detail")
		}
	}
}

func TestRuleSettings(t *testing.T) {
	res := run(t, Options{Severity: map[string]finding.Level{"word": finding.LevelError}}, item("a", "KEY"))
	if res.Findings[0].Level != finding.LevelError {
		t.Errorf("severity override not applied: %s", res.Findings[0].Level)
	}
	res = run(t, Options{Disabled: map[string]bool{"word": true}}, item("a", "KEY"))
	if len(res.Findings)+len(res.Suppressed) != 0 {
		t.Errorf("disabled rule reported")
	}
	e, _ := New(Options{Analyzers: []analyzers.Analyzer{wordAnalyzer{word: "KEY"}}, Disabled: map[string]bool{"word": true}})
	if _, ok := e.Catalog()["word"]; ok {
		t.Error("disabled rule still in the catalog")
	}
}

func TestDuplicateRuleIDsAcrossAnalyzersAreRejected(t *testing.T) {
	if _, err := New(Options{Analyzers: []analyzers.Analyzer{wordAnalyzer{}, wordAnalyzer{}}}); err == nil {
		t.Error("duplicate rule ids accepted")
	}
}

func TestAnalyzersSeeOnlyFilesTheyWant(t *testing.T) {
	res := run(t, Options{}, item("a.skip", "KEY"), item("b.txt", "KEY"))
	if got := positions(res.Findings); !reflect.DeepEqual(got, []pos{{"b.txt", 1, 1, ""}}) {
		t.Errorf("findings = %+v", got)
	}
}

func TestSuppressionsAreCountedNotHidden(t *testing.T) {
	content := "KEY // nhilint:ignore\nKEY\n# nhilint:ignore word -- test fixture\nKEY\nKEY\n"
	b, err := suppress.ParseBaseline(strings.NewReader(finding.KeyFingerprint("word", "a.txt", fmt.Sprint(strings.LastIndex(content, "KEY")))+" word a.txt\n"), "base.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, Options{Suppress: Suppressors{Baseline: b}}, item("a.txt", content))
	if got, want := positions(res.Findings), []pos{{"a.txt", 2, 1, ""}}; !reflect.DeepEqual(got, want) {
		t.Errorf("findings = %+v, want %+v", got, want)
	}
	want := []pos{{"a.txt", 1, 1, finding.SuppressedInline}, {"a.txt", 4, 1, finding.SuppressedInline}, {"a.txt", 5, 1, finding.SuppressedBaseline}}
	if got := positions(res.Suppressed); !reflect.DeepEqual(got, want) {
		t.Errorf("suppressed = %+v, want %+v", got, want)
	}

	res = run(t, Options{Suppress: Suppressors{NoInline: true}}, item("a.txt", content))
	if len(res.Findings) != 4 {
		t.Errorf("--no-inline-ignore: %d findings, want 4", len(res.Findings))
	}
}

func TestCancelledScanReturnsAnError(t *testing.T) {
	e, _ := New(Options{Analyzers: []analyzers.Analyzer{wordAnalyzer{word: "KEY"}}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Run(ctx, memSource{[]source.Item{item("a", "KEY")}}); err == nil {
		t.Error("no error from a cancelled scan")
	}
}

func TestGroupMergesTheSameSecretAcrossCommits(t *testing.T) {
	// keyAnalyzer reports "KEY" with a fingerprint that depends only on the word,
	// as a secret's does, so the same key in several places groups together.
	ev := func(path, content string, seq int64, commit string) source.Item {
		it := item(path, content)
		it.Seq, it.Commit = seq, commit
		return it
	}
	opts := Options{Analyzers: []analyzers.Analyzer{sameKeyAnalyzer{}}, Group: true}
	res := run(t, opts,
		ev("b.txt", "KEY", 3, "c3"),
		ev("a.txt", "x\nKEY", 1, "c1"),
		ev("c.txt", "KEY // nhilint:ignore", 0, "c0"),
		ev("a.txt", "y\ny\nKEY", 2, "c2"),
	)
	if len(res.Findings) != 1 || len(res.Suppressed) != 0 {
		t.Fatalf("%d findings, %d suppressed; want one grouped finding", len(res.Findings), len(res.Suppressed))
	}
	got := res.Findings[0]
	// The earliest unsuppressed occurrence anchors it; the others follow in history order.
	if got.Location.Commit != "c1" || got.Location.StartLine != 2 {
		t.Errorf("anchored at %s:%d, want c1 line 2", got.Location.Commit, got.Location.StartLine)
	}
	var related []string
	for _, l := range got.Related {
		related = append(related, l.Commit)
	}
	if !reflect.DeepEqual(related, []string{"c2", "c3", "c0"}) {
		t.Errorf("related commits %v, want [c2 c3 c0]", related)
	}
}

type sameKeyAnalyzer struct{ wordAnalyzer }

func (sameKeyAnalyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	rs, err := wordAnalyzer{word: "KEY"}.Analyze(ctx, f)
	for i := range rs {
		rs[i].Finding.Fingerprint = finding.Fingerprint("word", "KEY")
	}
	return rs, err
}

// countingAnalyzer reports, after the scan, how many files held the word.
type countingAnalyzer struct {
	wordAnalyzer
	mu    sync.Mutex
	paths []string
}

func (c *countingAnalyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	if bytes.Contains(f.Content, []byte("KEY")) {
		c.mu.Lock()
		c.paths = append(c.paths, f.Path)
		c.mu.Unlock()
	}
	return nil, nil
}

func (c *countingAnalyzer) Finish(context.Context) ([]analyzers.Result, error) {
	slices.Sort(c.paths)
	fd := finding.Finding{RuleID: "word", Location: finding.Location{Path: c.paths[0]}, Fingerprint: "shared"}
	for _, p := range c.paths[1:] {
		fd.Related = append(fd.Related, finding.Location{Path: p})
	}
	return []analyzers.Result{{Finding: fd}}, nil
}

func TestFinishersReportAcrossFiles(t *testing.T) {
	res := run(t, Options{Analyzers: []analyzers.Analyzer{&countingAnalyzer{}}, Jobs: 4},
		item("b.txt", "KEY"), item("a.txt", "KEY"), item("c.txt", "none"))
	if len(res.Findings) != 1 || res.Findings[0].Location.Path != "a.txt" || len(res.Findings[0].Related) != 1 || res.Findings[0].Title != "Word" {
		t.Errorf("findings %+v; want one on a.txt related to b.txt, documented", res.Findings)
	}
}
