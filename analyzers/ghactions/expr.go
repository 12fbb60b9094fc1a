package ghactions

import (
	"regexp"
	"slices"
	"strings"

	"github.com/rhysd/actionlint"
)

// Expressions are matched one line at a time: GitHub allows ${{ }} to span
// lines, but that is rare and never needed to find a secret reference.
var (
	exprRe      = regexp.MustCompile(`\$\{\{(.*?)\}\}`)
	secretRefRe = regexp.MustCompile(`(?i)\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])`)
	inputRefRe  = regexp.MustCompile(`(?i)\binputs\s*\.\s*([A-Za-z_][A-Za-z0-9_-]*)`)
	jobTokenRe  = regexp.MustCompile(`(?i)\bgithub\s*\.\s*token\b|\bsecrets\s*\.\s*github_token\b|\bsecrets\s*\[\s*['"]github_token['"]\s*\]`)
)

// hasExpr reports whether s contains a ${{ }} expression.
func hasExpr(s string) bool { return actionlint.ContainsExpression(s) }

// expressions returns the text inside each ${{ }} of s.
func expressions(s string) []string {
	if !strings.Contains(s, "${{") {
		return nil
	}
	var out []string
	for _, m := range exprRe.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// secretNames returns the secrets that the expressions in s read, upper-cased
// and in order of appearance, without duplicates.
func secretNames(s string) []string {
	var out []string
	for _, e := range expressions(s) {
		for _, m := range secretRefRe.FindAllStringSubmatch(e, -1) {
			name := strings.ToUpper(m[1] + m[2])
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// secretishInput matches input names that carry a credential in composite
// actions, which have no secrets context and receive secrets as inputs.
var secretishInput = regexp.MustCompile(`(?i)(token|password|passwd|secret|api[-_]?key|access[-_]?key|private[-_]?key|credentials?)$`)

// secretsIn returns the secrets a value is fed from: secrets.X in a
// workflow, a credential-named input in a composite action.
func (d *document) secretsIn(s *actionlint.String) []string {
	if s == nil {
		return nil
	}
	names := secretNames(s.Value)
	if d.composite {
		for _, e := range expressions(s.Value) {
			for _, m := range inputRefRe.FindAllStringSubmatch(e, -1) {
				if secretishInput.MatchString(m[1]) {
					names = append(names, "inputs."+m[1])
				}
			}
		}
	}
	return names
}

// nonTokenSecrets drops GITHUB_TOKEN, which is the short-lived job token.
func nonTokenSecrets(names []string) []string {
	return slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == "GITHUB_TOKEN" })
}

// refsJobToken reports whether s reads the job token (github.token or
// secrets.GITHUB_TOKEN) in an expression.
func refsJobToken(s string) bool {
	for _, e := range expressions(s) {
		if jobTokenRe.MatchString(e) {
			return true
		}
	}
	return false
}

// parseExpr parses the expression that starts right after "${{" in src
// (src holds the rest of the line, including the closing "}}").
func parseExpr(src string) (actionlint.ExprNode, bool) {
	p := actionlint.NewExprParser()
	n, err := p.Parse(actionlint.NewExprLexer(src))
	return n, err == nil && n != nil
}

// envVar is one env entry with the level it was declared at.
type envVar struct {
	name  string
	value *actionlint.String
	key   *actionlint.String
	level string // "workflow", "job", "step"
}

// envOf flattens an env block.
func envOf(e *actionlint.Env, level string) []envVar {
	if e == nil {
		return nil
	}
	out := make([]envVar, 0, len(e.Vars))
	for _, v := range e.Vars {
		if v == nil || v.Name == nil || v.Value == nil {
			continue
		}
		out = append(out, envVar{name: v.Name.Value, value: v.Value, key: v.Name, level: level})
	}
	slices.SortFunc(out, func(a, b envVar) int { return comparePos(a.key.Pos, b.key.Pos) })
	return out
}

// effectiveEnv is the environment a step sees: workflow, job, then step
// entries, later levels overriding earlier ones by name.
func (d *document) effectiveEnv(j *actionlint.Job, s *actionlint.Step) map[string]envVar {
	out := map[string]envVar{}
	var levels [][]envVar
	if d.wf != nil {
		levels = append(levels, envOf(d.wf.Env, "workflow"))
	}
	if j != nil {
		levels = append(levels, envOf(j.Env, "job"))
	}
	if s != nil {
		levels = append(levels, envOf(s.Env, "step"))
	}
	for _, l := range levels {
		for _, v := range l {
			out[v.name] = v
		}
	}
	return out
}

func comparePos(a, b *actionlint.Pos) int {
	switch {
	case a == nil || b == nil:
		return 0
	case a.Line != b.Line:
		return a.Line - b.Line
	}
	return a.Col - b.Col
}

// actionRef is a parsed uses: value.
type actionRef struct {
	name   string // owner/repo[/path], lower-cased
	ref    string
	local  bool // ./path
	docker bool // docker://image
	// workflow is set for reusable workflow calls (owner/repo/.github/workflows/x.yml@ref).
	workflow bool
}

func parseUses(uses string) actionRef {
	u := strings.TrimSpace(uses)
	switch {
	case strings.HasPrefix(u, "./") || strings.HasPrefix(u, "../"):
		return actionRef{name: u, local: true, workflow: strings.Contains(u, ".github/workflows/")}
	case strings.HasPrefix(u, "docker://"):
		r := actionRef{name: strings.TrimPrefix(u, "docker://"), docker: true}
		if i := strings.Index(r.name, "@"); i >= 0 {
			r.name, r.ref = r.name[:i], r.name[i+1:]
		}
		return r
	}
	r := actionRef{name: strings.ToLower(u)}
	if i := strings.LastIndex(u, "@"); i >= 0 {
		r.name, r.ref = strings.ToLower(u[:i]), u[i+1:]
	}
	r.workflow = strings.Contains(r.name, "/.github/workflows/")
	return r
}

var fullSHA = regexp.MustCompile(`^[0-9a-f]{40}$`)

// pinned reports whether the reference is immutable: a full commit SHA, an
// image digest, or code in the same repository.
func (a actionRef) pinned() bool {
	switch {
	case a.local:
		return true
	case a.docker:
		return strings.HasPrefix(a.ref, "sha256:")
	}
	return fullSHA.MatchString(a.ref)
}

// is reports whether the action is one of the names (owner/repo[/path]).
func (a actionRef) is(names ...string) bool {
	return !a.local && !a.docker && slices.Contains(names, a.name)
}

// actionOf returns the step's action, if it runs one.
func actionOf(s *actionlint.Step) (*actionlint.ExecAction, actionRef, bool) {
	a, ok := s.Exec.(*actionlint.ExecAction)
	if !ok || a == nil || a.Uses == nil {
		return nil, actionRef{}, false
	}
	return a, parseUses(a.Uses.Value), true
}

// input returns the with: value of an action step, or nil.
func input(a *actionlint.ExecAction, name string) *actionlint.String {
	if a == nil {
		return nil
	}
	if in, ok := a.Inputs[strings.ToLower(name)]; ok && in != nil && in.Value != nil {
		return in.Value
	}
	return nil
}

// inputKey returns the with: key node (for positions), or nil.
func inputKey(a *actionlint.ExecAction, name string) *actionlint.String {
	if a == nil {
		return nil
	}
	if in, ok := a.Inputs[strings.ToLower(name)]; ok && in != nil {
		return in.Name
	}
	return nil
}

// sortedInputs returns the action's inputs in file order.
func sortedInputs(a *actionlint.ExecAction) []*actionlint.Input {
	out := make([]*actionlint.Input, 0, len(a.Inputs))
	for _, in := range a.Inputs {
		if in != nil && in.Name != nil && in.Value != nil {
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(x, y *actionlint.Input) int { return comparePos(x.Name.Pos, y.Name.Pos) })
	return out
}

// runOf returns the step's script, if it is a run: step.
func runOf(s *actionlint.Step) (*actionlint.String, bool) {
	r, ok := s.Exec.(*actionlint.ExecRun)
	if !ok || r == nil || r.Run == nil {
		return nil, false
	}
	return r.Run, true
}
