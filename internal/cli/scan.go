package cli

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/analyzers/agents"
	"github.com/nhilint/nhilint/analyzers/ciconfig"
	"github.com/nhilint/nhilint/analyzers/ghactions"
	"github.com/nhilint/nhilint/analyzers/iac"
	"github.com/nhilint/nhilint/analyzers/identity"
	"github.com/nhilint/nhilint/analyzers/secrets"
	"github.com/nhilint/nhilint/internal/config"
	"github.com/nhilint/nhilint/internal/engine"
	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/report"
	"github.com/nhilint/nhilint/internal/source"
	"github.com/nhilint/nhilint/internal/suppress"
)

// DefaultMaxFileSize is the size above which files are skipped (and reported).
const DefaultMaxFileSize = 25 << 20

// scanFlags are shared by every command that scans.
type scanFlags struct {
	formats      []string
	outputs      []string
	configPath   string
	baseline     string
	failOn       string
	include      []string
	exclude      []string
	maxFileSize  string
	noIgnore     bool
	followLinks  bool
	jobs         int
	quiet        bool
	noColor      bool
	verbose      bool
	strict       bool
	noInline     bool
	decodeDepth  int
	noGitleaksrc bool
	cacheDir     string
	// workTree is set by the commands that scan a work tree as it is (scan,
	// inventory), the only ones where declared identities are compared with
	// the code: history and staged changes are not a whole program.
	workTree bool
	// collectUsage gathers credential usage even without declarations.
	collectUsage bool
}

func (f *scanFlags) register(cmd *cobra.Command, withOutput bool) {
	fl := cmd.Flags()
	if withOutput {
		fl.StringArrayVarP(&f.formats, "format", "f", nil, "report format: text, json or sarif (repeatable)")
		fl.StringArrayVarP(&f.outputs, "output", "o", nil, "write the report to FILE, paired in order with --format; or FORMAT=FILE (repeatable)")
		fl.StringVar(&f.baseline, "baseline", "", "report only findings that are not in this baseline file")
		fl.StringVar(&f.failOn, "fail-on", "", "lowest level that fails the run: error, warning, note or none (default warning)")
		fl.BoolVar(&f.noColor, "no-color", false, "never colour text output (also: NO_COLOR)")
		fl.BoolVarP(&f.verbose, "verbose", "v", false, "list skipped files and suppressed findings in text output")
		fl.BoolVar(&f.strict, "strict", false, "skipped files fail the run too")
	}
	fl.StringVarP(&f.configPath, "config", "c", "", "configuration file (default: .nhilint.yaml in the first scanned directory)")
	fl.StringArrayVar(&f.include, "include", nil, "scan only paths matching this doublestar glob (repeatable)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "do not scan paths matching this doublestar glob (repeatable)")
	fl.StringVar(&f.maxFileSize, "max-file-size", "", "skip files larger than this, e.g. 5MB (default 25MiB)")
	fl.BoolVar(&f.noIgnore, "no-ignore", false, "do not honour .gitignore files")
	fl.BoolVar(&f.followLinks, "follow-symlinks", false, "follow symlinks whose target is inside the scanned directory")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "number of parallel workers (default: number of CPUs)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but reports and errors")
	fl.BoolVar(&f.noInline, "no-inline-ignore", false, "ignore nhilint:ignore and gitleaks:allow comments")
	fl.IntVar(&f.decodeDepth, "max-decode-depth", secrets.DefaultMaxDecodeDepth, "decode base64/hex/percent-encoded text this many levels deep to find hidden keys (0 = off)")
	fl.BoolVar(&f.noGitleaksrc, "no-gitleaks-config", false, "ignore the repository's .gitleaks.toml and .gitleaksignore")
	fl.StringVar(&f.cacheDir, "cache", "", "remember in DIR which file contents gave no finding, and skip analyzing them again while nhilint and its settings are unchanged (stores hashes only, no content)")
}

