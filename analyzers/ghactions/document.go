package ghactions

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v4"

	"github.com/nhilint/nhilint/analyzers"
)

type docKind int

const (
	kindNone docKind = iota
	kindWorkflow
	kindAction
)

// Bounds on what one file may cost. Real workflows are a few hundred nodes;
// these limits only stop hostile input (alias bombs, huge generated files).
const (
	maxFileBytes     = 4 << 20
	maxExpandedNodes = 200_000
)

var errAliasBomb = errors.New("YAML aliases expand to too many nodes")

// document is one parsed file. A composite action is represented as a
// workflow with a single job holding its steps, so that step rules apply to
// both; composite is then true and the job has no permissions or secrets.
type document struct {
	file      *analyzers.File
	wf        *actionlint.Workflow
	composite bool
	jobs      []*actionlint.Job // in file order
	perms     []jobPerm         // computed on first use by the permission rules
}

// parseDocument parses f. It returns nil and no error for files that are
// valid YAML but hold nothing to check (an empty file, a non-composite
// action).
func parseDocument(f *analyzers.File, kind docKind) (d *document, err error) {
	if len(f.Content) > maxFileBytes {
		return nil, fmt.Errorf("file is larger than %d bytes", maxFileBytes)
	}
	// actionlint walks the resolved node graph; a cheap count of the
	// expanded tree first keeps an alias bomb from costing exponential time.
	var root yaml.Node
	if err := yaml.Unmarshal(f.Content, &root); err != nil {
		return nil, fmt.Errorf("invalid YAML: %s", yamlErrorText(err))
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	if n, ok := expandedSize(&root, maxExpandedNodes); !ok {
		return nil, fmt.Errorf("%w (more than %d)", errAliasBomb, n)
	}
	defer func() {
		// The parsers are third-party code run on untrusted input.
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("parser failed (panic %T)", p)
		}
	}()
	d = &document{file: f}
	switch kind {
	case kindAction:
		steps := compositeSteps(&root)
		if steps == nil {
			return nil, nil
		}
		job := &actionlint.Job{ID: &actionlint.String{Value: "(composite action)", Pos: &actionlint.Pos{Line: 1, Col: 1}}, Steps: steps, Pos: &actionlint.Pos{Line: 1, Col: 1}}
		d.wf = &actionlint.Workflow{Jobs: map[string]*actionlint.Job{"": job}}
		d.composite = true
	default:
		wf, errs := actionlint.Parse(f.Content)
		for _, e := range errs {
			if e.Kind == "syntax-check" && strings.HasPrefix(e.Message, "could not parse as YAML") {
				return nil, fmt.Errorf("invalid YAML at line %d", e.Line)
			}
		}
		if wf == nil {
			return nil, nil
		}
		// Other errors are actionlint's own checks (unknown keys, bad
		// values); the rest of the tree is still worth reading.
		d.wf = wf
	}
	for _, j := range d.wf.Jobs {
		if j != nil && j.Pos != nil {
			d.jobs = append(d.jobs, j)
		}
	}
	slices.SortFunc(d.jobs, func(a, b *actionlint.Job) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return d, nil
}

// yamlErrorText keeps the parser's position and reason but drops anything
// that might quote the content.
func yamlErrorText(err error) string {
	var pe *yaml.ParserError
	if errors.As(err, &pe) {
		return fmt.Sprintf("line %d: %s", pe.Line, pe.Message)
	}
	msg := err.Error()
	if i := strings.IndexAny(msg, "`'\""); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}

// expandedSize counts the nodes of the tree with every alias expanded,
// stopping at limit. Sizes are memoized per node, so the count is linear in
// the document even when the expansion is not. A node that contains an alias
// to itself expands without end.
func expandedSize(root *yaml.Node, limit int) (int, bool) {
	memo := map[*yaml.Node]int{}
	const inProgress = -1
	var size func(n *yaml.Node, depth int) int
	size = func(n *yaml.Node, depth int) int {
		if n == nil {
			return 0
		}
		if v, ok := memo[n]; ok {
			if v == inProgress {
				return limit + 1
			}
			return v
		}
		if depth > 10_000 {
			return limit + 1
		}
		memo[n] = inProgress
		total := 1
		if n.Kind == yaml.AliasNode {
			total += size(n.Alias, depth+1)
		}
		for _, c := range n.Content {
			total += size(c, depth+1)
			if total > limit {
				break
			}
		}
		total = min(total, limit+1)
		memo[n] = total
		return total
	}
	n := size(root, 0)
	return n, n <= limit
}

// isWorkflowCallOnly reports a reusable workflow that nothing but
// workflow_call triggers: its token is the caller's.
func (d *document) isWorkflowCallOnly() bool {
	if d.wf == nil || len(d.wf.On) == 0 {
		return false
	}
	for _, e := range d.wf.On {
		if _, ok := e.(*actionlint.WorkflowCallEvent); !ok {
			return false
		}
	}
	return true
}

// triggeredBy reports whether the workflow runs on one of the events.
func (d *document) triggeredBy(names ...string) bool {
	if d.wf == nil {
		return false
	}
	for _, e := range d.wf.On {
		if slices.Contains(names, e.EventName()) {
			return true
		}
	}
	return false
}
