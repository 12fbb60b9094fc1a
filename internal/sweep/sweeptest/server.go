// Package sweeptest serves repositories over git's smart HTTP protocol and
// answers the subset of the GitHub and GitLab REST APIs that a sweep uses,
// all on loopback, for the sweep's tests and benchmark. Clones go through
// git's own git-http-backend, so what go-git talks to is real git.
package sweeptest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Commit is one commit of a fixture repository. A nil content deletes the
// file.
type Commit struct {
	Files   map[string]*string
	Message string
	Date    time.Time
}

// Repo is a fixture repository.
type Repo struct {
	// Owner is the GitHub owner or the GitLab group path ("grp/sub").
	Owner, Name string
	// Commits are applied in order on branch main.
	Commits  []Commit
	Archived bool
	Fork     bool
	Topics   []string
	// Missing repositories are listed by the API but not served: cloning
	// them answers 404, as for a repository deleted mid-sweep.
	Missing bool
}

// FullName is "owner/name".
func (r Repo) FullName() string { return r.Owner + "/" + r.Name }

// Files is a one-commit history with the given files.
func Files(date time.Time, files map[string]string) []Commit {
	c := Commit{Files: map[string]*string{}, Message: "initial", Date: date}
	for p, v := range files {
		c.Files[p] = &v
	}
	return []Commit{c}
}

// Config configures a Server.
type Config struct {
	// Token, when set, is required: as "Bearer" (GitHub) or PRIVATE-TOKEN
	// (GitLab) on API calls, as the basic-auth password on clones.
	Token string
	// PerPage caps the page size of listings, to exercise pagination.
	PerPage int
	// SecondaryRateLimit makes the first request for page 2 of a listing
	// answer 403 with this Retry-After (in seconds), as GitHub's secondary
	// rate limit does.
	SecondaryRateLimit int
}

// Server is the loopback forge.
type Server struct {
	// URL is the server's base URL.
	URL string
	// GitHubAPI and GitLabAPI are the API roots to pass as --api-url.
	GitHubAPI, GitLabAPI string
	// Root holds the bare repositories, ROOT/OWNER/NAME.git.
	Root string

	cfg  Config
	srv  *httptest.Server
	mu   sync.Mutex
	repo []Repo
	// clones counts upload-pack requests per "owner/name".
	clones      map[string]int
	limited     bool
	rateLimited int
	// OnClone, if set, is called (without the lock) at each upload-pack request.
	OnClone func(fullName string)
}

// GitHTTPBackend returns the path of git-http-backend, or an error saying
// git is missing.
func GitHTTPBackend() (string, error) {
	out, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		return "", fmt.Errorf("git is not installed: %w", err)
	}
	p := filepath.Join(strings.TrimSpace(string(out)), "git-http-backend")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("git-http-backend not found: %w", err)
	}
	return p, nil
}

// New creates the repositories under root and starts serving them.
func New(root string, cfg Config, repos []Repo) (*Server, error) {
	backend, err := GitHTTPBackend()
	if err != nil {
		return nil, err
	}
	for _, r := range repos {
		if r.Missing {
			continue
		}
		if err := CreateBare(filepath.Join(root, r.Owner, r.Name+".git"), r.Commits); err != nil {
			return nil, fmt.Errorf("creating %s: %w", r.FullName(), err)
		}
	}
	s := &Server{Root: root, cfg: cfg, repo: repos, clones: map[string]int{}}
	git := &cgi.Handler{
		Path: backend,
		Root: "/git",
		Env:  []string{"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1"},
		// git-http-backend complains on stderr about the missing
		// repositories the tests ask for on purpose.
		Stderr: io.Discard,
	}
	mux := http.NewServeMux()
	mux.Handle("/git/", s.gitHandler(git))
	mux.HandleFunc("/github/", s.github)
	mux.HandleFunc("/gitlab/api/v4/", s.gitlab)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	s.GitHubAPI = s.URL + "/github"
	s.GitLabAPI = s.URL + "/gitlab/api/v4"
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// CloneURL is the clone URL of a repository.
func (s *Server) CloneURL(r Repo) string { return s.URL + "/git/" + r.Owner + "/" + r.Name + ".git" }

// Clones returns how many times each repository was fetched.
func (s *Server) Clones() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.clones))
	for k, v := range s.clones {
		out[k] = v
	}
	return out
}

// RateLimited returns how many requests were answered with a rate limit.
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rateLimited
}

func (s *Server) gitHandler(backend http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token != "" {
			if _, pw, ok := r.BasicAuth(); !ok || pw != s.cfg.Token {
				w.Header().Set("WWW-Authenticate", `Basic realm="sweeptest"`)
				http.Error(w, "authentication required", http.StatusUnauthorized)
				return
			}
		}
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/git-upload-pack") {
			name := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(r.URL.Path, "/git-upload-pack"), "/git/"), ".git")
			s.mu.Lock()
			s.clones[name]++
			on := s.OnClone
			s.mu.Unlock()
			if on != nil {
				on(name)
			}
		}
		backend.ServeHTTP(w, r)
	})
}

