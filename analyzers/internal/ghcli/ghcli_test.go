package ghcli

import "testing"

func TestAPI(t *testing.T) {
	for _, tc := range []struct {
		args         []string
		method, path string
	}{
		{[]string{"repos/o/r/pulls"}, "GET", "repos/o/r/pulls"},
		{[]string{"-X", "delete", "/repos/o/r/git/refs/heads/x"}, "DELETE", "/repos/o/r/git/refs/heads/x"},
		{[]string{"--method=PATCH", "repos/{owner}/{repo}"}, "PATCH", "repos/{owner}/{repo}"},
		{[]string{"-XPUT", "x"}, "PUT", "x"},
		{[]string{"repos/o/r/issues", "-f", "title=t"}, "POST", "repos/o/r/issues"},
		{[]string{"-H", "Accept: x", "--jq", ".[]", "user"}, "GET", "user"},
		{[]string{"--paginate", "orgs/o/repos"}, "GET", "orgs/o/repos"},
		{nil, "GET", ""},
	} {
		m, p := API(tc.args)
		if m != tc.method || p != tc.path {
			t.Errorf("API(%q) = %s %q, want %s %q", tc.args, m, p, tc.method, tc.path)
		}
	}
}
