package sweep

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nhilint/nhilint/internal/atomicfile"
	"github.com/nhilint/nhilint/internal/finding"
)

// MergeOptions configure the merged report.
type MergeOptions struct {
	// Fails says whether a finding fails the sweep; nil means a level of
	// warning or above.
	Fails func(finding.Finding) bool
}

// Count is a name and how many times it occurred.
type Count struct {
	Name string `json:"name"`
	N    int    `json:"count"`
}

// Failure is a repository the sweep could not scan.
type Failure struct {
	Repo  string `json:"repo"`
	Error string `json:"error"`
}

// Row is one finding of the merged report, with its repository.
type Row struct {
	Repo string `json:"repo"`
	finding.Finding
	// ReusedIn is how many repositories hold the same key (NHI9), for
	// credentials found in more than one.
	ReusedIn int `json:"reusedIn,omitempty"`
}

// Place is one occurrence of a key.
type Place struct {
	Repo   string    `json:"repo"`
	Path   string    `json:"path"`
	Line   int       `json:"line,omitempty"`
	Commit string    `json:"commit,omitempty"`
	Date   time.Time `json:"date,omitzero"`
}

// Key is one credential, wherever it was found: revoking it once fixes
// every place.
type Key struct {
	Fingerprint  string              `json:"fingerprint"`
	RuleID       string              `json:"ruleId"`
	Provider     string              `json:"provider,omitempty"`
	Type         string              `json:"type"`
	Preview      string              `json:"preview"`
	Lifetime     finding.Lifetime    `json:"lifetime"`
	Level        finding.Level       `json:"level"`
	Repositories []string            `json:"repositories"`
	Places       []Place             `json:"places"`
	Remediation  finding.Remediation `json:"remediation"`
}

// Summary is the merged report of one or more output folders.
type Summary struct {
	Repositories int `json:"repositories"`
	Scanned      int `json:"scanned"`
	Failed       int `json:"failed"`
	Findings     int `json:"findings"`
	// Failing is how many findings fail the sweep (see MergeOptions.Fails).
	Failing    int `json:"failing"`
	Suppressed int `json:"suppressed"`
	// Keys counts distinct credentials; LongLived and Reused are subsets.
	Keys       int       `json:"keys"`
	LongLived  int       `json:"longLived"`
	Reused     int       `json:"reused"`
	ByLevel    []Count   `json:"byLevel"`
	ByCategory []Count   `json:"byCategory"`
	ByProvider []Count   `json:"byProvider"`
	TopRepos   []Count   `json:"topRepositories"`
	Oldest     []Row     `json:"oldest"`
	Failures   []Failure `json:"failures"`

	rows []Row
	keys []Key
}

// topN bounds the "most" and "oldest" lists.
const topN = 10

// Names of the merged report's files.
const (
	SummaryMarkdown = "summary.md"
	SummaryHTML     = "summary.html"
	FindingsCSV     = "findings.csv"
	FindingsJSON    = "findings.json"
)

