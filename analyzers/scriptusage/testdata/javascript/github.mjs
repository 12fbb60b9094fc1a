import { Octokit } from "@octokit/rest";
import * as github from "@actions/github";

const octokit = new Octokit({ auth: process.env.RELEASE_PAT });
await octokit.rest.repos.getContent({ owner, repo, path: "README.md" });
await octokit.issues.createComment({ owner, repo, issue_number: 1, body: "hi" });
await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path });
await octokit.request("POST /repos/{owner}/{repo}/issues", {});
const all = await octokit.paginate(octokit.rest.pulls.list, { owner, repo });
const kit = github.getOctokit(process.env.GITHUB_TOKEN);
await kit.rest.actions.listWorkflowRuns({ owner, repo });

await fetch("https://api.github.com/repos/octo/hello/dispatches", { method: "POST", headers: {} });
await fetch("https://api.github.com/user");
await fetch(`https://api.github.com/repos/${owner}/${repo}`);
await fetch("https://api.github.com/user/repos", { method: verb });
const label = `deploy ${await octokit.request("GET /repos/{owner}/{repo}/deployments")}`;
