package suppress

import (
	"regexp"
	"strings"
	"testing"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

// fakeAWSKeyID builds an access key id of the right shape at test time.
func fakeAWSKeyID(word string) string {
	return "AKIA" + strings.ToUpper(word) + strings.Repeat("7", 16-len(word))
}

func TestAllowlistAllows(t *testing.T) {
	secret := fakeAWSKeyID("example")
	line := `aws_access_key_id = "` + secret + `"`
	ev := analyzers.NewEvidence(secret, `aws_access_key_id = "`+secret+`"`, line)
	fp := finding.Fingerprint("aws-access-key", secret)
	awsFinding := func(p string) *finding.Finding {
		return &finding.Finding{RuleID: "aws-access-key", Analyzer: "secrets", Fingerprint: fp, Location: finding.Location{Path: p, StartLine: 3}}
	}
	ciFinding := &finding.Finding{
		RuleID: "ci-secret-in-env", Analyzer: "ci", Fingerprint: finding.KeyFingerprint("ci-secret-in-env", ".github/workflows/ci.yml", "build"),
		Location: finding.Location{Path: ".github/workflows/ci.yml", StartLine: 12},
	}
	tests := []struct {
		name string
		a    Allowlist
		fd   *finding.Finding
		ev   analyzers.Evidence
		want bool
	}{
		{"path glob", Allowlist{Paths: []string{"testdata/**"}}, awsFinding("testdata/keys/a.env"), ev, true},
		{"path glob elsewhere", Allowlist{Paths: []string{"testdata/**"}}, awsFinding("src/testdata/a.env"), ev, false},
		{"base-name pattern matches at any depth", Allowlist{Paths: []string{"*.example"}}, awsFinding("deploy/k8s/.env.example"), ev, true},
		{"base-name pattern does not match a directory", Allowlist{Paths: []string{"fixtures"}}, awsFinding("fixtures/a.env"), ev, false},
		{"doublestar directory anywhere", Allowlist{Paths: []string{"**/fixtures/**"}}, awsFinding("a/b/fixtures/c/d.env"), ev, true},
		{"leading ./ in pattern", Allowlist{Paths: []string{"./docs/*.md"}}, awsFinding("docs/setup.md"), ev, true},
		{"brace alternatives", Allowlist{Paths: []string{"docs/*.{md,rst}"}}, awsFinding("docs/setup.rst"), ev, true},
		{"malformed glob matches nothing", Allowlist{Paths: []string{"docs/[a"}}, awsFinding("docs/[a"), ev, false},
		{"regex on secret (default target)", Allowlist{Regexes: []*regexp.Regexp{regexp.MustCompile(`EXAMPLE`)}}, awsFinding("a.env"), ev, true},
		{"regex on secret misses the line", Allowlist{Regexes: []*regexp.Regexp{regexp.MustCompile(`aws_access_key_id`)}}, awsFinding("a.env"), ev, false},
		{"regex on match", Allowlist{RegexTarget: RegexTargetMatch, Regexes: []*regexp.Regexp{regexp.MustCompile(`^aws_access_key_id =`)}}, awsFinding("a.env"), ev, true},
		{"regex on line", Allowlist{RegexTarget: RegexTargetLine, Regexes: []*regexp.Regexp{regexp.MustCompile(`_id = "AKIA`)}}, awsFinding("a.env"), ev, true},
		{"stopword ignores case", Allowlist{Stopwords: []string{"Example"}}, awsFinding("a.env"), ev, true},
		{"stopword absent", Allowlist{Stopwords: []string{"sample", "dummy"}}, awsFinding("a.env"), ev, false},
		{"stopword only looks at the secret", Allowlist{Stopwords: []string{"aws_access"}}, awsFinding("a.env"), ev, false},
		{"fingerprint", Allowlist{Fingerprints: []string{"0000", fp}}, awsFinding("a.env"), ev, true},
		{"other fingerprint", Allowlist{Fingerprints: []string{finding.Fingerprint("aws-access-key", "other")}}, awsFinding("a.env"), ev, false},
		{"rules scope includes the rule", Allowlist{Rules: []string{"slack-token", "aws-access-key"}, Paths: []string{"*.env"}}, awsFinding("a.env"), ev, true},
		{"rules scope excludes the rule", Allowlist{Rules: []string{"slack-token"}, Paths: []string{"*.env"}}, awsFinding("a.env"), ev, false},
		{"or: one criterion is enough", Allowlist{Paths: []string{"nowhere/**"}, Stopwords: []string{"example"}}, awsFinding("a.env"), ev, true},
		{"and: all criteria match", Allowlist{And: true, Paths: []string{"*.env"}, Stopwords: []string{"example"}}, awsFinding("a.env"), ev, true},
		{"and: one criterion fails", Allowlist{And: true, Paths: []string{"nowhere/**"}, Stopwords: []string{"example"}}, awsFinding("a.env"), ev, false},
		{"no criteria allows nothing", Allowlist{Rules: []string{"aws-access-key"}}, awsFinding("a.env"), ev, false},
		{"no criteria allows nothing under and", Allowlist{And: true}, awsFinding("a.env"), ev, false},

		// Findings without evidence: only rules, paths and fingerprints can match.
		{"no evidence: path", Allowlist{Paths: []string{".github/**"}}, ciFinding, analyzers.Evidence{}, true},
		{"no evidence: fingerprint", Allowlist{Fingerprints: []string{ciFinding.Fingerprint}}, ciFinding, analyzers.Evidence{}, true},
		{"no evidence: regex never matches", Allowlist{Regexes: []*regexp.Regexp{regexp.MustCompile(`.*`)}}, ciFinding, analyzers.Evidence{}, false},
		{"no evidence: empty regex target line", Allowlist{RegexTarget: RegexTargetLine, Regexes: []*regexp.Regexp{regexp.MustCompile(``)}}, ciFinding, analyzers.Evidence{}, false},
		{"no evidence: stopword never matches", Allowlist{Stopwords: []string{"a"}}, ciFinding, analyzers.Evidence{}, false},
		{"no evidence: and with regex fails", Allowlist{And: true, Paths: []string{".github/**"}, Regexes: []*regexp.Regexp{regexp.MustCompile(`.*`)}}, ciFinding, analyzers.Evidence{}, false},
		{"no evidence: or with regex and path", Allowlist{Paths: []string{".github/**"}, Regexes: []*regexp.Regexp{regexp.MustCompile(`.*`)}}, ciFinding, analyzers.Evidence{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Allows(tt.fd, tt.fd.Location.Path, tt.ev); got != tt.want {
				t.Errorf("Allows = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAllowlistsMatch(t *testing.T) {
	secret := fakeAWSKeyID("test")
	ev := analyzers.NewEvidence(secret, secret, "key="+secret)
	fd := &finding.Finding{RuleID: "aws-access-key", Location: finding.Location{Path: "test/a.env", StartLine: 1}}
	as := Allowlists{
		{Description: "vendored code", Paths: []string{"vendor/**"}, Source: ".nhilint.yaml:4"},
		{Description: "test keys", Stopwords: []string{"test"}, Source: ".nhilint.yaml:9"},
		{Description: "test dirs", Paths: []string{"test/**"}, Source: ".nhilint.yaml:14"},
	}
	assertSuppression(t, as.Match(fd, fd.Location.Path, ev), &finding.Suppression{Kind: finding.SuppressedAllowlist, Justification: "test keys", Source: ".nhilint.yaml:9"})

	other := &finding.Finding{RuleID: "aws-access-key", Location: finding.Location{Path: "src/a.env", StartLine: 1}}
	assertSuppression(t, as.Match(other, other.Location.Path, analyzers.NewEvidence(fakeAWSKeyID("prod"), "m", "l")), nil)
	assertSuppression(t, Allowlists(nil).Match(fd, fd.Location.Path, ev), nil)
}

func TestAllowlistValidate(t *testing.T) {
	tests := []struct {
		a    Allowlist
		want string // "" = valid
	}{
		{Allowlist{Paths: []string{"a/**"}}, ""},
		{Allowlist{Stopwords: []string{"x"}, RegexTarget: RegexTargetLine}, ""},
		{Allowlist{Rules: []string{"r"}, Source: ".nhilint.yaml:3"}, "allowlist at .nhilint.yaml:3: no criterion: give at least one of paths, regexes, stopwords or fingerprints"},
		{Allowlist{Paths: []string{"a/[b"}}, `allowlist: path "a/[b" is not a valid glob`},
		{Allowlist{Regexes: []*regexp.Regexp{nil}}, "allowlist: regex 1 is nil"},
		{Allowlist{Fingerprints: []string{"f"}, RegexTarget: "commit"}, `allowlist: regex target "commit" is not one of secret, match or line`},
		{Allowlist{Stopwords: []string{""}}, "allowlist: empty stopword"},
	}
	for _, tt := range tests {
		err := tt.a.Validate()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Validate(%+v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

func TestContainsFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   bool
	}{
		{"AKIAEXAMPLE", "example", true},
		{"akiaexample", "EXAMPLE", true},
		{"AKIAEXAMPL", "example", false},
		{"", "a", false},
		{"abc", "", true},
		{"ÄRGER", "ärger", true},
	}
	for _, tt := range tests {
		if got := containsFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", tt.s, tt.sub, got, tt.want)
		}
	}
}

func TestAllowlistAllocations(t *testing.T) {
	secret := fakeAWSKeyID("prod")
	ev := analyzers.NewEvidence(secret, "k = "+secret, "k = "+secret)
	fd := &finding.Finding{RuleID: "aws-access-key", Fingerprint: "ab", Location: finding.Location{Path: "src/app/settings.py", StartLine: 1}}
	as := Allowlists{{
		Rules:        []string{"aws-access-key"},
		Paths:        []string{"**/testdata/**", "*.example", "docs/*.{md,rst}"},
		Regexes:      []*regexp.Regexp{regexp.MustCompile(`EXAMPLE$`)},
		RegexTarget:  RegexTargetLine,
		Stopwords:    []string{"Sample", "dummy"},
		Fingerprints: []string{"cd"},
	}}
	if allocs := testing.AllocsPerRun(100, func() { as.Match(fd, fd.Location.Path, ev) }); allocs != 0 {
		t.Errorf("Allowlists.Match allocates %v times for an unsuppressed finding, want 0", allocs)
	}
}
