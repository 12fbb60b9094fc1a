package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestShardSelectPartitions(t *testing.T) {
	var repos []Repo
	for i := range 23 {
		repos = append(repos, Repo{Name: fmt.Sprintf("org/r%02d", (i*7)%23)})
	}
	for _, n := range []int{1, 2, 3, 4, 7, 23, 30} {
		seen := map[string]int{}
		minSize, maxSize := len(repos), 0
		for i := range n {
			share := Shard{Index: i, Count: n}.Select(repos)
			minSize, maxSize = min(minSize, len(share)), max(maxSize, len(share))
			for _, r := range share {
				seen[r.Name]++
			}
		}
		if len(seen) != len(repos) {
			t.Errorf("N=%d: union has %d repositories, want %d", n, len(seen), len(repos))
		}
		for name, c := range seen {
			if c != 1 {
				t.Errorf("N=%d: %s in %d shards", n, name, c)
			}
		}
		if maxSize-minSize > 1 {
			t.Errorf("N=%d: shard sizes from %d to %d", n, minSize, maxSize)
		}
	}
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"0/1": {0, 1}, "3/4": {3, 4}, " 1 / 2 ": {1, 2}} {
		if got, err := ParseShard(in); err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1", "4/4", "-1/2", "a/b", "0/0", "1/2/3"} {
		if _, err := ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q) succeeded", in)
		}
	}
}

func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"0/1", "3/4", "x", "9/2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ParseShard(s)
		if err == nil && (sh.Index < 0 || sh.Index >= sh.Count) {
			t.Fatalf("ParseShard(%q) = %v", s, sh)
		}
	})
}

func TestNextLink(t *testing.T) {
	for header, want := range map[string]string{
		`<https://api.github.com/orgs/a/repos?page=2>; rel="next", <https://api.github.com/orgs/a/repos?page=9>; rel="last"`: "https://api.github.com/orgs/a/repos?page=2",
		`<https://x/p?page=1>; rel="prev", <https://x/p?page=3>; rel="next"`:                                                 "https://x/p?page=3",
		`<https://x/p?page=3>; rel="last"`:      "",
		`<https://x/p?page=3>; rel="prev next"`: "https://x/p?page=3",
		``:                                      "",
		`garbage`:                               "",
	} {
		if got := nextLink(header); got != want {
			t.Errorf("nextLink(%q) = %q, want %q", header, got, want)
		}
	}
}

func FuzzNextLink(f *testing.F) {
	f.Add(`<https://x/p?page=2>; rel="next"`)
	f.Add(`<a>;rel=next,<b>;rel=last`)
	f.Fuzz(func(t *testing.T, h string) {
		if l := nextLink(h); l != "" && !strings.Contains(h, l) {
			t.Fatalf("nextLink(%q) = %q, not from the header", h, l)
		}
	})
}

