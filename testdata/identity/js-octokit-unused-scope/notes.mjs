import { Octokit } from "@octokit/rest";

const octokit = new Octokit({ auth: process.env.RELEASE_NOTES_TOKEN });

const { data } = await octokit.rest.repos.getContent({ owner: "acme", repo: "app", path: "CHANGELOG.md" });
await octokit.rest.issues.create({ owner: "acme", repo: "app", title: "Release notes ready" });
