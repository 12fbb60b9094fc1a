// Package linehash computes GitHub code scanning's primaryLocationLineHash,
// the partial fingerprint that lets code scanning follow an alert from one
// run to the next while the lines around it move.
//
// upload-sarif computes it itself when it can read the file, but uploads
// through the REST API do not, and without it every upload duplicates every
// alert. We compute it while the content is in memory.
//
// This is a port of hash() in src/fingerprints.ts of github/codeql-action
// (Copyright GitHub, Inc., MIT License), and must stay bit-for-bit compatible
// with it: a hash that differs from upload-sarif's is worse than none.
package linehash

import (
	"strconv"
	"unicode/utf8"
)

const (
	// blockSize is how many characters from the start of a line the hash covers.
	blockSize = 100
	// base is the multiplier of the polynomial rolling hash, computed mod 2^64.
	base = 37
	// eof is fed after the last character, as upstream does (0xFFFF, JavaScript's -1 as a char code).
	eof = 0xFFFF
)

// firstMod is base^blockSize mod 2^64, the weight of the character that
// leaves the window when a new one enters.
var firstMod = func() uint64 {
	m := uint64(1)
	for range blockSize {
		m *= base
	}
	return m
}()

// Hashes returns the primaryLocationLineHash of every line of content; the
// hash of line n is at index n-1. A line ends at LF, CR or CRLF, so content
// with k line endings has k+1 lines (an empty file has one).
func Hashes(content []byte) []string {
	var out []string
	run(content, func(_ int, hash string) bool {
		out = append(out, hash)
		return true
	})
	return out
}

// ForLine returns the primaryLocationLineHash of 1-based line n of content,
// or "" if there is no such line. It stops reading once the line is hashed, so
// it is cheaper than Hashes for one line near the start of a large file.
func ForLine(content []byte, n int) string {
	if n < 1 {
		return ""
	}
	var found string
	run(content, func(line int, hash string) bool {
		if line == n {
			found = hash
			return false
		}
		return true
	})
	return found
}

// hasher is the state of upstream's hash(): a window over the last blockSize
// characters of the normalized text and the hash of that window.
type hasher struct {
	window [blockSize]uint16
	// lineAt records, for each window slot, the line whose first character
	// sits there, or 0. When the slot comes round again, the window holds
	// exactly that line's first blockSize characters, and its hash is due.
	lineAt [blockSize]int
	index  int // next slot to fill
	hash   uint64

	line      int  // number of the line being read
	lineStart bool // the next character starts a line
	prevCR    bool // the previous character was CR, so an LF now is part of CRLF

	// seen counts each hash so far: identical lines get ":1", ":2", ...
	seen map[uint64]int
	// emit receives each line's hash, in line order; false stops the run.
	emit func(line int, hash string) bool
	done bool
}

// run feeds content to a hasher as UTF-16 code units, the way upstream reads
// a file into a JavaScript string, and calls emit with each line's hash.
func run(content []byte, emit func(line int, hash string) bool) {
	h := &hasher{lineStart: true, seen: map[uint64]int{}, emit: emit}
	for i := 0; i < len(content) && !h.done; {
		r, size := decodeRune(content[i:])
		i += size
		if r >= 0x10000 {
			// A surrogate pair, as charCodeAt sees it.
			r -= 0x10000
			h.add(uint16(0xD800 + r>>10))
			h.add(uint16(0xDC00 + r&0x3FF))
		} else {
			h.add(uint16(r))
		}
	}
	h.add(eof)
	// Pad with zeros so the last lines also get blockSize characters.
	for range blockSize {
		if h.done {
			return
		}
		h.flushSlot()
		h.roll(0)
	}
}

// add processes one UTF-16 code unit (upstream's processCharacter).
func (h *hasher) add(c uint16) {
	if h.done {
		return
	}
	// Spaces and tabs do not count anywhere, and the LF of a CRLF is dropped.
	if c == ' ' || c == '\t' || (h.prevCR && c == '\n') {
		h.prevCR = false
		return
	}
	h.prevCR = c == '\r'
	if c == '\r' {
		c = '\n'
	}
	h.flushSlot()
	if h.lineStart {
		h.lineStart = false
		h.line++
		h.lineAt[h.index] = h.line
	}
	if c == '\n' {
		h.lineStart = true
	}
	h.roll(c)
}

// flushSlot emits the hash of the line starting in the slot about to be
// overwritten, if one does.
func (h *hasher) flushSlot() {
	line := h.lineAt[h.index]
	if line == 0 || h.done {
		return
	}
	h.lineAt[h.index] = 0
	h.seen[h.hash]++
	hash := strconv.FormatUint(h.hash, 16) + ":" + strconv.Itoa(h.seen[h.hash])
	if !h.emit(line, hash) {
		h.done = true
	}
}

// roll shifts c into the window; unsigned overflow is the mod 2^64 that
// upstream gets from Long.
func (h *hasher) roll(c uint16) {
	out := h.window[h.index]
	h.window[h.index] = c
	h.hash = base*h.hash + uint64(c) - firstMod*uint64(out)
	h.index = (h.index + 1) % blockSize
}

// decodeRune decodes one character the way Node's UTF-8 decoder does (the
// WHATWG algorithm): an ill-formed sequence becomes a single U+FFFD per
// maximal subpart, where utf8.DecodeRune would yield one per byte. It
// matters only for invalid UTF-8, but there it changes the hashes.
func decodeRune(b []byte) (rune, int) {
	r, size := utf8.DecodeRune(b)
	if r != utf8.RuneError || size != 1 {
		return r, size
	}
	return utf8.RuneError, maximalSubpart(b)
}

// maximalSubpart returns the length of the longest prefix of b that starts
// a well-formed UTF-8 sequence, at least 1. b must not start with one whole.
func maximalSubpart(b []byte) int {
	lo, hi := byte(0x80), byte(0xBF) // bounds of the next continuation byte
	var need int                     // continuation bytes the lead byte calls for
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0 // no overlong forms
	case c == 0xED:
		need, hi = 2, 0x9F // no surrogates
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90 // no overlong forms
	case c == 0xF4:
		need, hi = 3, 0x8F // nothing above U+10FFFF
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	default:
		return 1 // a continuation byte or a byte that never starts a sequence
	}
	n := 1
	for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}