// Merge reads the per-repository results of every folder in dirs (sweep
// outputs, or shards of one) and writes the merged report into out. A
// repository in several folders counts once: a scan beats a failure, and
// otherwise the first folder wins. Result files are read one at a time;
// what stays in memory is the findings, never the scanned content.
func Merge(dirs []string, out string, opts MergeOptions) (*Summary, error) {
	if opts.Fails == nil {
		opts.Fails = func(f finding.Finding) bool { return f.Level.Rank() >= finding.LevelWarning.Rank() }
	}
	chosen, err := chooseResults(dirs)
	if err != nil {
		return nil, err
	}
	s := &Summary{}
	remediation := map[string]finding.Remediation{} // shared by the findings of a rule
	for _, path := range chosen {
		r, err := readResult(path)
		if err != nil {
			return nil, err
		}
		s.Repositories++
		if r.Status != StatusScanned {
			s.Failed++
			s.Failures = append(s.Failures, Failure{Repo: r.Repo, Error: r.Error})
			continue
		}
		s.Scanned++
		s.Suppressed += r.Suppressed
		for _, f := range r.Findings {
			if _, ok := remediation[f.RuleID]; !ok {
				remediation[f.RuleID] = f.Remediation
			}
			if f.Remediation.Revoke == remediation[f.RuleID].Revoke && f.Remediation.Rotate == remediation[f.RuleID].Rotate {
				f.Remediation = finding.Remediation{} // restored on output
			}
			s.rows = append(s.rows, Row{Repo: r.Repo, Finding: f})
		}
	}
	slices.SortFunc(s.rows, func(a, b Row) int { return cmp.Or(cmp.Compare(a.Repo, b.Repo), finding.Compare(a.Finding, b.Finding)) })
	for i := range s.rows {
		if s.rows[i].Remediation.Revoke == "" && s.rows[i].Remediation.Rotate == "" {
			s.rows[i].Remediation = remediation[s.rows[i].RuleID]
		}
	}
	slices.SortFunc(s.Failures, func(a, b Failure) int { return cmp.Compare(a.Repo, b.Repo) })
	s.tally(opts)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	for name, write := range map[string]func(io.Writer) error{
		SummaryMarkdown: s.writeMarkdown,
		SummaryHTML:     s.writeHTML,
		FindingsCSV:     s.writeCSV,
		FindingsJSON:    s.writeJSON,
	} {
		if err := atomicfile.Write(filepath.Join(out, name), write); err != nil {
			return nil, fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return s, nil
}

// chooseResults picks one result file per repository across dirs.
func chooseResults(dirs []string) ([]string, error) {
	type choice struct {
		path    string
		scanned bool
	}
	byRepo := map[string]choice{}
	for _, d := range dirs {
		paths, err := filepath.Glob(filepath.Join(d, resultsDir, "*.json"))
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			if _, err := os.Stat(filepath.Join(d, resultsDir)); errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("%s is not a sweep output folder (no %s/)", d, resultsDir)
			}
		}
		slices.Sort(paths)
		for _, p := range paths {
			r, err := readResult(p)
			if err != nil {
				return nil, err
			}
			prev, seen := byRepo[r.Repo]
			if !seen || !prev.scanned && r.Status == StatusScanned {
				byRepo[r.Repo] = choice{path: p, scanned: r.Status == StatusScanned}
			}
		}
	}
	names := make([]string, 0, len(byRepo))
	for n := range byRepo {
		names = append(names, n)
	}
	slices.Sort(names)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = byRepo[n].path
	}
	return out, nil
}

