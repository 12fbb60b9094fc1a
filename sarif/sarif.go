// Package sarif writes the results of a scan as SARIF 2.1.0, the format
// GitHub code scanning and most security dashboards ingest.
//
// The output follows GitHub's ingestion rules: one run per file, a category
// in automationDetails.id, only the rules that results use, every rule with
// shortDescription, fullDescription and help, security-severity as a string,
// paths relative to %SRCROOT%, and partialFingerprints so that alerts survive
// unrelated edits. go-sarif provides the types; this package hides them and
// works around their traps (see the comments at each).
package sarif

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/report"
)

const (
	toolName = "nhilint"
	toolURI  = "https://github.com/nhilint/nhilint"
	// srcRoot is the conventional base of paths relative to the scanned
	// repository; GitHub resolves it to the checkout.
	srcRoot = "%SRCROOT%"
	// maxDescription is GitHub's limit on shortDescription and fullDescription.
	maxDescription = 1024
	// maxTags is GitHub's limit on tags per rule.
	maxTags = 20
)

// Write encodes run as an indented SARIF 2.1.0 log with exactly one run.
// The output depends only on run: no timestamps, and findings, rules and
// property maps in a fixed order.
func Write(w io.Writer, run *report.Run) error {
	if run == nil {
		return errors.New("sarif: no run to write")
	}
	log, err := build(run)
	if err != nil {
		return err
	}
	// Encode ourselves rather than with PrettyWrite: json.Marshal would
	// escape every <, > and & in the markdown help as \u003c and so on.
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("sarif: writing log: %w", err)
	}
	return nil
}

// build converts a run into a go-sarif log.
func build(run *report.Run) (*gosarif.Report, error) {
	log, err := gosarif.New(gosarif.Version210)
	if err != nil {
		return nil, fmt.Errorf("sarif: %w", err)
	}

	findings := slices.Clone(run.Findings)
	finding.Sort(findings)
	rules := referencedRules(run.Rules, findings)
	taxonomies := newTaxonomies(findings)

	driver := gosarif.NewDriver(cmp.Or(run.Tool.Name, toolName))
	driver.InformationURI = ptr(cmp.Or(run.Tool.URI, toolURI))
	if v := run.Tool.Version; v != "" {
		driver.Version = ptr(v)
		if sv := strings.TrimPrefix(v, "v"); semver.MatchString(sv) {
			// GitHub prefers semanticVersion to version when both are set.
			driver.SemanticVersion = ptr(sv)
		}
	}
	driver.SupportedTaxonomies = taxonomies.references()
	// go-sarif's run.AddResult computes ruleIndex by searching the rules and
	// writes 2^64-1 when a rule is missing; we add every rule first, keep
	// the indices ourselves and set ruleIndex directly.
	ruleIndex := make(map[string]uint, len(rules))
	for i, r := range rules {
		driver.Rules = append(driver.Rules, ruleDescriptor(r))
		ruleIndex[r.ID] = uint(i)
	}

	out := gosarif.NewRun(gosarif.Tool{Driver: driver})
	out.ColumnKind = "unicodeCodePoints" // finding.Location counts code points
	out.AutomationDetails = &gosarif.RunAutomationDetails{ID: ptr(automationID(run.Command))}
	out.Taxonomies = taxonomies.components
	out.Invocations = []*gosarif.Invocation{invocation(run)}
	for _, f := range findings {
		i := ruleIndex[f.RuleID]
		out.Results = append(out.Results, result(f, i, rules[i], taxonomies))
	}
	log.AddRun(out)
	return log, nil
}

// automationID is the run's automationDetails.id. GitHub takes everything
// before the last "/" as the analysis category, so "nhilint/scan/" keeps
// the alerts of a tree scan apart from those of a history scan: an upload
// replaces only earlier uploads of the same category.
func automationID(command string) string {
	if command == "" {
		return toolName + "/"
	}
	return toolName + "/" + command + "/"
}

