// Package ciconfig is the "ci" analyzer family: it reads the configuration of
// CI systems other than GitHub Actions and reports how they handle
// non-human credentials.
//
//   - GitLab CI (.gitlab-ci.yml at any depth, *.gitlab-ci.yml, .gitlab/ci/*.yml):
//     literal credentials in variables:, long-lived cloud keys in jobs that
//     could use id_tokens:, and the removed CI_JOB_JWT variables.
//   - CircleCI (.circleci/*.yml): the aws-cli orb set up without role_arn, and
//     literal credentials in environment:, auth: and aws_auth:.
//   - Bitbucket Pipelines (bitbucket-pipelines.yml): steps that use static AWS
//     keys without oidc: true.
//   - Azure Pipelines (azure-pipelines*.yml, .azure-pipelines/**.yml): scripts
//     that read the service connection's client secret, and literal
//     credentials in variables:.
//   - Jenkins (Jenkinsfile, *.jenkinsfile, Jenkinsfile.*): literal credentials
//     in declarative environment { } blocks.
//
// The rules are structural: they judge what the configuration means (which
// job authenticates how), and leave recognising key formats anywhere in a
// file to the secrets analyzer. Each rule is one rule_*.go file holding its
// documentation and its check. YAML is read with go.yaml.in/yaml/v3 nodes,
// which carry positions; anchors, merge keys, extends: and !reference are
// resolved within a file under a work budget, so a hostile file (an alias
// bomb) becomes an analyzer error, not a hang. Jenkinsfiles are Groovy and are
// read by a small tokenizer that understands strings and comments.
package ciconfig
