#!/usr/bin/env bash
# corpus.sh OUTDIR: build the benchmark corpus, the same on every machine.
#
# The corpus is the extracted source of a pinned list of large, text-heavy Go
# modules, fetched through the Go module proxy (so every byte is checksummed by
# sum.golang.org) and copied to OUTDIR/<module>@<version>. About 470 MB and
# 27,000 files. The gitleaks module is included on purpose: its test data holds
# fake secrets, so both scanners have findings to compare.
#
# Idempotent: OUTDIR/.nhilint-corpus records a hash of the module list, and a
# corpus with the same hash is left as it is.
#
# Environment: BENCH_MODCACHE reuses a module cache directory between runs
# (default: a temporary one, removed afterwards).
set -euo pipefail

# Pinned module versions. Changing this list changes the stamp, so existing
# corpora are rebuilt.
MODULES=(
	github.com/aws/aws-sdk-go@v1.55.8            # ~330 MB: API models (JSON) and generated Go
	github.com/hashicorp/vault@v1.21.4           # ~58 MB: Go, HCL, web UI sources
	github.com/hashicorp/terraform@v1.13.3       # ~42 MB
	k8s.io/api@v0.37.2                           # ~39 MB: generated Go, JSON/YAML test data
	github.com/prometheus/prometheus@v0.316.0    # ~35 MB: Go and web UI sources
	golang.org/x/tools@v0.52.0                   # ~15 MB
	k8s.io/client-go@v0.37.2                     # ~14 MB
	github.com/zricethezav/gitleaks/v8@v8.30.1   # ~3 MB: test data with fake secrets
)

STAMP_NAME=.nhilint-corpus

usage() {
	echo "usage: $0 OUTDIR" >&2
	exit 2
}

[[ $# -eq 1 && -n $1 ]] || usage
OUTDIR=$1

if ! command -v go >/dev/null; then
	echo "corpus.sh: go is not on PATH" >&2
	exit 1
fi

list_hash() {
	printf '%s\n' "${MODULES[@]}" | { sha256sum 2>/dev/null || shasum -a 256; } | cut -d' ' -f1
}

# print_stats DIR: total size (decimal MB and bytes) and regular-file count.
print_stats() {
	local bytes files
	bytes=$(find "$1" -type f ! -name "$STAMP_NAME" -exec wc -c {} + | awk '$2 != "total" { s += $1 } END { print s + 0 }')
	files=$(find "$1" -type f ! -name "$STAMP_NAME" | wc -l | tr -d ' ')
	awk -v b="$bytes" -v f="$files" -v d="$1" 'BEGIN { printf "corpus %s: %.1f MB (%d bytes), %d files\n", d, b / 1e6, b, f }'
}

want=$(list_hash)
if [[ -f $OUTDIR/$STAMP_NAME && $(cat "$OUTDIR/$STAMP_NAME") == "$want" ]]; then
	echo "corpus.sh: $OUTDIR is up to date" >&2
	print_stats "$OUTDIR"
	exit 0
fi
if [[ -d $OUTDIR && ! -f $OUTDIR/$STAMP_NAME && -n $(ls -A "$OUTDIR") ]]; then
	echo "corpus.sh: $OUTDIR exists, is not empty and is not a corpus; refusing to overwrite it" >&2
	exit 1
fi

cleanup=()
trap 'for d in "${cleanup[@]}"; do chmod -R u+w "$d" 2>/dev/null; rm -rf "$d"; done' EXIT

modcache=${BENCH_MODCACHE:-}
if [[ -z $modcache ]]; then
	modcache=$(mktemp -d "${TMPDIR:-/tmp}/nhilint-modcache.XXXXXX")
	cleanup+=("$modcache")
fi
# Run outside any module or workspace so that neither affects the download.
workdir=$(mktemp -d "${TMPDIR:-/tmp}/nhilint-corpus-work.XXXXXX")
cleanup+=("$workdir")
staging="$OUTDIR.partial.$$"
cleanup+=("$staging")
mkdir -p "$staging"

for mv in "${MODULES[@]}"; do
	echo "corpus.sh: downloading $mv" >&2
	# go mod download -json prints the extracted directory as "Dir".
	dir=$(cd "$workdir" && GOWORK=off GOFLAGS=-modcacherw GOMODCACHE="$modcache" GOTOOLCHAIN=local \
		go mod download -json "$mv" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
	if [[ -z $dir || ! -d $dir ]]; then
		echo "corpus.sh: go mod download $mv did not produce a directory" >&2
		exit 1
	fi
	dest="$staging/$mv"
	mkdir -p "$(dirname "$dest")"
	cp -R "$dir" "$dest"
	chmod -R u+w "$dest"
done

# Swap the new corpus in only when it is complete.
if [[ -d $OUTDIR ]]; then
	chmod -R u+w "$OUTDIR"
	rm -rf "$OUTDIR"
fi
mkdir -p "$(dirname "$OUTDIR")"
mv "$staging" "$OUTDIR"
echo "$want" >"$OUTDIR/$STAMP_NAME"
print_stats "$OUTDIR"
