package agents

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var ruleSharedCredential = &finding.Rule{
	ID:    "agents-shared-credential",
	Title: "One credential shared by several agents or MCP servers",
	Description: "The same credential is configured for two or more agents, MCP servers or model entries: " +
		"the same literal value, or one environment variable that a committed .env file sets to a literal " +
		"and several entries reference. Reported once, at the first place, with every other place as a " +
		"related location.",
	Why: "A shared key cannot be attributed, scoped or revoked per agent: every agent gets the union of the " +
		"permissions all of them need, logs cannot tell which one acted, and revoking it after one agent is " +
		"compromised breaks all the others (OWASP NHI9, NHI reuse).",
	Level:            finding.LevelWarning,
	Categories:       []finding.Category{finding.NHI9},
	CWEs:             []string{"CWE-798"},
	Precision:        finding.PrecisionHigh,
	SecuritySeverity: 5.0,
	Remediation: finding.Remediation{
		Revoke:  "Revoke the shared key once every agent has its own.",
		Rotate:  "Issue one key per agent or MCP server, each scoped to what that agent does, and give each its own variable.",
		Replace: "Give each agent its own identity: OAuth per MCP server, a service account per agent, LiteLLM virtual keys per consumer.",
		References: []string{
			"https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025",
		},
	},
	Analyzer: Name,
}

// place is one agent that uses a credential.
type place struct {
	agentID, label string
	loc            finding.Location
}

// literalUse is a literal credential seen in the scan.
type literalUse struct {
	place
	evidence analyzers.Evidence
	preview  string
}

// sharedIndex collects, across files, who uses which credential.
type sharedIndex struct {
	literals map[string][]literalUse // by finding.SecretHash
	refs     map[string][]place      // variable name → entries that reference it
	defined  map[string]bool         // variable names a .env sets to a literal
}

func (s *sharedIndex) empty() bool {
	return len(s.literals) == 0 && len(s.refs) == 0 && len(s.defined) == 0
}

func (s *sharedIndex) addLiteral(hash string, ev analyzers.Evidence, agentID, label string, loc finding.Location, secret string) {
	if s.literals == nil {
		s.literals = map[string][]literalUse{}
	}
	s.literals[hash] = append(s.literals[hash], literalUse{place{agentID, label, loc}, ev, finding.Preview(secret)})
}

func (s *sharedIndex) addRef(name, agentID, label string, loc finding.Location) {
	if s.refs == nil {
		s.refs = map[string][]place{}
	}
	s.refs[name] = append(s.refs[name], place{agentID, label, loc})
}

func (s *sharedIndex) addDefinition(name string) {
	if s.defined == nil {
		s.defined = map[string]bool{}
	}
	s.defined[name] = true
}

func (s *sharedIndex) merge(o *sharedIndex) {
	for h, uses := range o.literals {
		for _, u := range uses {
			if s.literals == nil {
				s.literals = map[string][]literalUse{}
			}
			s.literals[h] = append(s.literals[h], u)
		}
	}
	for n, ps := range o.refs {
		for _, p := range ps {
			s.addRef(n, p.agentID, p.label, p.loc)
		}
	}
	for n := range o.defined {
		s.addDefinition(n)
	}
}

// report returns one finding per credential used by two or more agents,
// in a deterministic order.
func (s *sharedIndex) report() []analyzers.Result {
	var out []analyzers.Result
	for hash, uses := range s.literals {
		slices.SortFunc(uses, func(a, b literalUse) int { return comparePlace(a.place, b.place) })
		places := make([]place, len(uses))
		for i, u := range uses {
			places[i] = u.place
		}
		places = firstPerAgent(places)
		if len(places) < 2 {
			continue
		}
		first := uses[0]
		fd := sharedFinding(places, "the same credential "+first.preview)
		fd.Fingerprint = finding.KeyFingerprint(ruleSharedCredential.ID, "", hash)
		out = append(out, analyzers.Result{Finding: fd, Evidence: first.evidence})
	}
	for name, refs := range s.refs {
		if !s.defined[name] {
			continue
		}
		refs = slices.Clone(refs)
		slices.SortFunc(refs, comparePlace)
		places := firstPerAgent(refs)
		if len(places) < 2 {
			continue
		}
		fd := sharedFinding(places, "the variable "+name+", which a committed .env file sets to a literal,")
		fd.Fingerprint = finding.KeyFingerprint(ruleSharedCredential.ID, "", "var:"+name)
		out = append(out, analyzersResult(fd))
	}
	slices.SortFunc(out, func(a, b analyzers.Result) int { return finding.Compare(a.Finding, b.Finding) })
	return out
}

func sharedFinding(places []place, what string) finding.Finding {
	labels := make([]string, 0, len(places))
	for _, p := range places {
		labels = append(labels, p.label)
	}
	const maxNamed = 5
	named := labels
	if len(named) > maxNamed {
		named = append(slices.Clone(named[:maxNamed]), "…")
	}
	fd := finding.Finding{
		RuleID:   ruleSharedCredential.ID,
		Location: places[0].loc,
		Message: what + " is used by " + strconv.Itoa(len(places)) + " agents (" + strings.Join(named, "; ") +
			"): give each its own scoped key so that one can be revoked without the others",
	}
	for _, p := range places[1:] {
		fd.Related = append(fd.Related, p.loc)
	}
	return fd
}

// firstPerAgent keeps the first place of each agent; places are sorted.
func firstPerAgent(places []place) []place {
	seen := map[string]bool{}
	var out []place
	for _, p := range places {
		if !seen[p.agentID] {
			seen[p.agentID] = true
			out = append(out, p)
		}
	}
	return out
}

func comparePlace(a, b place) int {
	return cmp.Or(
		strings.Compare(a.loc.Path, b.loc.Path),
		cmp.Compare(a.loc.StartLine, b.loc.StartLine),
		cmp.Compare(a.loc.StartColumn, b.loc.StartColumn),
		strings.Compare(a.loc.Commit, b.loc.Commit),
		strings.Compare(a.agentID, b.agentID),
	)
}
