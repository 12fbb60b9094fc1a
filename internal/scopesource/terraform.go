package scopesource

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/nhilint/nhilint/internal/hclvalue"
)

// tfModule is the blocks of a set of .tf files that grant AWS actions.
type tfModule struct {
	// documents are policy bodies by address: "data.aws_iam_policy_document.X",
	// "aws_iam_policy.X"; userPolicies and attachments the blocks that give
	// a user a policy.
	documents    map[string]*hclsyntax.Block
	userPolicies []*hclsyntax.Block // aws_iam_user_policy
	attachments  []*hclsyntax.Block // aws_iam_user_policy_attachment
	users        map[string]*hclsyntax.Block
	order        []string // document addresses in file order
	files        map[*hclsyntax.Block]string
	content      map[string][]byte
}

// Terraform reads the AWS actions that policies in files (path → content)
// grant. selector narrows them: "aws_iam_user.NAME" (the inline and
// attached policies of that user), "aws_iam_policy.NAME" or
// "data.aws_iam_policy_document.NAME"; "" means every policy.
func Terraform(files map[string][]byte, selector string) (Declaration, error) {
	m := &tfModule{documents: map[string]*hclsyntax.Block{}, users: map[string]*hclsyntax.Block{},
		files: map[*hclsyntax.Block]string{}, content: files}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		f, diags := hclsyntax.ParseConfig(files[name], name, hcl.InitialPos)
		if diags.HasErrors() {
			return Declaration{}, fmt.Errorf("%s: %s", name, diags.Errs()[0])
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			m.files[b] = name
			switch {
			case b.Type == "data" && len(b.Labels) == 2 && b.Labels[0] == "aws_iam_policy_document":
				m.add("data.aws_iam_policy_document."+b.Labels[1], b)
			case b.Type == "resource" && len(b.Labels) == 2:
				switch b.Labels[0] {
				case "aws_iam_policy":
					m.add("aws_iam_policy."+b.Labels[1], b)
				case "aws_iam_user_policy":
					m.userPolicies = append(m.userPolicies, b)
				case "aws_iam_user_policy_attachment":
					m.attachments = append(m.attachments, b)
				case "aws_iam_user":
					m.users[b.Labels[1]] = b
				}
			}
		}
	}
	d := Declaration{Provider: "aws", What: selector}
	switch {
	case selector == "":
		d.What = "Terraform IAM policies"
		for _, addr := range m.order {
			m.grants(&d, m.documents[addr], map[string]bool{})
		}
		for _, b := range m.userPolicies {
			m.grants(&d, b, map[string]bool{})
		}
	case strings.HasPrefix(selector, "aws_iam_user."):
		name := strings.TrimPrefix(selector, "aws_iam_user.")
		if m.users[name] == nil {
			return Declaration{}, fmt.Errorf("no resource %s in the Terraform files", selector)
		}
		for _, b := range m.userPolicies {
			if m.refersToUser(b, name) {
				m.grants(&d, b, map[string]bool{})
			}
		}
		for _, b := range m.attachments {
			if m.refersToUser(b, name) {
				m.attachment(&d, b)
			}
		}
	default:
		b := m.documents[selector]
		if b == nil {
			return Declaration{}, fmt.Errorf("no %s in the Terraform files (want aws_iam_user.NAME, aws_iam_policy.NAME or data.aws_iam_policy_document.NAME)", selector)
		}
		m.grants(&d, b, map[string]bool{})
	}
	return d, nil
}

func (m *tfModule) add(addr string, b *hclsyntax.Block) {
	m.documents[addr] = b
	m.order = append(m.order, addr)
}

