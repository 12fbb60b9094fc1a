#!/bin/sh
export ANTHROPIC_API_KEY={{fake:generic:7}}
curl https://api.openai.com/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer {{fake:generic:8}}" \
  -d '{"model": "gpt-4o-mini", "messages": []}'
