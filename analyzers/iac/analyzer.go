package iac

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// Name is the analyzer family name.
const Name = "iac"

// DefaultMaxLifetime is the longest credential validity the rules accept
// unless told otherwise: 90 days, the common rotation policy.
const DefaultMaxLifetime = 90 * 24 * time.Hour

// maxFileSize bounds what the parser is given; Terraform files are far smaller.
const maxFileSize = 4 << 20

// Options configure the analyzer.
type Options struct {
	// MaxLifetime is the longest acceptable credential validity; zero means
	// DefaultMaxLifetime.
	MaxLifetime time.Duration
	// Now is the clock that absolute end dates are measured from when a
	// resource has no start date; nil means time.Now.
	Now func() time.Time
}

// check is one rule: its documentation and the function that applies it to
// the body of a parsed file.
type check struct {
	rule *finding.Rule
	run  func(c *check, a *Analyzer, f *analyzers.File, body *hclsyntax.Body) []analyzers.Result
}

// checks lists every rule of the family; each is defined in its rule_*.go file.
var checks = []*check{
	awsIAMAccessKey,
	gcpServiceAccountKey,
	azureADPasswordLifetime,
	providerLiteralSecret,
}

// Analyzer checks Terraform files. It holds only settings, so one Analyzer
// serves any number of goroutines.
type Analyzer struct {
	maxLifetime time.Duration
	now         func() time.Time
}

// New returns the infrastructure-as-code analyzer.
func New(opts Options) *Analyzer {
	a := &Analyzer{maxLifetime: opts.MaxLifetime, now: opts.Now}
	if a.maxLifetime <= 0 {
		a.maxLifetime = DefaultMaxLifetime
	}
	if a.now == nil {
		a.now = time.Now
	}
	return a
}

// Name implements analyzers.Analyzer.
func (*Analyzer) Name() string { return Name }

// Rules implements analyzers.Analyzer.
func (*Analyzer) Rules() []*finding.Rule {
	out := make([]*finding.Rule, len(checks))
	for i, c := range checks {
		out[i] = c.rule
	}
	return out
}

// Wants implements analyzers.Analyzer: Terraform's native syntax files.
// (*.tf.json files use JSON syntax, which these checks do not read.)
func (*Analyzer) Wants(rel string) bool { return strings.HasSuffix(rel, ".tf") }

// Analyze implements analyzers.Analyzer. A file HCL cannot parse is an error,
// which the engine records as a skip.
func (a *Analyzer) Analyze(ctx context.Context, f *analyzers.File) ([]analyzers.Result, error) {
	if len(f.Content) == 0 {
		return nil, nil
	}
	if len(f.Content) > maxFileSize {
		return nil, fmt.Errorf("file larger than %d MiB: not parsed", maxFileSize>>20)
	}
	body, err := parse(f)
	if err != nil {
		return nil, err
	}
	var results []analyzers.Result
	for _, c := range checks {
		results = append(results, c.run(c, a, f, body)...)
	}
	return results, ctx.Err()
}

// parse parses a file with HCL's native-syntax parser. Errors name the
// problem and position, never the content.
func parse(f *analyzers.File) (body *hclsyntax.Body, err error) {
	defer func() {
		if r := recover(); r != nil {
			body, err = nil, fmt.Errorf("HCL parser failed (panic %T)", r)
		}
	}()
	file, diags := hclsyntax.ParseConfig(f.Content, f.Path, hcl.InitialPos)
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if d.Subject != nil {
			return nil, fmt.Errorf("invalid HCL at line %d: %s", d.Subject.Start.Line, d.Summary)
		}
		return nil, fmt.Errorf("invalid HCL: %s", d.Summary)
	}
	b, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("HCL parser returned %T, not a native-syntax body", file.Body)
	}
	return b, nil
}

// resources returns the top-level resource blocks of the given types.
func resources(body *hclsyntax.Body, types ...string) []*hclsyntax.Block {
	var out []*hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 {
			continue
		}
		for _, t := range types {
			if b.Labels[0] == t {
				out = append(out, b)
			}
		}
	}
	return out
}

// header returns the byte range of a block's header: `resource "t" "n"`.
func header(b *hclsyntax.Block) (start, end int) {
	start, end = b.TypeRange.Start.Byte, b.TypeRange.End.Byte
	if n := len(b.LabelRanges); n > 0 {
		end = b.LabelRanges[n-1].End.Byte
	}
	return start, end
}

// address is the Terraform address of a resource block: type.name.
func address(b *hclsyntax.Block) string { return b.Labels[0] + "." + b.Labels[1] }

// sourceOf returns the source text of an expression when it is short and on
// one line (a reference such as aws_iam_user.ci.name), for messages.
func sourceOf(f *analyzers.File, e hclsyntax.Expression) string {
	r := e.Range()
	if r.Start.Byte < 0 || r.End.Byte > len(f.Content) || r.End.Byte-r.Start.Byte > 80 || r.Start.Line != r.End.Line {
		return ""
	}
	s := string(f.Content[r.Start.Byte:r.End.Byte])
	if strings.ContainsAny(s, `"'`+"\n") {
		return "" // a literal: never echo values
	}
	return s
}

// nonSecret builds the result of a structural finding.
func nonSecret(c *check, f *analyzers.File, start, end int, key, msg string) analyzers.Result {
	return analyzers.Result{Finding: finding.Finding{
		RuleID:      c.rule.ID,
		Location:    f.Location(start, end),
		Message:     msg,
		Fingerprint: finding.KeyFingerprint(c.rule.ID, f.Path, key),
	}}
}
