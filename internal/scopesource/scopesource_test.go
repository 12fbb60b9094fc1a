package scopesource

import (
	"fmt"
	"strings"
	"testing"
)

func render(d Declaration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s incomplete=%v\n", d.Provider, d.What, d.Incomplete)
	for _, s := range d.Scopes {
		fmt.Fprintf(&b, "  %s %s:%d:%d\n", s.Name, s.Path, s.Line, s.Column)
	}
	return b.String()
}

func TestRead(t *testing.T) {
	for _, tc := range []struct{ ref, want string }{
		{"tf#aws_iam_user.deployer", `aws aws_iam_user.deployer incomplete=true
  s3:PutObject tf/iam.tf:7:18
  s3:GetObject tf/iam.tf:7:34
  sqs:SendMessage tf/iam.tf:29:19
  * tf/iam.tf:42:16
`},
		{"tf/iam.tf#data.aws_iam_policy_document.upload", `aws data.aws_iam_policy_document.upload incomplete=true
  s3:PutObject tf/iam.tf:7:18
  s3:GetObject tf/iam.tf:7:34
`},
		{"tf/iam.tf#aws_iam_policy.queue", `aws aws_iam_policy.queue incomplete=false
  sqs:SendMessage tf/iam.tf:29:19
`},
	} {
		d, err := Read("testdata", tc.ref)
		if err != nil {
			t.Errorf("Read(%s): %v", tc.ref, err)
			continue
		}
		if got := render(d); got != tc.want {
			t.Errorf("Read(%s):\n%swant\n%s", tc.ref, got, tc.want)
		}
	}
	for _, ref := range []string{"../x", "tf#aws_iam_user.nobody", "tf/iam.tf#bogus.x", "missing.json"} {
		if _, err := Read("testdata", ref); err == nil {
			t.Errorf("Read(%s) succeeded, want an error", ref)
		}
	}
}

func TestSlackManifest(t *testing.T) {
	const manifest = `{
  "display_information": {"name": "alerts"},
  "oauth_config": {
    "scopes": {
      "bot": ["chat:write", "channels:read"],
      "user": ["search:read"],
      "bot_optional": ["files:write"]
    }
  }
}`
	d, ok, err := SlackManifest("manifest.json", []byte(manifest))
	if err != nil || !ok {
		t.Fatalf("SlackManifest: ok %v, err %v", ok, err)
	}
	want := `slack Slack app manifest manifest.json incomplete=false
  chat:write manifest.json:5:15
  channels:read manifest.json:5:29
  search:read manifest.json:6:16
`
	if got := render(d); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	if _, ok, _ := SlackManifest("package.json", []byte(`{"name": "x"}`)); ok {
		t.Errorf("package.json taken for a Slack manifest")
	}
}

func TestIAMPolicy(t *testing.T) {
	const policy = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
    {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"},
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
  ]
}`
	d, err := IAMPolicy("policy.json", []byte(policy))
	if err != nil {
		t.Fatal(err)
	}
	want := `aws IAM policy policy.json incomplete=true
  s3:GetObject policy.json:4:36
  s3:ListBucket policy.json:4:52
  sqs:SendMessage policy.json:5:35
  * policy.json:6:38
`
	if got := render(d); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

func TestTerraformHeredoc(t *testing.T) {
	d, err := Read("testdata", "tf/iam.tf")
	if err != nil {
		t.Fatal(err)
	}
	last := d.Scopes[len(d.Scopes)-1]
	if got := fmt.Sprintf("%s %d", last.Name, last.Line); got != "dynamodb:GetItem 50" {
		t.Errorf("heredoc policy action = %s, want dynamodb:GetItem on line 50", got)
	}
}

func FuzzTerraform(f *testing.F) {
	f.Add(`data "aws_iam_policy_document" "a" { statement { actions = ["s3:*"] } }`, "")
	f.Add(`resource "aws_iam_policy" "p" { policy = jsonencode({Statement = {Action = "x:Y"}}) }`, "aws_iam_policy.p")
	f.Add("resource \"aws_iam_user_policy\" \"p\" { user = \"u\"\npolicy = <<EOF\n{\"Statement\": [{\"Action\": \"a:B\"}]}\nEOF\n}\n", "aws_iam_user.u")
	f.Fuzz(func(t *testing.T, src, selector string) {
		d, err := Terraform(map[string][]byte{"main.tf": []byte(src)}, selector)
		if err != nil {
			return
		}
		for _, s := range d.Scopes {
			if s.Line < 1 {
				t.Errorf("scope %q at line %d", s.Name, s.Line)
			}
		}
	})
}

func FuzzDocuments(f *testing.F) {
	f.Add(`{"oauth_config": {"scopes": {"bot": ["chat:write"]}}}`)
	f.Add(`{"Statement": {"Effect": "Allow", "Action": "s3:*"}}`)
	f.Add("a: &a [*a, *a]\n")
	f.Fuzz(func(t *testing.T, src string) {
		SlackManifest("m.json", []byte(src))
		IAMPolicy("p.json", []byte(src))
	})
}
