package sweep

import (
	"context"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/analyzers/agents"
	"github.com/nhilint/nhilint/analyzers/ciconfig"
	"github.com/nhilint/nhilint/analyzers/ghactions"
	"github.com/nhilint/nhilint/analyzers/iac"
	"github.com/nhilint/nhilint/analyzers/secrets"
	"github.com/nhilint/nhilint/internal/engine"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/gitsource"
	"github.com/nhilint/nhilint/internal/headcheck"
)

// ScanSettings are how every repository of a sweep is scanned. One set of
// analyzers serves all workers: analyzers are safe for concurrent use, and
// compiling the secret rules once saves seconds per repository.
type ScanSettings struct {
	// Engine carries the analyzers, rule settings and suppressions; its
	// Jobs is the number of workers per repository.
	Engine engine.Options
	// MaxFileSize, Include and Exclude select the files of each repository,
	// as for the history command.
	MaxFileSize      int64
	Include, Exclude []string
}

// DefaultScanSettings are the analyzers and limits of a plain `nhilint
// scan` without a configuration file.
func DefaultScanSettings() (ScanSettings, error) {
	sec, err := secrets.New(secrets.Options{MaxDecodeDepth: secrets.DefaultMaxDecodeDepth})
	if err != nil {
		return ScanSettings{}, err
	}
	return ScanSettings{
		Engine: engine.Options{Analyzers: []analyzers.Analyzer{
			sec, agents.New(), ghactions.New(), ciconfig.New(), iac.New(iac.Options{}),
		}},
		MaxFileSize: 25 << 20,
	}, nil
}

// scanned is what scanning one repository produced.
type scanned struct {
	res     *engine.Result
	catalog finding.Catalog
}

// scanRepository scans the repository at path: the tree at HEAD, or every
// commit of every ref. It reads git objects only, never a work tree, so a
// bare clone needs no checkout.
func scanRepository(ctx context.Context, path string, mode Mode, s ScanSettings) (*scanned, error) {
	opts := s.Engine
	gopts := gitsource.Options{MaxFileSize: s.MaxFileSize, Include: s.Include, Exclude: s.Exclude}
	if mode == ModeTree {
		src, err := gitsource.HeadTree(path, gopts)
		if err != nil {
			return nil, err
		}
		defer src.Close()
		eng, err := engine.New(opts)
		if err != nil {
			return nil, err
		}
		res, err := eng.Run(ctx, src)
		if err != nil {
			return nil, err
		}
		return &scanned{res: res, catalog: eng.Catalog()}, nil
	}

	src, err := gitsource.History(path, gitsource.HistoryOptions{MaxFileSize: s.MaxFileSize, Include: s.Include, Exclude: s.Exclude})
	if err != nil {
		return nil, err
	}
	defer src.Close()
	opts.Group = true
	eng, err := engine.New(opts)
	if err != nil {
		return nil, err
	}
	res, err := eng.Run(ctx, src)
	if err != nil {
		return nil, err
	}
	if len(res.Findings)+len(res.Suppressed) > 0 {
		if err := headcheck.Mark(ctx, path, gitsource.Options{MaxFileSize: s.MaxFileSize}, s.Engine, res); err != nil {
			return nil, err
		}
	}
	return &scanned{res: res, catalog: eng.Catalog()}, nil
}
