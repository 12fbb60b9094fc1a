#!/usr/bin/env bash
set -euo pipefail
curl -fsS -X POST \
  -H "Authorization: Bearer $LABELER_TOKEN" \
  https://api.github.com/repos/acme/app/issues/42/labels \
  -d '{"labels":["triaged"]}'
