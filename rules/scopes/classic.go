package scopes

import (
	"slices"
	"strings"
)

// permGrant is a fine-grained permission at a level.
type permGrant struct {
	perm  string
	level int
}

func grantAll(level string, perms ...string) []permGrant {
	out := make([]permGrant, len(perms))
	for i, p := range perms {
		out[i] = permGrant{p, githubLevels[level]}
	}
	return out
}

// repoPermissions are the repository permissions the classic "repo" scope
// covers ("full control of private repositories": code, statuses,
// deployments, invitations, collaborators, webhooks, settings). Workflow
// files need "workflow", packages the packages scopes and codespaces
// "codespace", so those are not here.
var repoPermissions = []string{
	"actions", "actions_variables", "administration", "artifact_metadata", "attestations",
	"checks", "code_quality", "contents", "dependabot_secrets", "deployments", "discussions",
	"environments", "issue_fields", "issue_types", "issues", "metadata", "pages",
	"pull_requests", "repository_advisories", "repository_custom_properties",
	"repository_hooks", "repository_projects", "secret_scanning_alerts", "secrets",
	"security_events", "statuses", "vulnerability_alerts",
}

// orgPermissions are the organization permissions "admin:org", "write:org"
// and "read:org" cover; organization webhooks need "admin:org_hook" and
// organization projects "project".
var orgPermissions = []string{
	"members", "org_copilot_content_exclusion", "organization_actions_variables",
	"organization_administration", "organization_agent_secrets", "organization_agent_variables",
	"organization_api_insights", "organization_campaigns", "organization_codespaces",
	"organization_codespaces_secrets", "organization_codespaces_settings",
	"organization_copilot_agent_settings", "organization_copilot_metrics",
	"organization_copilot_seat_management", "organization_copilot_spaces",
	"organization_custom_org_roles", "organization_custom_properties",
	"organization_dependabot_secrets", "organization_events",
	"organization_network_configurations", "organization_personal_access_token_requests",
	"organization_personal_access_tokens", "organization_private_registries",
	"organization_runner_custom_images", "organization_secrets",
	"organization_self_hosted_runners", "organization_user_blocking",
}