func TestRetryDelay(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	b := &Backoff{Base: time.Second, Max: time.Minute, Retries: 3, Now: func() time.Time { return now }, Jitter: func(time.Duration) time.Duration { return 0 }}
	resp := func(status int, h ...string) *http.Response {
		r := &http.Response{StatusCode: status, Header: http.Header{}}
		for i := 0; i < len(h); i += 2 {
			r.Header.Set(h[i], h[i+1])
		}
		return r
	}
	for _, tc := range []struct {
		resp    *http.Response
		attempt int
		want    time.Duration
		retry   bool
	}{
		{resp(403, "Retry-After", "30"), 0, 30 * time.Second, true},
		{resp(429, "Retry-After", "3600"), 0, time.Minute, true}, // capped
		{resp(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", fmt.Sprint(now.Unix()+9)), 0, 10 * time.Second, true},
		{resp(403), 0, 0, false}, // a plain permission error
		{resp(404), 0, 0, false},
		{resp(502), 2, 4 * time.Second, true},
		{resp(500), 10, time.Minute, true},
	} {
		d, _, retry := b.retryDelay(tc.resp, tc.attempt)
		if d != tc.want || retry != tc.retry {
			t.Errorf("%d %v attempt %d: %v, %v; want %v, %v", tc.resp.StatusCode, tc.resp.Header, tc.attempt, d, retry, tc.want, tc.retry)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "Wed, 21 Oct 2015 07:28:00 GMT", "-1", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := parseRetryAfter(s, time.Unix(0, 0)); ok && (d < 0 || d > 24*time.Hour) {
			t.Fatalf("parseRetryAfter(%q) = %v", s, d)
		}
	})
}

func TestStateToleratesTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	good := `{"repo":"a/x","status":"scanned","commit":"c1","findings":1}` + "\n" + `{"repo":"a/y","status":"failed","findings":0,"error":"boom"}` + "\n"
	if err := os.WriteFile(path, []byte(good+`{"repo":"a/z","sta`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenState(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Scanned("a/x"); !ok || s.Len() != 1 {
		t.Errorf("scanned = %d, want only a/x (failed ones are retried)", s.Len())
	}
	if err := s.Append(Record{Repo: "a/z", Status: StatusScanned, Commit: "c3"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	want := good + `{"repo":"a/z","status":"scanned","commit":"c3","findings":0}` + "\n"
	if got := readFile(t, path); got != want {
		t.Errorf("state file:\n%s\nwant:\n%s", got, want)
	}
	if err := os.WriteFile(path, []byte("not json\n"+good), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenState(path); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a corrupt first line: err = %v, want one naming line 1", err)
	}
}

func FuzzParseState(f *testing.F) {
	f.Add([]byte(`{"repo":"a","status":"scanned"}` + "\n" + `{"re`))
	f.Add([]byte("\n\n{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, good, err := parseState(data)
		if err != nil {
			return
		}
		if good > len(data) || (good > 0 && data[good-1] != '\n') {
			t.Fatalf("good prefix %d of %d bytes does not end a line", good, len(data))
		}
		for _, r := range recs {
			if r.Repo == "" {
				t.Fatal("a record without a repository")
			}
		}
	})
}

func TestReadRepoList(t *testing.T) {
	in := "# comment\n\nhttps://github.com/Acme/API.git\nhttp://127.0.0.1:8080/git/a/b.git?x=1\n./local/repo\n"
	repos, err := ReadRepoList(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Repo{
		{Name: "github.com/Acme/API", CloneURL: "https://github.com/Acme/API.git"},
		{Name: "127.0.0.1:8080/git/a/b", CloneURL: "http://127.0.0.1:8080/git/a/b.git"},
		{Name: "local/repo", Path: "local/repo"},
	}
	if !slices.EqualFunc(repos, want, func(a, b Repo) bool { return a.Name == b.Name && a.CloneURL == b.CloneURL && a.Path == b.Path }) {
		t.Errorf("repos = %+v, want %+v", repos, want)
	}
	secretURL := "https://user:" + testToken + "@github.com/a/b.git"
	for _, bad := range []string{secretURL, "git@github.com:a/b.git", "ssh://github.com/a/b", "https://github.com/"} {
		_, err := ReadRepoList(strings.NewReader(bad + "\n"))
		if err == nil {
			t.Errorf("%q accepted", strings.ReplaceAll(bad, testToken, "TOKEN"))
		} else if strings.Contains(err.Error(), testToken) {
			t.Error("the error repeats the token")
		}
	}
}

func FuzzReadRepoList(f *testing.F) {
	f.Add("https://github.com/a/b.git\n# c\n./x\n")
	f.Add("https://u:p@h/x\n")
	f.Fuzz(func(t *testing.T, in string) {
		repos, err := ReadRepoList(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, r := range repos {
			if r.Name == "" || (r.CloneURL == "") == (r.Path == "") {
				t.Fatalf("bad repo %+v", r)
			}
			if strings.Contains(r.CloneURL, "@") && strings.Contains(r.CloneURL, ":") && strings.Contains(r.CloneURL[:strings.Index(r.CloneURL, "@")], ":") && strings.Count(r.CloneURL[:strings.Index(r.CloneURL, "@")], ":") > 1 {
				t.Fatalf("credentials kept in %q", r.CloneURL)
			}
		}
	})
}

func TestFilter(t *testing.T) {
	repos := []Repo{
		{Name: "acme/api", Topics: []string{"Backend"}},
		{Name: "acme/web"},
		{Name: "acme/old-api", Archived: true},
		{Name: "acme/fork", Fork: true},
		{Name: "other/api"},
	}
	for _, tc := range []struct {
		f    Filter
		want []string
	}{
		{Filter{}, []string{"acme/api", "acme/fork", "acme/old-api", "acme/web", "other/api"}},
		{Filter{Include: []string{"*api"}}, []string{"acme/api", "acme/old-api", "other/api"}},
		{Filter{Include: []string{"acme/*"}, Exclude: []string{"web"}, SkipArchived: true, SkipForks: true}, []string{"acme/api"}},
		{Filter{Topics: []string{"backend"}}, []string{"acme/api"}},
	} {
		if got := names(tc.f.Apply(repos)); !slices.Equal(got, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.f, got, tc.want)
		}
	}
	if err := (Filter{Include: []string{"[a"}}).Validate(); err == nil {
		t.Error("an invalid glob was accepted")
	}
}

func TestTokenNeverPrints(t *testing.T) {
	tok := NewToken(testToken)
	j, _ := json.Marshal(struct{ T Token }{tok})
	for _, s := range []string{fmt.Sprint(tok), fmt.Sprintf("%s %v %+v %#v %q %x", tok, tok, tok, tok, tok, tok), string(j), fmt.Sprint(HostAuth{Token: tok}), fmt.Sprintf("%#v", HostAuth{Token: tok})} {
		if strings.Contains(s, testToken) {
			t.Errorf("token printed: %s", strings.ReplaceAll(s, testToken, "TOKEN"))
		}
	}
	err := scrubError(errors.New("GET https://x:"+testToken+"@h/p failed: "+testToken), tok)
	if got, want := err.Error(), "GET https://[redacted]@h/p failed: [redacted]"; got != want {
		t.Errorf("scrubbed = %q, want %q", strings.ReplaceAll(got, testToken, "TOKEN"), want)
	}
}

func TestAuthBoundToHost(t *testing.T) {
	auths := []HostAuth{{Host: "github.com", User: "x-access-token", Token: NewToken(testToken)}}
	if _, ok := authFor(auths, "https://github.com/a/b.git"); !ok {
		t.Error("no token for github.com")
	}
	for _, u := range []string{"https://evil.example/a.git", "https://github.com.evil.example/a.git", "https://gitlab.com/a.git"} {
		if _, ok := authFor(auths, u); ok {
			t.Errorf("token offered to %s", u)
		}
	}
}

func TestMarkdownAndCSVEscaping(t *testing.T) {
	if got, want := mdCell("a|b <img src=x> *c* \x1b[31m"), `a\|b \<img src=x\> \*c\* \\x1b\[31m`; got != want {
		t.Errorf("mdCell = %q, want %q", got, want)
	}
	if got := csvSafe("=HYPERLINK(\"x\")"); got != "'=HYPERLINK(\"x\")" {
		t.Errorf("csvSafe = %q", got)
	}
}

func TestFileStemIsUniqueAndSafe(t *testing.T) {
	a, b := Repo{Name: "a_b/c"}.fileStem(), Repo{Name: "a/b_c"}.fileStem()
	if a == b || strings.ContainsAny(a+b, "/\\") {
		t.Errorf("stems %q and %q", a, b)
	}
	if got := (Repo{Name: "../../etc/passwd"}).fileStem(); strings.Contains(got, "/") || strings.HasPrefix(got, ".") {
		t.Errorf("stem %q escapes", got)
	}
}
