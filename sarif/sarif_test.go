package sarif

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/report"
	"github.com/nhilint/nhilint/internal/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// catalog is a small rule catalog: two secret rules and a CI rule; the
// second secret rule is never reported, so it must not reach the output.
func catalog() finding.Catalog {
	rules := []*finding.Rule{
		{
			ID:               "github-pat",
			Title:            "GitHub personal access token",
			Description:      "A classic GitHub personal access token (ghp_) is committed in plain text.",
			Why:              "Anyone who can read the repository can act as the token's owner on every repository the token reaches.",
			Level:            finding.LevelError,
			Categories:       []finding.Category{finding.NHI2, finding.NHI7},
			CWEs:             []string{"CWE-798"},
			Precision:        finding.PrecisionHigh,
			SecuritySeverity: 8.5,
			Provider:         "github",
			CredentialType:   "personal-access-token",
			Lifetime:         finding.LifetimeLongLived,
			Remediation: finding.Remediation{
				Revoke:     "Delete the token at Settings > Developer settings > Personal access tokens.",
				Rotate:     "Create a fine-grained token with the fewest permissions & shortest expiry, then update its users.",
				Replace:    "In GitHub Actions use the GITHUB_TOKEN or a GitHub App installation token.",
				References: []string{"https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens"},
			},
			Analyzer: "secrets",
			HelpURI:  "https://github.com/nhilint/nhilint/blob/main/docs/rules/github-pat.md",
		},
		{
			ID:               "slack-bot-token",
			Title:            "Slack bot token",
			Description:      "A Slack bot token (xoxb-) is committed in plain text.",
			Level:            finding.LevelError,
			Categories:       []finding.Category{finding.NHI2},
			CWEs:             []string{"CWE-798"},
			Precision:        finding.PrecisionVeryHigh,
			SecuritySeverity: 7,
			Analyzer:         "secrets",
		},
		{
			ID:          "ci-static-cloud-key",
			Title:       "CI job uses a static cloud key",
			Description: "A workflow authenticates to a cloud provider with a long-lived access key stored as a secret.",
			Level:       finding.LevelWarning,
			Categories:  []finding.Category{finding.NHI7},
			CWEs:        []string{"CWE-522"},
			Precision:   finding.PrecisionMedium,
			Remediation: finding.Remediation{
				Replace: "Use OpenID Connect: <aws-actions/configure-aws-credentials> with role-to-assume.",
			},
			Analyzer: "ci",
		},
	}
	c := finding.Catalog{}
	for _, r := range rules {
		c[r.ID] = r
	}
	return c
}

// newFinding builds a finding the way the engine does: rule documentation
// applied to a location and, for secrets, a credential.
func newFinding(c finding.Catalog, ruleID string, loc finding.Location, message string) finding.Finding {
	f := finding.Finding{Location: loc, Message: message}
	c[ruleID].Apply(&f)
	return f
}

func baseRun(command string) *report.Run {
	return &report.Run{
		Tool:    report.Tool{Name: "nhilint", Version: "v1.2.3", URI: "https://github.com/nhilint/nhilint"},
		Command: command,
		Roots:   []string{"."},
		Rules:   catalog(),
		Stats:   report.Stats{Files: 0, Bytes: 0},
		FailOn:  finding.LevelError,
	}
}

// fakeSecret is a GitHub-token-shaped string made at run time, so that the
// repository never contains one for scanners (ours included) to flag.
func fakeSecret() string { return "ghp_" + strings.Repeat("Fa4e", 9) }

func emptyRun() *report.Run {
	run := baseRun("scan")
	run.Stats = report.Stats{Files: 12, Bytes: 3456}
	return run
}

