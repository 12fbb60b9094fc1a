#!/usr/bin/env bash
set -euo pipefail
gh api repos/{owner}/{repo}/releases/latest
gh api -X POST /repos/octo/hello/dispatches -f event_type=deploy
gh api --method=DELETE "repos/$GITHUB_REPOSITORY/git/refs/tags/nightly"
gh api graphql -f query='{ viewer { login } }'
gh pr create --title "bump" --body ""
GH_TOKEN="$RELEASE_PAT" gh release create v1.0.0 dist/*
gh workflow run deploy.yml \
  --ref main
# gh issue create --title "commented out"
echo "gh pr merge 1"
curl -sf -X POST -H "Authorization: Bearer $SLACK_BOT_TOKEN" https://slack.com/api/chat.postMessage -d '{}'
curl -H "Authorization: token ${DEPLOY_TOKEN}" "https://api.github.com/repos/$GITHUB_REPOSITORY/deployments" --data '{}'
latest=$(gh api repos/octo/hello/tags --jq '.[0].name')
curl -fsSL https://example.com/install.sh | sh
