// Package sweep scans every repository of an organisation: it lists them
// from GitHub, GitLab, a file or a folder, clones each into a temporary
// folder, scans it with the nhilint engine, writes one SARIF log and one
// result file per repository, and merges the results into an
// organisation-wide report in which a key found in several repositories is
// one key to revoke.
//
// A sweep is resumable (a JSON-lines state file records each finished
// repository) and distributable (a Shard takes a deterministic, balanced
// share of the list; Merge combines the shards' output folders). Results
// stream to disk, so a worker holds one repository's findings at a time.
//
// Tokens are held in Token values, which never print; they are sent only
// to the host they are bound to (see HostAuth), never placed in a URL, and
// scrubbed from every error.
package sweep

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/report"
)

// Options configure a sweep.
type Options struct {
	// Repos is the whole list; Shard selects this job's share.
	Repos []Repo
	Shard Shard
	// Auths are the tokens for cloning, bound to hosts.
	Auths []HostAuth
	Mode  Mode
	// Concurrency is the number of repositories scanned at once (default 1).
	Concurrency int
	// Timeout bounds cloning and scanning one repository; 0 means none.
	Timeout time.Duration
	// MaxRepoSizeKB skips repositories the forge says are larger; 0 means no limit.
	MaxRepoSizeKB int64
	// OutDir receives repos/, sarif/, the merged report and, by default,
	// the state file.
	OutDir string
	// StatePath is the state file; default OutDir/state.jsonl.
	StatePath string
	// Resume skips the repositories the state file records as scanned.
	// Without it, a non-empty state file is an error, so that two sweeps
	// never mix by accident.
	Resume bool
	// WorkDir is where clones are made; default os.TempDir().
	WorkDir string
	Scan    ScanSettings
	// Tool and FailOn go into each SARIF log.
	Tool   report.Tool
	FailOn finding.Level
	// Merge configures the report merged at the end.
	Merge MergeOptions
	// Progress is told about the sweep's advance; nil shows nothing.
	Progress Progress
	// Now is the clock of state records; nil is time.Now.
	Now func() time.Time
}

// Result sums up a sweep.
type Result struct {
	// Total is this shard's share; Resumed were already scanned.
	Total, Resumed, Scanned, Failed int
	// Report is the merged report of the output folder.
	Report *Summary
}

// DefaultStateFile is the state file's name inside the output folder.
const DefaultStateFile = "state.jsonl"

// Run sweeps the repositories. It returns an error only when the sweep
// itself cannot go on (the output folder, the state file, a cancelled
// context); a repository that fails is recorded and the sweep goes on.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.OutDir == "" {
		return nil, errors.New("no output folder")
	}
	if opts.Mode == "" {
		opts.Mode = ModeTree
	}
	if opts.Concurrency < 1 {
		opts.Concurrency = 1
	}
	if opts.Scan.Engine.Jobs == 0 {
		// Repositories are the parallelism; give each engine a fair share
		// of the CPUs rather than N engines of GOMAXPROCS workers each.
		opts.Scan.Engine.Jobs = max(1, runtime.GOMAXPROCS(0)/opts.Concurrency)
	}
	if opts.Progress == nil {
		opts.Progress = nopProgress{}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	for _, d := range []string{resultsDir, sarifDir} {
		if err := os.MkdirAll(filepath.Join(opts.OutDir, d), 0o755); err != nil {
			return nil, err
		}
	}
	statePath := cmpOr(opts.StatePath, filepath.Join(opts.OutDir, DefaultStateFile))
	if !opts.Resume {
		if fi, err := os.Stat(statePath); err == nil && fi.Size() > 0 {
			return nil, fmt.Errorf("state file %s already records a sweep: pass --resume to continue it, or remove it", statePath)
		}
	}
	state, err := OpenState(statePath)
	if err != nil {
		return nil, err
	}
	defer state.Close()

	repos := opts.Shard.Select(opts.Repos)
	res := &Result{Total: len(repos)}
	var todo []Repo
	for _, r := range repos {
		if _, done := state.Scanned(r.Name); done {
			res.Resumed++
			continue
		}
		todo = append(todo, r)
	}
	opts.Progress.Start(res.Total, res.Resumed)

	jobs := make(chan Repo)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		stateErr error
	)
	for range min(opts.Concurrency, max(len(todo), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for repo := range jobs {
				start := time.Now()
				rec, ok := sweepOne(ctx, opts, repo)
				if !ok { // interrupted: not finished, so not recorded
					continue
				}
				err := state.Append(rec)
				mu.Lock()
				if err != nil && stateErr == nil {
					stateErr = err
				}
				if rec.Status == StatusScanned {
					res.Scanned++
				} else {
					res.Failed++
				}
				mu.Unlock()
				opts.Progress.Done(rec, time.Since(start))
			}
		}()
	}
