#!/usr/bin/env bash
# fetch-bench.sh   (make bench-fetch)
#
# feedd --once over the 1000 feeds of the ../shared/bench corpus on loopback nginx, beside what it cannot beat, all
# in one run:
#   1. ../shared/bench/fetch_bench.sh with curl, newsboat and feedd at concurrency 50 (per_host 50): cold and warm;
#   2. xmllint --stream --noout over the same 1000 files, one process (libxml2's bare streaming parse);
#   3. Benchmarks/store-floor.py: SQLite alone storing the rows feedd's cold cycle stored, from memory, with the
#      writer's settings (a floor for the writer, beside the cycle: no parsing, cleaning or lookups);
#   4. fetch_bench.sh again with feedd alone at the smaller concurrencies, for peak memory.
# Then it reports against the targets: the cold cycle within 4x the floor (curl --parallel 50 plus xmllint, both
# medians of this run), peak RSS <= 64 MB at every concurrency, the warm cycle within 2x curl's conditional fetch.
# A benchmark, not a test: it reports met / NOT met and fails only when a tool failed.
#
# Env: FEEDD_BIN (.build/release), SHARED (../shared), CORPUS (/tmp/feedbench/corpus), FB_RUNS (3),
#      FB_TOOLS (curl newsboat feedd), FB_THREADS (50: the concurrency compared with curl),
#      MEMORY_CONCURRENCY (1 8 32: the extra feedd runs; empty skips them), RESULTS (/tmp/feedbench/results/...).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
CORPUS=$(readlink -f "${CORPUS:-/tmp/feedbench/corpus}")
RUNS=${FB_RUNS:-3}
RESULTS=${RESULTS:-/tmp/feedbench/results/bench-fetch-$(date +%Y%m%d-%H%M%S)}
export FEEDD_BIN=${FEEDD_BIN:-$ROOT/.build/release}
[ -f "$CORPUS/manifest.json" ] || python3 "$SHARED/bench/gen_corpus.py" "$CORPUS"
command -v xmllint > /dev/null || { echo "fetch-bench.sh: xmllint is missing (apt install libxml2-utils)" >&2; exit 1; }
mkdir -p "$RESULTS"

FB_RESULTS=$RESULTS/main FB_RUNS=$RUNS FB_TOOLS="${FB_TOOLS:-curl newsboat feedd}" FB_THREADS="${FB_THREADS:-50}" \
    FB_CURL_PAR=50 "$SHARED/bench/fetch_bench.sh" "$CORPUS" >&2

# The parse half of the floor: the same files, one xmllint process, timed like fetch_bench.sh times a tool.
printf 'run\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\n' > "$RESULTS/xmllint.tsv"
for ((run = 1; run <= RUNS; run++)); do
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%U %S %M %x' -o "$RESULTS/.time" xmllint --stream --noout "$CORPUS"/feeds/*.xml \
        > /dev/null 2>> "$RESULTS/xmllint.log" || true
    t1=$EPOCHREALTIME
    read -r user sys rss status < <(tail -1 "$RESULTS/.time")
    printf '%d\t%s\t%s\t%s\t%s\t%s\n' "$run" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.6f", b-a}')" \
        "$user" "$sys" "$rss" "$status" >> "$RESULTS/xmllint.tsv"
done
rm -f "$RESULTS/.time"

# What storing the cold cycle's rows takes SQLite alone: the cycle's store (left by the main run) against its template.
CYCLE=${FB_ROOT:-/tmp/feedbench}/fetch/feedd-c50
if [ -f "$CYCLE/state/feedd.sqlite" ] && [ -f "$CYCLE/tmpl/feedd.sqlite" ]; then
    python3 "$ROOT/Benchmarks/store-floor.py" --runs "$RUNS" "$CYCLE/state/feedd.sqlite" "$CYCLE/tmpl/feedd.sqlite" \
        "$RESULTS/store-floor.tsv" >&2 || echo "fetch-bench.sh: the store floor failed (above); the report goes on" >&2
fi

if [ -n "${MEMORY_CONCURRENCY-1 8 32}" ]; then
    FB_RESULTS=$RESULTS/memory FB_RUNS=$RUNS FB_TOOLS=feedd FB_THREADS="${MEMORY_CONCURRENCY-1 8 32}" \
        "$SHARED/bench/fetch_bench.sh" "$CORPUS" >&2
fi

python3 "$ROOT/Benchmarks/fetch-report.py" "$RESULTS"
