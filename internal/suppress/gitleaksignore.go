package suppress

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
)

// maxEntryLine bounds one line of a .gitleaksignore or baseline file, so a
// corrupt file fails with a clear error instead of exhausting memory.
const maxEntryLine = 1 << 20

// GitleaksIgnore is a parsed .gitleaksignore file, so projects moving from
// gitleaks keep their suppressions. Each entry names a finding by position:
//
//	path/to/file:rule-id:start-line                (found in a directory)
//	0123456789abcdef0123456789abcdef01234567:path/to/file:rule-id:start-line
//	                                               (found in git history)
//
// Entries are position-bound, so unlike a baseline they stop matching when
// the secret moves; they also use gitleaks' rule ids, which match nhilint's
// only where the two agree.
type GitleaksIgnore struct {
	name    string
	entries map[gitleaksKey]int // entry -> line in the file
	// warnings are the lines gitleaks would also have ignored.
	warnings []string
}

// gitleaksKey identifies a finding the way gitleaks' fingerprints do.
// Commit is empty for entries that match in any commit.
type gitleaksKey struct {
	commit, path, rule string
	line               int
}

// LoadGitleaksIgnore reads the .gitleaksignore file at path. A missing file
// is an error the caller can test with errors.Is(err, fs.ErrNotExist).
func LoadGitleaksIgnore(path string) (*GitleaksIgnore, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("loading gitleaks ignore file: %w", err)
	}
	defer f.Close()
	return ParseGitleaksIgnore(f, path)
}

// ParseGitleaksIgnore reads a .gitleaksignore file from r; name is the file
// name that suppression sources and messages show. Lines that are not
// entries do not fail the parse, because gitleaks accepts them too: they
// are skipped and reported by Warnings. Only a read error fails it.
func ParseGitleaksIgnore(r io.Reader, name string) (*GitleaksIgnore, error) {
	g := &GitleaksIgnore{name: name, entries: map[gitleaksKey]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxEntryLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, err := parseGitleaksEntry(line)
		if err != nil {
			g.warnings = append(g.warnings, fmt.Sprintf("%s:%d: %v", name, n, err))
			continue
		}
		if _, dup := g.entries[key]; !dup {
			g.entries[key] = n
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return g, nil
}

// parseGitleaksEntry splits an entry from the right, so that file names with
// colons (C:/src/app.env) survive; a leading full commit hash makes it a git
// entry.
func parseGitleaksEntry(line string) (gitleaksKey, error) {
	rest, lineNo, ok := cutLast(line, ":")
	if !ok {
		return gitleaksKey{}, fmt.Errorf("entry %q is not file:rule-id:start-line or commit:file:rule-id:start-line", line)
	}
	rest, rule, ok := cutLast(rest, ":")
	if !ok {
		return gitleaksKey{}, fmt.Errorf("entry %q is not file:rule-id:start-line or commit:file:rule-id:start-line", line)
	}
	n, err := strconv.Atoi(lineNo)
	if err != nil || n < 0 {
		return gitleaksKey{}, fmt.Errorf("entry %q: start line %q is not a line number", line, lineNo)
	}
	if rule == "" || strings.ContainsAny(rule, " \t") {
		return gitleaksKey{}, fmt.Errorf("entry %q: %q is not a rule id", line, rule)
	}
	var commit string
	if c, p, ok := strings.Cut(rest, ":"); ok && isCommitHash(c) {
		commit, rest = strings.ToLower(c), p
	}
	if rest == "" {
		return gitleaksKey{}, fmt.Errorf("entry %q has no file", line)
	}
	return gitleaksKey{commit: commit, path: normalizeIgnorePath(rest), rule: rule, line: n}, nil
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// isCommitHash reports whether s is a full SHA-1 or SHA-256 object name.
func isCommitHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// normalizeIgnorePath turns a path written on Windows or with a leading
// "./" into the slash form findings carry.
func normalizeIgnorePath(p string) string {
	return path.Clean(strings.ReplaceAll(p, `\`, "/"))
}

// Match returns the suppression of the entry naming fd, or nil. An entry
// without a commit matches in every commit, as in gitleaks.
func (g *GitleaksIgnore) Match(fd *finding.Finding) *finding.Suppression {
	if g == nil || len(g.entries) == 0 {
		return nil
	}
	key := gitleaksKey{path: fd.Location.Path, rule: fd.RuleID, line: fd.Location.StartLine}
	n, ok := g.entries[key]
	if !ok && fd.Location.Commit != "" {
		key.commit = fd.Location.Commit
		n, ok = g.entries[key]
	}
	if !ok {
		return nil
	}
	return &finding.Suppression{Kind: finding.SuppressedGitleaksIgnore, Source: lineSource(g.name, n)}
}

// Len returns the number of distinct entries.
func (g *GitleaksIgnore) Len() int { return len(g.entries) }

// Warnings describes the lines that were skipped because they are not
// entries, each as "file:line: problem".
func (g *GitleaksIgnore) Warnings() []string { return g.warnings }
