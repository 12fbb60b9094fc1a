package sweep

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// ListOptions say where the repositories to sweep come from: exactly one
// of GitHubOrg, GitHubUser, GitLabGroup, ReposFile and Dir.
type ListOptions struct {
	GitHubOrg, GitHubUser string
	// GitLabGroup is a group's full path ("a/b") or id; subgroups are included.
	GitLabGroup string
	// ReposFile has one clone URL or local repository path a line.
	ReposFile string
	// Dir is a folder whose subfolders are existing clones.
	Dir string
	// APIURL replaces the forge's public API (GitHub Enterprise Server,
	// self-managed GitLab, a test server). With ReposFile, its host is the
	// one that receives the token.
	APIURL string
	// Tokens come from the environment, never from flags.
	GitHubToken, GitLabToken Token
	HTTPClient               *http.Client
	Backoff                  *Backoff
	UserAgent                string
}

// List returns the repositories of the configured source, and the
// credentials to clone them with: each token bound to the hosts of its
// forge only.
func List(ctx context.Context, opts ListOptions) ([]Repo, []HostAuth, error) {
	n := 0
	for _, s := range []string{opts.GitHubOrg, opts.GitHubUser, opts.GitLabGroup, opts.ReposFile, opts.Dir} {
		if s != "" {
			n++
		}
	}
	if n != 1 {
		return nil, nil, errors.New("give exactly one source: --github-org, --github-user, --gitlab-group, --repos or --dir")
	}
	client := &apiClient{http: opts.HTTPClient, backoff: opts.Backoff, userAgent: opts.UserAgent}
	if client.http == nil {
		client.http = &http.Client{Timeout: 2 * time.Minute}
	}
	if client.backoff == nil {
		client.backoff = DefaultBackoff()
	}
	if client.userAgent == "" {
		client.userAgent = "nhilint-sweep"
	}
	client.tokens = []Token{opts.GitHubToken, opts.GitLabToken}

	switch {
	case opts.GitHubOrg != "" || opts.GitHubUser != "":
		api := cmpOr(opts.APIURL, DefaultGitHubAPI)
		host, err := apiHost(api)
		if err != nil {
			return nil, nil, err
		}
		auths := []HostAuth{{Host: host, User: "x-access-token", Token: opts.GitHubToken}}
		if api == DefaultGitHubAPI {
			auths[0].Host = "github.com" // clones come from github.com, the API is api.github.com
		}
		client.authorize = githubAuthorizer(opts.GitHubToken)
		owner, isUser := opts.GitHubOrg, false
		if owner == "" {
			owner, isUser = opts.GitHubUser, true
		}
		repos, err := listGitHub(ctx, client, api, owner, isUser)
		return repos, auths, err
	case opts.GitLabGroup != "":
		api := cmpOr(opts.APIURL, DefaultGitLabAPI)
		host, err := apiHost(api)
		if err != nil {
			return nil, nil, err
		}
		client.authorize = gitlabAuthorizer(opts.GitLabToken)
		repos, err := listGitLab(ctx, client, api, opts.GitLabGroup)
		return repos, []HostAuth{{Host: host, User: "oauth2", Token: opts.GitLabToken}}, err
	}

	auths := []HostAuth{
		{Host: "github.com", User: "x-access-token", Token: opts.GitHubToken},
		{Host: "gitlab.com", User: "oauth2", Token: opts.GitLabToken},
	}
	if opts.APIURL != "" {
		host, err := apiHost(opts.APIURL)
		if err != nil {
			return nil, nil, err
		}
		a := HostAuth{Host: host, User: "x-access-token", Token: opts.GitHubToken}
		if opts.GitHubToken.IsZero() {
			a = HostAuth{Host: host, User: "oauth2", Token: opts.GitLabToken}
		}
		auths = append([]HostAuth{a}, auths...)
	}
	if opts.Dir != "" {
		repos, err := ListDir(opts.Dir)
		return repos, auths, err
	}
	f, err := os.Open(opts.ReposFile)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	repos, err := ReadRepoList(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", opts.ReposFile, err)
	}
	return repos, auths, nil
}

func apiHost(api string) (string, error) {
	u, err := url.Parse(api)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("--api-url %q: want an http(s) URL", redactQuery(api))
	}
	if u.User != nil {
		return "", errors.New("--api-url must not carry credentials: put the token in the environment")
	}
	return u.Host, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// maxListLine bounds a line of a repository list.
const maxListLine = 64 << 10

// ReadRepoList reads one repository a line: an http(s) clone URL or a local
// path. Blank lines and lines starting with "#" are ignored. A URL with a
// password in it is refused (tokens belong in the environment), and the
// error does not repeat the line.
func ReadRepoList(r io.Reader) ([]Repo, error) {
	var repos []Repo
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxListLine)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		repo, err := parseRepoLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		repos = append(repos, repo)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return repos, nil
}

func parseRepoLine(line string) (Repo, error) {
	if strings.Contains(line, "\x00") {
		return Repo{}, errors.New("NUL byte in repository")
	}
	if !strings.Contains(line, "://") {
		if strings.HasPrefix(line, "git@") || strings.Contains(line, "@") && strings.Contains(line, ":") {
			return Repo{}, errors.New("SSH clone URLs are not supported: use the https URL")
		}
		p := filepath.Clean(line)
		return Repo{Name: filepath.ToSlash(p), Path: p}, nil
	}
	u, err := url.Parse(line)
	if err != nil {
		return Repo{}, errors.New("not a valid URL")
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return Repo{}, fmt.Errorf("unsupported URL scheme %q: use an https clone URL", u.Scheme)
	}
	if _, hasPassword := u.User.Password(); hasPassword {
		return Repo{}, errors.New("the URL carries a password: remove it and set GITHUB_TOKEN or GITLAB_TOKEN instead")
	}
	if u.User != nil {
		return Repo{}, errors.New("the URL carries a user name: remove it")
	}
	name := strings.TrimSuffix(strings.Trim(path.Clean("/"+u.Path), "/"), ".git")
	if u.Host == "" || name == "" || name == "." {
		return Repo{}, errors.New("the URL names no repository")
	}
	u.RawQuery, u.Fragment = "", ""
	return Repo{Name: strings.ToLower(u.Host) + "/" + name, CloneURL: u.String()}, nil
}

// ListDir returns the git repositories directly inside dir: work trees
// (with a .git) and bare repositories. Other entries are ignored.
func ListDir(dir string) ([]Repo, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var repos []Repo
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if isGitDir(filepath.Join(p, ".git")) || isGitDir(p) || isFile(filepath.Join(p, ".git")) {
			repos = append(repos, Repo{Name: e.Name(), Path: p})
		}
	}
	return repos, nil
}

func isGitDir(p string) bool {
	return isFile(filepath.Join(p, "HEAD")) && isDir(filepath.Join(p, "objects"))
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
