#!/usr/bin/env bash
# fetch-memory.sh [CORPUS_DIR]   (default /tmp/feedbench/corpus, made by ../shared/bench/gen_corpus.py)
#
# feedd's peak resident memory over a cold cycle of the corpus's feeds, per fetch concurrency, beside the target
# (issue 20: 64 MB at any concurrency up to 50). Each run is `feedd --config CONFIG --once` on a fresh copy of a
# state where `feedctl import` put the corpus's OPML, with `concurrency = per_host = N` (every feed is on one host),
# the same configuration as ../shared/bench/fetch_bench.sh writes. Peak RSS is the kernel's (wait4's ru_maxrss, as
# /usr/bin/time reports it); the wall time is the cycle's, process start to exit. nginx serves the corpus on
# 127.0.0.1 (../shared/bench/serve.sh, started here when it is not running, and stopped again at exit).
#
# With FM_BASELINE_BIN (another build directory holding feedd and feedctl), the two builds run interleaved, run by
# run, so that a busy machine weighs on both alike.
#
# Env: FEEDD_BIN (.build/release), SHARED (../shared), FM_BASELINE_BIN (none), FM_CONCURRENCY ("1 8 32 50"), FM_RUNS (3),
#      FM_TARGET_MB (64), FM_RESULTS (results dir; default /tmp/feedbench/results/fetch-memory-DATE).
# A benchmark, not a test: it reports and marks rows over the target, it does not fail on them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
CORPUS=$(readlink -f "${1:-/tmp/feedbench/corpus}")
BIN=$(readlink -f "${FEEDD_BIN:-$ROOT/.build/release}")
BASE=${FM_BASELINE_BIN:+$(readlink -f "$FM_BASELINE_BIN")}
CONCURRENCY=${FM_CONCURRENCY:-1 8 32 50}
RUNS=${FM_RUNS:-3}
TARGET=${FM_TARGET_MB:-64}
[ -f "$CORPUS/manifest.json" ] || { echo "fetch-memory.sh: no corpus at $CORPUS (run gen_corpus.py)" >&2; exit 2; }
for b in "$BIN" ${BASE:+"$BASE"}; do
    [ -x "$b/feedd" ] && [ -x "$b/feedctl" ] || { echo "fetch-memory.sh: no feedd and feedctl in $b" >&2; exit 2; }
done
PORT=$(python3 -c "import json; print(json.load(open('$CORPUS/manifest.json'))['port'])")
RES=${FM_RESULTS:-/tmp/feedbench/results/fetch-memory-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$RES"
ST=$(mktemp -d /tmp/feedbench/fetch-memory.XXXXXX)
RUN=/tmp/feedbench/nginx-$PORT
STARTED=0
if ! FEEDBENCH_RUN=$RUN "$SHARED/bench/serve.sh" status "$PORT" >/dev/null 2>&1; then
    FEEDBENCH_RUN=$RUN "$SHARED/bench/serve.sh" start "$PORT" "$CORPUS" >&2
    STARTED=1
fi
cleanup() {
    rm -rf "$ST"
    if [ "$STARTED" = 1 ]; then FEEDBENCH_RUN=$RUN "$SHARED/bench/serve.sh" stop "$PORT" >&2 || true; fi
}
trap cleanup EXIT
sed "s#127\.0\.0\.1:[0-9]*/#127.0.0.1:$PORT/#" "$CORPUS/feeds.opml" > "$ST/feeds.opml"
RAW=$RES/raw.tsv
printf 'build\tconcurrency\trun\twall_s\tmaxrss_kb\texit\tcpu_s\n' > "$RAW"
echo "results -> $RES; load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

write_config() {   # FILE STATE_DIR CONCURRENCY
    cat > "$1" <<EOF
[store]
path = "$2/feedd.sqlite"
[digest]
dir = "$2/digests"
[fetch]
allow_private_addresses = true
concurrency = $3
per_host = $3
EOF
}

# One cold run: a fresh copy of the imported state, then feedd --once under /usr/bin/time.
run_once() {   # LABEL BUILD_DIR CONCURRENCY RUN
    local label=$1 bin=$2 c=$3 i=$4 d=$ST/$1-c$3 t0 t1 line
    rm -rf "$d/state"; cp -r "$d/template" "$d/state"
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%M %x %U %S' -o "$d/time" env -i PATH=/usr/bin:/bin HOME="$d" LANG=C.UTF-8 \
        "$bin/feedd" --config "$d/config" --once > /dev/null 2>> "$RES/stderr.log" || true
    t1=$EPOCHREALTIME
    line=$(tail -1 "$d/time")
    # shellcheck disable=SC2086
    set -- $line
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$c" "$i" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')" \
        "$1" "$2" "$(awk -v u="$3" -v s="$4" 'BEGIN{printf "%.2f", u+s}')" >> "$RAW"
    printf '  %-8s c=%-3s run %d: wall %s s, peak %s KiB, exit %s, cpu %s s\n' "$label" "$c" "$i" \
        $(tail -1 "$RAW" | cut -f4-7) >&2
}

builds="new:$BIN"
[ -n "$BASE" ] && builds="$builds baseline:$BASE"
for c in $CONCURRENCY; do
    for entry in $builds; do
        label=${entry%%:*} bin=${entry#*:} d=$ST/$label-c$c
        mkdir -p "$d/template"
        write_config "$d/config" "$d/state" "$c"
        write_config "$d/template-config" "$d/template" "$c"
        "$bin/feedctl" --config "$d/template-config" import "$ST/feeds.opml" > /dev/null
    done
    for ((i = 1; i <= RUNS; i++)); do
        for entry in $builds; do
            run_once "${entry%%:*}" "${entry#*:}" "$c" "$i"
        done
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The table: medians per build and concurrency, the worst run's peak, and the verdict against the target.
python3 - "$RAW" "$TARGET" <<'PY' | tee "$RES/summary.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
target = float(sys.argv[2])
print("feedd --once, cold cycle: peak RSS (MB = 2^20 bytes) and wall time per concurrency (per_host = concurrency)\n")
print("| build | concurrency | runs | wall median s | CPU median s | peak RSS median MB | peak RSS max MB | target MB | within |")
print("|---|---|---|---|---|---|---|---|---|")
keys = []
for r in rows:
    k = (r["build"], int(r["concurrency"]))
    if k not in keys:
        keys.append(k)
for build, c in sorted(keys, key=lambda k: (k[1], k[0] != "new")):
    rs = [r for r in rows if r["build"] == build and int(r["concurrency"]) == c]
    walls = [float(r["wall_s"]) for r in rs]
    cpus = [float(r["cpu_s"]) for r in rs]
    rss = [int(r["maxrss_kb"]) / 1024 for r in rs]
    failed = sum(r["exit"] != "0" for r in rs)
    note = "yes" if max(rss) <= target else "NO"
    if failed:
        note += " (%d runs failed)" % failed
    print("| %s | %d | %d | %.2f | %.2f | %.1f | %.1f | %g | %s |" % (
        build, c, len(rs), statistics.median(walls), statistics.median(cpus), statistics.median(rss), max(rss),
        target, note))
PY