// grants adds what a policy block grants: a policy document's statements,
// or the policy attribute of aws_iam_policy and aws_iam_user_policy.
func (m *tfModule) grants(d *Declaration, b *hclsyntax.Block, seen map[string]bool) {
	if b.Type == "data" {
		for _, st := range b.Body.Blocks {
			if st.Type != "statement" {
				continue
			}
			if eff, ok := st.Body.Attributes["effect"]; ok {
				if v, ok := hclvalue.String(eff.Expr); !ok || !strings.EqualFold(v, "Allow") {
					d.Incomplete = true
					continue
				}
			}
			if _, ok := st.Body.Attributes["not_actions"]; ok {
				d.Incomplete = true
				d.Scopes = append(d.Scopes, m.scope("*", st.Body.Attributes["not_actions"].Expr.Range()))
				continue
			}
			if a, ok := st.Body.Attributes["actions"]; ok {
				m.list(d, a.Expr)
			}
		}
		return
	}
	p, ok := b.Body.Attributes["policy"]
	if !ok {
		return
	}
	m.policyExpr(d, p.Expr, seen)
}

// policyExpr reads a policy = expression: a reference to a document's
// .json, jsonencode({...}), or a JSON heredoc.
func (m *tfModule) policyExpr(d *Declaration, e hclsyntax.Expression, seen map[string]bool) {
	switch e := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		addr := traversalAddress(e.Traversal)
		if b := m.documents[addr]; b != nil && !seen[addr] {
			seen[addr] = true
			m.grants(d, b, seen)
			return
		}
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "jsonencode" && len(e.Args) == 1 {
			m.jsonencode(d, e.Args[0])
			return
		}
	case *hclsyntax.TemplateExpr, *hclsyntax.TemplateWrapExpr:
		if s, ok := hclvalue.String(e); ok {
			r := e.Range()
			sub, err := IAMPolicy(r.Filename, []byte(s))
			if err == nil {
				// Heredoc content starts on the line after the opening marker.
				for i := range sub.Scopes {
					sub.Scopes[i].Line += r.Start.Line
				}
				d.Scopes = append(d.Scopes, sub.Scopes...)
				d.Incomplete = d.Incomplete || sub.Incomplete
				return
			}
		}
	}
	d.Incomplete = true
	d.Notes = append(d.Notes, fmt.Sprintf("%s:%d: a policy nhilint cannot read statically", e.Range().Filename, e.Range().Start.Line))
}

// jsonencode walks an object expression for Statement entries' Action lists.
func (m *tfModule) jsonencode(d *Declaration, e hclsyntax.Expression) {
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		d.Incomplete = true
		return
	}
	for _, item := range obj.Items {
		key, _ := hclvalue.String(unwrapKey(item.KeyExpr))
		switch key {
		case "Statement":
			switch v := item.ValueExpr.(type) {
			case *hclsyntax.TupleConsExpr:
				for _, s := range v.Exprs {
					m.jsonStatement(d, s)
				}
			default:
				m.jsonStatement(d, v)
			}
		}
	}
}

func (m *tfModule) jsonStatement(d *Declaration, e hclsyntax.Expression) {
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		d.Incomplete = true
		return
	}
	allow := true
	var action hclsyntax.Expression
	for _, item := range obj.Items {
		key, _ := hclvalue.String(unwrapKey(item.KeyExpr))
		switch key {
		case "Effect":
			v, ok := hclvalue.String(item.ValueExpr)
			allow = ok && strings.EqualFold(v, "Allow")
		case "Action":
			action = item.ValueExpr
		case "NotAction":
			d.Incomplete = true
			d.Scopes = append(d.Scopes, m.scope("*", item.ValueExpr.Range()))
		}
	}
	if !allow {
		d.Incomplete = true
		return
	}
	if action != nil {
		m.list(d, action)
	}
}