// tally computes the counts, the keys and the top lists from the rows.
func (s *Summary) tally(opts MergeOptions) {
	levels := map[string]int{}
	categories := map[string]int{}
	providers := map[string]int{}
	repos := map[string]int{}
	keys := map[string]*Key{}
	for _, r := range s.rows {
		s.Findings++
		if opts.Fails(r.Finding) {
			s.Failing++
		}
		levels[string(r.Level)]++
		for _, c := range r.Categories {
			categories[string(c)]++
		}
		providers[providerOf(r.Finding)]++
		repos[r.Repo]++
		c := r.Credential
		if c == nil || c.Fingerprint == "" {
			continue
		}
		k := keys[c.Fingerprint]
		if k == nil {
			k = &Key{Fingerprint: c.Fingerprint, RuleID: r.RuleID, Provider: c.Provider, Type: c.Type,
				Preview: c.Preview, Lifetime: c.Lifetime, Level: r.Level, Remediation: r.Remediation}
			keys[c.Fingerprint] = k
		}
		if !slices.Contains(k.Repositories, r.Repo) {
			k.Repositories = append(k.Repositories, r.Repo)
		}
		for _, l := range append([]finding.Location{r.Location}, r.Related...) {
			k.Places = append(k.Places, Place{Repo: r.Repo, Path: l.Path, Line: l.StartLine, Commit: l.Commit, Date: l.Date})
		}
	}
	for _, k := range keys {
		slices.Sort(k.Repositories)
		s.keys = append(s.keys, *k)
		if k.Lifetime == finding.LifetimeLongLived {
			s.LongLived++
		}
		if len(k.Repositories) > 1 {
			s.Reused++
		}
	}
	s.Keys = len(s.keys)
	// Keys in most repositories first: those are the costliest leaks.
	slices.SortFunc(s.keys, func(a, b Key) int {
		return cmp.Or(cmp.Compare(len(b.Repositories), len(a.Repositories)), cmp.Compare(len(b.Places), len(a.Places)), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	for i := range s.rows {
		if c := s.rows[i].Credential; c != nil {
			if k := keys[c.Fingerprint]; k != nil && len(k.Repositories) > 1 {
				s.rows[i].ReusedIn = len(k.Repositories)
			}
		}
	}

	for _, l := range []finding.Level{finding.LevelError, finding.LevelWarning, finding.LevelNote} {
		s.ByLevel = append(s.ByLevel, Count{Name: string(l), N: levels[string(l)]})
	}
	for _, c := range finding.Categories {
		if n := categories[string(c.ID)]; n > 0 {
			s.ByCategory = append(s.ByCategory, Count{Name: string(c.ID) + " " + c.Title, N: n})
		}
	}
	s.ByProvider = sortedCounts(providers, 0)
	s.TopRepos = sortedCounts(repos, topN)

	var dated []Row
	for _, r := range s.rows {
		if !r.Location.Date.IsZero() {
			dated = append(dated, r)
		}
	}
	slices.SortStableFunc(dated, func(a, b Row) int { return a.Location.Date.Compare(b.Location.Date) })
	s.Oldest = dated[:min(len(dated), topN)]
}

func providerOf(f finding.Finding) string {
	switch {
	case f.Credential == nil:
		return "(configuration)"
	case f.Credential.Provider == "":
		return "(unknown provider)"
	}
	return f.Credential.Provider
}

// sortedCounts orders counts by size, then name; n > 0 keeps the first n.
func sortedCounts(m map[string]int, n int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{Name: k, N: v})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Name, b.Name)) })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// Rows returns every finding of the merged report, sorted by repository
// and position.
func (s *Summary) Rows() []Row { return s.rows }

// KeyList returns the distinct credentials, most widely reused first.
func (s *Summary) KeyList() []Key { return s.keys }

func (s *Summary) writeJSON(w io.Writer) error {
	doc := struct {
		Version  int      `json:"version"`
		Summary  *Summary `json:"summary"`
		Keys     []Key    `json:"keys"`
		Findings []Row    `json:"findings"`
	}{1, s, s.keys, s.rows}
	if doc.Keys == nil {
		doc.Keys = []Key{}
	}
	if doc.Findings == nil {
		doc.Findings = []Row{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// csvHeader names the columns of findings.csv.
var csvHeader = []string{"repository", "path", "line", "commit", "date", "rule", "level", "categories",
	"provider", "credential_type", "preview", "fingerprint", "lifetime", "present_at_head", "reused_in", "revoke", "replace"}

func (s *Summary) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, r := range s.rows {
		var provider, ctype, preview, lifetime string
		if c := r.Credential; c != nil {
			provider, ctype, preview, lifetime = c.Provider, c.Type, c.Preview, string(c.Lifetime)
		}
		cats := make([]string, len(r.Categories))
		for i, c := range r.Categories {
			cats[i] = string(c)
		}
		present := ""
		if r.PresentAtHead != nil {
			present = strconv.FormatBool(*r.PresentAtHead)
		}
		date := ""
		if !r.Location.Date.IsZero() {
			date = r.Location.Date.UTC().Format(time.RFC3339)
		}
		reused := ""
		if r.ReusedIn > 0 {
			reused = strconv.Itoa(r.ReusedIn)
		}
		rec := []string{r.Repo, r.Location.Path, strconv.Itoa(r.Location.StartLine), r.Location.Commit, date,
			r.RuleID, string(r.Level), strings.Join(cats, " "), provider, ctype, preview, r.Fingerprint, lifetime,
			present, reused, r.Remediation.Revoke, r.Remediation.Replace}
		for i := range rec {
			rec[i] = csvSafe(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses formula injection: a repository author chooses paths, and
// a spreadsheet would run "=HYPERLINK(...)" in a cell.
func csvSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
