#!/bin/bash
# The store benchmark (make bench-store): ingest rates into a fresh store and into a copy of the million-article
# store, and feedctl's latency on that store, each beside its target.
#
# Environment: BIN (release builds of feedd-store-bench and feedctl), DIR (the benchmark's directory, for the stores
# it writes), MILLION (the million-article store, DIR/million.sqlite unless told: read and never written; not a
# symbolic link, which the store refuses), RUNS (runs per ingest case, 3).
# BASELINE (optional): a directory with feedd-store-bench and feedctl built from an older commit; its runs are
# interleaved with the current ones, on the store as that build's schema has it (the original million store for
# latency, a copy of it for ingest).
set -euo pipefail
BIN=${BIN:-.build/release}
DIR=${DIR:-/tmp/feedbench/store}
MILLION=${MILLION:-$DIR/million.sqlite}
RUNS=${RUNS:-3}
BASELINE=${BASELINE:-}
FRESH_TARGET=20000
MILLION_TARGET=10000
ARTICLES=30000

# median FILE [COLUMN]: the middle value of the numbers in FILE's column (1 unless told); "-" for none.
median() {
    awk -v c="${2:-1}" '$c != "-" { print $c }' "$1" | sort -n \
        | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'
}
# verdict RATE TARGET
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "met" : "NOT met" }'; }
# ingest BENCH STORE BATCH: one run; on stdout the rate, and the rate per CPU second ("-" from a build that does
# not report it).
ingest() {
    local line
    line=$("$1" ingest --store "$2" --feeds 1000 --articles "$ARTICLES" --batch "$3")
    echo "$line" >&2
    echo "$line" | awk '{ cpu = "-"; if (match($0, /[0-9]+ articles per CPU second/)) cpu = substr($0, RSTART, RLENGTH) + 0
                          print $(NF - 1), cpu }'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
builds=(current)
[ -n "$BASELINE" ] && builds+=(baseline)
bench() { [ "$1" = baseline ] && echo "$BASELINE/feedd-store-bench" || echo "$BIN/feedd-store-bench"; }
rm -f "$DIR"/rates-*

echo "== ingest into a fresh store"
for batch in 50 500; do
    for run in $(seq "$RUNS"); do
        for build in "${builds[@]}"; do
            rm -f "$DIR"/fresh.sqlite*
            echo -n "$build, batch $batch: " >&2
            ingest "$(bench "$build")" "$DIR/fresh.sqlite" "$batch" >> "$DIR/rates-fresh-$batch-$build"
        done
    done
done
rm -f "$DIR"/fresh.sqlite*

echo "== the million-article store, upgraded on a copy (feedctl refuses an older schema)"
cp --reflink=auto "$MILLION" "$DIR/million-upgraded.sqlite"
rm -f "$DIR"/million-upgraded.sqlite-*
"$BIN/feedd-store-bench" upgrade --store "$DIR/million-upgraded.sqlite"

echo "== ingest $ARTICLES articles into a copy of the million-article store (batch 500)"
for run in $(seq "$RUNS"); do
    for build in "${builds[@]}"; do
        source=$DIR/million-upgraded.sqlite
        [ "$build" = baseline ] && source=$MILLION
        rm -f "$DIR"/million-ingest.sqlite*
        cp --reflink=auto "$source" "$DIR/million-ingest.sqlite"
        # The copy's 2.7 GB would otherwise still be written back to the disk while the ingest is timed.
        sync
        echo -n "$build, million copy: " >&2
        ingest "$(bench "$build")" "$DIR/million-ingest.sqlite" 500 >> "$DIR/rates-million-$build"
    done
done
rm -f "$DIR"/million-ingest.sqlite*

echo "== feedctl on the million-article store"
for build in "${builds[@]}"; do
    echo "-- $build"
    if [ "$build" = baseline ]; then
        "$BASELINE/feedd-store-bench" latency --store "$MILLION" --feedctl "$BASELINE/feedctl" --runs 21
    else
        "$BIN/feedd-store-bench" latency --store "$DIR/million-upgraded.sqlite" --feedctl "$BIN/feedctl" --runs 21
    fi
done

echo "== ingest rates, median of $RUNS runs of $ARTICLES articles (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
for build in "${builds[@]}"; do
    for batch in 50 500; do
        printf "%-8s fresh store, batch %3d: %6s articles/s (%s per CPU second)\n" "$build" "$batch" \
            "$(median "$DIR/rates-fresh-$batch-$build")" "$(median "$DIR/rates-fresh-$batch-$build" 2)"
    done
    fresh=$(median "$DIR/rates-fresh-500-$build")
    million=$(median "$DIR/rates-million-$build")
    printf "%-8s million copy, batch 500: %6s articles/s (%s per CPU second)\n" "$build" "$million" \
        "$(median "$DIR/rates-million-$build" 2)"
    echo "$build: fresh $fresh/s, target >= $FRESH_TARGET: $(verdict "$fresh" $FRESH_TARGET);" \
        "million copy $million/s, target >= $MILLION_TARGET: $(verdict "$million" $MILLION_TARGET)"
done
