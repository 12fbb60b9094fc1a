#!/bin/sh
export OPENAI_API_KEY="${OPENAI_API_KEY:?set it first}"
curl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"
curl https://api.example.com/v1/things -H "Authorization: Bearer {{fake:generic}}"
