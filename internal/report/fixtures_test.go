package report

import (
	"strings"

	"github.com/nhilint/nhilint/internal/finding"
	"github.com/nhilint/nhilint/internal/source"
)

// Fake secrets are built at test time so that the repository, which scans
// itself, never contains one. Only their previews and fingerprints reach
// the reports.
var (
	fakeGitHubPAT = "ghp_" + strings.Repeat("A1b2", 9)
	fakeAWSKeyID  = "AKIA" + strings.Repeat("Z", 16)
	fakeSlackBot  = "xoxb-" + strings.Repeat("1", 12) + "-" + strings.Repeat("x", 24)
)

var testTool = Tool{Name: "nhilint", Version: "0.1.0", URI: "https://github.com/nhilint/nhilint"}

// emptyRun is a scan that found nothing and left every slice nil, to check
// that nil slices still encode as [].
func emptyRun() *Run {
	return &Run{Tool: testTool, Command: "scan", FailOn: finding.LevelError}
}

// fullRun has 3 findings across 2 files (two with a credential, one without),
// 1 finding suppressed by the baseline and 2 skips.
func fullRun() *Run {
	const config = "internal/app/config.go"
	const workflow = ".github/workflows/deploy.yml"
	return &Run{
		Tool:    testTool,
		Command: "scan",
		Roots:   []string{"."},
		Findings: []finding.Finding{
			{
				RuleID:     "ci-long-lived-cloud-key",
				Title:      "Long-lived cloud key in CI",
				Level:      finding.LevelWarning,
				Categories: []finding.Category{finding.NHI7},
				CWEs:       []string{"CWE-262"},
				Message:    `Job "deploy" passes AWS_SECRET_ACCESS_KEY to aws-actions/configure-aws-credentials; use role-to-assume & OIDC`,
				Location: finding.Location{
					Path: workflow, StartLine: 18, StartColumn: 9, EndLine: 18, EndColumn: 60,
					LineHash: "5b0c62e8c6ad3b1f:1",
				},
				Fingerprint: finding.KeyFingerprint("ci-long-lived-cloud-key", workflow, "deploy"),
				Remediation: finding.Remediation{
					Rotate:     "Rotate the access key in IAM after switching.",
					Replace:    "Grant the job id-token: write and use role-to-assume with a role that trusts token.actions.githubusercontent.com. Then delete the repository secrets.",
					References: []string{"https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services"},
				},
				Analyzer: "ci",
			},
			{
				RuleID:     "github-pat",
				Title:      "GitHub personal access token",
				Level:      finding.LevelError,
				Categories: []finding.Category{finding.NHI2, finding.NHI7},
				CWEs:       []string{"CWE-798"},
				Message:    "GitHub personal access token",
				Location: finding.Location{
					Path: config, StartLine: 12, StartColumn: 7, EndLine: 12, EndColumn: 47,
					LineHash: "9e0d1f2a3b4c5d6e:1",
				},
				Credential: &finding.Credential{
					Type:        "personal access token",
					Provider:    "GitHub",
					Preview:     finding.Preview(fakeGitHubPAT),
					Fingerprint: finding.Fingerprint("github-pat", fakeGitHubPAT),
					Lifetime:    finding.LifetimeLongLived,
				},
				Fingerprint: finding.Fingerprint("github-pat", fakeGitHubPAT),
				Remediation: finding.Remediation{
					Revoke: "Delete the token at https://github.com/settings/tokens (e.g. with the Delete button). " +
						"If it belongs to a machine user, sign in as that user.\nOrganization owners can also revoke it.",
					Rotate:  "Create a fine-grained token with only the repositories and permissions the job needs.",
					Replace: "Use a GitHub App installation token or GITHUB_TOKEN.",
				},
				Analyzer: "secrets",
			},
			{
				RuleID:     "aws-access-key-id",
				Title:      "AWS access key ID",
				Level:      finding.LevelError,
				Categories: []finding.Category{finding.NHI2, finding.NHI7},
				CWEs:       []string{"CWE-798"},
				Message:    "AWS access key ID with its secret access key nearby",
				Location: finding.Location{
					Path: config, StartLine: 104, StartColumn: 15, EndLine: 104, EndColumn: 35,
					LineHash: "0a1b2c3d4e5f6071:1",
				},
				Credential: &finding.Credential{
					Type:        "access key",
					Provider:    "AWS",
					Preview:     finding.Preview(fakeAWSKeyID),
					Fingerprint: finding.Fingerprint("aws-access-key-id", fakeAWSKeyID),
					Lifetime:    finding.LifetimeLongLived,
				},
				Fingerprint: finding.Fingerprint("aws-access-key-id", fakeAWSKeyID),
				Remediation: finding.Remediation{
					Revoke: "Deactivate, then delete the key: aws iam update-access-key --status Inactive --access-key-id <id>.",
					Rotate: "Create a new key for the same IAM user and roll it out before deleting the old one.",
				},
				Analyzer: "secrets",
			},
		},
		Suppressed: []finding.Finding{{
			RuleID:     "slack-bot-token",
			Title:      "Slack bot token",
			Level:      finding.LevelError,
			Categories: []finding.Category{finding.NHI2},
			CWEs:       []string{"CWE-798"},
			Message:    "Slack bot token",
			Location:   finding.Location{Path: "testdata/fixtures.env", StartLine: 3, StartColumn: 11, EndLine: 3, EndColumn: 53},
			Credential: &finding.Credential{
				Type:        "bot token",
				Provider:    "Slack",
				Preview:     finding.Preview(fakeSlackBot),
				Fingerprint: finding.Fingerprint("slack-bot-token", fakeSlackBot),
				Lifetime:    finding.LifetimeLongLived,
			},
			Fingerprint: finding.Fingerprint("slack-bot-token", fakeSlackBot),
			Remediation: finding.Remediation{
				Revoke: "Revoke the token with auth.revoke or reinstall the app.",
				Rotate: "Reinstall the Slack app to issue a new bot token.",
			},
			Analyzer: "secrets",
			Suppression: &finding.Suppression{
				Kind:          finding.SuppressedBaseline,
				Justification: "revoked on 2025-01-10, kept as a test fixture",
				Source:        ".nhilint-baseline.json",
			},
		}},
		Skips: []source.Skip{
			{Path: "assets/logo.png", Reason: source.ReasonBinary},
			{Path: "db/dump.sql", Reason: source.ReasonTooLarge, Detail: "52428800 bytes, limit 10485760"},
		},
		Stats:  Stats{Files: 120, Bytes: 1_234_567},
		FailOn: finding.LevelError,
	}
}

