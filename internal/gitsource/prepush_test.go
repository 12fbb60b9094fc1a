package gitsource

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParsePrePushInput(t *testing.T) {
	a, b, zero := strings.Repeat("a", 40), strings.Repeat("b", 40), strings.Repeat("0", 40)
	in := "refs/heads/main " + a + " refs/heads/main " + b + "\n" +
		"\n" +
		"refs/heads/new " + a + " refs/heads/new " + zero + "\r\n" +
		"(delete) " + zero + " refs/heads/old " + b
	got, err := ParsePrePushInput(strings.NewReader(in))
	must(t, err)
	want := []RefUpdate{
		{"refs/heads/main", a, "refs/heads/main", b},
		{"refs/heads/new", a, "refs/heads/new", zero},
		{"(delete)", zero, "refs/heads/old", b},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if got[0].Creates() || got[0].Deletes() || !got[1].Creates() || !got[2].Deletes() {
		t.Errorf("Creates/Deletes wrong: %+v", got)
	}
	if got, err := ParsePrePushInput(strings.NewReader("")); err != nil || got != nil {
		t.Errorf("empty input: %v, %v", got, err)
	}

	for _, bad := range []string{
		"refs/heads/main " + a + " refs/heads/main",                 // 3 fields
		"refs/heads/main " + a + " refs/heads/main " + b + " extra", // 5 fields
		"refs/heads/main  " + a + " refs/heads/main " + b,           // empty field
		"refs/heads/main " + a[:39] + " refs/heads/main " + b,       // short id
		"refs/heads/main " + strings.ToUpper(a) + " refs/heads/main " + b,
		"refs/heads/main g" + a[1:] + " refs/heads/main " + b,
		" " + a + " refs/heads/main " + b,
	} {
		if _, err := ParsePrePushInput(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
	_, err = ParsePrePushInput(strings.NewReader("refs/heads/main " + a + " refs/heads/main " + b + "\nbroken line\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error should name line 2: %v", err)
	}
}

func FuzzParsePrePushInput(f *testing.F) {
	a, zero := strings.Repeat("a", 40), strings.Repeat("0", 40)
	f.Add("refs/heads/main " + a + " refs/heads/main " + zero + "\n")
	f.Add("(delete) " + zero + " refs/heads/x " + a)
	f.Add("a b c d\n\n\r\n")
	f.Add(strings.Repeat("x", 70000))
	f.Fuzz(func(t *testing.T, in string) {
		updates, err := ParsePrePushInput(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, u := range updates {
			if !isObjectID(u.LocalSHA) || !isObjectID(u.RemoteSHA) || u.LocalRef == "" || u.RemoteRef == "" {
				t.Fatalf("accepted invalid update %+v", u)
			}
			if strings.ContainsAny(u.LocalRef+u.RemoteRef, " \n") {
				t.Fatalf("reference with a separator: %+v", u)
			}
		}
	})
}

// TestPush: only commits the remote lacks are scanned.
func TestPush(t *testing.T) {
	origin := newRepo(t)
	origin.write("base.txt", "base\n")
	origin.commit("base")
	origin.write("base.txt", "base\nshared\n")
	origin.commit("shared")
	dir := filepath.Join(t.TempDir(), "clone")
	runGit(t, origin.dir, 0, "clone", "-q", origin.dir, dir)
	g := &gitRepo{t: t, dir: dir, tick: 10}
	remote := g.git("rev-parse", "origin/main")
	g.write("base.txt", "base\nshared\nlocal1\n")
	g.commit("local1")
	g.write("new.txt", "local2\n")
	local := g.commit("local2")
	g.git("checkout", "-q", "-b", "topic")
	g.write("topic.txt", "topic\n")
	topic := g.commit("topic")
	zero := strings.Repeat("0", 40)
	names := subjects(t, dir)

	var b strings.Builder
	for _, tc := range []struct {
		name  string
		input string
	}{
		{"update main", fmt.Sprintf("refs/heads/main %s refs/heads/main %s\n", local, remote)},
		{"new branch", fmt.Sprintf("refs/heads/topic %s refs/heads/topic %s\n", topic, zero)},
		{"remote object unknown here", fmt.Sprintf("refs/heads/main %s refs/heads/main %s\n", local, strings.Repeat("1", 40))},
		{"both", fmt.Sprintf("refs/heads/main %s refs/heads/main %s\nrefs/heads/topic %s refs/heads/topic %s\n", local, remote, topic, zero)},
		{"delete", fmt.Sprintf("(delete) %s refs/heads/gone %s\n", zero, remote)},
		{"up to date", fmt.Sprintf("refs/heads/main %s refs/heads/main %s\n", remote, remote)},
	} {
		updates, err := ParsePrePushInput(strings.NewReader(tc.input))
		must(t, err)
		s, err := Push(dir, updates, Options{})
		must(t, err)
		b.WriteString("== " + tc.name + "\n" + render(t, s, names))
	}
	checkGolden(t, "push", b.String())

	if _, err := Push(dir, []RefUpdate{{"refs/heads/x", strings.Repeat("2", 40), "refs/heads/x", zero}}, Options{}); err == nil {
		t.Error("a local object that does not exist: want an error")
	}
}
