// Package action holds helpers to test nhilint's GitHub Action (action.yml
// at the repository root) without GitHub: read its metadata, check the rules
// it must follow, pull workflows out of Markdown, and play the parts of the
// runner a composite step's script sees (step env, $GITHUB_OUTPUT).
package action

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Metadata is the part of an action.yml these tests read.
type Metadata struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Inputs      map[string]Input  `yaml:"inputs"`
	Outputs     map[string]Output `yaml:"outputs"`
	Runs        struct {
		Using string `yaml:"using"`
		Steps []Step `yaml:"steps"`
	} `yaml:"runs"`
}

// Input is one action input.
type Input struct {
	Description string  `yaml:"description"`
	Default     *string `yaml:"default"`
	Required    bool    `yaml:"required"`
}

// Output is one composite action output.
type Output struct {
	Description string `yaml:"description"`
	Value       string `yaml:"value"`
}

// Step is one composite step.
type Step struct {
	ID    string            `yaml:"id"`
	Name  string            `yaml:"name"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	With  map[string]string `yaml:"with"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
	Run   string            `yaml:"run"`
}

// ParseMetadata parses an action.yml.
func ParseMetadata(data []byte) (*Metadata, error) {
	var m Metadata
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parsing action metadata: %w", err)
	}
	return &m, nil
}

// pinnedUses is owner/repo[/path]@<40 hex digits>.
var pinnedUses = regexp.MustCompile(`^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$`)

// Check returns every way m breaks the rules for nhilint's action: the keys
// GitHub requires, a composite action, shell steps that name their shell and
// never expand ${{ }} inside run: (inputs reach scripts only through env:),
// and third-party actions pinned by full commit SHA.
func (m *Metadata) Check() []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if m.Name == "" {
		bad("missing name")
	}
	if m.Description == "" {
		bad("missing description")
	}
	if m.Runs.Using != "composite" {
		bad("runs.using = %q, want composite", m.Runs.Using)
	}
	if len(m.Runs.Steps) == 0 {
		bad("runs.steps is empty")
	}
	for name, in := range m.Inputs {
		if in.Description == "" {
			bad("input %q has no description", name)
		}
	}
	for name, out := range m.Outputs {
		if out.Value == "" {
			bad("output %q has no value", name)
		}
	}
	for i, s := range m.Runs.Steps {
		where := fmt.Sprintf("step %d (%s)", i+1, s.label())
		switch {
		case s.Run != "" && s.Uses != "":
			bad("%s has both run and uses", where)
		case s.Run != "":
			if s.Shell == "" {
				bad("%s: a composite run step needs shell", where)
			}
			if strings.Contains(s.Run, "${{") {
				bad("%s: run expands ${{ }}; pass the value through env", where)
			}
		case s.Uses != "":
			if !strings.HasPrefix(s.Uses, "./") && !pinnedUses.MatchString(s.Uses) {
				bad("%s: uses %q is not pinned to a full commit SHA", where, s.Uses)
			}
		default:
			bad("%s has neither run nor uses", where)
		}
	}
	return errs
}

func (s Step) label() string {
	for _, l := range []string{s.ID, s.Name, s.Uses} {
		if l != "" {
			return l
		}
	}
	return "unnamed"
}

// Block is a fenced code block of a Markdown document.
type Block struct {
	Line int    // 1-based line of the opening fence
	Info string // the fence's info string, e.g. "yaml"
	Text string
}

