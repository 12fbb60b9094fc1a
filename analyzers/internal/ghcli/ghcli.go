// Package ghcli reads `gh api` command lines: which HTTP method and which
// path a call requests. The workflow analyzer (which permissions a job's
// GITHUB_TOKEN needs) and the usage extractor (which routes a script calls)
// both need it, each normalising the path its own way.
package ghcli

import "strings"

// API returns the method and the raw path argument of the arguments that
// follow `gh api`. -X/--method sets the method; otherwise it is GET, or
// POST when fields or an input body are sent, as gh does. path is "" when
// the arguments name none.
func API(args []string) (method, path string) {
	hasFields := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-X" || a == "--method":
			if i+1 < len(args) {
				method = strings.ToUpper(args[i+1])
				i++
			}
		case strings.HasPrefix(a, "--method="):
			method = strings.ToUpper(strings.TrimPrefix(a, "--method="))
		case strings.HasPrefix(a, "-X") && len(a) > 2:
			method = strings.ToUpper(a[2:])
		case a == "-f" || a == "-F" || a == "--field" || a == "--raw-field" || a == "--input":
			hasFields = true
			i++
		case valueFlags[a]:
			i++
		case strings.HasPrefix(a, "-"):
		case path == "":
			path = a
		}
	}
	if method == "" {
		method = "GET"
		if hasFields {
			method = "POST"
		}
	}
	return method, path
}

// valueFlags are the other gh api flags that take a value.
var valueFlags = map[string]bool{
	"-H": true, "--header": true, "-q": true, "--jq": true, "-t": true, "--template": true,
	"--hostname": true, "--cache": true, "-p": true, "--preview": true,
}
