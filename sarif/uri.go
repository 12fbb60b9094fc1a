package sarif

import (
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"
)

// artifactLocation says where a file is. Relative paths, the usual case, are
// relative to %SRCROOT%, which GitHub resolves to the checkout. An absolute
// path (the user scanned /abs/dir) becomes a file URI, which upload-sarif
// makes relative to the checkout when it lies inside it.
func artifactLocation(path string) *gosarif.ArtifactLocation {
	switch {
	case strings.HasPrefix(path, "/"):
		return &gosarif.ArtifactLocation{URI: ptr("file://" + escapePath(path))}
	case hasDriveLetter(path):
		// C:/x is file:///C:/x; the drive's colon stays as it is.
		return &gosarif.ArtifactLocation{URI: ptr("file:///" + path[:2] + escapePath(path[2:]))}
	}
	path = strings.TrimPrefix(path, "./")
	return &gosarif.ArtifactLocation{URI: ptr(escapePath(path)), URIBaseId: ptr(srcRoot)}
}

func hasDriveLetter(path string) bool {
	return len(path) >= 3 && path[1] == ':' && path[2] == '/' &&
		('a' <= path[0] && path[0] <= 'z' || 'A' <= path[0] && path[0] <= 'Z')
}

// escapePath percent-encodes a slash path for a URI: every byte other than
// an RFC 3986 unreserved character, a sub-delimiter, "@" or "/" becomes %XX,
// so spaces, "%", "?", "#" and non-ASCII names round-trip through GitHub's
// decodeURIComponent. ":" is encoded too, because in the first segment of a
// relative reference it would read as a scheme.
func escapePath(path string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		// "//x" would read as a host: escape the second slash so the
		// reference stays a path.
		if keepInPath(c) && !(i == 1 && c == '/' && path[0] == '/') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xF])
	}
	return b.String()
}

func keepInPath(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=@/", c) >= 0
}
