package sweep

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Repo is one repository to sweep: a clone URL, or a local path that is
// scanned in place.
type Repo struct {
	// Name identifies the repository in the state file, the outputs and the
	// shard assignment: "owner/name" for a forge, the host and path for a
	// URL of a --repos file, the path for a local repository.
	Name string `json:"name"`
	// CloneURL is the HTTPS URL to clone; empty for a local repository.
	CloneURL string `json:"cloneUrl,omitempty"`
	// Path is a local repository (a work tree or a bare repository).
	Path string `json:"path,omitempty"`
	// Metadata from a forge, used by the filters.
	Archived bool     `json:"archived,omitempty"`
	Fork     bool     `json:"fork,omitempty"`
	Topics   []string `json:"topics,omitempty"`
	// SizeKB is the forge's estimate of the repository size, 0 when unknown.
	SizeKB int64 `json:"sizeKB,omitempty"`
}

// Local reports whether the repository is scanned in place.
func (r Repo) Local() bool { return r.CloneURL == "" }

// fileStem is the base name of the repository's output files: readable,
// safe on every file system, and unique (a hash of the name disambiguates
// "a/b_c" from "a_b/c").
func (r Repo) fileStem() string {
	var b strings.Builder
	for _, c := range r.Name {
		switch {
		case c == '/':
			b.WriteString("__")
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.', c == '_':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
		if b.Len() > 100 {
			break
		}
	}
	sum := sha256.Sum256([]byte(r.Name))
	return strings.TrimLeft(b.String(), ".") + "-" + hex.EncodeToString(sum[:4])
}

// Filter selects repositories by name and metadata.
type Filter struct {
	// Include and Exclude are doublestar globs matched against Name; a
	// pattern without "/" matches the last element of the name. A
	// repository is swept when it matches some Include (or there is none)
	// and no Exclude.
	Include, Exclude []string
	SkipArchived     bool
	SkipForks        bool
	// Topics keeps repositories with at least one of these topics.
	Topics []string
}

// Validate checks the globs.
func (f Filter) Validate() error {
	for _, p := range append(slices.Clone(f.Include), f.Exclude...) {
		if !doublestar.ValidatePattern(p) {
			return fmt.Errorf("invalid repository glob %q", p)
		}
	}
	return nil
}

// Apply returns the repositories f keeps, sorted by name, without
// duplicate names.
func (f Filter) Apply(repos []Repo) []Repo {
	var out []Repo
	for _, r := range repos {
		if f.keeps(r) {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Repo) int { return cmp.Compare(a.Name, b.Name) })
	return slices.CompactFunc(out, func(a, b Repo) bool { return a.Name == b.Name })
}

func (f Filter) keeps(r Repo) bool {
	if f.SkipArchived && r.Archived || f.SkipForks && r.Fork {
		return false
	}
	if len(f.Topics) > 0 && !slices.ContainsFunc(r.Topics, func(t string) bool {
		return slices.ContainsFunc(f.Topics, func(want string) bool { return strings.EqualFold(t, want) })
	}) {
		return false
	}
	if len(f.Include) > 0 && !slices.ContainsFunc(f.Include, func(p string) bool { return nameMatch(p, r.Name) }) {
		return false
	}
	return !slices.ContainsFunc(f.Exclude, func(p string) bool { return nameMatch(p, r.Name) })
}

func nameMatch(pattern, name string) bool {
	if !strings.Contains(pattern, "/") {
		name = name[strings.LastIndexByte(name, '/')+1:]
	}
	ok, _ := doublestar.Match(pattern, name)
	return ok
}

// HostAuth is the token sent to one host, for its API and its clones.
// Tokens are bound to hosts so that a clone URL pointing elsewhere (a
// --repos line, a forge's answer) never receives them.
type HostAuth struct {
	Host string
	// User is the HTTP basic-auth user name git hosting expects with a
	// token: "x-access-token" for GitHub, "oauth2" for GitLab.
	User  string
	Token Token
}

// authFor returns the credentials for rawURL's host, if any.
func authFor(auths []HostAuth, rawURL string) (HostAuth, bool) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return HostAuth{}, false
	}
	for _, a := range auths {
		if strings.EqualFold(a.Host, u.Host) && !a.Token.IsZero() {
			return a, true
		}
	}
	return HostAuth{}, false
}

func tokensOf(auths []HostAuth) []Token {
	out := make([]Token, 0, len(auths))
	for _, a := range auths {
		out = append(out, a.Token)
	}
	return out
}
