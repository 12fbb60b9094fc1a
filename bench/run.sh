#!/usr/bin/env bash
# run.sh [CORPUS]: time nhilint against the gitleaks v8.30.1 CLI on the same
# corpus, check that both report the same findings, and write the figures to
# bench/out/results.md.
#
# Without CORPUS, bench/corpus.sh builds the pinned corpus in bench/out/corpus.
# Both tools run RUNS times (default 3), interleaved so that a change in
# machine load affects both alike, after an untimed read of the whole corpus
# to warm the page cache. Both decode base64/hex/percent text 5 levels deep
# (gitleaks' default), honour no .gitignore and skip no file by size.
#
# Environment: RUNS (default 3), GITLEAKS (path to a gitleaks v8.30.1 binary),
# REPORT_ONLY=1 (rewrite results.md from the measurements and reports already
# in bench/out, e.g. after an interrupted run, without scanning again).
set -euo pipefail

GITLEAKS_VERSION=v8.30.1
GITLEAKS_MODULE=github.com/zricethezav/gitleaks/v8
DECODE_DEPTH=5
RUNS=${RUNS:-3}

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out=$here/out
mkdir -p "$out"

log() { echo "run.sh: $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load averages*: //'; }

# --- build ------------------------------------------------------------------
log "building nhilint and the bench helpers"
(
	cd "$repo"
	go build -o "$out/nhilint" ./cmd/nhilint
	go build -o "$out/timeit" ./bench/timeit
	go build -o "$out/parity" ./bench/parity
)

# --- gitleaks ---------------------------------------------------------------
# go install does not stamp a version into gitleaks ("gitleaks version" says
# "version is set by build process"), so read the module version from the
# binary's build info instead.
gitleaks_version() { go version -m "$1" 2>/dev/null | awk -v m="$GITLEAKS_MODULE" '$1 == "mod" && $2 == m { print $3 }'; }

find_gitleaks() {
	local c
	for c in "${GITLEAKS:-}" "$(command -v gitleaks || true)" "$(go env GOPATH)/bin/gitleaks" "$out/bin/gitleaks"; do
		if [[ -n $c && -x $c && $(gitleaks_version "$c") == "$GITLEAKS_VERSION" ]]; then
			echo "$c"
			return
		fi
	done
}
gitleaks=$(find_gitleaks)
if [[ -z $gitleaks ]]; then
	# Install next to the user's Go binaries unless a gitleaks of another
	# version already lives there.
	gobin=$(go env GOBIN)
	gobin=${gobin:-$(go env GOPATH)/bin}
	[[ -e $gobin/gitleaks ]] && gobin=$out/bin
	log "installing gitleaks $GITLEAKS_VERSION into $gobin"
	GOBIN=$gobin GOFLAGS= go install "$GITLEAKS_MODULE@$GITLEAKS_VERSION"
	gitleaks=$gobin/gitleaks
fi
log "gitleaks: $gitleaks ($(gitleaks_version "$gitleaks"))"

# --- corpus -----------------------------------------------------------------
if [[ $# -ge 1 ]]; then
	corpus=$1
	[[ -d $corpus ]] || { log "corpus $corpus is not a directory"; exit 2; }
else
	corpus=$out/corpus
	"$here/corpus.sh" "$corpus" >&2
fi
corpus=$(cd "$corpus" && pwd)
# Every regular file counts: both tools are handed all of them.
corpus_bytes=$(find "$corpus" -type f -exec wc -c {} + | awk '$2 != "total" { s += $1 } END { print s + 0 }')
corpus_files=$(find "$corpus" -type f | wc -l | tr -d ' ')
corpus_mb=$(awk -v b="$corpus_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
log "corpus: $corpus, $corpus_mb MB, $corpus_files files"

# --- runs -------------------------------------------------------------------
times=$out/times.txt
loadfile=$out/loadavg.txt
if [[ ${REPORT_ONLY:-0} != 1 ]]; then
	# Run from an empty directory: gitleaks reads .gitleaksignore from the
	# working directory and nhilint looks for its config there too.
	cwd=$(mktemp -d "${TMPDIR:-/tmp}/nhilint-bench-cwd.XXXXXX")
	trap 'rm -rf "$cwd"' EXIT
	: >"$times"
	rm -f "$out"/gitleaks-*.json "$out"/nhilint-*.json "$out"/gitleaks.log "$out"/nhilint.log

	log "warming the page cache"
	find "$corpus" -type f -exec cat {} + >/dev/null

	loadavg >"$loadfile"
	for i in $(seq 1 "$RUNS"); do
		log "run $i/$RUNS: gitleaks"
		(cd "$cwd" && env -u GITLEAKS_CONFIG -u GITLEAKS_CONFIG_TOML \
			"$out/timeit" -o "$times" -label gitleaks -- \
			"$gitleaks" dir "$corpus" --no-banner --report-format json --report-path "$out/gitleaks-$i.json" \
			--exit-code 0 --max-decode-depth "$DECODE_DEPTH" 2>>"$out/gitleaks.log")
		log "run $i/$RUNS: nhilint"
		(cd "$cwd" && "$out/timeit" -o "$times" -label nhilint -- \
			"$out/nhilint" scan "$corpus" --format json --output "$out/nhilint-$i.json" --fail-on none \
			--no-ignore --max-file-size 1GB --max-decode-depth "$DECODE_DEPTH" 2>>"$out/nhilint.log")
	done
	loadavg >>"$loadfile"
fi
# Only runs that completed for both tools count (REPORT_ONLY may follow an
# interrupted run).
RUNS=$(awk '/label=gitleaks /{g++} /label=nhilint /{n++} END { print (g < n ? g : n) + 0 }' "$times")
if [[ $RUNS -eq 0 ]]; then
	log "no completed runs in $times"
	exit 1
fi
load_before=$(sed -n 1p "$loadfile" 2>/dev/null)
load_after=$(sed -n 2p "$loadfile" 2>/dev/null)

# --- figures ----------------------------------------------------------------
# runstat LABEL FIELD median|max: a statistic of one field over the first
# RUNS runs of LABEL ("cpu" is user+sys).
runstat() {
	awk -v label="$1" -v field="$2" -v runs="$RUNS" '
		{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		  if (v["label"] == label && n < runs) { n++; x[n] = (field == "cpu") ? v["user"] + v["sys"] : v[field] } }
		END { print n; for (i = 1; i <= n; i++) print x[i] }' "$times" |
		{
			read -r n
			sort -g | awk -v n="$n" -v how="$3" '
				{ x[NR] = $1 }
				END {
					if (n == 0) { print "nan"; exit }
					if (how == "max") print x[n]
					else if (n % 2) print x[(n + 1) / 2]
					else print (x[n / 2] + x[n / 2 + 1]) / 2
				}'
		}
}

gl_wall=$(runstat gitleaks wall median)
nh_wall=$(runstat nhilint wall median)
gl_cpu=$(runstat gitleaks cpu median)
nh_cpu=$(runstat nhilint cpu median)
gl_rss=$(runstat gitleaks maxrss_bytes max)
nh_rss=$(runstat nhilint maxrss_bytes max)
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
gl_mbs=$(calc %.1f "$corpus_bytes / 1e6 / $gl_wall")
nh_mbs=$(calc %.1f "$corpus_bytes / 1e6 / $nh_wall")
speedup=$(calc %.2f "$gl_wall / $nh_wall")
cpu_ratio=$(calc %.2f "$gl_cpu / $nh_cpu")

# Findings per run, to show whether either tool is nondeterministic.
counts() {
	local tool=$1 i n=""
	for i in $(seq 1 "$RUNS"); do
		n+="$("$out/parity" -gitleaks "$out/gitleaks-$i.json" -nhilint "$out/nhilint-$i.json" |
			awk -v t="$tool:" '$1 == t { print $2 }') "
	done
	echo "${n% }"
}
gl_counts=$(counts gitleaks)
nh_counts=$(counts nhilint)

"$out/parity" -gitleaks "$out/gitleaks-1.json" -nhilint "$out/nhilint-1.json" >"$out/parity.txt"
parity_md=$("$out/parity" -gitleaks "$out/gitleaks-1.json" -nhilint "$out/nhilint-1.json" -markdown)

# --- machine ----------------------------------------------------------------
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || sysctl -n machdep.cpu.brand_string 2>/dev/null || echo unknown)
mem_total=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1e6 }' /proc/meminfo 2>/dev/null || echo unknown)
ncpu=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$repo" status --porcelain 2>/dev/null | head -1) ]]; then commit+=" (with uncommitted changes)"; fi
modules=$(cd "$corpus" && find . -maxdepth 5 -type d -name '*@v*' -prune | sed 's|^\./||' | sort | sed 's/^/`/; s/$/`/' | paste -sd, - | sed 's/,/, /g')

{
	echo "# nhilint vs gitleaks"
	echo
	echo "Generated by \`bench/run.sh\` on $(date -u +%Y-%m-%dT%H:%MZ), nhilint commit $commit."
	echo
	echo "| Machine | |"
	echo "|---|---|"
	echo "| CPUs (nproc) | $ncpu |"
	echo "| CPU model | $cpu_model |"
	echo "| Memory | $mem_total |"
	echo "| OS | $(uname -sr) |"
	echo "| Go | $(go env GOVERSION) |"
	echo "| gitleaks | $GITLEAKS_VERSION (go install) |"
	echo "| Load average (1/5/15 min) before / after | ${load_before:-n/a} / ${load_after:-interrupted} |"
	echo
	echo "Corpus: $corpus_mb MB (10^6 bytes) in $corpus_files files: ${modules:-$corpus}."
	echo
	echo "Both tools: decode depth $DECODE_DEPTH, no .gitignore, no size limit, warm page cache;"
	echo "median of $RUNS interleaved runs. MB/s is corpus size / median wall time."
	echo
	echo "| Tool | Wall s (median) | MB/s | CPU s user+sys (median) | Peak RSS MB (max) | Findings per run |"
	echo "|---|---:|---:|---:|---:|---|"
	echo "| gitleaks | $gl_wall | $gl_mbs | $gl_cpu | $(calc %.0f "$gl_rss / 1e6") | $gl_counts |"
	echo "| nhilint | $nh_wall | $nh_mbs | $nh_cpu | $(calc %.0f "$nh_rss / 1e6") | $nh_counts |"
	echo
	echo "**Speed-up (nhilint MB/s ÷ gitleaks MB/s): ${speedup}×** (CPU time ratio: ${cpu_ratio}×)."
	echo
	echo "<details><summary>Raw runs</summary>"
	echo
	echo '```'
	cat "$times"
	echo '```'
	echo
	echo "</details>"
	echo
	echo "## Parity (run 1)"
	echo
	echo "$parity_md"
	echo
	echo "Full listing: \`bench/out/parity.txt\`."
} >"$out/results.md"

log "wrote $out/results.md"
cat "$out/results.md"
