package identity

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nhilint/nhilint/analyzers/gocode"
	"github.com/nhilint/nhilint/internal/usage"
)

// readGo extracts usage from the Go files the scan walked (slash paths
// relative to root): with types when typed is set (every module under root
// is loaded offline; what fails to load is read by syntax), else by syntax
// alone. The note says what was read without types, or "".
func readGo(ctx context.Context, root string, files map[string]bool, typed bool) ([]usage.Fact, string) {
	if typed {
		res, err := gocode.Extract(ctx, root, gocode.Options{})
		if err == nil {
			var facts []usage.Fact
			for _, f := range res.Facts {
				if files[f.Path] {
					facts = append(facts, f)
				}
			}
			if res.Typed {
				return facts, ""
			}
			reason, _, _ := strings.Cut(res.Fallback, "\n")
			reason, _, _ = strings.Cut(reason, "; to add it")
			return facts, "Go types unavailable, some code read by syntax only: " + strings.TrimSuffix(reason, ":")
		}
		if ctx.Err() != nil {
			return nil, "Go code not read: " + ctx.Err().Error()
		}
	}
	var facts []usage.Fact
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			continue // the engine already reported the unreadable file
		}
		facts = append(facts, gocode.ExtractFileSyntax(rel, src)...)
	}
	if typed {
		return facts, "Go types unavailable, read by syntax only"
	}
	return facts, ""
}
