package secrets

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/source"
)

// The analyzer once cut large files into 32 KiB windows; these tests keep
// the cases that such cuts got wrong.
const oldWindowSize = 32 << 10

func TestSecretsInALongLineAreFoundOnceEach(t *testing.T) {
	a := newAnalyzer(t, Options{})
	// One long line with a token where the first window ended, and one
	// token per 40 KB after it.
	var b strings.Builder
	b.WriteString(strings.Repeat("q", oldWindowSize-10))
	wantCols := []int{b.Len() + 2}
	b.WriteString(" " + fakeGHP + " ")
	for b.Len() < 5*oldWindowSize {
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

func TestPrivateKeyInALargeFileIsFoundOnce(t *testing.T) {
	a := newAnalyzer(t, Options{})
	key := "-----BEGIN RSA " + "PRIVATE KEY-----\n" + strings.Repeat("MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n", 40) + "-----END RSA " + "PRIVATE KEY-----\n"
	filler := strings.Repeat("// filler line\n", (oldWindowSize-1000)/15)
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

func TestOnlyAddedLinesOfALargeFileAreSearched(t *testing.T) {
	a := newAnalyzer(t, Options{})
	// Lines 1..n of filler, with secrets on lines 2, fillerLines/2 and
	// fillerLines+1 (the last); only the last two are added.
	const fillerLines = 20_000 // about 300 KB
	var b strings.Builder
	for i := 1; i <= fillerLines; i++ {
		switch i {
		case 2:
			b.WriteString("old=" + fakeGHP + "\n")
		case fillerLines / 2:
			b.WriteString("mid=" + fakeAWSID + "\n")
		default:
			b.WriteString("// filler line\n")
		}
	}
	b.WriteString("last=" + fakeSlack)
	f := &analyzers.File{Path: "big.env", Content: []byte(b.String()),
		Added: []source.LineRange{{Start: fillerLines / 2, End: fillerLines / 2}, {Start: fillerLines + 1, End: fillerLines + 1}}}
	results, err := a.Analyze(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var got []hit
	for _, r := range results {
		l := r.Finding.Location
		got = append(got, hit{r.Finding.RuleID, l.StartLine, l.StartColumn, l.EndLine, l.EndColumn})
	}
	want := []hit{
		{"aws-access-token", fillerLines / 2, 5, fillerLines / 2, 5 + len(fakeAWSID)},
		{"slack-bot-token", fillerLines + 1, 6, fillerLines + 1, 6 + len(fakeSlack)},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
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