func twoFindingsRun() *report.Run {
	run := baseRun("scan")
	c := run.Rules
	pat := newFinding(c, "github-pat", finding.Location{
		Path: "deploy/prod settings/clé.env", StartLine: 3, StartColumn: 14, EndLine: 3, EndColumn: 54,
		LineHash: "1b9c1f3a0e7d2c44:1",
	}, "GitHub personal access token ghp_… committed; revoke it and see the rule help.")
	pat.Credential = &finding.Credential{
		Type: "personal-access-token", Provider: "github", Preview: finding.Preview(fakeSecret()),
		Fingerprint: finding.Fingerprint("github-pat", fakeSecret()), Lifetime: finding.LifetimeLongLived,
	}
	pat.Fingerprint = pat.Credential.Fingerprint
	pat.Related = []finding.Location{
		{Path: "scripts/release.sh", StartLine: 10, StartColumn: 20, EndLine: 10, EndColumn: 60},
		{Path: "README.md"}, // a whole-file location: no region
	}
	ci := newFinding(c, "ci-static-cloud-key", finding.Location{
		Path: ".github/workflows/deploy.yml", StartLine: 27, StartColumn: 9, EndLine: 28, EndColumn: 1,
		LineHash: "77d0c6e2b1a4f903:2",
	}, "Job deploy authenticates to AWS with the static key secrets.AWS_ACCESS_KEY_ID.")
	ci.Fingerprint = finding.KeyFingerprint("ci-static-cloud-key", ci.Location.Path, "deploy")
	run.Findings = []finding.Finding{pat, ci}
	finding.Sort(run.Findings)

	quiet := newFinding(c, "slack-bot-token", finding.Location{Path: "test/fixtures/slack.json", StartLine: 2}, "Slack bot token xoxb-… committed.")
	quiet.Suppression = &finding.Suppression{Kind: finding.SuppressedInline, Justification: "test fixture", Source: "test/fixtures/slack.json:2"}
	run.Suppressed = []finding.Finding{quiet}
	run.Skips = []source.Skip{{Path: "assets/logo 100%.png", Reason: source.ReasonBinary, Detail: "NUL byte in the first 8000 bytes"}}
	run.Stats = report.Stats{Files: 42, Bytes: 123456}
	return run
}

func commitRun() *report.Run {
	run := baseRun("history")
	f := newFinding(run.Rules, "slack-bot-token", finding.Location{
		Path: "config/app.yaml", StartLine: 8, StartColumn: 12, EndLine: 8, EndColumn: 70,
		Commit: "9fceb02d0ae598e95dc970b74767f19372d61af8", Author: "Jane Doe <jane@example.com>",
		Date:     time.Date(2024, 3, 1, 9, 30, 0, 0, time.FixedZone("CET", 3600)),
		LineHash: "5e0d3a2f11c2b9aa:1",
	}, "Slack bot token xoxb-… was committed in 9fceb02.")
	f.Credential = &finding.Credential{Type: "bot-token", Provider: "slack", Preview: "xoxb…", Fingerprint: "3f1d0c8a9b7e6d5c4b3a29180f1e2d3c", Lifetime: finding.LifetimeLongLived}
	f.Fingerprint = f.Credential.Fingerprint
	run.Findings = []finding.Finding{f}
	run.Stats = report.Stats{Files: 1, Bytes: 2048}
	return run
}

var goldenRuns = []struct {
	name string
	run  func() *report.Run
}{
	{"empty", emptyRun},
	{"two-findings", twoFindingsRun},
	{"commit", commitRun},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenRuns {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tc.run()); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tc.name+".sarif")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, buf.String())
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	var first bytes.Buffer
	if err := Write(&first, twoFindingsRun()); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		run := twoFindingsRun()
		// Reverse the findings: the writer must not depend on input order.
		run.Findings[0], run.Findings[1] = run.Findings[1], run.Findings[0]
		var again bytes.Buffer
		if err := Write(&again, run); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatal("two writes of the same run differ")
		}
	}
}

func TestWriteNilRun(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("Write(nil run) succeeded, want an error")
	}
}

// sarifLog is the part of a SARIF log the structural tests look at.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string         `json:"name"`
				Version         string         `json:"version"`
				SemanticVersion string         `json:"semanticVersion"`
				Rules           []sarifRule    `json:"rules"`
				Supported       []sarifCompRef `json:"supportedTaxonomies"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region map[string]int `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			RelatedLocations []struct {
				ID int `json:"id"`
			} `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Taxa                []struct {
				ID            string       `json:"id"`
				Index         int          `json:"index"`
				ToolComponent sarifCompRef `json:"toolComponent"`
			} `json:"taxa"`
			Properties map[string]any `json:"properties"`
		} `json:"results"`
		Taxonomies []struct {
			Name string `json:"name"`
			GUID string `json:"guid"`
			Taxa []struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"taxa"`
		} `json:"taxonomies"`
		AutomationDetails struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		ColumnKind  string `json:"columnKind"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
			Properties map[string]any `json:"properties"`
		} `json:"invocations"`
	} `json:"runs"`
}

type sarifRule struct {
	ID               string `json:"id"`
	ShortDescription *struct {
		Text string `json:"text"`
	} `json:"shortDescription"`
	FullDescription *struct {
		Text string `json:"text"`
	} `json:"fullDescription"`
	Help *struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	} `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties map[string]any `json:"properties"`
}

