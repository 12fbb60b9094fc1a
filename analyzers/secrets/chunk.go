package secrets

import (
	"bytes"
	"sort"

	"github.com/nhilint/nhilint/internal/source"
)

// Large content is scanned in windows. gitleaks decides which rules to run
// from the keywords present in the text it is given, so a keyword anywhere
// in a 10 MB file would otherwise run dozens of regexes over all of it.
// Windows end at a line break when one is near; consecutive windows overlap
// so that a secret cut by one window is whole in the next.
const (
	windowSize    = 32 << 10
	windowStretch = 8 << 10 // how far past windowSize to look for a line break
	windowOverlap = 4 << 10 // larger than an RSA-4096 PEM private key (3.3 KB)
)

// window is a span [start, end) of the scanned text; findings whose match
// starts in [start, own) belong to it, the rest to the next window.
type window struct{ start, own, end int }

func windows(text []byte) []window {
	n := len(text)
	if n <= windowSize+windowStretch {
		return []window{{0, n, n}}
	}
	var ws []window
	for start := 0; ; {
		end := start + windowSize
		if end+windowStretch >= n {
			return append(ws, window{start, n, n})
		}
		if i := bytes.IndexByte(text[end:end+windowStretch], '\n'); i >= 0 {
			end += i + 1
		}
		next := end - windowOverlap
		// Start the next window at a line start inside the overlap, if any.
		if i := bytes.IndexByte(text[next:end], '\n'); i >= 0 && next+i+1 < end {
			next += i + 1
		}
		ws = append(ws, window{start, next, end})
		start = next
	}
}

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
