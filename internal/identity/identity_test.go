package identity

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nhilint/nhilint/internal/config"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func decl(name string, mod func(*config.Identity)) config.Identity {
	id := config.Identity{
		Name: name, Owner: "team@example.com", Provider: "generic",
		Expires: now.Add(30 * 24 * time.Hour), Pos: config.Pos{Line: 1, Column: 3},
		KeyPos: map[string]config.Pos{},
	}
	if mod != nil {
		mod(&id)
	}
	return id
}

func ref(name string, kind usage.RefKind, path string, line int, workload string) usage.Fact {
	return usage.Fact{Kind: usage.Ref, Ref: name, RefKind: kind, Path: path, Line: line, Column: 1, Workload: workload}
}

func opFact(provider, service, name, path string, line int, workload string) usage.Fact {
	return usage.Fact{Kind: usage.Operation, Op: scopes.Operation{Provider: provider, Service: service, Name: name},
		Path: path, Line: line, Column: 1, Workload: workload}
}

// problems renders a report's problems one a line: kind identity @place.
func problems(rep Report) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		at := fmt.Sprintf("decl:%d", p.Decl.Line)
		if p.At != nil {
			at = fmt.Sprintf("%s:%d", p.At.Path, p.At.Line)
		}
		fmt.Fprintf(&b, "%s %s @%s\n", p.Kind, p.Identity, at)
	}
	return b.String()
}

func TestLifecycle(t *testing.T) {
	refs := []usage.Fact{ref("A_TOKEN", usage.RefEnv, "a.py", 3, "python:a.py")}
	for _, tc := range []struct {
		name string
		mod  func(*config.Identity)
		max  time.Duration
		want string
	}{
		{"ok", nil, 0, ""},
		{"no owner", func(i *config.Identity) { i.Owner = "" }, 0, "no-owner a @decl:1\n"},
		{"never expires", func(i *config.Identity) { i.Expires = time.Time{} }, 0, "no-expiry a @decl:1\n"},
		{"rotation instead of expiry", func(i *config.Identity) { i.Expires = time.Time{}; i.RotateEvery = 30 * 24 * time.Hour }, 0, ""},
		{"expiry beyond default policy", func(i *config.Identity) {
			i.Expires = now.Add(200 * 24 * time.Hour)
			i.KeyPos["expires"] = config.Pos{Line: 7}
		}, 0, "no-expiry a @decl:7\n"},
		{"expiry within a longer policy", func(i *config.Identity) { i.Expires = now.Add(200 * 24 * time.Hour) }, 365 * 24 * time.Hour, ""},
		{"rotation beyond policy", func(i *config.Identity) {
			i.Expires = time.Time{}
			i.RotateEvery = 60 * 24 * time.Hour
			i.KeyPos["rotate-every"] = config.Pos{Line: 9}
		}, 30 * 24 * time.Hour, "no-expiry a @decl:9\n"},
		{"expired and referenced", func(i *config.Identity) { i.Expires = now.Add(-24 * time.Hour) }, 0, "expired a @a.py:3\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := decl("a", func(i *config.Identity) {
				i.Refs = []config.Ref{{Name: "A_TOKEN"}}
				if tc.mod != nil {
					tc.mod(i)
				}
			})
			rep := Compare(Input{Identities: []config.Identity{id}, Facts: refs, Now: now, MaxLifetime: tc.max})
			if got := problems(rep); got != tc.want {
				t.Errorf("got\n%swant\n%s", got, tc.want)
			}
		})
	}
}