// hostileRun carries control characters and bidi overrides in every string
// that can come from scanned content.
func hostileRun() *Run {
	return &Run{
		Tool:    testTool,
		Command: "scan",
		Roots:   []string{"repo\x1b]0;pwned\a"},
		Findings: []finding.Finding{{
			RuleID:     "generic\x1b[2Jsecret",
			Title:      "Title\u202etxt.exe",
			Level:      finding.LevelWarning,
			Categories: []finding.Category{finding.NHI2},
			CWEs:       []string{"CWE-798"},
			Message:    "found in \x1b[31mred\x1b[0m\r\nclean: 0 findings\u2066",
			Location: finding.Location{
				Path: "dir/evil\x1b[31m\nname\u202e.go", StartLine: 1, StartColumn: 1,
				Commit: "\x9b2J" + strings.Repeat("c", 40),
			},
			Credential: &finding.Credential{
				Type: "key", Preview: "ab\u0085…", Fingerprint: "f", Lifetime: finding.LifetimeUnknown,
			},
			Fingerprint: "f",
			Remediation: finding.Remediation{Revoke: "Revoke\x07 it\u2028now"},
			Analyzer:    "secrets",
		}},
		Suppressed: []finding.Finding{{
			RuleID: "r", Title: "t", Level: finding.LevelNote, Message: "m",
			Location:    finding.Location{Path: "s\tp\x00ath"},
			Fingerprint: "g",
			Suppression: &finding.Suppression{Kind: "inline", Justification: "ok\x1b[8m", Source: "a\nb:1"},
		}},
		Skips: []source.Skip{{Path: "bin\x1b[5m\xff", Reason: source.ReasonUnreadable, Detail: "open: \x1b[41mpermission denied\u202d"}},
		Stats: Stats{Files: 1, Bytes: 10},
	}
}