func newScanCommand(e *env) *cobra.Command {
	f := scanFlags{workTree: true}
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Scan files for embedded credentials",
		Long: `Scan walks each PATH (default ".") and reports embedded credentials with
guidance on revoking and replacing them. In a git work tree, .gitignore rules are
honoured. Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or
configuration error, 3 internal error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			outs, err := parseOutputs(f.formats, f.outputs)
			if err != nil {
				return err
			}
			s, err := prepareReportedScan(e, &f, args)
			if err != nil {
				return err
			}
			run, err := s.execute(cmd)
			return s.conclude(e, &f, outs, run, err)
		},
	}
	f.register(cmd, true)
	return cmd
}

// prepareReportedScan prepares a scan whose findings are reported, with
// the --baseline the user gave.
func prepareReportedScan(e *env, f *scanFlags, args []string) (*preparedScan, error) {
	s, err := prepareScan(e, f, args)
	if err != nil {
		return nil, err
	}
	if f.baseline != "" {
		b, err := suppress.LoadBaseline(f.baseline)
		if err != nil {
			return nil, asUsage(err)
		}
		s.suppressors.Baseline = b
	}
	return s, nil
}

// conclude writes the reports of a finished run and returns its verdict.
func (s *preparedScan) conclude(e *env, f *scanFlags, outs []output, run *report.Run, err error) error {
	if err != nil {
		return err
	}
	if err := writeOutputs(e, outs, run, f.noColor, f.verbose); err != nil {
		return err
	}
	return verdict(run, s.failLifetimes, f.strict)
}

// preparedScan is a scan ready to run: analyzers built, sources opened.
type preparedScan struct {
	roots       []string
	cfg         *config.Config
	analyzers   []analyzers.Analyzer
	engineOpts  engine.Options
	suppressors engine.Suppressors
	tree        source.TreeOptions
	failOn      finding.Level
	// failLifetimes are the credential lifetime classes that fail a run;
	// nil means all.
	failLifetimes map[finding.Lifetime]bool
}

func prepareScan(e *env, f *scanFlags, args []string) (*preparedScan, error) {
	roots := args
	if len(roots) == 0 {
		roots = []string{"."}
	}
	for _, r := range roots {
		if _, err := os.Stat(r); err != nil {
			return nil, asUsage(err)
		}
	}
	base := roots[0]
	if fi, err := os.Stat(base); err == nil && !fi.IsDir() {
		base = filepath.Dir(base)
	}

	cfg := &config.Config{}
	cfgPath := f.configPath
	if cfgPath == "" {
		if p, ok := config.Find(base); ok {
			cfgPath = p
		}
	}
	if cfgPath != "" {
		c, err := config.Load(cfgPath)
		if err != nil {
			return nil, asUsage(err)
		}
		cfg = c
	}

	failOn := finding.LevelWarning
	for _, s := range []string{cfg.FailOn, f.failOn} {
		if s == "" {
			continue
		}
		lvl, err := finding.ParseLevel(s)
		if err != nil {
			return nil, usageError("--fail-on: %v", err)
		}
		failOn = lvl
	}

	maxSize := int64(DefaultMaxFileSize)
	if cfg.MaxFileSize > 0 {
		maxSize = cfg.MaxFileSize
	}
	if f.maxFileSize != "" {
		n, err := config.ParseSize(f.maxFileSize)
		if err != nil {
			return nil, usageError("--max-file-size: %v", err)
		}
		maxSize = n
	}

	gitleaksConfig, gitleaksIgnore := "", ""
	if !f.noGitleaksrc {
		if p := filepath.Join(base, ".gitleaks.toml"); fileExists(p) {
			gitleaksConfig = p
		}
		if p := filepath.Join(base, ".gitleaksignore"); fileExists(p) {
			gitleaksIgnore = p
		}
	}

	sec, err := secrets.New(secrets.Options{
		GitleaksConfig: gitleaksConfig,
		RuleFiles:      cfg.RuleFiles,
		MaxDecodeDepth: f.decodeDepth,
		MaxLifetime:    cfg.Policy.MaxLifetime,
	})
	if err != nil {
		return nil, asUsage(err)
	}
	all := []analyzers.Analyzer{
		sec,
		agents.New(),
		ghactions.New(),
		ciconfig.New(),
		iac.New(iac.Options{MaxLifetime: cfg.Policy.MaxLifetime}),
		identityAnalyzer(f, cfg, base, cfgPath, e.clock()),
	}

	known := map[string]bool{}
	for _, a := range all {
		for _, r := range a.Rules() {
			known[r.ID] = true
		}
	}
	if err := cfg.UnknownRules(func(id string) bool { return known[id] }); err != nil {
		return nil, asUsage(err)
	}

	disabled := map[string]bool{}
	for _, id := range cfg.Rules.Disable {
		disabled[id] = true
	}
	lists, err := allowlists(cfg)
	if err != nil {
		return nil, asUsage(err)
	}
	sup := engine.Suppressors{NoInline: f.noInline, Allowlists: lists}
	if gitleaksIgnore != "" {
		gi, err := suppress.LoadGitleaksIgnore(gitleaksIgnore)
		if err != nil {
			return nil, asUsage(err)
		}
		sup.GitleaksIgnore = gi
	}

	var cache *engine.Cache
	if f.cacheDir != "" {
		key, err := cacheKey(f, all, append([]string{cfgPath, gitleaksConfig}, cfg.RuleFiles...))
		if err != nil {
			return nil, asUsage(err)
		}
		if cache, err = engine.OpenCache(f.cacheDir, key); err != nil {
			return nil, asUsage(err)
		}
	}

	return &preparedScan{
		roots:     roots,
		cfg:       cfg,
		analyzers: all,
		engineOpts: engine.Options{
			Analyzers: all,
			Jobs:      f.jobs,
			Severity:  cfg.Rules.Severity,
			Disabled:  disabled,
			Cache:     cache,
		},
		suppressors: sup,
		tree: source.TreeOptions{
			Include:        append(append([]string(nil), cfg.Include...), f.include...),
			Exclude:        append(append([]string(nil), cfg.Exclude...), f.exclude...),
			MaxFileSize:    maxSize,
			NoIgnore:       f.noIgnore,
			FollowSymlinks: f.followLinks,
		},
		failOn:        failOn,
		failLifetimes: lifetimeSet(cfg.Policy.FailOnLifetimes),
	}, nil
}

// identityAnalyzer compares declared identities with the code in work-tree
// scans; elsewhere it is present only so its rules are known.
func identityAnalyzer(f *scanFlags, cfg *config.Config, base, cfgPath string, now time.Time) *identity.Analyzer {
	opts := identity.Options{MaxLifetime: cfg.Policy.MaxLifetime, Root: base, Now: now}
	if f.workTree {
		opts.Identities = cfg.Identities
		opts.Collect = f.collectUsage
		if cfgPath != "" {
			if rel, err := filepath.Rel(base, cfgPath); err == nil {
				opts.ConfigPath = filepath.ToSlash(rel)
			} else {
				opts.ConfigPath = filepath.ToSlash(cfgPath)
			}
		}
	}
	return identity.New(opts)
}

// execute runs the prepared scan and assembles the report.
func (s *preparedScan) execute(cmd *cobra.Command) (*report.Run, error) {
	opts := s.engineOpts
	opts.Suppress = s.suppressors
	eng, err := engine.New(opts)
	if err != nil {
		return nil, internalError(err)
	}
	var srcs []source.Source
	for _, r := range s.roots {
		t, err := source.NewTree(r, s.tree)
		if err != nil {
			return nil, asUsage(err)
		}
		srcs = append(srcs, t)
	}
	start := time.Now()
	res, err := eng.Run(cmd.Context(), source.Multi(srcs...))
	if err != nil {
		return nil, internalError(err)
	}
	return &report.Run{
		Tool:       tool(),
		Command:    cmd.Name(),
		Roots:      s.roots,
		Findings:   res.Findings,
		Suppressed: res.Suppressed,
		Rules:      eng.Catalog(),
		Skips:      res.Skips,
		Stats:      report.Stats{Files: res.Files, Bytes: res.Bytes, Duration: time.Since(start)},
		FailOn:     s.failOn,
	}, nil
}

// verdict turns a finished run into the exit status: a finding fails it when
// its level is at or above --fail-on and, for a credential, its lifetime
// class is one the policy fails on.
func verdict(run *report.Run, failLifetimes map[finding.Lifetime]bool, strict bool) error {
	if run.FailOn != finding.LevelNone {
		for _, fd := range run.Findings {
			if fd.Level.Rank() < run.FailOn.Rank() {
				continue
			}
			if failLifetimes != nil && fd.Credential != nil && !failLifetimes[fd.Credential.Lifetime] {
				continue
			}
			return errFindings
		}
	}
	if strict && len(run.Skips) > 0 {
		return errFindings
	}
	return nil
}

func allowlists(cfg *config.Config) (suppress.Allowlists, error) {
	var out suppress.Allowlists
	for _, a := range cfg.Allowlists {
		al := &suppress.Allowlist{
			Description:  a.Description,
			Rules:        a.Rules,
			Paths:        a.Paths,
			Regexes:      a.Regexes,
			RegexTarget:  a.RegexTarget,
			Stopwords:    a.Stopwords,
			Fingerprints: a.Fingerprints,
			And:          a.Condition == config.ConditionAnd,
			Source:       fmt.Sprintf("%s:%d", cfg.Path, a.Line),
		}
		if err := al.Validate(); err != nil {
			return nil, fmt.Errorf("%s: allowlist: %w", al.Source, err)
		}
		out = append(out, al)
	}
	return out, nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func lifetimeSet(classes []string) map[finding.Lifetime]bool {
	if classes == nil {
		return nil
	}
	set := map[finding.Lifetime]bool{}
	for _, c := range classes {
		set[finding.Lifetime(c)] = true
	}
	return set
}

// cacheKey identifies everything that changes what the analyzers report on
// a file, so that a --cache entry written under other settings is never
// used: this build of nhilint (its version and its executable's size and
// time, so that a rebuilt development binary starts afresh), the decode
// depth and scan mode, the analyzers, and the bytes of the configuration,
// .gitleaks.toml and rule files. Settings that only choose files or
// suppress findings afterwards (include, exclude, baselines, inline
// comments) are applied after the cache and are not part of the key.
func cacheKey(f *scanFlags, all []analyzers.Analyzer, files []string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "nhilint %s\x00depth %d\x00worktree %t usage %t\x00", version(), f.decodeDepth, f.workTree, f.collectUsage)
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(&b, "exe %d %d\x00", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	for _, a := range all {
		fmt.Fprintf(&b, "analyzer %s\x00", a.Name())
	}
	for _, p := range files {
		if p == "" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("--cache: %w", err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "file %q %x\x00", p, sum)
	}
	return b.Bytes(), nil
}