func TestUnreferencedAndRefKinds(t *testing.T) {
	facts := []usage.Fact{
		ref("SHARED", usage.RefSecret, ".github/workflows/ci.yml", 10, "workflow:.github/workflows/ci.yml#build"),
		ref("SHARED", usage.RefEnv, "run.sh", 2, "shell:run.sh"),
		ref("creds/prod.json", usage.RefFile, "app.py", 4, "python:app.py"),
	}
	ids := []config.Identity{
		decl("any", func(i *config.Identity) { i.Refs = []config.Ref{{Name: "SHARED"}} }),
		decl("secret-only", func(i *config.Identity) { i.Refs = []config.Ref{{Kind: config.RefSecret, Name: "SHARED"}} }),
		decl("env-only", func(i *config.Identity) { i.Refs = []config.Ref{{Kind: config.RefEnv, Name: "SHARED"}} }),
		decl("file", func(i *config.Identity) { i.Refs = []config.Ref{{Kind: config.RefFile, Name: "creds/*.json"}} }),
		decl("nothing", func(i *config.Identity) { i.Refs = []config.Ref{{Name: "UNUSED_TOKEN"}} }),
	}
	rep := Compare(Input{Identities: ids, Facts: facts, Now: now})
	wantRefs := map[string]int{"any": 2, "secret-only": 1, "env-only": 1, "file": 1, "nothing": 0}
	for _, e := range rep.Entries {
		if got := len(e.Refs); got != wantRefs[e.Identity.Name] {
			t.Errorf("%s: %d refs, want %d", e.Identity.Name, got, wantRefs[e.Identity.Name])
		}
	}
	want := "shared any @decl:1\nunreferenced nothing @decl:1\n"
	if got := problems(rep); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestSharingAndEnvironments(t *testing.T) {
	facts := []usage.Fact{
		ref("DEPLOY", usage.RefSecret, "w.yml", 10, "workflow:w.yml#staging"),
		ref("DEPLOY", usage.RefSecret, "w.yml", 20, "workflow:w.yml#prod"),
	}
	envs := map[string]string{"w.yml#staging": "staging", "w.yml#prod": "production"}
	allowWorkflow := decl("d", func(i *config.Identity) {
		i.Refs = []config.Ref{{Name: "DEPLOY"}}
		i.Workloads = []string{"w.yml"}
	})
	rep := Compare(Input{Identities: []config.Identity{allowWorkflow}, Facts: facts, Environments: envs, Now: now})
	if got, want := problems(rep), "cross-environment d @decl:1\n"; got != want {
		t.Errorf("workflow allowed: got\n%swant\n%s", got, want)
	}
	onlyStaging := decl("d", func(i *config.Identity) {
		i.Refs = []config.Ref{{Name: "DEPLOY"}}
		i.Workloads = []string{"w.yml#staging"}
		i.Environments = []string{"staging"}
	})
	rep = Compare(Input{Identities: []config.Identity{onlyStaging}, Facts: facts, Environments: envs, Now: now})
	if got, want := problems(rep), "cross-environment d @decl:1\nshared d @w.yml:20\n"; got != want {
		t.Errorf("one job allowed: got\n%swant\n%s", got, want)
	}
}

func TestRunsAndImplicitAttribution(t *testing.T) {
	facts := []usage.Fact{
		ref("UPLOAD_KEY", usage.RefSecret, "w.yml", 12, "workflow:w.yml#upload"),
		opFact("aws", "s3", "PutObject", "scripts/up.py", 5, "python:scripts/up.py"),
		opFact("aws", "s3", "GetObject", "cmd/sync/main.go", 9, "go:example.com/cmd/sync"),
		opFact("slack", "", "chat.postMessage", "bot.py", 3, "python:bot.py"),
	}
	explicit := decl("upload", func(i *config.Identity) { i.Provider = "aws"; i.Refs = []config.Ref{{Name: "UPLOAD_KEY"}} })
	chain := decl("chain", func(i *config.Identity) { i.Provider = "aws"; i.Refs = []config.Ref{{Name: "AWS_ACCESS_KEY_ID"}} })
	rep := Compare(Input{
		Identities: []config.Identity{explicit, chain},
		Facts:      facts,
		Runs:       map[string][]string{"w.yml#upload": {"scripts/up.py"}},
		Now:        now,
	})
	got := map[string][]string{}
	for _, e := range rep.Entries {
		for _, o := range e.Ops {
			got[e.Identity.Name] = append(got[e.Identity.Name], o.Fact.Op.Name+"@"+WorkloadKey(o.Fact))
		}
	}
	if fmt.Sprint(got["upload"]) != "[PutObject@scripts/up.py]" {
		t.Errorf("upload ops = %v", got["upload"])
	}
	if fmt.Sprint(got["chain"]) != "[GetObject@cmd/sync]" {
		t.Errorf("chain ops = %v (the default chain covers only workloads holding no other aws identity)", got["chain"])
	}
	if len(rep.Unattributed) != 1 || rep.Unattributed[0].Op.Name != "chat.postMessage" {
		t.Errorf("unattributed = %+v", rep.Unattributed)
	}
}

func TestUnowned(t *testing.T) {
	facts := []usage.Fact{
		ref("STRIPE_SECRET_KEY", usage.RefEnv, "a.py", 1, "python:a.py"),
		ref("APP_REGION", usage.RefEnv, "a.py", 2, "python:a.py"),
		ref("GITHUB_TOKEN", usage.RefSecret, "w.yml", 3, "workflow:w.yml#j"),
		ref("SENTRY_DSN", usage.RefEnv, "a.py", 4, "python:a.py"),
		ref("NEXT_PUBLIC_API_KEY", usage.RefEnv, "a.js", 5, "javascript:a.js"),
		ref("OWNED_TOKEN", usage.RefEnv, "a.py", 6, "python:a.py"),
		{Kind: usage.Ref, Ref: "BUCKET", RefKind: usage.RefEnv, Provider: "aws", Path: "b.py", Line: 1},
	}
	owned := decl("owned", func(i *config.Identity) { i.Refs = []config.Ref{{Name: "OWNED_TOKEN"}} })
	rep := Compare(Input{Identities: []config.Identity{owned}, Facts: facts, Now: now})
	var names []string
	for _, f := range rep.Unowned {
		names = append(names, f.Ref)
	}
	if got, want := strings.Join(names, " "), "STRIPE_SECRET_KEY SENTRY_DSN BUCKET"; got != want {
		t.Errorf("unowned = %s, want %s", got, want)
	}
	if n := strings.Count(problems(rep), "unowned-credential"); n != 3 {
		t.Errorf("%d unowned problems, want 3", n)
	}
	// Without declarations the references are listed, not reported.
	rep = Compare(Input{Facts: facts, Now: now})
	if len(rep.Unowned) != 4 || len(rep.Problems) != 0 {
		t.Errorf("no declarations: %d unowned, %d problems; want 4 and 0", len(rep.Unowned), len(rep.Problems))
	}
}

func TestCredentialName(t *testing.T) {
	for name, want := range map[string]bool{
		"DEPLOY_TOKEN": true, "STRIPE_API_KEY": true, "DB_PASSWORD": true, "SENTRY_DSN": true,
		"GOOGLE_APPLICATION_CREDENTIALS": true, "SLACK_WEBHOOK": true, "APP_REGION": false, "KEYBOARD_LAYOUT": false,
		"PUBLIC_KEY": false, "NEXT_PUBLIC_SUPABASE_KEY": false, "HOME": false, "tokenizer_path": false,
	} {
		if got := CredentialName(name, ""); got != want {
			t.Errorf("CredentialName(%q) = %v, want %v", name, got, want)
		}
	}
}
