package scopes

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestRequired(t *testing.T) {
	drive := func(names ...string) []string {
		for i, n := range names {
			names[i] = googleScopePrefix + n
		}
		return names
	}
	tests := []struct {
		op   Operation
		want Requirement
		ok   bool
	}{
		{Operation{AWS, "s3", "ListObjectsV2"}, Requirement{{"s3:ListBucket"}}, true},
		{Operation{AWS, "s3", "list_objects_v2"}, Requirement{{"s3:ListBucket"}}, true},
		{Operation{AWS, "s3", "copy_object"}, Requirement{{"s3:GetObject"}, {"s3:PutObject"}}, true},
		{Operation{AWS, "s3", "GetObject"}, Requirement{{"s3:GetObject"}}, true},
		{Operation{AWS, "s3", "get_object"}, Requirement{{"s3:GetObject"}}, true},
		{Operation{AWS, "s3", "GetObjectWithContext"}, Requirement{{"s3:GetObject"}}, true},
		{Operation{AWS, "s3", "DeleteBucketCors"}, Requirement{{"s3:PutBucketCORS"}}, true},
		{Operation{AWS, "bedrockruntime", "Converse"}, Requirement{{"bedrock:InvokeModel"}}, true},
		{Operation{AWS, "bedrock-runtime", "invoke_model"}, Requirement{{"bedrock:InvokeModel"}}, true},
		{Operation{AWS, "sfn", "StartExecution"}, Requirement{{"states:StartExecution"}}, true},
		{Operation{AWS, "elbv2", "DescribeLoadBalancers"}, Requirement{{"elasticloadbalancing:DescribeLoadBalancers"}}, true},
		{Operation{AWS, "apigatewaymanagementapi", "PostToConnection"}, Requirement{{"execute-api:ManageConnections"}}, true},
		{Operation{AWS, "cloudwatchlogs", "PutLogEvents"}, Requirement{{"logs:PutLogEvents"}}, true},
		{Operation{AWS, "application-autoscaling", "DescribeScalingPolicies"}, Requirement{{"application-autoscaling:DescribeScalingPolicies"}}, true},
		{Operation{AWS, "sqs", "send_message_batch"}, Requirement{{"sqs:SendMessage"}}, true},
		{Operation{AWS, "lambda", "Invoke"}, Requirement{{"lambda:InvokeFunction"}}, true},
		{Operation{AWS, "sts", "GetCallerIdentity"}, Requirement{}, true},
		{Operation{AWS, "s3", "NoSuchOperation"}, nil, false},
		{Operation{AWS, "nosuchservice", "GetObject"}, nil, false},
		{Operation{GitHub, "", "GET /repos/{owner}/{repo}/contents/{path}"}, Requirement{{"contents:read"}}, true},
		{Operation{GitHub, "", "get /repos/{o}/{r}/contents/{p}/"}, Requirement{{"contents:read"}}, true},
		{Operation{GitHub, "", "PUT /repos/{owner}/{repo}/contents/{path}"}, Requirement{{"contents:write", "workflows:write"}}, true},
		{Operation{GitHub, "", "POST /repos/{owner}/{repo}/issues"}, Requirement{{"issues:write"}}, true},
		{Operation{GitHub, "", "GET /nowhere"}, nil, false},
		{Operation{Slack, "", "chat.postMessage"}, Requirement{{"chat:write"}}, true},
		{Operation{Slack, "", "conversations.history"}, Requirement{{"channels:history", "groups:history", "im:history", "mpim:history"}}, true},
		{Operation{Slack, "", "files.upload"}, Requirement{{"files:write"}}, true},
		{Operation{Slack, "", "api.test"}, Requirement{}, true},
		{Operation{Google, "drive", "drive.files.list"}, Requirement{drive("drive", "drive.appdata", "drive.file", "drive.meet.readonly",
			"drive.metadata", "drive.metadata.readonly", "drive.photos.readonly", "drive.readonly")}, true},
		{Operation{Google, "drive", "drive.files.create"}, Requirement{drive("drive", "drive.appdata", "drive.file")}, true},
		{Operation{Google, "drive", "drive.nothing"}, nil, false},
		{Operation{OpenAI, "", "POST /v1/chat/completions"}, nil, false},
		{Operation{Anthropic, "", "POST /v1/messages"}, nil, false},
		{Operation{Stripe, "", "POST /v1/charges"}, nil, false},
	}
	for _, tt := range tests {
		got, ok := Required(tt.op)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Required(%#v) = %q, %v; want %q, %v", tt.op, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRequiredReturnsCopy(t *testing.T) {
	op := Operation{AWS, "s3", "CopyObject"}
	r, _ := Required(op)
	r[0][0] = "changed"
	if again, _ := Required(op); again[0][0] != "s3:GetObject" {
		t.Fatalf("Required shares its table: %q", again)
	}
}

func TestSatisfies(t *testing.T) {
	tests := []struct {
		provider string
		declared []string
		clause   []string
		want     bool
	}{
		{AWS, []string{"s3:GetObject"}, []string{"s3:GetObject"}, true},
		{AWS, []string{"S3:getobject"}, []string{"s3:GetObject"}, true},
		{AWS, []string{"s3:*"}, []string{"s3:PutObject"}, true},
		{AWS, []string{"*"}, []string{"kms:Decrypt"}, true},
		{AWS, []string{"s3:Get*"}, []string{"s3:GetObject"}, true},
		{AWS, []string{"s3:Get*"}, []string{"s3:PutObject"}, false},
		{AWS, []string{"s3:Get?bject"}, []string{"s3:GetObject"}, true},
		{AWS, []string{"s3:*Object"}, []string{"s3:ListBucket"}, false},
		{AWS, []string{"ec2:*"}, []string{"s3:GetObject"}, false},
		{AWS, nil, []string{"s3:GetObject"}, false},
		{GitHub, []string{"contents:write"}, []string{"contents:read"}, true},
		{GitHub, []string{"contents:read"}, []string{"contents:write"}, false},
		{GitHub, []string{"administration:admin"}, []string{"administration:write"}, true},
		{GitHub, []string{"pull-requests:write"}, []string{"pull_requests:write"}, true},
		{GitHub, []string{"pull-requests: write"}, []string{"pull_requests:read"}, true},
		{GitHub, []string{"pull_requests=write"}, []string{"pull_requests:write"}, true},
		{GitHub, []string{"pull-requests: none"}, []string{"pull_requests:read"}, false},
		{GitHub, []string{"write-all"}, []string{"contents:write"}, true},
		{GitHub, []string{"write-all"}, []string{"administration:write"}, false},
		{GitHub, []string{"read-all"}, []string{"issues:read"}, true},
		{GitHub, []string{"read-all"}, []string{"issues:write"}, false},
		{GitHub, []string{"repo"}, []string{"contents:write"}, true},
		{GitHub, []string{"repo"}, []string{"workflows:write"}, false},
		{GitHub, []string{"workflow"}, []string{"workflows:write"}, true},
		{GitHub, []string{"admin:org"}, []string{"organization_administration:read"}, true},
		{GitHub, []string{"read:org"}, []string{"members:write"}, false},
		{GitHub, []string{"admin:org"}, []string{"read:org"}, true},
		{GitHub, []string{"read:org"}, []string{"admin:org"}, false},
		{GitHub, []string{"repo"}, []string{"public_repo"}, true},
		{GitHub, []string{"issues:read"}, []string{"metadata:read"}, true},
		{GitHub, nil, []string{"metadata:read"}, false},
		{GitHub, []string{"issues:read"}, []string{"contents:read", "issues:read"}, true},
		{Slack, []string{"chat:write:bot"}, []string{"chat:write"}, true},
		{Slack, []string{"chat:write"}, []string{"chat:write:user"}, true},
		{Slack, []string{"files:write:user"}, []string{"files:write"}, true},
		{Slack, []string{"im:history"}, []string{"channels:history", "im:history"}, true},
		{Slack, []string{"chat:write"}, []string{"channels:history"}, false},
		{Google, []string{"drive.readonly"}, []string{googleScopePrefix + "drive.readonly"}, true},
		{Google, []string{googleScopePrefix + "drive"}, []string{"drive.readonly", "drive"}, true},
		{Google, []string{"drive"}, []string{googleScopePrefix + "drive.readonly"}, false},
		{Google, []string{"https://mail.google.com/"}, []string{"https://mail.google.com/"}, true},
		{OpenAI, []string{"api.responses.read"}, []string{"api.responses.read"}, true},
		{OpenAI, []string{"api.responses.read"}, []string{"api.responses.write"}, false},
	}
	for _, tt := range tests {
		if got := Satisfies(tt.provider, tt.declared, tt.clause); got != tt.want {
			t.Errorf("Satisfies(%s, %q, %q) = %v, want %v", tt.provider, tt.declared, tt.clause, got, tt.want)
		}
	}
}

func TestBroad(t *testing.T) {
	tests := []struct {
		provider, scope string
		broad           bool
		reason          string // substring
	}{
		{AWS, "*", true, "every action of every AWS service"},
		{AWS, "s3:*", true, "every s3 action"},
		{AWS, "iam:Put*", true, "permissions-management actions such as iam:PutGroupPolicy"},
		{AWS, "s3:Get*", false, ""},
		{AWS, "s3:GetObject", false, ""},
		{GitHub, "repo", true, "full control"},
		{GitHub, "admin:org", true, "administrative"},
		{GitHub, "write-all", true, "write access to every"},
		{GitHub, "administration:write", true, "administration"},
		{GitHub, "contents:admin", true, "admin access to contents"},
		{GitHub, "contents:write", false, ""},
		{GitHub, "read:org", false, ""},
		{Slack, "admin", true, "administration"},
		{Slack, "admin.users:write", true, "administration"},
		{Slack, "chat:write", false, ""},
		{Google, "cloud-platform", true, "every Google Cloud API"},
		{Google, googleScopePrefix + "drive", true, "full access"},
		{Google, "drive.readonly", false, ""},
		{OpenAI, "*", false, ""},
	}
	for _, tt := range tests {
		reason, broad := Broad(tt.provider, tt.scope)
		if broad != tt.broad || !strings.Contains(reason, tt.reason) || (!broad && reason != "") {
			t.Errorf("Broad(%s, %q) = %q, %v; want %v with %q", tt.provider, tt.scope, reason, broad, tt.broad, tt.reason)
		}
	}
}

func TestMinimal(t *testing.T) {
	req := func(op Operation) Requirement {
		r, ok := Required(op)
		if !ok {
			t.Fatalf("Required(%v) unknown", op)
		}
		return r
	}
	tests := []struct {
		provider string
		reqs     []Requirement
		want     []string
	}{
		{AWS, []Requirement{req(Operation{AWS, "s3", "CopyObject"}), req(Operation{AWS, "s3", "GetObject"})}, []string{"s3:GetObject", "s3:PutObject"}},
		{AWS, []Requirement{req(Operation{AWS, "dynamodb", "ExecuteStatement"})}, []string{"dynamodb:PartiQLSelect"}},
		{AWS, []Requirement{req(Operation{AWS, "sts", "GetCallerIdentity"})}, nil},
		{GitHub, []Requirement{{{"contents:read"}}, {{"contents:write"}}, {{"issues:read", "pull_requests:read"}}}, []string{"contents:write", "issues:read"}},
		{GitHub, []Requirement{{{"pull_requests:read", "issues:read"}}, {{"pull_requests:write"}}}, []string{"pull_requests:write"}},
		{GitHub, []Requirement{req(Operation{GitHub, "", "PUT /repos/{owner}/{repo}/contents/{path}"})}, []string{"contents:write"}},
		{Slack, []Requirement{req(Operation{Slack, "", "conversations.history"}), req(Operation{Slack, "", "chat.postMessage"})}, []string{"channels:history", "chat:write"}},
		{Google, []Requirement{req(Operation{Google, "drive", "drive.files.list"})}, []string{googleScopePrefix + "drive.readonly"}},
		{Google, []Requirement{req(Operation{Google, "drive", "drive.files.create"})}, []string{googleScopePrefix + "drive.file"}},
		{OpenAI, []Requirement{{{"b", "a"}}}, []string{"a"}},
	}
	for _, tt := range tests {
		if got := Minimal(tt.provider, tt.reqs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Minimal(%s, %q) = %q, want %q", tt.provider, tt.reqs, got, tt.want)
		}
	}
}

func TestMappings(t *testing.T) {
	if got, want := GoGitHubRoutes("RepositoriesService", "GetContents"), []string{"GET /repos/{owner}/{repo}/contents/{path}"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GoGitHubRoutes = %q, want %q", got, want)
	}
	if got := GoGitHubRoutes("RepositoriesService", "NoSuchMethod"); got != nil {
		t.Errorf("GoGitHubRoutes(unknown) = %q", got)
	}
	for _, m := range []string{"PostMessage", "PostMessageContext"} {
		if got, want := SlackGoMethods(m), []string{"chat.postMessage"}; !reflect.DeepEqual(got, want) {
			t.Errorf("SlackGoMethods(%s) = %q, want %q", m, got, want)
		}
	}
	if got, want := SlackGoMethods("GetConversationHistory"), []string{"conversations.history"}; !reflect.DeepEqual(got, want) {
		t.Errorf("SlackGoMethods(GetConversationHistory) = %q, want %q", got, want)
	}
	if r, ok := OctokitRoute("repos", "getContent"); !ok || r != "GET /repos/{owner}/{repo}/contents/{path}" {
		t.Errorf("OctokitRoute(repos, getContent) = %q, %v", r, ok)
	}
	if r, ok := OctokitRoute("issues", "create"); !ok || r != "POST /repos/{owner}/{repo}/issues" {
		t.Errorf("OctokitRoute(issues, create) = %q, %v", r, ok)
	}
	if _, ok := OctokitRoute("repos", "nope"); ok {
		t.Error("OctokitRoute(repos, nope) known")
	}
	for _, tt := range []struct{ path, call, want string }{
		{"google.golang.org/api/drive/v3", "FilesListCall", "drive.files.list"},
		{"google.golang.org/api/sheets/v4", "SpreadsheetsValuesGetCall", "sheets.spreadsheets.values.get"},
		{"google.golang.org/api/admin/directory/v1", "UsersListCall", "directory.users.list"},
		{"google.golang.org/api/storage/v1", "ObjectsInsertCall", "storage.objects.insert"},
	} {
		if got, ok := GoogleGoCallMethod(tt.path, tt.call); !ok || got != tt.want {
			t.Errorf("GoogleGoCallMethod(%s, %s) = %q, %v; want %q", tt.path, tt.call, got, ok, tt.want)
		}
	}
	if _, ok := GoogleGoCallMethod("google.golang.org/api/drive/v2", "FilesListCall"); ok {
		t.Error("drive/v2 is not in the tables")
	}
	for _, tt := range []struct {
		path, want string
		ok         bool
	}{
		{"github.com/aws/aws-sdk-go-v2/service/s3", "s3", true},
		{"github.com/aws/aws-sdk-go-v2/service/bedrockruntime", "bedrockruntime", true},
		{"github.com/aws/aws-sdk-go/service/sqs", "sqs", true},
		{"github.com/aws/aws-sdk-go-v2/service/s3/types", "", false},
		{"github.com/aws/aws-sdk-go-v2/config", "", false},
	} {
		if got, ok := AWSGoService(tt.path); got != tt.want || ok != tt.ok {
			t.Errorf("AWSGoService(%s) = %q, %v", tt.path, got, ok)
		}
	}
	for name, want := range map[string]bool{"chat.postMessage": true, "conversations.history": true, "files.getUploadURLExternal": true, "chat.nothing": false} {
		if got := KnownSlackMethod(name); got != want {
			t.Errorf("KnownSlackMethod(%s) = %v", name, got)
		}
	}
	for action, want := range map[string]string{"s3:GetObject": "Read", "s3:listbucket": "List", "iam:PutRolePolicy": "Permissions management", "s3:PutObject": "Write", "s3:PutObjectTagging": "Tagging", "s3:Nope": ""} {
		if got, ok := AWSAccessLevel(action); got != want || ok != (want != "") {
			t.Errorf("AWSAccessLevel(%s) = %q, %v; want %q", action, got, ok, want)
		}
	}
	if !KnownAWSAction("S3:GETOBJECT") || KnownAWSAction("s3:") {
		t.Error("KnownAWSAction")
	}
	for short, want := range map[string]string{"drive.readonly": googleScopePrefix + "drive.readonly", "openid": "openid", "https://mail.google.com/": "https://mail.google.com/"} {
		if got := GoogleScopeURL(short); got != want {
			t.Errorf("GoogleScopeURL(%s) = %q", short, got)
		}
	}
}

// TestHandTables checks the hand-curated AWS tables against the generated
// action table: every prefix a rename names and every action an exception
// requires must exist.
func TestHandTables(t *testing.T) {
	tables := aws.get()
	for _, row := range readTable("aws_services.tsv") {
		if len(tables.byPrefix[row[1]]) == 0 {
			t.Errorf("aws_services.tsv: %s -> %s: no such IAM prefix", row[0], row[1])
		}
	}
	for _, row := range readTable("aws_operations.tsv") {
		if len(tables.byPrefix[row[0]]) == 0 {
			t.Errorf("aws_operations.tsv: no IAM prefix %s", row[0])
		}
		for _, clause := range parseRequirement(row[2], nil) {
			for _, a := range clause {
				if !KnownAWSAction(a) {
					t.Errorf("aws_operations.tsv: %s %s: unknown action %s", row[0], row[1], a)
				}
			}
		}
	}
	for scope, grants := range classicScopes {
		for _, g := range grants {
			if g.level < 1 || g.level > 3 || g.perm == "" {
				t.Errorf("classic scope %s: bad grant %+v", scope, g)
			}
		}
	}
}

func TestTableSizes(t *testing.T) {
	sizes := TableSizes()
	want := map[string]int{"aws_actions.tsv.gz": 22091, "aws_operations.tsv": 44, "aws_services.tsv": 78,
		"github_routes.tsv": 990, "gogithub_methods.tsv": 1333, "google_calls.tsv.gz": 3089,
		"google_methods.tsv.gz": 3088, "octokit_methods.tsv": 1041, "slack_methods.tsv": 174, "slackgo_methods.tsv": 445}
	if len(sizes) != len(want) {
		t.Fatalf("TableSizes() has %d tables, want %d", len(sizes), len(want))
	}
	for _, s := range sizes {
		if want[s.Name] != s.Rows || s.EmbeddedBytes == 0 || s.RawBytes < s.EmbeddedBytes {
			t.Errorf("TableSizes: %+v, want %d rows", s, want[s.Name])
		}
	}
}

func FuzzSatisfies(f *testing.F) {
	f.Add("aws", "s3:Get*", "s3:GetObject")
	f.Add("aws", "*?*?**", "kms:Decrypt")
	f.Add("github", "pull-requests: write", "pull_requests:read")
	f.Add("github", "admin:org", "members:read")
	f.Add("slack", "chat:write:bot", "chat:write")
	f.Add("google", "drive", "https://www.googleapis.com/auth/drive")
	f.Fuzz(func(t *testing.T, provider, declared, required string) {
		got := Satisfies(provider, []string{declared}, []string{required})
		if Satisfies(provider, nil, []string{required}) && provider != GitHub {
			t.Errorf("nothing declared satisfies %q", required)
		}
		if got != Satisfies(provider, []string{"", declared}, []string{required}) {
			t.Error("an empty declared scope changed the answer")
		}
		Broad(provider, declared)
		Minimal(provider, []Requirement{{{declared, required}}})
	})
}

func FuzzRequired(f *testing.F) {
	f.Add("aws", "s3", "list_objects_v2")
	f.Add("github", "", "GET /repos/{owner}/{repo}/contents/{path}?ref=x")
	f.Add("slack", "", "chat.postMessage")
	f.Add("google", "drive", "drive.files.list")
	f.Fuzz(func(t *testing.T, provider, service, name string) {
		req, ok := Required(Operation{provider, service, name})
		if !ok && req != nil {
			t.Errorf("unknown operation with requirement %q", req)
		}
		for _, c := range req {
			if len(c) == 0 {
				t.Errorf("empty clause in %q", req)
			}
			if !Satisfies(provider, c, c) {
				t.Errorf("clause %q does not satisfy itself", c)
			}
		}
	})
}

func TestGitHubLiteralPaths(t *testing.T) {
	for route, want := range map[string]string{
		"POST /repos/acme/app/issues/42/labels":             "[[issues:write pull_requests:write]]",
		"GET /repos/acme/app/contents/docs/guide/README.md": "[[contents:read]]",
		"GET /repos/acme/app/releases/latest":               "[[contents:read]]",
		"DELETE /repos/acme/app":                            "[[administration:write]]",
		"DELETE /repos/acme/app/git/refs/heads/old":         "[[contents:write]]",
	} {
		req, ok := Required(Operation{Provider: GitHub, Name: route})
		if got := fmt.Sprint(req); !ok || got != want {
			t.Errorf("Required(%s) = %s, %v; want %s", route, got, ok, want)
		}
	}
	if _, ok := Required(Operation{Provider: GitHub, Name: "GET /no/such/route"}); ok {
		t.Errorf("an unknown literal path matched a route")
	}
}

func TestGitHubPermissionlessRoutes(t *testing.T) {
	for _, route := range []string{"GET /user", "GET /users/{username}", "GET /orgs/{org}", "GET /orgs/{organization}", "GET /rate_limit"} {
		req, ok := Required(Operation{Provider: GitHub, Name: route})
		if !ok || len(req) != 0 {
			t.Errorf("Required(%s) = %v, %v; want an empty, known requirement", route, req, ok)
		}
	}
}
