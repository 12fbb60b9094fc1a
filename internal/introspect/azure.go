package introspect

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// AzureSAS reads an Azure shared access signature: a storage SAS as a query
// string or a full URL (sv, sp, st, se, ss, srt, sr, sip, spr, si and the
// user-delegation skoid/ske fields), or a Service Bus / Event Hubs token
// "SharedAccessSignature sr=…&sig=…&se=…&skn=…". A SAS bound to a stored
// access policy (si) keeps its permissions and expiry on the server, so its
// lifetime is unknown offline and the Reason says so.
func AzureSAS(s string) (*Facts, error) {
	if len(s) > MaxInputSize {
		return nil, errTooLarge
	}
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "SharedAccessSignature "); ok {
		return serviceBusSAS(rest)
	}
	s = sasFromConnectionString(s)
	q, host := queryOf(s)
	if q.Get("sig") == "" {
		return nil, errNotApplicable
	}
	if q.Get("sv") == "" {
		if q.Get("skn") != "" && q.Get("sr") != "" {
			return serviceBusSAS(s)
		}
		return nil, errNotApplicable
	}
	f := &Facts{Kind: "azure-sas"}
	f.setAttr("host", host)
	f.setAttr("sas-version", q.Get("sv"))

	kind := "service"
	switch {
	case q.Get("skoid") != "":
		kind = "user-delegation"
		f.Subject = clean(q.Get("skoid"), maxUnknownLen)
		f.Issuer = clean(q.Get("sktid"), maxUnknownLen)
	case q.Get("ss") != "" || q.Get("srt") != "":
		kind = "account"
	}
	f.setAttr("sas-kind", kind)
	f.setAttr("sas-services", expandLetters(q.Get("ss"), sasServices))
	f.setAttr("sas-resource-types", expandLetters(q.Get("srt"), sasResourceTypes))
	if r := q.Get("sr"); r != "" {
		name, ok := sasResources[r]
		if !ok {
			name = clean(r, 8)
		}
		f.setAttr("sas-resource", name)
	}
	f.setAttr("allowed-ip", q.Get("sip"))
	f.setAttr("protocol", q.Get("spr"))
	f.addScopes(sasPermissions(q.Get("sp"), q.Get("sr"))...)

	var bad []string
	readTime := func(key string) time.Time {
		v := q.Get(key)
		if v == "" {
			return time.Time{}
		}
		t, ok := parseSASTime(v)
		if !ok {
			bad = append(bad, key)
		}
		return t
	}
	f.NotBefore = readTime("st")
	f.ExpiresAt = readTime("se")
	if ske := readTime("ske"); !ske.IsZero() {
		// A user-delegation SAS dies with its delegation key.
		f.setAttr("delegation-key-expires", ske.Format(time.RFC3339))
		if f.ExpiresAt.IsZero() || ske.Before(f.ExpiresAt) {
			f.ExpiresAt = ske
		}
	}
	if len(bad) > 0 {
		f.setAttr("unreadable", strings.Join(bad, ","))
	}
	policy := q.Get("si")
	f.setAttr("stored-access-policy", clean(policy, maxUnknownLen))
	f.classify()

	what := fmt.Sprintf("Azure %s SAS", kind) + describeScopes(f.finish().Scopes)
	switch {
	case policy != "" && f.ExpiresAt.IsZero():
		f.Reason = what + " bound to a stored access policy; its expiry lives on the server and cannot be read offline."
	case policy != "":
		f.Reason = what + " " + describeExpiry(f) + "; its stored access policy may shorten it."
	default:
		f.Reason = what + " " + describeExpiry(f) + "."
	}
	return f.finish(), nil
}

