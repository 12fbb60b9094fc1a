// Package source yields the content a scan reads: files of a work tree now,
// git blobs and diffs later. A source never calls an analyzer.
package source

import (
	"context"
	"time"
)

// Item is one piece of content to scan.
type Item struct {
	// Path is what reports show: slash-separated, the scan root joined with
	// the path inside it and cleaned ("." + "a/b" = "a/b", "sub" + "a" = "sub/a").
	Path string
	// Rel is the slash path relative to the scan root; globs and ignore
	// files match against it.
	Rel string
	// Size in bytes, as known before reading (-1 if unknown).
	Size int64
	// Commit, Author and Date are set for content from git history.
	Commit string
	Author string
	Date   time.Time
	// Seq orders items of a history: a commit's items have a lower Seq than
	// those of its descendants, so the lowest Seq of a secret's occurrences
	// is the commit that introduced it. Zero for work trees.
	Seq int64
	// Added, when not nil, lists the line ranges this version adds to the
	// path (history and staged scans). Secret rules report only inside them;
	// structural analyzers still see the whole content.
	Added []LineRange
	// Read loads the whole content. The engine calls it once, on a worker.
	Read func() ([]byte, error)
}

// LineRange is an inclusive range of 1-based line numbers.
type LineRange struct {
	Start, End int
}

// Reason says why content was not scanned.
type Reason string

const (
	ReasonBinary        Reason = "binary"
	ReasonTooLarge      Reason = "too-large"
	ReasonUnreadable    Reason = "unreadable"
	ReasonSpecialFile   Reason = "special-file" // FIFO, device, socket: never opened
	ReasonSymlink       Reason = "symlink"      // not followed (default)
	ReasonOutsideRoot   Reason = "outside-root" // symlink target escapes the root
	ReasonSymlinkLoop   Reason = "symlink-loop" // followed symlinks that cycle
	ReasonMissingObject Reason = "missing-object"
	ReasonSubmodule     Reason = "submodule"
	// ReasonAnalyzerError: an analyzer could not read the content (malformed
	// YAML, an internal error); other analyzers still saw the file.
	ReasonAnalyzerError Reason = "analyzer-error"
)

// Skip records content that was seen but not scanned, so that nothing is
// silently dropped. Paths that ignore rules, --exclude or config exclude are
// not skips: the user asked for them to be left out.
type Skip struct {
	Path   string `json:"path"`
	Reason Reason `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

// Source enumerates content. It calls emit for each item and skip for each
// thing it will not yield; it stops early when emit returns an error or ctx
// is done. Enumeration must be cheap: reading happens in Item.Read.
type Source interface {
	Walk(ctx context.Context, emit func(Item) error, skip func(Skip)) error
}