// attachment adds what an aws_iam_user_policy_attachment attaches: a policy
// of the same files, or an AWS managed policy by ARN.
func (m *tfModule) attachment(d *Declaration, b *hclsyntax.Block) {
	a, ok := b.Body.Attributes["policy_arn"]
	if !ok {
		return
	}
	if t, ok := a.Expr.(*hclsyntax.ScopeTraversalExpr); ok {
		if addr := traversalAddress(t.Traversal); m.documents[addr] != nil {
			m.grants(d, m.documents[addr], map[string]bool{addr: true})
			return
		}
	}
	if arn, ok := hclvalue.String(a.Expr); ok {
		if actions, known := managedPolicies[arn[strings.LastIndex(arn, "/")+1:]]; known && strings.HasPrefix(arn, "arn:aws:iam::aws:policy/") {
			for _, act := range actions {
				d.Scopes = append(d.Scopes, m.scope(act, a.Expr.Range()))
			}
			return
		}
	}
	d.Incomplete = true
	d.Notes = append(d.Notes, fmt.Sprintf("%s:%d: an attached policy nhilint cannot read", a.Expr.Range().Filename, a.Expr.Range().Start.Line))
}

// managedPolicies are the AWS managed policies whose grant is a wildcard
// anyone can state; other managed policies make a declaration incomplete.
var managedPolicies = map[string][]string{
	"AdministratorAccess":      {"*"},
	"AmazonS3FullAccess":       {"s3:*"},
	"AmazonS3ReadOnlyAccess":   {"s3:Get*", "s3:List*"},
	"AmazonSQSFullAccess":      {"sqs:*"},
	"AmazonDynamoDBFullAccess": {"dynamodb:*"},
	"AmazonEC2FullAccess":      {"ec2:*"},
	"IAMFullAccess":            {"iam:*"},
	"AWSLambda_FullAccess":     {"lambda:*"},
	"SecretsManagerReadWrite":  {"secretsmanager:*"},
}

// refersToUser reports whether b's user attribute names aws_iam_user.NAME
// (by reference or by the user's literal name).
func (m *tfModule) refersToUser(b *hclsyntax.Block, name string) bool {
	a, ok := b.Body.Attributes["user"]
	if !ok {
		return false
	}
	if t, ok := a.Expr.(*hclsyntax.ScopeTraversalExpr); ok {
		return strings.HasPrefix(traversalAddress(t.Traversal), "aws_iam_user."+name)
	}
	lit, ok := hclvalue.String(a.Expr)
	if !ok {
		return false
	}
	if u := m.users[name]; u != nil {
		if n, ok := u.Body.Attributes["name"]; ok {
			v, ok := hclvalue.String(n.Expr)
			return ok && v == lit
		}
	}
	return false
}

// list adds the string literals of a list expression.
func (m *tfModule) list(d *Declaration, e hclsyntax.Expression) {
	switch e := e.(type) {
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			if s, ok := hclvalue.String(x); ok {
				d.Scopes = append(d.Scopes, m.scope(s, x.Range()))
			} else {
				d.Incomplete = true
			}
		}
	default:
		if s, ok := hclvalue.String(e); ok {
			d.Scopes = append(d.Scopes, m.scope(s, e.Range()))
			return
		}
		d.Incomplete = true
	}
}

func (m *tfModule) scope(name string, r hcl.Range) Scope {
	return Scope{Name: name, Path: r.Filename, Line: r.Start.Line, Column: r.Start.Column}
}

// traversalAddress renders data.aws_iam_policy_document.x.json as
// "data.aws_iam_policy_document.x", aws_iam_policy.p.arn as "aws_iam_policy.p".
func traversalAddress(t hcl.Traversal) string {
	var parts []string
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	n := 2
	if len(parts) > 0 && parts[0] == "data" {
		n = 3
	}
	if len(parts) < n {
		return strings.Join(parts, ".")
	}
	return strings.Join(parts[:n], ".")
}

func unwrapKey(e hclsyntax.Expression) hclsyntax.Expression {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if t, ok := k.Wrapped.(*hclsyntax.ScopeTraversalExpr); ok && len(t.Traversal) == 1 {
			return &hclsyntax.LiteralValueExpr{Val: cty.StringVal(t.Traversal.RootName()), SrcRange: t.SrcRange}
		}
		return k.Wrapped
	}
	return e
}
