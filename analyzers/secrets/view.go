package secrets

import (
	"bytes"
	"sort"

	"github.com/nhilint/nhilint/internal/source"
)

// The detector gets a file's text in one piece, however large. It used to
// get 32 KiB windows that overlapped by 4 KiB, because gitleaks runs every
// rule whose keyword occurs anywhere in the text over all of it; the
// matcher runs most rules only around their keyword hits and the others
// behind a prefilter (internal/match), so windows no longer bound the work,
// and whole text is what gitleaks' detector sees: no overlap rescanned, no
// match cut at a window's edge.

// view is the text given to the detector: the file itself, or, when only
// some lines are new (history and staged scans), the file with every other
// line emptied. toFile maps a view offset back to the file.
type view struct {
	text []byte
	// For a masked view: the start offset of each line in the view and in
	// the file. Nil for the unmasked file.
	viewLines, fileLines []int
}

func newView(content []byte, added []source.LineRange) view {
	if added == nil {
		return view{text: content}
	}
	var v view
	v.text = make([]byte, 0, addedSize(content, added))
	line, r := 1, 0
	for off := 0; off <= len(content); line++ {
		end := bytes.IndexByte(content[off:], '\n')
		next := len(content) + 1
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(content)
		}
		for r < len(added) && added[r].End < line {
			r++
		}
		v.viewLines = append(v.viewLines, len(v.text))
		v.fileLines = append(v.fileLines, off)
		if r < len(added) && added[r].Start <= line {
			v.text = append(v.text, content[off:end]...)
		}
		if end < len(content) {
			v.text = append(v.text, '\n')
		}
		off = next
	}
	return v
}

func addedSize(content []byte, added []source.LineRange) int {
	// An estimate for the allocation: the whole file when most is new.
	if len(added) == 1 && added[0].Start <= 1 {
		return len(content)
	}
	return len(content) / 4
}

// toFile maps an offset in the view to an offset in the file.
func (v *view) toFile(off int) int {
	if v.viewLines == nil {
		return off
	}
	// The line holding off is the last one starting at or before it.
	i := sort.Search(len(v.viewLines), func(i int) bool { return v.viewLines[i] > off }) - 1
	if i < 0 {
		return 0
	}
	return v.fileLines[i] + off - v.viewLines[i]
}
