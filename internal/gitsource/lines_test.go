package gitsource

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/nhilint/nhilint/internal/source"
)

func TestAddedLines(t *testing.T) {
	r := func(pairs ...int) []source.LineRange {
		out := []source.LineRange{}
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, source.LineRange{Start: pairs[i], End: pairs[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		content string
		olds    []string
		want    []source.LineRange
	}{
		{"new file", "a\nb\n", nil, r(1, 2)},
		{"new empty file", "", nil, r()},
		{"no final newline", "a\nb", nil, r(1, 2)},
		{"append", "a\nb\nc\n", []string{"a\nb\n"}, r(3, 3)},
		{"insert in the middle", "a\nx\ny\nb\nz\n", []string{"a\nb\n"}, r(2, 3, 5, 5)},
		{"moved lines add nothing", "b\na\n", []string{"a\nb\n"}, r()},
		{"duplicate of an old line adds nothing", "a\na\n", []string{"a\n"}, r()},
		{"CRLF is the same line", "a\r\nb\r\n", []string{"a\nb\n"}, r()},
		{"final newline added", "a\n", []string{"a"}, r()},
		{"blank line is a line", "a\n\nb\n", []string{"a\nb\n"}, r(2, 2)},
		{"union of parents", "a\nb\nc\n", []string{"a\n", "b\n"}, r(3, 3)},
		{"everything deleted", "", []string{"a\n"}, r()},
	} {
		var olds [][]uint64
		for _, o := range tc.olds {
			olds = append(olds, lineHashes([]byte(o)))
		}
		if got := addedLines(lineHashes([]byte(tc.content)), olds); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// FuzzAddedLines checks addedLines against its definition: a line is in
// a range exactly when no old version has a line with its text.
func FuzzAddedLines(f *testing.F) {
	f.Add([]byte("a\nb\nc\n"), []byte("a\nc"))
	f.Add([]byte("x\r\ny"), []byte(""))
	f.Add([]byte("\n\n\n"), []byte("\n"))
	f.Fuzz(func(t *testing.T, content, old []byte) {
		got := addedLines(lineHashes(content), [][]uint64{lineHashes(old)})
		if got == nil {
			t.Fatal("nil ranges")
		}
		oldLines := map[string]bool{}
		eachLine(old, func(_ int, line []byte) { oldLines[string(line)] = true })
		added := map[int]bool{}
		prevEnd := 0
		for _, r := range got {
			if r.Start <= prevEnd+0 || r.End < r.Start {
				t.Fatalf("ranges not sorted, disjoint and separated: %v", got)
			}
			prevEnd = r.End
			for n := r.Start; n <= r.End; n++ {
				added[n] = true
			}
		}
		lines := 0
		eachLine(content, func(n int, line []byte) {
			lines = n
			if added[n] == oldLines[string(line)] {
				t.Fatalf("line %d (%d bytes): added=%v, in old=%v", n, len(line), added[n], oldLines[string(line)])
			}
		})
		if lines != lineCount(content) || prevEnd > lines {
			t.Fatalf("line count %d, lineCount %d, last range end %d", lines, lineCount(content), prevEnd)
		}
		if bytes.Equal(content, old) && len(got) != 0 {
			t.Fatalf("identical content adds %v", got)
		}
	})
}

func TestLineCache(t *testing.T) {
	c := newLineCache(5)
	h := func(b byte) plumbing.Hash { return plumbing.Hash{b} }
	c.put(h(1), []uint64{1, 2, 3})
	c.put(h(2), []uint64{4, 5})
	c.put(h(3), []uint64{6})       // evicts 1
	c.put(h(4), make([]uint64, 6)) // larger than the cache: not kept
	for b, want := range map[byte]bool{1: false, 2: true, 3: true, 4: false} {
		if _, ok := c.get(h(b)); ok != want {
			t.Errorf("entry %d cached = %v, want %v", b, ok, want)
		}
	}
	if c.size != 3 {
		t.Errorf("size %d, want 3", c.size)
	}
}
