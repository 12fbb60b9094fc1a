package ciconfig

import (
	"fmt"
	"github.com/nhilint/nhilint/analyzers/internal/credvalue"

	"github.com/nhilint/nhilint/analyzers"
	"github.com/nhilint/nhilint/internal/finding"
)

var jenkinsLiteralEnvironment = &check{
	platform: jenkins,
	text:     checkJenkinsLiteralEnvironment,
	rule: &finding.Rule{
		ID:    "jenkins-literal-environment",
		Title: "Literal credential in a Jenkinsfile environment block",
		Description: "An assignment in a declarative pipeline's environment { } block (pipeline or stage) gives a " +
			"credential-named variable a literal, secret-looking string instead of credentials('id'). " +
			"Interpolated GStrings (\"${X}\", \"$X\") and other expressions are not reported.",
		Why: "A Jenkinsfile lives in the repository: the value is readable by everyone who can read the code and " +
			"stays in its history. Jenkins masks credentials bound with credentials() or withCredentials in build " +
			"logs, keeps them encrypted at rest and lets administrators rotate them without touching the code; a " +
			"literal gets none of that.",
		Level:            finding.LevelError,
		Categories:       []finding.Category{finding.NHI2},
		CWEs:             []string{"CWE-798"},
		Precision:        finding.PrecisionHigh,
		SecuritySeverity: 8.0,
		Remediation: finding.Remediation{
			Revoke: "Revoke the credential where it was issued: it is in the repository's history.",
			Rotate: "Add the replacement as a Jenkins credential (Secret text, or Username with password) and bind it: " +
				"NAME = credentials('credential-id').",
			Replace: "For cloud access, prefer short-lived credentials: the OIDC Provider plugin's id-token credentials " +
				"exchanged for AWS or GCP roles, or agents running with an instance or workload identity.",
			References: []string{
				"https://www.jenkins.io/doc/book/pipeline/jenkinsfile/#handling-credentials",
				"https://plugins.jenkins.io/oidc-provider/",
			},
		},
		Analyzer: Name,
	},
}

// checkJenkinsLiteralEnvironment reports NAME = 'literal' in environment
// blocks when NAME says it is a credential and the string looks like one.
func checkJenkinsLiteralEnvironment(c *check, f *analyzers.File) []analyzers.Result {
	var out []analyzers.Result
	for _, a := range environmentAssignments(tokenize(f.Content)) {
		if len(a.value) != 1 || a.value[0].kind != tokString || a.value[0].interpolated {
			continue // credentials('id'), env.X, "${X}", expressions: not literals
		}
		v := a.value[0]
		name := a.name.text
		if !credvalue.Literal(credvalue.Kind(name), v.text) {
			continue
		}
		msg := fmt.Sprintf("environment block of %s sets %s to a literal credential: store it in Jenkins credentials and bind it with %s = credentials('id')",
			a.owner, name, name)
		out = append(out, literalSecret(c, f, v.start, v.end, name, v.text, msg))
	}
	return out
}
