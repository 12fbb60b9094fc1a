package agents

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var ruleNotebookCredential = &finding.Rule{
	ID:    "agents-notebook-credential",
	Title: "Credential in a Jupyter notebook cell or saved output",
	Description: "A credential is written in a notebook's source cell or in a saved cell output (a printed " +
		"environment, a response that echoes the key). Literal keys passed to LLM SDKs in cells are " +
		"reported by agents-llm-sdk-literal-key instead.",
	Why: "Notebooks are shared, rendered on GitHub and uploaded to Colab and Kaggle with their outputs. " +
		"A key printed once stays in the saved output long after the code that printed it is gone.",
	Level:            finding.LevelError,
	Categories:       []finding.Category{finding.NHI2},
	CWEs:             []string{"CWE-798", "CWE-532"},
	Precision:        finding.PrecisionMedium,
	SecuritySeverity: 7.5,
	Remediation: finding.Remediation{
		Revoke:  "Revoke the key at its provider; removing the cell does not remove it from git history.",
		Rotate:  "Issue a new key, read it with os.environ or getpass in the notebook, and clear outputs before committing (nbstripout).",
		Replace: "Use Colab or Kaggle secrets, or workload identity on managed notebook services.",
		References: []string{
			"https://github.com/kynan/nbstripout",
		},
	},
	Analyzer: Name,
}

// checkNotebook reads an .ipynb file and checks its source cells (credentials
// and LLM SDK sinks) and saved text outputs (credentials).
func checkNotebook(f *analyzers.File) ([]analyzers.Result, error) {
	root, err := parseJSON(f.Content)
	if err != nil {
		return nil, err
	}
	var out []analyzers.Result
	for i, cell := range root.get("cells").items() {
		src := joinCellText(f.Content, cell.get("source"))
		label := "cell " + strconv.Itoa(i+1)
		sinkHits := checkSDKSinks(f, []byte(src.text), src.toFile)
		out = append(out, sinkHits...)
		out = append(out, src.credentials(f, label, sinkHits)...)
		for _, o := range cell.get("outputs").items() {
			for _, part := range []*node{o.get("text"), o.get("data").get("text/plain"), o.get("data").get("text/markdown")} {
				if part != nil {
					out = append(out, joinCellText(f.Content, part).credentials(f, "the saved output of "+label, nil)...)
				}
			}
		}
	}
	return out, nil
}

// cellText is the decoded text of a notebook field (a string or a list of
// strings) with, for every byte, its offset in the .ipynb file.
type cellText struct {
	text    string
	offsets []int
}

func (c cellText) toFile(i int) int {
	switch {
	case len(c.offsets) == 0:
		return 0
	case i >= len(c.offsets):
		return c.offsets[len(c.offsets)-1] + 1
	}
	return c.offsets[i]
}

func joinCellText(src []byte, n *node) cellText {
	var c cellText
	var b strings.Builder
	parts := []*node{n}
	if n != nil && n.kind == listNode {
		parts = n.children
	}
	for _, p := range parts {
		if p == nil || p.kind != scalarNode || !p.isString {
			continue
		}
		text, offs := decodeJSONString(src[p.start:p.end], p.start)
		b.WriteString(text)
		c.offsets = append(c.offsets, offs...)
	}
	c.text = b.String()
	return c
}

// credentials reports credentials in the text, except where an SDK sink
// already reported one.
func (c cellText) credentials(f *analyzers.File, where string, skip []analyzers.Result) []analyzers.Result {
	var out []analyzers.Result
next:
	for _, h := range findTextCredentials(c.text) {
		start, end := c.toFile(h.start), c.toFile(h.end)
		for _, s := range skip {
			if s.Evidence.Secret() == h.secret {
				continue next
			}
		}
		msg := "literal " + describe(h.secret, h.provider) + " in " + where + " of the notebook: " + notebook.advice
		out = append(out, literalResult(f, ruleNotebookCredential, start, end, h.secret, h.provider, msg))
	}
	return out
}

// decodeJSONString decodes a JSON string literal (quotes included) and
// returns, for each decoded byte, the file offset of the raw text it came
// from (base is the literal's offset in the file).
func decodeJSONString(raw []byte, base int) (string, []int) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", nil
	}
	var b []byte
	var offs []int
	add := func(s []byte, at int) {
		b = append(b, s...)
		for range s {
			offs = append(offs, base+at)
		}
	}
	for i := 1; i < len(raw)-1; {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw)-1 {
			add(raw[i:i+1], i)
			i++
			continue
		}
		esc := raw[i+1]
		switch esc {
		case 'n':
			add([]byte{'\n'}, i)
		case 't':
			add([]byte{'\t'}, i)
		case 'r':
			add([]byte{'\r'}, i)
		case 'b':
			add([]byte{'\b'}, i)
		case 'f':
			add([]byte{'\f'}, i)
		case 'u':
			if i+6 > len(raw)-1 {
				add(raw[i:i+2], i)
				break
			}
			r1, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 16)
			if err != nil {
				add(raw[i:i+2], i)
				break
			}
			r := rune(r1)
			width := 6
			if utf16.IsSurrogate(r) && i+12 <= len(raw)-1 && raw[i+6] == '\\' && raw[i+7] == 'u' {
				if r2, err := strconv.ParseUint(string(raw[i+8:i+12]), 16, 16); err == nil {
					r = utf16.DecodeRune(r, rune(r2))
					width = 12
				}
			}
			add(utf8.AppendRune(nil, r), i)
			i += width
			continue
		default:
			add([]byte{esc}, i)
		}
		i += 2
	}
	return string(b), offs
}