// serviceBusSAS reads "sr=<uri>&sig=…&se=<epoch>&skn=<rule>".
func serviceBusSAS(s string) (*Facts, error) {
	q, _ := queryOf(s)
	if q.Get("sig") == "" || q.Get("sr") == "" {
		return nil, errNotApplicable
	}
	f := &Facts{Kind: "azure-servicebus-sas"}
	if u, err := url.Parse(q.Get("sr")); err == nil {
		f.Audience = clean(u.Host+u.Path, maxValueLen)
	}
	rule := clean(q.Get("skn"), maxUnknownLen)
	f.Role = rule
	if rule == "RootManageSharedAccessKey" {
		// The namespace's default rule; it grants everything.
		f.addScopes("manage", "send", "listen")
	}
	if se := q.Get("se"); se != "" {
		n, err := strconv.ParseInt(se, 10, 64)
		if err != nil || n < 0 || n > latestTime {
			f.setAttr("unreadable", "se")
		} else {
			f.ExpiresAt = time.Unix(n, 0).UTC()
		}
	}
	f.classify()
	what := "Azure Service Bus SAS token"
	if rule != "" {
		what += " signed with rule " + rule
	}
	f.Reason = what + " " + describeExpiry(f) + "."
	return f.finish(), nil
}

// queryOf returns the query parameters of a URL, a "?query" or a bare query
// string, and the URL's host when there is one. Malformed escapes are
// tolerated: url.ParseQuery keeps the pairs it could read.
func queryOf(s string) (url.Values, string) {
	host := ""
	if i := strings.IndexByte(s, '?'); i >= 0 {
		if u, err := url.Parse(s[:i]); err == nil {
			host = u.Host
		}
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	q, _ := url.ParseQuery(s)
	return q, host
}

// parseSASTime reads the ISO 8601 UTC forms a SAS accepts.
func parseSASTime(v string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z", time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

var (
	sasServices      = map[byte]string{'b': "blob", 'f': "file", 'q': "queue", 't': "table"}
	sasResourceTypes = map[byte]string{'s': "service", 'c': "container", 'o': "object"}
	sasResources     = map[string]string{
		"b": "blob", "c": "container", "bs": "blob-snapshot", "bv": "blob-version",
		"d": "directory", "f": "file", "s": "share",
	}
	// sasPermissionNames are the sp letters of account and service SAS.
	// "p" is the one letter whose meaning depends on the SAS: see sasPermissions.
	sasPermissionNames = map[byte]string{
		'r': "read", 'a': "add", 'c': "create", 'w': "write", 'd': "delete",
		'x': "delete-version", 'y': "permanent-delete", 'l': "list", 't': "tag",
		'f': "filter", 'm': "move", 'e': "execute", 'o': "ownership",
		'i': "set-immutability-policy", 'u': "update",
	}
)

// sasPermissions expands sp. "p" is "process" (queue messages) in account
// and queue SAS, and "permissions" (set ACLs) in a blob or Data Lake
// directory service SAS. Unknown letters are kept as "unknown:<letter>" so a
// reader sees that something was granted.
func sasPermissions(sp, resource string) []string {
	var out []string
	for i := 0; i < len(sp) && i < 64; i++ {
		c := sp[i]
		if c == 'p' {
			switch resource {
			case "b", "c", "d", "bs", "bv":
				out = append(out, "permissions")
			default:
				out = append(out, "process")
			}
			continue
		}
		if name, ok := sasPermissionNames[c]; ok {
			out = append(out, name)
		} else if c > ' ' && c < 0x7f {
			out = append(out, "unknown:"+string(c))
		}
	}
	return out
}

// expandLetters turns "bf" into "blob,file" in the order given.
func expandLetters(letters string, names map[byte]string) string {
	var out []string
	for i := 0; i < len(letters) && i < 16; i++ {
		if name, ok := names[letters[i]]; ok {
			out = append(out, name)
		} else {
			out = append(out, "unknown:"+clean(string(letters[i]), 1))
		}
	}
	return strings.Join(out, ",")
}

// sasFromConnectionString returns the SharedAccessSignature value of a
// storage connection string ("BlobEndpoint=…;SharedAccessSignature=sv=…"),
// or s unchanged when it is not one.
func sasFromConnectionString(s string) string {
	const key = "sharedaccesssignature="
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if len(part) > len(key) && strings.EqualFold(part[:len(key)], key) {
			return part[len(key):]
		}
	}
	return s
}
