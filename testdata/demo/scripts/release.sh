#!/bin/sh
# Publishes a release. The token below should come from the CI secret store.
set -eu
curl -fsS -H "Authorization: token ghp_MJ5xu09kc24Qo4YXgInJMnyILA98MzEdxuVd" \
  https://api.github.com/repos/example/demo/releases
