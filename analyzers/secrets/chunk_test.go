package secrets

import (
	"context"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/source"
)

func TestWindowsCoverEverythingAndOwnDisjointSpans(t *testing.T) {
	for _, text := range []string{
		"",
		"short",
		strings.Repeat("x", windowSize+windowStretch+1),          // one long line: hard cuts
		strings.Repeat("abcdefghi\n", 100_000),                   // many short lines
		strings.Repeat(strings.Repeat("y", 50_000)+"\n", 20),     // long lines
		strings.Repeat("z", 3*windowSize) + "\n" + "tail" + "\n", // a break only at the end
	} {
		ws := windows([]byte(text))
		if ws[0].start != 0 || ws[len(ws)-1].end != len(text) || ws[len(ws)-1].own != len(text) {
			t.Fatalf("len %d: windows %v do not span the text", len(text), ws)
		}
		for i, w := range ws {
			if !(w.start <= w.own && w.own <= w.end) {
				t.Fatalf("len %d: window %d = %+v", len(text), i, w)
			}
			if i > 0 && ws[i-1].own != w.start {
				t.Fatalf("len %d: window %d starts at %d, previous owns up to %d", len(text), i, w.start, ws[i-1].own)
			}
			if w.end-w.own > windowOverlap || (i < len(ws)-1 && w.end-w.own < 1) {
				t.Fatalf("len %d: window %d overlap %d", len(text), i, w.end-w.own)
			}
		}
	}
}

func TestSecretsAcrossWindowBoundariesAreFoundOnce(t *testing.T) {
	a := newAnalyzer(t, Options{})
	// One long line with a token straddling the first cut, and one token per
	// 40 KB after it, so that several sit in overlaps.
	var b strings.Builder
	b.WriteString(strings.Repeat("q", windowSize-10))
	wantCols := []int{b.Len() + 2}
	b.WriteString(" " + fakeGHP + " ")
	for b.Len() < 5*windowSize {
		b.WriteString(strings.Repeat("q", 40_000))
		wantCols = append(wantCols, b.Len()+2)
		b.WriteString(" " + fakeGHP + " ")
	}
	got := scan(t, a, "one-line.js", b.String())
	if len(got) != len(wantCols) {
		t.Fatalf("%d findings, want %d", len(got), len(wantCols))
	}
	for i, h := range got {
		if h.rule != "github-pat" || h.line != 1 || h.col != wantCols[i] || h.ecol != wantCols[i]+len(fakeGHP) {
			t.Errorf("finding %d = %+v, want github-pat at 1:%d", i, h, wantCols[i])
		}
	}
}

func TestPrivateKeyAcrossAWindowBoundaryIsFoundOnce(t *testing.T) {
	a := newAnalyzer(t, Options{})
	key := "-----BEGIN RSA " + "PRIVATE KEY-----\n" + strings.Repeat("MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n", 40) + "-----END RSA " + "PRIVATE KEY-----\n"
	filler := strings.Repeat("// filler line\n", (windowSize-1000)/15)
	got := scan(t, a, "key.txt", filler+key+filler)
	wantLine := strings.Count(filler, "\n") + 1
	if len(got) != 1 || got[0].rule != "private-key" || got[0].line != wantLine {
		t.Errorf("got %+v, want one private-key at line %d", got, wantLine)
	}
}

func TestOnlyAddedLinesAreSearched(t *testing.T) {
	a := newAnalyzer(t, Options{})
	content := "old=" + fakeGHP + "\nkeep\nnew=" + fakeAWSID + "\n\nnewer=" + fakeSlack + "\n"
	f := &analyzers.File{Path: "x.env", Content: []byte(content), Added: []source.LineRange{{Start: 3, End: 3}, {Start: 5, End: 5}}}
	results, err := a.Analyze(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var got []hit
	for _, r := range results {
		l := r.Finding.Location
		got = append(got, hit{r.Finding.RuleID, l.StartLine, l.StartColumn, l.EndLine, l.EndColumn})
	}
	want := map[hit]bool{
		{"aws-access-token", 3, 5, 3, 5 + len(fakeAWSID)}: true,
		{"slack-bot-token", 5, 7, 5, 7 + len(fakeSlack)}:  true,
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %v", got, want)
	}
	for _, h := range got {
		if !want[h] {
			t.Errorf("unexpected %+v", h)
		}
	}
}

func TestViewMapsOffsetsBackToTheFile(t *testing.T) {
	content := []byte("aaa\nbbb\nccc\nddd")
	v := newView(content, []source.LineRange{{Start: 2, End: 2}, {Start: 4, End: 4}})
	if got, want := string(v.text), "\nbbb\n\nddd"; got != want {
		t.Fatalf("view text %q, want %q", got, want)
	}
	for viewOff, fileOff := range map[int]int{1: 4, 3: 6, 6: 12, 9: 15} {
		if got := v.toFile(viewOff); got != fileOff {
			t.Errorf("toFile(%d) = %d, want %d", viewOff, got, fileOff)
		}
	}
}
