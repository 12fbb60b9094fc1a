package rules

import "testing"

func TestLifetimeOfUsesTheLongestPrefix(t *testing.T) {
	kb, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	slack, ok := kb.Credential("slack-config-token")
	if !ok {
		t.Fatal("no slack-config-token entry")
	}
	for secret, want := range map[string]Lifetime{
		"xoxe.xoxp-1-ABC": LifetimeShortLived,
		"xoxe-1-ABC":      LifetimeLongLived,
		"xoxb-1-ABC":      "",
	} {
		if got := slack.LifetimeOf(secret); got != want {
			t.Errorf("LifetimeOf(%q) = %q, want %q", secret, got, want)
		}
	}
	aws, _ := kb.Credential("aws-access-key")
	if aws.LifetimeOf("ASIA0000") != LifetimeShortLived || aws.LifetimeOf("AKIA0000") != LifetimeLongLived {
		t.Error("AWS key id prefixes do not decide the lifetime")
	}
}
