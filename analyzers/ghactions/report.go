package ghactions

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rhysd/actionlint"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// reporter collects one file's findings for the rule being run.
type reporter struct {
	doc     *document
	rule    *finding.Rule
	results []analyzers.Result
}

// span is a byte range of the file.
type span struct{ start, end int }

// emit records a finding at sp. key identifies it within the file for its
// fingerprint (a job, step and setting), so that it survives line moves.
func (r *reporter) emit(sp span, key, msg string, opts ...func(*finding.Finding)) {
	r.emitWithEvidence(sp, key, msg, analyzers.Evidence{}, opts...)
}

func (r *reporter) emitWithEvidence(sp span, key, msg string, ev analyzers.Evidence, opts ...func(*finding.Finding)) {
	fd := finding.Finding{
		RuleID:      r.rule.ID,
		Location:    r.doc.file.Location(sp.start, sp.end),
		Message:     msg,
		Fingerprint: finding.KeyFingerprint(r.rule.ID, r.doc.file.Path, key),
	}
	for _, o := range opts {
		o(&fd)
	}
	r.rule.Apply(&fd)
	r.results = append(r.results, analyzers.Result{Finding: fd, Evidence: ev})
}

// withReplace sets the finding's remediation to the rule's, with a
// finding-specific Replace text (a ready-to-paste snippet). Apply keeps a
// finding's own remediation because Revoke and Rotate are set.
func withReplace(rule *finding.Rule, replace string) func(*finding.Finding) {
	return func(fd *finding.Finding) {
		fd.Remediation = rule.Remediation
		fd.Remediation.Replace = replace
	}
}

// withLevel overrides the rule's level for one finding.
func withLevel(l finding.Level) func(*finding.Finding) {
	return func(fd *finding.Finding) { fd.Level = l }
}

// withRelated adds related locations (the step that needs a scope, ...).
func withRelated(locs ...finding.Location) func(*finding.Finding) {
	return func(fd *finding.Finding) { fd.Related = append(fd.Related, locs...) }
}

// offset converts a 1-based line and column (in code points, as the YAML
// parser counts) to a byte offset.
func (d *document) offset(p *actionlint.Pos) int {
	if p == nil {
		return 0
	}
	start := d.file.LineStart(p.Line)
	if start < 0 {
		return len(d.file.Content)
	}
	line := d.file.Line(p.Line)
	i := 0
	for c := 1; c < p.Col && i < len(line); c++ {
		_, size := utf8.DecodeRune(line[i:])
		i += size
	}
	return start + i
}

// at spans the YAML scalar at p on its first line: a quoted scalar up to its
// closing quote, a block scalar's indicator, a plain scalar up to a comment
// or the end of the line.
func (d *document) at(p *actionlint.Pos) span {
	start := d.offset(p)
	if p == nil {
		return span{start, start}
	}
	rest := d.file.Line(p.Line)
	rest = rest[min(start-d.file.LineStart(p.Line), len(rest)):]
	return span{start, start + scalarWidth(rest)}
}

func scalarWidth(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	switch q := b[0]; q {
	case '"', '\'':
		for i := 1; i < len(b); i++ {
			if q == '"' && b[i] == '\\' {
				i++
				continue
			}
			if b[i] == q {
				if q == '\'' && i+1 < len(b) && b[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return len(b)
	case '|', '>':
		return 1
	}
	end := len(b)
	if i := bytes.Index(b, []byte(" #")); i >= 0 {
		end = i
	}
	// A mapping key ends at its colon.
	if i := bytes.Index(b[:end], []byte(": ")); i >= 0 {
		end = i
	} else if bytes.HasSuffix(b[:end], []byte(":")) {
		end--
	}
	return len(bytes.TrimRight(b[:end], " \t"))
}

// str spans a string node; a nil node spans nothing at the file start.
func (d *document) str(s *actionlint.String) span {
	if s == nil {
		return span{}
	}
	return d.at(s.Pos)
}

// scriptLine locates text on line k (0-based) of a run: script. Literal
// block scalars map script lines one to one onto file lines after the
// indicator; for other styles the text is searched near the key.
func (d *document) scriptLine(run *actionlint.String, k int, text string) span {
	if run == nil || run.Pos == nil {
		return span{}
	}
	candidates := []int{run.Pos.Line + 1 + k, run.Pos.Line + k}
	for n := run.Pos.Line; n <= run.Pos.Line+k+3; n++ {
		candidates = append(candidates, n)
	}
	for _, n := range candidates {
		line := d.file.Line(n)
		if i := bytes.Index(line, []byte(text)); i >= 0 && text != "" {
			start := d.file.LineStart(n) + i
			return span{start, start + len(text)}
		}
	}
	return d.at(run.Pos)
}

// stepAnchor spans what identifies a step: its name, else its uses: or run:.
func (d *document) stepAnchor(s *actionlint.Step) span {
	switch {
	case s.Name != nil:
		return d.str(s.Name)
	case s.Exec != nil:
		if a, ok := s.Exec.(*actionlint.ExecAction); ok && a.Uses != nil {
			return d.str(a.Uses)
		}
		if r, ok := s.Exec.(*actionlint.ExecRun); ok && r.Run != nil {
			return d.at(r.RunPos)
		}
	}
	return d.at(s.Pos)
}

// loc is the finding.Location of a span.
func (d *document) loc(sp span) finding.Location { return d.file.Location(sp.start, sp.end) }

// stepLabel names a step in messages: its name, its id, the action it uses
// or its position in the job.
func stepLabel(s *actionlint.Step, index int) string {
	switch {
	case s.Name != nil && s.Name.Value != "" && !strings.Contains(s.Name.Value, "${{"):
		return fmt.Sprintf("step %q", s.Name.Value)
	case s.ID != nil && s.ID.Value != "":
		return fmt.Sprintf("step %q", s.ID.Value)
	}
	if a, ok := s.Exec.(*actionlint.ExecAction); ok && a.Uses != nil {
		ref := parseUses(a.Uses.Value)
		return fmt.Sprintf("step %d (%s)", index+1, ref.name)
	}
	return fmt.Sprintf("step %d", index+1)
}

// stepKey identifies a step for fingerprints, preferring stable names.
func stepKey(j *actionlint.Job, s *actionlint.Step, index int) string {
	k := jobID(j) + "/"
	switch {
	case s.ID != nil && s.ID.Value != "":
		return k + "id:" + s.ID.Value
	case s.Name != nil && s.Name.Value != "":
		return k + "name:" + s.Name.Value
	}
	return k + fmt.Sprint(index)
}

func jobID(j *actionlint.Job) string {
	if j == nil || j.ID == nil {
		return ""
	}
	return j.ID.Value
}

// where names the job and step in messages.
func (d *document) where(j *actionlint.Job, s *actionlint.Step, index int) string {
	if d.composite {
		return stepLabel(s, index)
	}
	return fmt.Sprintf("job %q %s", jobID(j), stepLabel(s, index))
}
