#!/bin/sh
# nhilint-managed-hook
# Installed by nhilint for the pre-push hook; remove with nhilint's hook uninstall.
# A hook that was here before is kept as pre-push.nhilint-chained and runs first.
chained="$(dirname -- "$0")/pre-push.nhilint-chained"
input=$(cat)
replay() { if [ -n "$input" ]; then printf '%s\n' "$input"; fi; }
if [ -x "$chained" ]; then
	replay | "$chained" "$@" || exit $?
fi
replay | nhilint push