// page serves one page of items, with GitHub-style Link headers, and
// applies the secondary rate limit.
func (s *Server) page(w http.ResponseWriter, r *http.Request, items []any) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	if s.cfg.PerPage > 0 {
		per = min(per, s.cfg.PerPage)
	}
	if page == 2 && s.cfg.SecondaryRateLimit > 0 {
		s.mu.Lock()
		first := !s.limited
		s.limited = true
		if first {
			s.rateLimited++
		}
		s.mu.Unlock()
		if first {
			w.Header().Set("Retry-After", strconv.Itoa(s.cfg.SecondaryRateLimit))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`))
			return
		}
	}
	start := min((page-1)*per, len(items))
	end := min(start+per, len(items))
	if end < len(items) {
		next := *r.URL
		nq := next.Query()
		nq.Set("page", strconv.Itoa(page+1))
		nq.Set("per_page", strconv.Itoa(per))
		next.RawQuery = nq.Encode()
		w.Header().Set("Link", fmt.Sprintf(`<%s%s>; rel="next", <%s%s>; rel="first"`, s.URL, next.RequestURI(), s.URL, r.URL.Path))
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-RateLimit-Remaining", "4999")
	json.NewEncoder(w).Encode(items[start:end])
}

func (s *Server) github(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token != "" && r.Header.Get("Authorization") != "Bearer "+s.cfg.Token {
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
		return
	}
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/github/"), "/"), "/")
	if len(parts) != 3 || (parts[0] != "orgs" && parts[0] != "users") || parts[2] != "repos" {
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
		return
	}
	var items []any
	for _, repo := range s.repo {
		if repo.Owner != parts[1] {
			continue
		}
		items = append(items, map[string]any{
			"name": repo.Name, "full_name": repo.FullName(), "clone_url": s.CloneURL(repo),
			"archived": repo.Archived, "fork": repo.Fork, "topics": nonNil(repo.Topics), "size": 1,
		})
	}
	if items == nil {
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
		return
	}
	s.page(w, r, items)
}

func (s *Server) gitlab(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token != "" && r.Header.Get("PRIVATE-TOKEN") != s.cfg.Token {
		http.Error(w, `{"message":"401 Unauthorized"}`, http.StatusUnauthorized)
		return
	}
	// The group is one escaped path segment ("grp%2Fsub").
	rest := strings.TrimPrefix(r.URL.EscapedPath(), "/gitlab/api/v4/groups/")
	escaped, tail, ok := strings.Cut(rest, "/")
	group, err := url.PathUnescape(escaped)
	if !ok || tail != "projects" || err != nil {
		http.Error(w, `{"message":"404 Not Found"}`, http.StatusNotFound)
		return
	}
	subgroups := r.URL.Query().Get("include_subgroups") == "true"
	var items []any
	for _, repo := range s.repo {
		if repo.Owner != group && !(subgroups && strings.HasPrefix(repo.Owner, group+"/")) {
			continue
		}
		p := map[string]any{
			"path_with_namespace": repo.FullName(), "http_url_to_repo": s.CloneURL(repo),
			"archived": repo.Archived, "topics": nonNil(repo.Topics),
		}
		if repo.Fork {
			p["forked_from_project"] = map[string]any{"id": 1}
		}
		items = append(items, p)
	}
	s.page(w, r, items)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// CreateBare creates a bare repository at dir with the given commits on
// main, in one git fast-import run.
func CreateBare(dir string, commits []Commit) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	if out, err := exec.Command("git", "init", "-q", "--bare", "-b", "main", dir).CombinedOutput(); err != nil {
		return fmt.Errorf("git init: %v: %s", err, out)
	}
	if len(commits) == 0 {
		return nil
	}
	var in bytes.Buffer
	for i, c := range commits {
		date := c.Date
		if date.IsZero() {
			date = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		}
		msg := cmpOr(c.Message, fmt.Sprintf("commit %d", i+1))
		fmt.Fprintf(&in, "commit refs/heads/main\nauthor Fixture <fixture@example.com> %d +0000\ncommitter Fixture <fixture@example.com> %d +0000\ndata %d\n%s\n",
			date.Unix(), date.Unix(), len(msg), msg)
		paths := make([]string, 0, len(c.Files))
		for p := range c.Files {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range paths {
			if strings.ContainsAny(p, "\n\"") {
				return errors.New("fixture paths must not hold newlines or quotes")
			}
			if c.Files[p] == nil {
				fmt.Fprintf(&in, "D %s\n", p)
				continue
			}
			fmt.Fprintf(&in, "M 100644 inline %s\ndata %d\n%s\n", p, len(*c.Files[p]), *c.Files[p])
		}
	}
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet")
	cmd.Stdin = &in
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git fast-import: %v: %s", err, out)
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
