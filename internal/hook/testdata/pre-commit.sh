#!/bin/sh
# nhilint-managed-hook
# Installed by nhilint for the pre-commit hook; remove with nhilint's hook uninstall.
# A hook that was here before is kept as pre-commit.nhilint-chained and runs first.
chained="$(dirname -- "$0")/pre-commit.nhilint-chained"
if [ -x "$chained" ]; then
	"$chained" "$@" || exit $?
fi
exec nhilint staged
