package sweep

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Record is one line of the state file: a repository the sweep finished,
// well or not.
type Record struct {
	Repo string `json:"repo"`
	// Status is StatusScanned or StatusFailed.
	Status string `json:"status"`
	// Commit is the commit whose tree or history was scanned.
	Commit   string `json:"commit,omitempty"`
	Findings int    `json:"findings"`
	// Error says why a repository failed; it never holds a token.
	Error string    `json:"error,omitempty"`
	Time  time.Time `json:"time,omitzero"`
}

// Record statuses.
const (
	StatusScanned = "scanned"
	StatusFailed  = "failed"
)

// State is the JSON-lines journal of a sweep. Each finished repository is
// appended and synced to disk before the next is reported, so a killed
// sweep loses at most the repositories it was working on.
type State struct {
	mu      sync.Mutex
	f       *os.File
	scanned map[string]Record
}

// OpenState opens (creating) the state file at path. The records already
// in it are loaded; a last line cut short by a crash is dropped, and the
// file truncated to the last complete line so appends stay well formed.
func OpenState(path string) (*State, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	records, good, err := parseState(data)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("state file %s: %w", path, err)
	}
	if good < len(data) {
		if err := f.Truncate(int64(good)); err != nil {
			f.Close()
			return nil, err
		}
	}
	if _, err := f.Seek(int64(good), io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	s := &State{f: f, scanned: map[string]Record{}}
	for _, r := range records {
		if r.Status == StatusScanned {
			s.scanned[r.Repo] = r
		}
	}
	return s, nil
}

// parseState decodes complete lines. good is the length of the well-formed
// prefix: everything but a torn last line. A bad line before the last is
// corruption that resuming should not paper over.
func parseState(data []byte) (records []Record, good int, err error) {
	for line := 1; good < len(data); line++ {
		nl := bytes.IndexByte(data[good:], '\n')
		if nl < 0 {
			return records, good, nil // torn: no newline yet
		}
		raw := bytes.TrimSpace(data[good : good+nl])
		if len(raw) > 0 {
			var r Record
			if err := json.Unmarshal(raw, &r); err != nil || r.Repo == "" {
				if good+nl+1 == len(data) {
					return records, good, nil // a torn line that happened to end in a newline
				}
				return nil, 0, fmt.Errorf("line %d is not a state record", line)
			}
			records = append(records, r)
		}
		good += nl + 1
	}
	return records, good, nil
}

// Len is how many repositories are recorded as scanned.
func (s *State) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.scanned)
}

// Scanned returns the record of a repository already scanned.
func (s *State) Scanned(repo string) (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.scanned[repo]
	return r, ok
}

// Append writes r and syncs the file.
func (s *State) Append(r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := bufio.NewWriter(s.f)
	w.Write(line)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing the state file: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("syncing the state file: %w", err)
	}
	if r.Status == StatusScanned {
		s.scanned[r.Repo] = r
	}
	return nil
}

// Close closes the file.
func (s *State) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return errors.New("state already closed")
	}
	err := s.f.Close()
	s.f = nil
	return err
}