type sarifCompRef struct {
	Name  string `json:"name"`
	Index int    `json:"index"`
	GUID  string `json:"guid"`
}

func decode(t *testing.T, run *report.Run) sarifLog {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, run); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("got %d runs, want exactly 1", len(log.Runs))
	}
	return log
}

// TestStructure checks, for every golden run, the invariants GitHub relies
// on and the schema cannot express.
func TestStructure(t *testing.T) {
	for _, tc := range goldenRuns {
		t.Run(tc.name, func(t *testing.T) {
			log := decode(t, tc.run())
			if log.Version != "2.1.0" || log.Schema == "" {
				t.Errorf("version %q, $schema %q; want 2.1.0 and a schema", log.Version, log.Schema)
			}
			run := log.Runs[0]
			rules := run.Tool.Driver.Rules
			for i, r := range rules {
				if r.ShortDescription == nil || r.ShortDescription.Text == "" {
					t.Errorf("rule %s: no shortDescription.text", r.ID)
				}
				if r.FullDescription == nil || r.FullDescription.Text == "" {
					t.Errorf("rule %s: no fullDescription.text", r.ID)
				}
				if r.Help == nil || r.Help.Text == "" || r.Help.Markdown == "" {
					t.Errorf("rule %s: no help.text or help.markdown", r.ID)
				}
				if s, ok := r.Properties["security-severity"]; ok {
					if _, isString := s.(string); !isString {
						t.Errorf("rule %s: security-severity is %T, want a string", r.ID, s)
					}
				}
				if i > 0 && rules[i-1].ID >= r.ID {
					t.Errorf("rules not sorted by id: %s before %s", rules[i-1].ID, r.ID)
				}
			}
			for i, res := range run.Results {
				if res.RuleIndex == nil || *res.RuleIndex < 0 || *res.RuleIndex >= len(rules) {
					t.Fatalf("result %d: ruleIndex %v out of range [0, %d)", i, res.RuleIndex, len(rules))
				}
				if got := rules[*res.RuleIndex].ID; got != res.RuleID {
					t.Errorf("result %d: ruleIndex points at %s, ruleId is %s", i, got, res.RuleID)
				}
				for _, ref := range res.Taxa {
					tax := run.Taxonomies[ref.ToolComponent.Index]
					if tax.Name != ref.ToolComponent.Name || tax.GUID != ref.ToolComponent.GUID {
						t.Errorf("result %d: taxonomy reference %+v resolves to %s/%s", i, ref.ToolComponent, tax.Name, tax.GUID)
					}
					if got := tax.Taxa[ref.Index].ID; got != ref.ID {
						t.Errorf("result %d: taxon index %d of %s is %s, want %s", i, ref.Index, tax.Name, got, ref.ID)
					}
				}
			}
			// Every rule must be used by some result.
			used := map[string]bool{}
			for _, res := range run.Results {
				used[res.RuleID] = true
			}
			for _, r := range rules {
				if !used[r.ID] {
					t.Errorf("rule %s is listed but no result uses it", r.ID)
				}
			}
			if run.ColumnKind != "unicodeCodePoints" {
				t.Errorf("columnKind = %q, want unicodeCodePoints", run.ColumnKind)
			}
		})
	}
}

