package scopes

import (
	"cmp"
	"slices"
	"strings"
)

// awsLevels are the access levels of the IAM Service Authorization
// Reference, least privileged first, under their codes in aws_actions.tsv.gz.
var awsLevels = []struct{ code, name string }{
	{"L", "List"},
	{"R", "Read"},
	{"T", "Tagging"},
	{"W", "Write"},
	{"P", "Permissions management"},
}

type awsAction struct {
	name  string // canonical spelling, "s3:GetObject"
	level int    // index in awsLevels
}

type awsTables struct {
	actions    map[string]awsAction // by lower-case action
	byPrefix   map[string][]string  // IAM prefix -> lower-case actions
	prefixes   map[string]string    // squashed prefix or SDK id -> IAM prefix
	operations map[string]Requirement
}

var aws = lazy[*awsTables]{load: loadAWS}

func loadAWS() *awsTables {
	t := &awsTables{
		actions:    map[string]awsAction{},
		byPrefix:   map[string][]string{},
		prefixes:   map[string]string{},
		operations: map[string]Requirement{},
	}
	codes := map[string]int{}
	for i, l := range awsLevels {
		codes[l.code] = i
	}
	for _, row := range readTable("aws_actions.tsv.gz") {
		key := strings.ToLower(row[0])
		t.actions[key] = awsAction{name: row[0], level: codes[row[1]]}
		prefix, _, _ := strings.Cut(key, ":")
		t.byPrefix[prefix] = append(t.byPrefix[prefix], key)
		t.prefixes[squash(prefix)] = prefix
	}
	for _, row := range readTable("aws_services.tsv") {
		t.prefixes[squash(row[0])] = row[1]
	}
	for _, row := range readTable("aws_operations.tsv") {
		t.operations[row[0]+":"+squash(row[1])] = parseRequirement(row[2], nil)
	}
	return t
}

// squash folds an SDK service id or operation name to the form the AWS
// SDKs, boto3 and IAM share: lower case without "-" and "_"
// ("bedrock-runtime" and "bedrockruntime"; "list_objects_v2" and
// "ListObjectsV2").
func squash(s string) string {
	return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s))
}

// awsPrefix returns the IAM prefix of an SDK service id.
func (t *awsTables) awsPrefix(service string) (string, bool) {
	p, ok := t.prefixes[squash(service)]
	return p, ok
}

// awsSDKSuffixes are the suffixes aws-sdk-go (v1) adds to operation names
// for its context, request and paginator variants.
var awsSDKSuffixes = []string{"pageswithcontext", "withcontext", "pages", "request"}

func awsRequired(service, name string) (Requirement, bool) {
	t := aws.get()
	prefix, ok := t.awsPrefix(service)
	if !ok || name == "" {
		return nil, false
	}
	op := squash(name)
	if req, ok := t.awsOperation(prefix, op); ok {
		return req, true
	}
	for _, suffix := range awsSDKSuffixes {
		if base, ok := strings.CutSuffix(op, suffix); ok && base != "" {
			if req, ok := t.awsOperation(prefix, base); ok {
				return req, true
			}
		}
	}
	return nil, false
}

func (t *awsTables) awsOperation(prefix, op string) (Requirement, bool) {
	if req, ok := t.operations[prefix+":"+op]; ok {
		return req.clone(), true
	}
	if a, ok := t.actions[prefix+":"+op]; ok {
		return Requirement{{a.name}}, true
	}
	return nil, false
}

// AWSAccessLevel returns the access level of an IAM action ("List", "Read",
// "Tagging", "Write" or "Permissions management"), matching the action
// case-insensitively.
func AWSAccessLevel(action string) (string, bool) {
	a, ok := aws.get().actions[strings.ToLower(strings.TrimSpace(action))]
	if !ok {
		return "", false
	}
	return awsLevels[a.level].name, true
}

// KnownAWSAction reports whether action ("s3:GetObject", any case) is an
// IAM action.
func KnownAWSAction(action string) bool {
	_, ok := AWSAccessLevel(action)
	return ok
}

// awsMatch reports whether an IAM action pattern of a policy ("s3:Get*",
// "*") grants action. IAM compares actions case-insensitively; "*" matches
// any run of characters and "?" any one.
func awsMatch(pattern, action string) bool {
	pattern, action = strings.ToLower(strings.TrimSpace(pattern)), strings.ToLower(strings.TrimSpace(action))
	if pattern == "" || action == "" {
		return false
	}
	if pattern == "*" {
		return true
	}
	return globMatch(pattern, action)
}

// globMatch matches with "*" and "?" wildcards, in linear time.
func globMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func awsBroad(scope string) (string, bool) {
	s := strings.TrimSpace(scope)
	if s == "*" || s == "*:*" {
		return "grants every action of every AWS service", true
	}
	prefix, action, ok := strings.Cut(s, ":")
	if !ok || !strings.ContainsAny(s, "*?") {
		return "", false
	}
	if strings.Trim(action, "*") == "" {
		return "grants every " + prefix + " action", true
	}
	t := aws.get()
	var matched []string
	for p, keys := range t.byPrefix {
		if !globMatch(strings.ToLower(prefix), p) {
			continue
		}
		for _, k := range keys {
			if a := t.actions[k]; a.level == len(awsLevels)-1 && awsMatch(s, k) {
				matched = append(matched, a.name)
			}
		}
	}
	if len(matched) == 0 {
		return "", false
	}
	slices.Sort(matched)
	return "wildcard grants permissions-management actions such as " + matched[0], true
}

// awsRank orders alternatives by access level, unknown actions last.
func awsRank(action string) int {
	if a, ok := aws.get().actions[strings.ToLower(action)]; ok {
		return a.level
	}
	return len(awsLevels)
}

func compareAWS(a, b string) int {
	return cmp.Or(cmp.Compare(awsRank(a), awsRank(b)), strings.Compare(a, b))
}
