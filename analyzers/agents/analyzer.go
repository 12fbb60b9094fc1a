package agents

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// Name is the analyzer family name.
const Name = "agents"

// maxFileSize bounds what the analyzer parses; agent configs, prompts and
// notebooks are far smaller, and the secrets analyzer still reads the rest.
const maxFileSize = 8 << 20

// Analyzer checks AI-agent, MCP and LLM-tool configuration, prompt files,
// notebooks and LLM SDK calls for credentials in the wrong place.
type Analyzer struct {
	mu     sync.Mutex
	shared sharedIndex // collected by Analyze, reported by Finish
}

// New returns an analyzer. One Analyzer serves a whole scan from many
// goroutines; Finish reports what the scan shared and resets it.
func New() *Analyzer { return &Analyzer{} }

// Name implements analyzers.Analyzer.
func (a *Analyzer) Name() string { return Name }

// allRules lists every rule of the family, one file each.
var allRules = []*finding.Rule{
	ruleLiteralCredential,
	ruleCredentialInArgument,
	ruleCredentialInURL,
	ruleCleartextTransport,
	ruleCredentialInPrompt,
	ruleSharedCredential,
	ruleBroadPermissions,
	ruleNotebookCredential,
	ruleSDKLiteralKey,
}

// Rules implements analyzers.Analyzer.
func (a *Analyzer) Rules() []*finding.Rule {
	out := slices.Clone(allRules)
	slices.SortFunc(out, func(x, y *finding.Rule) int { return strings.Compare(x.ID, y.ID) })
	return out
}

// Wants implements analyzers.Analyzer: agent and LLM tool configs, the
// .env family, prompt and instruction files, notebooks and source code.
func (a *Analyzer) Wants(rel string) bool { return classify(rel).format != formatNone }

// Analyze implements analyzers.Analyzer.
func (a *Analyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	t := classify(f.Rel)
	if t.format == formatNone || len(f.Content) == 0 || len(f.Content) > maxFileSize {
		return nil, nil
	}
	var (
		out   []analyzers.Result
		found sharedIndex
		err   error
	)
	switch t.format {
	case formatPrompt:
		out = checkPromptFile(f)
	case formatCode:
		out = checkSDKSinks(f, f.Content, nil)
	case formatNotebook:
		out, err = checkNotebook(f)
	default:
		var c *config
		c, err = readConfig(f, t)
		if err == nil && c != nil {
			c.check()
			out, found = c.results, c.shared
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if !found.empty() {
		a.mu.Lock()
		a.shared.merge(&found)
		a.mu.Unlock()
	}
	return out, nil
}

// Finish implements analyzers.Finisher: credentials shared by several
// agents are reported once the whole scan has been seen.
func (a *Analyzer) Finish(ctx context.Context) ([]analyzers.Result, error) {
	a.mu.Lock()
	idx := a.shared
	a.shared = sharedIndex{}
	a.mu.Unlock()
	return idx.report(), ctx.Err()
}

// literalResult builds the result for a literal credential at [start,end)
// of f. key names the place for the fingerprint-independent parts.
func literalResult(f *analyzers.File, rule *finding.Rule, start, end int, secret string, prov provider, msg string) analyzers.Result {
	fp := finding.Fingerprint(rule.ID, secret)
	typ := "credential"
	if prov.id != "" {
		typ = prov.id + "-credential"
	}
	fd := finding.Finding{
		RuleID:      rule.ID,
		Location:    f.Location(start, end),
		Message:     msg,
		Fingerprint: fp,
		Credential: &finding.Credential{
			Type: typ, Provider: prov.id, Preview: finding.Preview(secret),
			Fingerprint: fp, Lifetime: finding.LifetimeUnknown,
		},
	}
	line, _ := f.Position(start)
	return analyzers.Result{Finding: fd, Evidence: analyzers.NewEvidence(secret, secret, string(f.Line(line)))}
}

// describe names a credential for a message: "OpenAI key sk-p…" or
// "credential ab…".
func describe(secret string, prov provider) string {
	if prov.name != "" {
		return prov.name + " key " + finding.Preview(secret)
	}
	return "credential " + finding.Preview(secret)
}