// classicScopes maps each classic OAuth / personal-access-token (classic)
// scope to the fine-grained permissions it covers, after GitHub Docs
// "Scopes for OAuth apps". The mapping is an approximation: classic scopes
// also depend on the user's own role, which fine-grained permissions model
// separately.
var classicScopes = map[string][]permGrant{
	"repo":                      grantAll("write", repoPermissions...),
	"public_repo":               grantAll("write", repoPermissions...), // public repositories only
	"repo:status":               grantAll("write", "statuses"),
	"repo_deployment":           grantAll("write", "deployments"),
	"repo:invite":               grantAll("write", "private_repository_invitations"),
	"security_events":           grantAll("write", "security_events", "secret_scanning_alerts", "vulnerability_alerts"),
	"workflow":                  grantAll("write", "workflows"),
	"admin:org":                 grantAll("admin", orgPermissions...),
	"write:org":                 grantAll("write", orgPermissions...),
	"read:org":                  grantAll("read", orgPermissions...),
	"manage_runners:org":        grantAll("write", "organization_self_hosted_runners"),
	"admin:repo_hook":           grantAll("write", "repository_hooks"),
	"write:repo_hook":           grantAll("write", "repository_hooks"),
	"read:repo_hook":            grantAll("read", "repository_hooks"),
	"admin:org_hook":            grantAll("write", "organization_hooks"),
	"admin:public_key":          grantAll("write", "keys"),
	"write:public_key":          grantAll("write", "keys"),
	"read:public_key":           grantAll("read", "keys"),
	"admin:gpg_key":             grantAll("write", "gpg_keys"),
	"write:gpg_key":             grantAll("write", "gpg_keys"),
	"read:gpg_key":              grantAll("read", "gpg_keys"),
	"admin:ssh_signing_key":     grantAll("write", "git_signing_ssh_public_keys"),
	"write:ssh_signing_key":     grantAll("write", "git_signing_ssh_public_keys"),
	"read:ssh_signing_key":      grantAll("read", "git_signing_ssh_public_keys"),
	"write:packages":            grantAll("write", "packages"),
	"read:packages":             grantAll("read", "packages"),
	"delete:packages":           grantAll("write", "packages"),
	"gist":                      grantAll("write", "gists"),
	"notifications":             nil, // no fine-grained counterpart
	"user":                      grantAll("write", "profile", "emails", "followers"),
	"read:user":                 grantAll("read", "profile"),
	"user:email":                grantAll("read", "emails"),
	"user:follow":               grantAll("write", "followers"),
	"project":                   slices.Concat(grantAll("admin", "organization_projects"), grantAll("write", "repository_projects")),
	"read:project":              grantAll("read", "organization_projects", "repository_projects"),
	"codespace":                 grantAll("write", "codespaces", "codespaces_lifecycle_admin", "codespaces_metadata", "codespaces_secrets", "codespaces_user_secrets"),
	"codespace:secrets":         grantAll("write", "codespaces_secrets", "codespaces_user_secrets"),
	"delete_repo":               grantAll("write", "administration"),
	"admin:enterprise":          grantAll("admin", "enterprise_copilot_metrics", "enterprise_teams"),
	"manage_runners:enterprise": nil,
	"manage_billing:enterprise": nil,
	"read:enterprise":           grantAll("read", "enterprise_copilot_metrics", "enterprise_teams"),
	"read:audit_log":            nil,
	"audit_log":                 nil,
	"copilot":                   nil,
	"read:discussion":           nil,
	"write:discussion":          nil,
}

// classicImplies lists the classic scopes each classic scope includes.
var classicImplies = map[string][]string{
	"repo":                  {"public_repo", "repo:status", "repo_deployment", "repo:invite", "security_events"},
	"admin:org":             {"write:org", "manage_runners:org"},
	"write:org":             {"read:org"},
	"admin:repo_hook":       {"write:repo_hook"},
	"write:repo_hook":       {"read:repo_hook"},
	"admin:public_key":      {"write:public_key"},
	"write:public_key":      {"read:public_key"},
	"admin:gpg_key":         {"write:gpg_key"},
	"write:gpg_key":         {"read:gpg_key"},
	"admin:ssh_signing_key": {"write:ssh_signing_key"},
	"write:ssh_signing_key": {"read:ssh_signing_key"},
	"write:packages":        {"read:packages"},
	"user":                  {"read:user", "user:email", "user:follow"},
	"project":               {"read:project"},
	"codespace":             {"codespace:secrets"},
	"admin:enterprise":      {"manage_runners:enterprise", "manage_billing:enterprise", "read:enterprise"},
	"audit_log":             {"read:audit_log"},
	"write:discussion":      {"read:discussion"},
}

// classicClosure is scope with every classic scope it includes, sorted.
func classicClosure(scope string) []string {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(s string) {
		if seen[s] {
			return
		}
		seen[s] = true
		for _, t := range classicImplies[s] {
			visit(t)
		}
	}
	visit(strings.ToLower(scope))
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// classicBroad gives the reason for the classic scopes that grant far more
// than most programs use.
var classicBroad = map[string]string{
	"repo":            "full control of every repository the user can access; a fine-grained token limited to the repositories and permissions used serves",
	"public_repo":     "write access to every public repository the user can push to",
	"workflow":        "can change workflow files, and so run code with every secret the workflows see",
	"delete_repo":     "can delete repositories",
	"user":            "write access to the user's profile",
	"write:packages":  "can publish packages",
	"delete:packages": "can delete packages",
	"codespace":       "can create and control the user's codespaces",
	"project":         "admin access to projects",
}
