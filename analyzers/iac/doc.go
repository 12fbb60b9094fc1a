// Package iac is the "iac" analyzer family: it reads infrastructure-as-code
// (Terraform *.tf files) for the non-human credentials it creates and holds.
//
// Terraform that mints long-lived keys (aws_iam_access_key,
// google_service_account_key, Entra ID application passwords without a short
// end date) creates the very secrets that end up in CI variables and leak;
// each has a short-lived alternative (roles assumed through OIDC, workload
// identity federation, federated credentials). Provider blocks with literal
// keys put a secret straight into the repository.
//
// Files are parsed with HashiCorp's own HCL parser (hclsyntax), which gives
// exact byte ranges for every block, attribute and expression and needs no
// provider schemas: a check sees the syntax tree of one file. Expressions are
// never evaluated: a value that is not a literal in the file (a variable, a
// function call, another resource's attribute) is unknown and not judged.
package iac