// semver matches a Semantic Versioning 2.0.0 version (the regular
// expression suggested at semver.org).
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// result converts one finding; rule is its descriptor, at index in the driver.
func result(f finding.Finding, index uint, rule *finding.Rule, tax *taxonomies) *gosarif.Result {
	level := cmp.Or(f.Level, rule.Level, finding.LevelWarning)
	res := &gosarif.Result{
		RuleID:    ptr(f.RuleID),
		RuleIndex: ptr(index),
		Level:     ptr(string(level)),
		// The message is the finding's own text, never built from anything
		// else: the model guarantees it holds no secret, and GitHub shows it
		// to everyone with read access.
		Message:   gosarif.Message{Text: ptr(cmp.Or(f.Message, f.Title, rule.Title, f.RuleID))},
		Locations: []*gosarif.Location{{PhysicalLocation: physicalLocation(f.Location)}},
		Taxa:      tax.referencesFor(f),
	}
	for i, loc := range f.Related {
		res.RelatedLocations = append(res.RelatedLocations, &gosarif.Location{
			Id:               ptr(uint(i + 1)),
			PhysicalLocation: physicalLocation(loc),
			PropertyBag:      gosarif.PropertyBag{Properties: commitProperties(loc)},
		})
	}

	fingerprints := map[string]any{}
	if h := f.Location.LineHash; h != "" {
		fingerprints["primaryLocationLineHash"] = h
	}
	if f.Fingerprint != "" {
		fingerprints["nhilint/v1"] = f.Fingerprint
	}
	if len(fingerprints) > 0 {
		res.PartialFingerprints = fingerprints
	}

	props := commitProperties(f.Location)
	if c := f.Credential; c != nil {
		cred := map[string]any{}
		for k, v := range map[string]string{
			"type": c.Type, "provider": c.Provider, "preview": c.Preview, "lifetime": string(c.Lifetime),
			"expires": c.Expires,
		} {
			if v != "" {
				cred[k] = v
			}
		}
		if len(c.Scopes) > 0 {
			cred["scopes"] = c.Scopes
		}
		if len(cred) > 0 {
			if props == nil {
				props = gosarif.Properties{}
			}
			props["credential"] = cred
		}
	}
	if f.PresentAtHead != nil {
		if props == nil {
			props = gosarif.Properties{}
		}
		props["presentAtHead"] = *f.PresentAtHead
	}
	res.Properties = props
	return res
}

// commitProperties describes where in history a location was found. The
// path stays the artifact URI, so GitHub still attributes the alert to the
// file; the commit goes in properties, which GitHub keeps but ignores.
func commitProperties(loc finding.Location) gosarif.Properties {
	props := gosarif.Properties{}
	if loc.Commit != "" {
		props["commit"] = loc.Commit
	}
	if loc.Author != "" {
		props["author"] = loc.Author
	}
	if !loc.Date.IsZero() {
		props["date"] = loc.Date.UTC().Format(time.RFC3339)
	}
	if len(props) == 0 {
		return nil
	}
	return props
}

// physicalLocation converts a location. Fields the model leaves at zero are
// left out rather than written as invalid zeros; without a start line there
// is no region at all, and GitHub treats the result as about the file.
func physicalLocation(loc finding.Location) *gosarif.PhysicalLocation {
	pl := &gosarif.PhysicalLocation{ArtifactLocation: artifactLocation(loc.Path)}
	if loc.StartLine > 0 {
		pl.Region = &gosarif.Region{
			StartLine:   ptr(loc.StartLine),
			StartColumn: positive(loc.StartColumn),
			EndLine:     positive(loc.EndLine),
			EndColumn:   positive(loc.EndColumn),
		}
	}
	return pl
}

// invocation records how the scan went: what it skipped, as notifications,
// and what it read and suppressed, as properties.
func invocation(run *report.Run) *gosarif.Invocation {
	inv := &gosarif.Invocation{ExecutionSuccessful: ptr(true)}
	for _, s := range run.Skips {
		msg := "skipped " + s.Path + ": " + string(s.Reason)
		if s.Detail != "" {
			msg += " (" + s.Detail + ")"
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, &gosarif.Notification{
			Level:   "note",
			Message: &gosarif.Message{Text: ptr(msg)},
			Locations: []*gosarif.Location{{
				PhysicalLocation: &gosarif.PhysicalLocation{ArtifactLocation: artifactLocation(s.Path)},
			}},
			PropertyBag: gosarif.PropertyBag{Properties: gosarif.Properties{"reason": string(s.Reason)}},
		})
	}
	suppressed := map[string]int{}
	for kind, n := range run.SuppressedCounts() {
		suppressed[string(kind)] = n
	}
	inv.Properties = gosarif.Properties{
		"suppressed":   suppressed,
		"filesScanned": run.Stats.Files,
		"bytesScanned": run.Stats.Bytes,
	}
	return inv
}

func ptr[T any](v T) *T { return &v }

// positive returns a pointer to n, or nil for the zero that means "unset".
func positive(n int) *int {
	if n <= 0 {
		return nil
	}
	return &n
}
