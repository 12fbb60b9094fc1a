package scopes

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strings"
	"sync"
)

//go:embed data/*.tsv data/*.tsv.gz
var dataFS embed.FS

// Requirement encoding in the tables: clauses are joined with ";", the
// alternatives of a clause with "|", and "-" is the empty requirement.
const (
	clauseSep      = ";"
	alternativeSep = "|"
	noRequirement  = "-"
)

// readTable returns the rows of an embedded table, split at tabs, without
// its "#" header. The tables are generated and tested, so a table that does
// not decode is a build defect and panics.
func readTable(name string) [][]string {
	raw, err := tableBytes(name)
	if err != nil {
		panic(fmt.Sprintf("scopes: embedded table %s: %v", name, err))
	}
	var rows [][]string
	for line := range strings.SplitSeq(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// tableBytes returns the decompressed content of an embedded table.
func tableBytes(name string) ([]byte, error) {
	raw, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(name, ".gz") {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// parseRequirement decodes a requirement column; expand maps each scope as
// stored to its spelling in requirements.
func parseRequirement(s string, expand func(string) string) Requirement {
	if s == noRequirement {
		return Requirement{}
	}
	var req Requirement
	for clause := range strings.SplitSeq(s, clauseSep) {
		alts := strings.Split(clause, alternativeSep)
		if expand != nil {
			for i, a := range alts {
				alts[i] = expand(a)
			}
		}
		req = append(req, alts)
	}
	return req
}

// clone copies a requirement so callers cannot change the tables.
func (r Requirement) clone() Requirement {
	if r == nil {
		return nil
	}
	out := make(Requirement, len(r))
	for i, c := range r {
		out[i] = append([]string(nil), c...)
	}
	return out
}

// TableSize describes one embedded table, for documentation.
type TableSize struct {
	Name          string // file name in data/
	Rows          int    // data rows, without the header
	RawBytes      int    // size decompressed
	EmbeddedBytes int    // size in the binary
}

// TableSizes lists the embedded tables in name order.
func TableSizes() []TableSize {
	entries, err := dataFS.ReadDir("data")
	if err != nil {
		panic(fmt.Sprintf("scopes: embedded tables: %v", err))
	}
	var out []TableSize
	for _, e := range entries {
		embedded, err := dataFS.ReadFile("data/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("scopes: embedded table %s: %v", e.Name(), err))
		}
		raw, err := tableBytes(e.Name())
		if err != nil {
			panic(fmt.Sprintf("scopes: embedded table %s: %v", e.Name(), err))
		}
		out = append(out, TableSize{
			Name:          e.Name(),
			Rows:          len(readTable(e.Name())),
			RawBytes:      len(raw),
			EmbeddedBytes: len(embedded),
		})
	}
	return out
}

// lazy runs load once, on first use.
type lazy[T any] struct {
	once sync.Once
	load func() T
	v    T
}

func (l *lazy[T]) get() T {
	l.once.Do(func() { l.v = l.load() })
	return l.v
}
