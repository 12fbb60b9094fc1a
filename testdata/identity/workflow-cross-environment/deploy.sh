#!/bin/sh
curl -fsS -X POST "https://deploy.example.com/$1" -H "Authorization: Bearer $TOKEN"
