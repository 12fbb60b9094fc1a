#!/usr/bin/env bash
set -euo pipefail
export OPENAI_API_KEY="${OPENAI_API_KEY:?}"
curl -s https://api.anthropic.com/v1/messages -H "x-api-key: $ANTHROPIC_API_KEY" -H "anthropic-version: 2023-06-01"
