package scopes

import (
	"cmp"
	"strings"
)

// googleScopePrefix is the common prefix of Google OAuth scopes; the tables
// and Satisfies accept the short form ("drive.readonly") after it.
const googleScopePrefix = "https://www.googleapis.com/auth/"

// googleBareScopes are OpenID Connect scopes spelled without a URL.
var googleBareScopes = map[string]bool{"openid": true, "email": true, "profile": true}

// GoogleScopeURL returns the full URL of a Google OAuth scope given in its
// short form ("drive.readonly"); full URLs and the OpenID Connect scopes
// ("openid", "email", "profile") are returned unchanged.
func GoogleScopeURL(short string) string {
	s := strings.TrimSpace(short)
	if s == "" || strings.Contains(s, "://") || googleBareScopes[s] {
		return s
	}
	return googleScopePrefix + s
}

type googleTables struct {
	methods map[string]Requirement // discovery method id -> scopes
	calls   map[string]string      // "drive/v3\x00FilesListCall" -> method id
}

var google = lazy[*googleTables]{load: loadGoogle}

func loadGoogle() *googleTables {
	t := &googleTables{methods: map[string]Requirement{}, calls: map[string]string{}}
	for _, row := range readTable("google_methods.tsv.gz") {
		t.methods[row[0]] = parseRequirement(row[1], GoogleScopeURL)
	}
	for _, row := range readTable("google_calls.tsv.gz") {
		t.calls[row[0]+"\x00"+row[1]] = row[2]
	}
	return t
}

func googleSatisfies(declared, clause []string) bool {
	for _, d := range declared {
		d = GoogleScopeURL(d)
		for _, c := range clause {
			if d != "" && d == GoogleScopeURL(c) {
				return true
			}
		}
	}
	return false
}

// googleBroadScopes gives the reason for scopes that grant far more than
// most programs use, by short name.
var googleBroadScopes = map[string]string{
	"cloud-platform":           "grants every Google Cloud API the principal's IAM roles allow",
	"drive":                    "full access to every file in the user's Drive; drive.file covers files the app opens or creates",
	"https://mail.google.com/": "full access to Gmail, including permanent deletion",
	"calendar":                 "full access to every calendar of the user",
	"devstorage.full_control":  "full control of Cloud Storage, including ACLs",
	"admin.directory.user":     "can create, change and delete every user of the Workspace domain",
	"spreadsheets":             "every spreadsheet in the user's Drive; drive.file covers the files the app opens or creates",
	"documents":                "every document in the user's Drive; drive.file covers the files the app opens or creates",
	"presentations":            "every presentation in the user's Drive; drive.file covers the files the app opens or creates",
	"youtube":                  "manages the user's YouTube account",
}

func googleBroad(scope string) (string, bool) {
	full := GoogleScopeURL(scope)
	reason, ok := googleBroadScopes[strings.TrimPrefix(full, googleScopePrefix)]
	return reason, ok
}

// googleRank puts read-only scopes first and broad ones last.
func googleRank(scope string) int {
	switch s := GoogleScopeURL(scope); {
	case strings.Contains(s, "readonly") || strings.Contains(s, "read-only") || strings.HasSuffix(s, ".read"):
		return 0
	default:
		if _, broad := googleBroad(s); broad {
			return 2
		}
		return 1
	}
}

// compareGoogle orders by rank, then prefers the shorter, more general
// name of equal rank ("drive.readonly" over "drive.photos.readonly").
func compareGoogle(a, b string) int {
	return cmp.Or(cmp.Compare(googleRank(a), googleRank(b)), cmp.Compare(len(a), len(b)), strings.Compare(a, b))
}