feed:
	for _, r := range todo {
		mu.Lock()
		failed := stateErr != nil
		mu.Unlock()
		if failed {
			break
		}
		select {
		case jobs <- r:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	opts.Progress.Finish()
	if stateErr != nil {
		return res, stateErr
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	sum, err := Merge([]string{opts.OutDir}, opts.OutDir, opts.Merge)
	if err != nil {
		return res, err
	}
	res.Report = sum
	return res, nil
}

// sweepOne clones and scans one repository and writes its outputs. ok is
// false when the sweep was interrupted before the repository finished.
func sweepOne(parent context.Context, opts Options, repo Repo) (rec Record, ok bool) {
	ctx := parent
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(parent, opts.Timeout)
		defer cancel()
	}
	result := &RepoResult{Repo: repo.Name, Mode: opts.Mode, Findings: []finding.Finding{}}
	err := scanInto(ctx, opts, repo, result)
	if parent.Err() != nil {
		return Record{}, false
	}
	if err != nil {
		err = scrubError(err, tokensOf(opts.Auths)...)
		result.Status, result.Error, result.Findings = StatusFailed, err.Error(), []finding.Finding{}
	} else {
		result.Status = StatusScanned
	}
	rec = Record{Repo: repo.Name, Status: result.Status, Commit: result.Commit, Findings: len(result.Findings), Error: result.Error, Time: opts.Now().UTC()}
	if werr := writeResult(opts.OutDir, repo, result); werr != nil {
		rec.Status, rec.Error = StatusFailed, "writing results: "+werr.Error()
	}
	return rec, true
}

// scanInto fills result for one repository.
func scanInto(ctx context.Context, opts Options, repo Repo, result *RepoResult) error {
	if opts.MaxRepoSizeKB > 0 && repo.SizeKB > opts.MaxRepoSizeKB {
		return fmt.Errorf("%w: %d KB, above --max-repo-size", errTooLarge, repo.SizeKB)
	}
	path := repo.Path
	if !repo.Local() {
		dir, remove, err := clone(ctx, repo, opts.Mode, opts.WorkDir, opts.Auths)
		if err != nil {
			return err
		}
		// Removed on every return, including a cancelled context: go-git
		// returns as soon as ctx is done.
		defer remove()
		path = dir
	}
	commit, err := headCommit(path)
	if err != nil {
		return err
	}
	result.Commit = commit
	if commit == "" { // empty repository
		return nil
	}
	s, err := scanRepository(ctx, path, opts.Mode, opts.Scan)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	result.Findings = s.res.Findings
	if result.Findings == nil {
		result.Findings = []finding.Finding{}
	}
	result.Suppressed, result.Skipped = len(s.res.Suppressed), len(s.res.Skips)
	result.Files, result.Bytes = s.res.Files, s.res.Bytes
	run := &report.Run{
		Tool:       opts.Tool,
		Command:    automationCommand(opts.Mode, repo),
		Roots:      []string{repo.Name},
		Findings:   s.res.Findings,
		Suppressed: s.res.Suppressed,
		Rules:      s.catalog,
		Skips:      s.res.Skips,
		Stats:      report.Stats{Files: s.res.Files, Bytes: s.res.Bytes},
		FailOn:     opts.FailOn,
	}
	if err := writeSARIF(opts.OutDir, repo, run); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	return nil
}
