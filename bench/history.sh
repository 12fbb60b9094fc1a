#!/usr/bin/env bash
# Builds a reproducible git history for benchmarking history scans: the files
# of SRC (a source tree, e.g. a module from bench/corpus.sh) are committed a
# few at a time, with later commits editing earlier files, and a fake key
# (generated here, never committed to nhilint) planted every 100 commits and
# removed 10 commits later. Fixed identities and dates make it repeatable.
#
#   bench/history.sh SRC OUT [COMMITS]
set -euo pipefail
src=${1:?source tree}; out=${2:?output repository}; commits=${3:-2000}
rm -rf "$out"; mkdir -p "$out"
git -C "$out" init -q -b main
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
mapfile -t files < <(cd "$src" && find . -type f \( -name '*.go' -o -name '*.md' -o -name '*.json' -o -name '*.yaml' -o -name '*.txt' \) -size -200k | LC_ALL=C sort)
per=$(( (${#files[@]} + commits - 1) / commits ))
fake() { # a fake GitHub token that differs per commit, assembled so this script holds none
  printf 'ghp_%s' "$(printf '%s' "nhilint-bench-$1" | sha256sum | tr -dc 'a-zA-Z0-9' | head -c 36)"
}
for ((i = 0; i < commits; i++)); do
  for f in "${files[@]:i*per:per}"; do
    mkdir -p "$out/$(dirname "$f")"; cp "$src/$f" "$out/$f"
  done
  if ((i > 0 && i % 7 == 0)); then # edit an earlier file: one added line
    f=${files[(i * 13) % (i * per)]}; [ -f "$out/$f" ] && printf '// edit %d\n' "$i" >> "$out/$f"
  fi
  ((i % 100 == 50)) && printf 'token = "%s"\n' "$(fake "$i")" > "$out/leak-$i.cfg"
  ((i % 100 == 60)) && rm -f "$out/leak-$((i - 10)).cfg"
  git -C "$out" add -A
  d="2026-01-01T00:00:00Z"; ts=$((1767225600 + i * 60))
  GIT_AUTHOR_DATE="@$ts +0000" GIT_COMMITTER_DATE="@$ts +0000" git -C "$out" commit -q --allow-empty -m "commit $i"
done
echo "$(git -C "$out" rev-list --count HEAD) commits, $(du -sh "$out/.git" | cut -f1) of objects in $out"