func TestTwoFindings(t *testing.T) {
	log := decode(t, twoFindingsRun())
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "nhilint" || d.Version != "v1.2.3" || d.SemanticVersion != "1.2.3" {
		t.Errorf("driver = %s %s %s, want nhilint v1.2.3 1.2.3", d.Name, d.Version, d.SemanticVersion)
	}
	if got := run.AutomationDetails.ID; got != "nhilint/scan/" {
		t.Errorf("automationDetails.id = %q, want nhilint/scan/", got)
	}
	var ids []string
	for _, r := range d.Rules {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, ","); got != "ci-static-cloud-key,github-pat" {
		t.Errorf("rules = %s, want only the two reported, sorted", got)
	}
	pat := d.Rules[1]
	if got := pat.Properties["security-severity"]; got != "8.5" {
		t.Errorf("security-severity = %#v, want \"8.5\"", got)
	}
	if _, ok := d.Rules[0].Properties["security-severity"]; ok {
		t.Error("rule without a security severity has one in SARIF")
	}
	wantTags := []any{"security", "secret", "external/cwe/cwe-798", "owasp-nhi/NHI2", "owasp-nhi/NHI7"}
	if got := pat.Properties["tags"]; !equalJSON(got, wantTags) {
		t.Errorf("tags = %v, want %v", got, wantTags)
	}
	for _, heading := range []string{"## Why it matters", "## Revoke", "## Rotate", "## Replace with a short-lived credential", "## References"} {
		if !strings.Contains(pat.Help.Markdown, heading) {
			t.Errorf("help.markdown lacks %q:\n%s", heading, pat.Help.Markdown)
		}
	}

	res := run.Results[1] // deploy/... sorts after .github/...
	if res.RuleID != "github-pat" {
		t.Fatalf("results[1] is %s, want github-pat", res.RuleID)
	}
	al := res.Locations[0].PhysicalLocation.ArtifactLocation
	if al.URI != "deploy/prod%20settings/cl%C3%A9.env" || al.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifactLocation = %+v, want the percent-encoded relative path under %%SRCROOT%%", al)
	}
	wantRegion := map[string]int{"startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 54}
	if got := res.Locations[0].PhysicalLocation.Region; !equalJSON(got, wantRegion) {
		t.Errorf("region = %v, want %v", got, wantRegion)
	}
	wantFP := map[string]string{
		"primaryLocationLineHash": "1b9c1f3a0e7d2c44:1",
		"nhilint/v1":              finding.Fingerprint("github-pat", fakeSecret()),
	}
	if !equalJSON(res.PartialFingerprints, wantFP) {
		t.Errorf("partialFingerprints = %v, want %v", res.PartialFingerprints, wantFP)
	}
	if len(res.RelatedLocations) != 2 || res.RelatedLocations[0].ID != 1 || res.RelatedLocations[1].ID != 2 {
		t.Errorf("relatedLocations = %+v, want ids 1 and 2", res.RelatedLocations)
	}
	var taxa []string
	for _, ref := range res.Taxa {
		taxa = append(taxa, ref.ToolComponent.Name+":"+ref.ID)
	}
	if got := strings.Join(taxa, ","); got != "OWASP NHI Top 10:NHI2,OWASP NHI Top 10:NHI7,CWE:798" {
		t.Errorf("taxa = %s", got)
	}

	inv := run.Invocations[0]
	if !inv.ExecutionSuccessful {
		t.Error("executionSuccessful is false")
	}
	if len(inv.Notifications) != 1 || inv.Notifications[0].Level != "note" ||
		inv.Notifications[0].Message.Text != "skipped assets/logo 100%.png: binary (NUL byte in the first 8000 bytes)" {
		t.Errorf("notifications = %+v", inv.Notifications)
	}
	wantProps := map[string]any{"suppressed": map[string]any{"inline": 1.0}, "filesScanned": 42.0, "bytesScanned": 123456.0}
	if !equalJSON(inv.Properties, wantProps) {
		t.Errorf("invocation properties = %v, want %v", inv.Properties, wantProps)
	}
}

func TestCommitLocation(t *testing.T) {
	log := decode(t, commitRun())
	run := log.Runs[0]
	if got := run.AutomationDetails.ID; got != "nhilint/history/" {
		t.Errorf("automationDetails.id = %q, want nhilint/history/", got)
	}
	res := run.Results[0]
	if got := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "config/app.yaml" {
		t.Errorf("uri = %q, want the path, not the commit", got)
	}
	want := map[string]any{
		"commit": "9fceb02d0ae598e95dc970b74767f19372d61af8",
		"author": "Jane Doe <jane@example.com>",
		"date":   "2024-03-01T08:30:00Z",
		"credential": map[string]any{
			"type": "bot-token", "provider": "slack", "preview": "xoxb…", "lifetime": "long-lived",
		},
	}
	if !equalJSON(res.Properties, want) {
		t.Errorf("result properties = %v, want %v", res.Properties, want)
	}
}

