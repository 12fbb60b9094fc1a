package match

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	glconfig "github.com/zricethezav/gitleaks/v8/config"
)

// deferredConfig returns cfg with its rules stripped of what NewDeferred
// compiles on demand, the functions that give it back, and a count of
// their calls by rule.
func deferredConfig(cfg glconfig.Config) (glconfig.Config, map[string]func() glconfig.Rule, map[string]*atomic.Int32) {
	stubs := cfg
	stubs.Rules = map[string]glconfig.Rule{}
	compile := map[string]func() glconfig.Rule{}
	calls := map[string]*atomic.Int32{}
	for id, r := range cfg.Rules {
		full, n := r, new(atomic.Int32)
		calls[id] = n
		compile[id] = func() glconfig.Rule { n.Add(1); return full }
		r.Regex, r.Path, r.Allowlists, r.RequiredRules = nil, nil, nil, nil
		stubs.Rules[id] = r
	}
	return stubs, compile, calls
}

// TestDeferredMatchesEager runs a Matcher with deferred rules from several
// goroutines at once and checks that it finds what one built with the
// compiled rules finds, compiling each rule once and only when triggered.
func TestDeferredMatchesEager(t *testing.T) {
	cfg := defaultConfig(t)
	eager := New(cfg, decodeDepth)
	stubs, compile, calls := deferredConfig(cfg)
	lazy := NewDeferred(stubs, compile, decodeDepth)

	// A text with no keyword triggers only the rules without keywords.
	lazy.Find(context.Background(), Fragment{Raw: "nothing to see here\n", FilePath: "a.txt"})
	for id, n := range calls {
		want := int32(0)
		if len(cfg.Rules[id].Keywords) == 0 {
			want = 1
		}
		if got := n.Load(); got != want {
			t.Errorf("rule %s compiled %d times after a text without keywords, want %d", id, got, want)
		}
	}

	type input struct{ name, raw, path string }
	var inputs []input
	for i, s := range seeds {
		inputs = append(inputs, input{fmt.Sprint("seed ", i), s, "config.txt"})
	}
	dir := gitleaksTestdata(t)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		inputs = append(inputs, input{rel, string(data), filepath.ToSlash(rel)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var found atomic.Int64
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(inputs); i += 2 { // each input twice, by two goroutines
				in := inputs[i]
				want := keys(eager.Find(context.Background(), Fragment{Raw: in.raw, FilePath: in.path}))
				found.Add(int64(len(want)))
				got := keys(lazy.Find(context.Background(), Fragment{Raw: in.raw, FilePath: in.path}))
				if !slices.Equal(got, want) {
					t.Errorf("%s: deferred rules found %d findings, compiled rules %d", in.name, len(got), len(want))
				}
			}
		})
	}
	wg.Wait()
	if found.Load() == 0 {
		t.Fatal("no findings to compare")
	}
	compiled := 0
	for id, n := range calls {
		if got := n.Load(); got > 1 {
			t.Errorf("rule %s compiled %d times", id, got)
		} else if got == 1 {
			compiled++
		}
	}
	t.Logf("%d of %d rules compiled over %d inputs, %d findings", compiled, len(calls), len(inputs), found.Load()/2)
}
