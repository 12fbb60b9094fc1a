// Package headcheck tells, for each finding of a history scan, whether its
// secret is still in the repository's HEAD tree. A key deleted since is
// still leaked (anyone with a clone has it), so its message says to revoke
// it all the same. The history command and sweeps share it.
package headcheck

import (
	"context"
	"fmt"
	"strings"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/engine"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/gitsource"
)

// Mark sets PresentAtHead on every finding of res (and its suppressed
// findings) by scanning, with the secret analyzers of eng only, the files of
// the repository at repo's HEAD where findings were seen. Reading only those
// files keeps it cheap; a secret that moved to another file unchanged is
// therefore reported as deleted, which errs on the side of revoking it.
func Mark(ctx context.Context, repo string, opts gitsource.Options, eng engine.Options, res *engine.Result) error {
	opts.Include = nil
	seen := map[string]bool{}
	for _, list := range [][]finding.Finding{res.Findings, res.Suppressed} {
		for _, f := range list {
			for _, l := range append([]finding.Location{f.Location}, f.Related...) {
				if !seen[l.Path] {
					seen[l.Path] = true
					opts.Include = append(opts.Include, "/"+escapeGlob(l.Path))
				}
			}
		}
	}
	if len(seen) == 0 {
		return nil
	}
	head, err := gitsource.HeadTree(repo, opts)
	if err != nil {
		return fmt.Errorf("reading HEAD: %w", err)
	}
	defer head.Close()
	eng.Analyzers = secretAnalyzers(eng.Analyzers)
	eng.Group = false
	e, err := engine.New(eng)
	if err != nil {
		return err
	}
	now, err := e.Run(ctx, head)
	if err != nil {
		return err
	}
	atHead := map[string]bool{}
	for _, list := range [][]finding.Finding{now.Findings, now.Suppressed} {
		for _, f := range list {
			atHead[f.RuleID+"\x00"+f.Fingerprint] = true
		}
	}
	for _, list := range [][]finding.Finding{res.Findings, res.Suppressed} {
		for i := range list {
			present := atHead[list[i].RuleID+"\x00"+list[i].Fingerprint]
			list[i].PresentAtHead = &present
			if !present && list[i].Credential != nil {
				list[i].Message += " It was later deleted but stays in the git history: revoke it all the same."
			}
		}
	}
	return nil
}

// escapeGlob quotes the characters doublestar gives a meaning to.
func escapeGlob(p string) string {
	var b strings.Builder
	for _, r := range p {
		if strings.ContainsRune(`*?[]{}\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// secretAnalyzers keeps the analyzers whose findings are secrets: only they
// have a fingerprint that follows the secret across commits.
func secretAnalyzers(all []analyzers.Analyzer) []analyzers.Analyzer {
	var out []analyzers.Analyzer
	for _, a := range all {
		if a.Name() == "secrets" {
			out = append(out, a)
		}
	}
	return out
}