// CodeBlocks returns the fenced code blocks (``` or ~~~, at least three) of
// a Markdown document whose info string's first word is lang, or all of
// them for lang "". A fence left open runs to the end of the document.
func CodeBlocks(md []byte, lang string) []Block {
	var blocks []Block
	var cur *Block
	var fence string
	var body strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(md))
	sc.Buffer(nil, len(md)+1)
	flush := func() {
		if cur != nil {
			first, _, _ := strings.Cut(cur.Info, " ")
			if lang == "" || first == lang {
				cur.Text = body.String()
				blocks = append(blocks, *cur)
			}
		}
		cur, fence = nil, ""
		body.Reset()
	}
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		trimmed := strings.TrimLeft(text, " ")
		if cur == nil {
			if len(text)-len(trimmed) > 3 {
				continue // indented code, not a fence
			}
			if f := fenceOf(trimmed); f != "" && !(f[0] == '`' && strings.Contains(trimmed[len(f):], "`")) {
				cur = &Block{Line: line, Info: strings.TrimSpace(trimmed[len(f):])}
				fence = f
			}
			continue
		}
		if f := fenceOf(trimmed); f != "" && f[0] == fence[0] && len(f) >= len(fence) && strings.TrimSpace(trimmed[len(f):]) == "" {
			flush()
			continue
		}
		body.WriteString(text)
		body.WriteByte('\n')
	}
	flush()
	return blocks
}

// fenceOf returns the run of three or more backticks or tildes s starts
// with, or "".
func fenceOf(s string) string {
	if s == "" || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	return s[:n]
}

// ParseOutputs parses a $GITHUB_OUTPUT (or $GITHUB_ENV) file: NAME=VALUE
// lines and NAME<<DELIMITER blocks. Later values win, as on GitHub.
func ParseOutputs(data []byte) (map[string]string, error) {
	out := map[string]string{}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSuffix(lines[i], "\r")
		if line == "" {
			continue
		}
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			if name == "" || delim == "" {
				return nil, fmt.Errorf("line %d: malformed %q", i+1, line)
			}
			var value []string
			closed := false
			for i++; i < len(lines); i++ {
				if strings.TrimSuffix(lines[i], "\r") == delim {
					closed = true
					break
				}
				value = append(value, lines[i])
			}
			if !closed {
				return nil, fmt.Errorf("output %q: delimiter %q never closes", name, delim)
			}
			out[name] = strings.Join(value, "\n")
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("line %d: want NAME=VALUE or NAME<<DELIMITER, got %q", i+1, line)
		}
		out[name] = value
	}
	return out, nil
}

// exprRef is the only expression form step env may use in these tests: one
// whole-value reference to an input or an earlier step's output.
var exprRef = regexp.MustCompile(`^\$\{\{\s*(inputs\.([\w-]+)|steps\.([\w-]+)\.outputs\.([\w-]+))\s*\}\}$`)

// ResolveEnv evaluates a step's env: values as the runner would, given the
// action's inputs (defaults already applied) and the outputs of earlier
// steps by step id. Values without ${{ }} are literal; any other expression
// is an error, so a test cannot silently pass a wrong value.
func ResolveEnv(env, inputs map[string]string, steps map[string]map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(env))
	for name, v := range env {
		if !strings.Contains(v, "${{") {
			out[name] = v
			continue
		}
		m := exprRef.FindStringSubmatch(strings.TrimSpace(v))
		switch {
		case m == nil:
			return nil, fmt.Errorf("env %s: unsupported expression %q", name, v)
		case m[2] != "":
			val, ok := inputs[m[2]]
			if !ok {
				return nil, fmt.Errorf("env %s: no input %q", name, m[2])
			}
			out[name] = val
		default:
			out[name] = steps[m[3]][m[4]] // a missing output is "" on GitHub too
		}
	}
	return out, nil
}

// InputValues returns the action's inputs with their defaults, overridden by
// with (the caller's with: block). An unknown name in with is an error.
func (m *Metadata) InputValues(with map[string]string) (map[string]string, error) {
	vals := map[string]string{}
	for name, in := range m.Inputs {
		if in.Default != nil {
			vals[name] = *in.Default
		} else {
			vals[name] = ""
		}
	}
	for name, v := range with {
		if _, ok := m.Inputs[name]; !ok {
			return nil, fmt.Errorf("input %q is not defined in action %q", name, m.Name)
		}
		vals[name] = v
	}
	return vals, nil
}
