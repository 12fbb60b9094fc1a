#!/usr/bin/env bash
# Bump the version and open a pull request.
set -euo pipefail
export GH_TOKEN="$BUMP_TOKEN"
gh api -X PUT repos/acme/app/contents/VERSION -f message="bump" -f content="$(base64 -w0 VERSION)"
gh pr create --title "Bump version" --body "automated"
