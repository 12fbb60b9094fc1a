package gofact

import "testing"

func TestVersionless(t *testing.T) {
	for in, want := range map[string]string{
		"github.com/google/go-github/v90/github": "github.com/google/go-github/github",
		"github.com/stripe/stripe-go/v82/client": "github.com/stripe/stripe-go/client",
		"github.com/openai/openai-go/v3/option":  "github.com/openai/openai-go/option",
		"github.com/slack-go/slack":              "github.com/slack-go/slack",
		"example.com/v0/pkg":                     "example.com/v0/pkg", // v0 is no major-version suffix
		"example.com/vx/v2":                      "example.com/vx",
		"v2":                                     "v2", // the first element is a host, never a version
	} {
		if got := Versionless(in); got != want {
			t.Errorf("Versionless(%q) = %q, want %q", in, got, want)
		}
	}
}