// TestMessageIsTheFindingsOwn plants a secret in every text field of a
// finding except Message, and checks that no result message repeats it:
// the writer must not build messages out of other fields.
func TestMessageIsTheFindingsOwn(t *testing.T) {
	secret := fakeSecret()
	run := baseRun("scan")
	f := newFinding(run.Rules, "github-pat", finding.Location{Path: "a.env", StartLine: 1}, "GitHub token committed.")
	f.Title = "title " + secret
	f.Remediation = finding.Remediation{Revoke: secret, Rotate: secret, Replace: secret, References: []string{secret}}
	f.Credential = &finding.Credential{Type: secret, Provider: secret, Preview: "ghp_…"}
	f.Analyzer = secret
	f.Related = []finding.Location{{Path: "b.env", StartLine: 2, Author: secret}}
	run.Findings = []finding.Finding{f}

	var buf bytes.Buffer
	if err := Write(&buf, run); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	for _, res := range log.Runs[0].Results {
		if strings.Contains(res.Message.Text, secret) {
			t.Error("a result message contains the planted secret") // never print it
		}
		if res.Message.Text != "GitHub token committed." {
			t.Errorf("message = %q, want the finding's message verbatim", strings.ReplaceAll(res.Message.Text, secret, "[secret]"))
		}
	}
}

func TestRuleNotInCatalog(t *testing.T) {
	run := baseRun("scan")
	run.Findings = []finding.Finding{{
		RuleID: "unknown-rule", Title: "Something odd", Level: finding.LevelNote,
		Message: "odd", Location: finding.Location{Path: "x"},
	}}
	log := decode(t, run)
	rules := log.Runs[0].Tool.Driver.Rules
	if len(rules) != 1 || rules[0].ID != "unknown-rule" || rules[0].ShortDescription.Text != "Something odd" ||
		rules[0].FullDescription.Text != "Something odd" || rules[0].Help.Text == "" {
		t.Errorf("synthesized rule = %+v", rules)
	}
	if got := log.Runs[0].Results[0].Level; got != "note" {
		t.Errorf("level = %q, want note", got)
	}
}

func TestRuleLimits(t *testing.T) {
	r := &finding.Rule{ID: "r", Title: "t", Description: strings.Repeat("é", 2000), Analyzer: "secrets"}
	for i := range 30 {
		r.CWEs = append(r.CWEs, "CWE-"+string(rune('a'+i)))
	}
	d := ruleDescriptor(r)
	if got := []rune(*d.FullDescription.Text); len(got) != maxDescription || got[len(got)-1] != '…' {
		t.Errorf("fullDescription has %d characters, want %d ending in …", len(got), maxDescription)
	}
	if got := d.Properties["tags"].([]string); len(got) != maxTags {
		t.Errorf("%d tags, want at most %d", len(got), maxTags)
	}
	if _, ok := d.Properties["security-severity"]; ok {
		t.Error("security-severity 0 written; want it omitted")
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"ééé", 3, "ééé"},
		{"éééé", 3, "éé…"},
	}
	for _, tc := range tests {
		if got := truncate(tc.in, tc.limit); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
	}
}

func TestArtifactLocation(t *testing.T) {
	tests := []struct {
		path, uri, base string
	}{
		{"a/b.go", "a/b.go", "%SRCROOT%"},
		{"./a/b.go", "a/b.go", "%SRCROOT%"},
		{"dir with space/x.env", "dir%20with%20space/x.env", "%SRCROOT%"},
		{"ключ/файл.env", "%D0%BA%D0%BB%D1%8E%D1%87/%D1%84%D0%B0%D0%B9%D0%BB.env", "%SRCROOT%"},
		{"a:b/c", "a%3Ab/c", "%SRCROOT%"},
		{"100%/q?#x", "100%25/q%3F%23x", "%SRCROOT%"},
		{"node_modules/@scope/pkg+1/x", "node_modules/@scope/pkg+1/x", "%SRCROOT%"},
		{"/home/me/repo/a b.go", "file:///home/me/repo/a%20b.go", ""},
		{"C:/Users/me/a.go", "file:///C:/Users/me/a.go", ""},
	}
	for _, tc := range tests {
		al := artifactLocation(tc.path)
		base := ""
		if al.URIBaseId != nil {
			base = *al.URIBaseId
		}
		if *al.URI != tc.uri || base != tc.base {
			t.Errorf("artifactLocation(%q) = %q base %q, want %q base %q", tc.path, *al.URI, base, tc.uri, tc.base)
		}
	}
}

func TestAutomationID(t *testing.T) {
	for command, want := range map[string]string{"scan": "nhilint/scan/", "history": "nhilint/history/", "": "nhilint/"} {
		if got := automationID(command); got != want {
			t.Errorf("automationID(%q) = %q, want %q", command, got, want)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for version, want := range map[string]string{"v1.2.3": "1.2.3", "0.4.0-rc.1": "0.4.0-rc.1", "dev": "", "(devel)": "", "": ""} {
		run := baseRun("scan")
		run.Tool.Version = version
		if got := decode(t, run).Runs[0].Tool.Driver.SemanticVersion; got != want {
			t.Errorf("version %q: semanticVersion = %q, want %q", version, got, want)
		}
	}
}

// equalJSON compares two values by their JSON encodings.
func equalJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// FuzzEscapePath checks that any path, as chosen by whoever named the files
// of a scanned repository, becomes a URI path that decodes back to it.
func FuzzEscapePath(f *testing.F) {
	for _, p := range []string{"a/b.go", "dir with space/x", "ключ/файл", "100%/q?#x", "a:b", "\xff\x00\n", ""} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, path string) {
		esc := escapePath(path)
		for i := 0; i < len(esc); i++ {
			if c := esc[i]; c != '%' && !keepInPath(c) {
				t.Fatalf("escapePath(%q) = %q keeps %q", path, esc, c)
			}
		}
		back, err := url.PathUnescape(esc)
		if err != nil || back != path {
			t.Fatalf("escapePath(%q) = %q, which decodes to %q, %v", path, esc, back, err)
		}
		u, err := url.Parse(esc)
		if err != nil {
			t.Fatalf("escapePath(%q) = %q does not parse as a URI reference: %v", path, esc, err)
		}
		if u.Scheme != "" || u.Host != "" {
			t.Fatalf("escapePath(%q) = %q is not a path: scheme %q, host %q", path, esc, u.Scheme, u.Host)
		}
	})
}

// FuzzWrite feeds arbitrary text through the fields that come from scanned
// content and checks that the log is still JSON with a valid ruleIndex and
// the message intact.
func FuzzWrite(f *testing.F) {
	f.Add("a/b.env", "token committed", "skip me", 3, 5)
	f.Add("", "", "", 0, 0)
	f.Add("\xff/\u202e.env", "<b>&amp;</b> \x00", "dir/\n", -1, 1<<30)
	f.Fuzz(func(t *testing.T, path, message, skipped string, line, column int) {
		run := baseRun("scan")
		fd := newFinding(run.Rules, "github-pat", finding.Location{
			Path: path, StartLine: line, StartColumn: column, EndLine: line, EndColumn: column + 1,
		}, message)
		fd.Related = []finding.Location{{Path: path, StartLine: line}}
		run.Findings = []finding.Finding{fd}
		run.Skips = []source.Skip{{Path: skipped, Reason: source.ReasonUnreadable, Detail: message}}
		var buf bytes.Buffer
		if err := Write(&buf, run); err != nil {
			t.Fatal(err)
		}
		var log sarifLog
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatalf("output is not JSON: %v", err)
		}
		res := log.Runs[0].Results[0]
		if res.RuleIndex == nil || *res.RuleIndex != 0 || log.Runs[0].Tool.Driver.Rules[0].ID != "github-pat" {
			t.Fatalf("ruleIndex %v does not point at github-pat", res.RuleIndex)
		}
		// JSON replaces each invalid UTF-8 byte with U+FFFD; nothing else may change.
		var want string
		if b, err := json.Marshal(message); err != nil || json.Unmarshal(b, &want) != nil {
			t.Fatal("cannot round-trip the message through JSON")
		}
		if message != "" && want != res.Message.Text {
			t.Fatalf("message %q came out as %q", message, res.Message.Text)
		}
		if region := res.Locations[0].PhysicalLocation.Region; (line > 0) != (region != nil) {
			t.Fatalf("line %d gave region %v", line, region)
		}
	})
}
