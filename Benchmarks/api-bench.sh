#!/usr/bin/env bash
# api-bench.sh: feedd's HTTP API ([api], Google Reader endpoints) on a store of a million articles, and what the API
# costs a cold fetch cycle. A benchmark: it prints figures and fails only when something does not run.
#
# Part "latency" (per endpoint, LATENCY_RUNS times, each on a fresh copy of the million store whose 1000 feeds point
# at the corpus served by nginx on 127.0.0.1, none fetched yet):
#   feedd runs with [api]; wrk (WRK_CONNECTIONS clients, WRK_THREADS threads, WRK_SECONDS) loads one endpoint with
#   no cycle running, then again right after `feedctl refresh` started a cold cycle of the 1000 feeds (50,000 new
#   articles), so the load runs beside the cycle. Printed: median and p99 latency, requests/s, failures, and how
#   much of the load the cycle covered.
# Part "cycle" (CYCLE_RUNS runs, the cases interleaved run by run): the same cold cycle of the 1000 feeds on a store
#   holding only the subscriptions (or the million store: CYCLE_STORE), in the long-running daemon, with [api]
#   absent, present and idle, and present under wrk's 50 clients (both endpoints in turn); its duration is the
#   "cycle ended seconds=" of feedd's log. On 2 cores wrk's own CPU is part of what slows the loaded cycle.
#
# Env: FEEDD_BIN (dir of feedd and feedctl; .build/release), CORPUS (/tmp/feedbench/corpus), MILLION_STORE
#   (/tmp/feedbench/store/million.sqlite; only read, never written), API_BENCH_DIR (/tmp/feedbench/api), SHARED
#   (../shared), PARTS ("latency cycle"), LATENCY_RUNS (1), CYCLE_RUNS (5), CYCLE_STORE (empty: the subscriptions
#   only; million: the cycle on the million store's copy), WRK_SECONDS (20), WRK_CONNECTIONS (50),
#   WRK_THREADS (2), FETCH_CONCURRENCY (32), API_PORT (18070), WAIT_SECONDS (600: the longest wait for a cycle).
# Everything listens on 127.0.0.1 only; nginx is started and stopped by ../shared/bench/serve.sh (by its pid file),
# feedd and wrk by the pids this script keeps.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FEEDD_BIN=${FEEDD_BIN:-$ROOT/.build/release}
FEEDD=$FEEDD_BIN/feedd
FEEDCTL=$FEEDD_BIN/feedctl
SHARED=${SHARED:-$ROOT/../shared}
CORPUS=${CORPUS:-/tmp/feedbench/corpus}
MILLION_STORE=${MILLION_STORE:-/tmp/feedbench/store/million.sqlite}
WORK=${API_BENCH_DIR:-/tmp/feedbench/api}
PARTS=${PARTS:-latency cycle}
LATENCY_RUNS=${LATENCY_RUNS:-1}
CYCLE_STORE=${CYCLE_STORE:-empty}
CYCLE_RUNS=${CYCLE_RUNS:-5}
WRK_SECONDS=${WRK_SECONDS:-20}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-50}
WRK_THREADS=${WRK_THREADS:-2}
FETCH_CONCURRENCY=${FETCH_CONCURRENCY:-32}
API_PORT=${API_PORT:-18070}
WAIT_SECONDS=${WAIT_SECONDS:-600}
LUA=$ROOT/Benchmarks/api/report.lua
ACCOUNT=bench

CONTENTS_PATH="/greader/reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=1000"
IDS_PATH="/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=10000"

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "api-bench: $*"; exit 1; }
load1() { cut -d' ' -f1 /proc/loadavg; }

for tool in "$FEEDD" "$FEEDCTL"; do [ -x "$tool" ] || die "no $tool (make bench-api builds it)"; done
for tool in wrk curl sqlite3; do command -v "$tool" > /dev/null || die "$tool is missing (make bench-api installs it)"; done
command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] || die "nginx is missing (make bench-api installs it)"
export PATH=$PATH:/usr/sbin
[ -f "$CORPUS/manifest.json" ] && [ -f "$CORPUS/feeds.opml" ] || die "no corpus at $CORPUS (gen_corpus.py makes it)"
NGINX_PORT=$(sed -n 's/.*"port": *\([0-9]*\).*/\1/p' "$CORPUS/manifest.json" | head -1)
[ -n "$NGINX_PORT" ] || die "no port in $CORPUS/manifest.json"

mkdir -p "$WORK"
RESULTS=$WORK/results
mkdir -p "$RESULTS"
RAW=$RESULTS/raw.tsv

# --- processes this script started, stopped by their pids on any exit ----------------------------------------------
DAEMON_PID=""
WRK_PID=""
cleanup() {
    [ -n "$WRK_PID" ] && kill "$WRK_PID" 2> /dev/null || true
    if [ -n "$DAEMON_PID" ]; then
        kill -TERM "$DAEMON_PID" 2> /dev/null || true
        wait "$DAEMON_PID" 2> /dev/null || true
    fi
    FEEDBENCH_RUN=$WORK/nginx "$SHARED/bench/serve.sh" stop "$NGINX_PORT" > /dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- feedd ------------------------------------------------------------------------------------------------------------
# CONFIG STORE_PATH DIGEST_DIR WITH_API: retention keeps everything (the store must stay a million articles).
write_config() {
    local config=$1 store=$2 digests=$3 api=$4
    cat > "$config" << EOF
[store]
path = "$store"
keep_days = 36500
keep_per_feed = 1000000
[digest]
dir = "$digests"
[fetch]
allow_private_addresses = true
concurrency = $FETCH_CONCURRENCY
per_host = $FETCH_CONCURRENCY
[log]
level = "info"
EOF
    if [ "$api" = yes ]; then printf '[api]\nlisten = "127.0.0.1:%s"\n' "$API_PORT" >> "$config"; fi
}

# The largest size the store's write-ahead log reached while we waited (MB): SQLite cannot start the log over while
# a reader holds a snapshot, so steady API reads during a cycle let it grow.
WAL_FILE=""
WAL_PEAK=0
sample_wal() {
    [ -n "$WAL_FILE" ] || return 0
    local size
    size=$(stat -c %s "$WAL_FILE" 2> /dev/null || echo 0)
    size=$((size / 1048576))
    [ "$size" -gt "$WAL_PEAK" ] && WAL_PEAK=$size
    return 0
}

# LOG PATTERN [COUNT]: waits (bounded by WAIT_SECONDS) until LOG holds COUNT lines (1) matching PATTERN.
wait_for_line() {
    local log=$1 pattern=$2 count=${3:-1} deadline=$((SECONDS + WAIT_SECONDS))
    local seen
    while seen=$(grep -c -- "$pattern" "$log" 2> /dev/null || true) && [ "${seen:-0}" -lt "$count" ]; do
        [ -n "$DAEMON_PID" ] && ! alive "$DAEMON_PID" && { tail -5 "$log" >&2; die "feedd exited"; }
        [ "$SECONDS" -lt "$deadline" ] || { tail -5 "$log" >&2; die "no '$pattern' in $log after ${WAIT_SECONDS}s"; }
        sample_wal
        sleep 0.1
    done
}

# PID: true while that child of ours runs (an exited one stays a zombie until waited for).
alive() {
    local state
    state=$(awk '{ print $3 }' "/proc/$1/stat" 2> /dev/null) || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

# CONFIG LOG: starts the service and waits until it is ready and its first tick is over: retention (which keeps
# everything here, but reads the whole store) and a cycle that finds nothing due.
start_daemon() {
    local config=$1 log=$2
    "$FEEDD" --config "$config" > "$log" 2>&1 &
    DAEMON_PID=$!
    wait_for_line "$log" "feedd started"
    wait_for_line "$log" "retention applied"
}

# Stops the daemon; DAEMON_CPU is then its CPU seconds (user + system).
stop_daemon() {
    local ticks
    ticks=$(getconf CLK_TCK)
    DAEMON_CPU=$(awk -v t="$ticks" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$DAEMON_PID/stat" 2> /dev/null || true)
    kill -TERM "$DAEMON_PID" 2> /dev/null || true
    local deadline=$((SECONDS + 30))
    while alive "$DAEMON_PID" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    if alive "$DAEMON_PID"; then kill -KILL "$DAEMON_PID" 2> /dev/null || true; fi
    wait "$DAEMON_PID" 2> /dev/null || true
    DAEMON_PID=""
}

# LOG N: the seconds= of the Nth "cycle ended" line that fetched feeds.
cycle_seconds() {
    grep 'cycle ended .*feeds=' "$1" | sed -n "$2p" | sed -n 's/.* seconds=\([0-9.]*\).*/\1/p'
}

# PASSWORD: a Google Reader token from ClientLogin.
login() {
    local answer
    answer=$(curl -sS --max-time 30 -d "Email=$ACCOUNT&Passwd=$1" "http://127.0.0.1:$API_PORT/greader/accounts/ClientLogin")
    sed -n 's/^Auth=//p' <<< "$answer" | tr -d '\r'
}

# TOKEN PATH: one request, as a check that the endpoint answers 200, with its size and time.
probe() {
    local out
    out=$(curl -sS --max-time 120 -o "$WORK/probe.body" -w '%{http_code} %{size_download} %{time_total}' \
        -H "Authorization: GoogleLogin auth=$1" "http://127.0.0.1:$API_PORT$2")
    read -r code size seconds <<< "$out"
    say "  GET $2 -> $code, $size bytes, ${seconds}s alone"
    [ "$code" = 200 ] || { head -c 300 "$WORK/probe.body" >&2; echo >&2; say "  (not 200: the figures below measure an error answer)"; }
}

# OUT SECONDS TOKEN PATH...: wrk in the background; its report line goes to OUT.
start_wrk() {
    local out=$1 duration=$2 token=$3
    shift 3
    wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${duration}s" --timeout 60s -s "$LUA" \
        -H "Authorization: GoogleLogin auth=$token" "http://127.0.0.1:$API_PORT" -- "$@" > "$out" 2>&1 &
    WRK_PID=$!
}

# OUT DURATION: waits for wrk (its duration plus a margin); WRK_FIELDS is then its report as "median p99 max rps
# requests status_errors timeouts socket_errors".
finish_wrk() {
    local out=$1 duration=$2 deadline=$((SECONDS + $2 + 90))
    while alive "$WRK_PID" && [ "$SECONDS" -lt "$deadline" ]; do
        sample_wal
        sleep 0.2
    done
    if alive "$WRK_PID"; then
        kill "$WRK_PID" 2> /dev/null || true
        die "wrk ran past ${duration}s + 90s"
    fi
    wait "$WRK_PID" || true
    WRK_PID=""
    local line field
    line=$(grep '^WRK ' "$out") || { cat "$out" >&2; die "wrk printed no report"; }
    WRK_FIELDS=""
    for field in median_ms p99_ms max_ms rps requests status_errors timeouts socket_errors; do
        WRK_FIELDS+="$(sed -n "s/.* $field=\([0-9.]*\).*/\1/p" <<< "$line") "
    done
}

# Median of the numbers on stdin (one a line); "-" for none.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
    else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- the corpus server --------------------------------------------------------------------------------------------
start_nginx() {
    FEEDBENCH_RUN=$WORK/nginx "$SHARED/bench/serve.sh" start "$NGINX_PORT" "$CORPUS" > /dev/null
    say "nginx serves $CORPUS on 127.0.0.1:$NGINX_PORT; load before the runs: $(uptime | sed 's/.*load/load/')"
}

# DIR: the subscriptions of the corpus, none due yet, and the account; prints the app password. A store already at
# DIR/feedd.sqlite (the million copy) gets its feeds pointed at the corpus instead of new subscriptions.
prepare_template() {
    local dir=$1 config=$1/config.toml
    write_config "$config" "$dir/feedd.sqlite" "$dir/digests" no
    if [ -f "$dir/feedd.sqlite" ]; then
        # The million store's 1000 feeds (https://feedN.example.org/rss, never fetched) become the corpus's 1000:
        # URL and identity key taken from an import of the corpus's OPML, feed by feed in id order. Nothing of the
        # benchmark may reach the internet, and these feeds must be the ones the cycle fetches.
        local scratch=$dir/scratch
        rm -rf "$scratch" && mkdir -p "$scratch"
        write_config "$scratch/config.toml" "$scratch/feedd.sqlite" "$scratch/digests" no
        "$FEEDCTL" --config "$scratch/config.toml" import "$CORPUS/feeds.opml" > /dev/null
        "$FEEDCTL" --config "$config" status > /dev/null # migrates the store to this feedd's schema first
        sqlite3 "$dir/feedd.sqlite" << EOF
ATTACH '$scratch/feedd.sqlite' AS corpus;
CREATE TEMP TABLE pairs AS
    SELECT m.id AS id, c.url AS url, c.url_key AS url_key
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM main.feed) AS m
    JOIN (SELECT url, url_key, row_number() OVER (ORDER BY id) AS n FROM corpus.feed) AS c USING (n);
UPDATE main.feed SET url = 'pending:' || id;
UPDATE main.feed SET url = (SELECT url FROM pairs WHERE pairs.id = feed.id),
    url_key = (SELECT url_key FROM pairs WHERE pairs.id = feed.id)
    WHERE id IN (SELECT id FROM pairs);
EOF
        rm -rf "$scratch"
    else
        "$FEEDCTL" --config "$config" import "$CORPUS/feeds.opml" > /dev/null
    fi
    local feeds corpus_feeds
    feeds=$(sqlite3 "$dir/feedd.sqlite" "SELECT count(*) FROM feed")
    corpus_feeds=$(sqlite3 "$dir/feedd.sqlite" "SELECT count(*) FROM feed WHERE url LIKE 'http://127.0.0.1:$NGINX_PORT/%'")
    [ "$feeds" = "$corpus_feeds" ] || die "$dir: $corpus_feeds of $feeds feeds point at the corpus"
    # Not due, so the service starts idle and `feedctl refresh` starts the cycle when the load is on.
    sqlite3 "$dir/feedd.sqlite" "UPDATE feed SET next_due_at = 1e12, etag = NULL, last_modified = NULL;
        PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
    "$FEEDCTL" --config "$config" api password "$ACCOUNT" --json | sed -n 's/.*"password" *: *"\([^"]*\)".*/\1/p'
}

# --- part 1: latency on a million articles, without and beside a cycle ------------------------------------------
# The million store's copy whose feeds are the corpus's (made once per MILLION_STORE), in MILLION_TEMPLATE.
MILLION_TEMPLATE=$WORK/million-template
ensure_million_template() {
    [ -f "$MILLION_STORE" ] || die "no $MILLION_STORE (make bench-store or bench-api makes it)"
    local template=$MILLION_TEMPLATE
    if [ ! -f "$template/ready" ] || [ "$MILLION_STORE" -nt "$template/ready" ]; then
        say "copying $MILLION_STORE ($(du -h "$MILLION_STORE" | cut -f1)) to $template"
        rm -rf "$template" && mkdir -p "$template"
        sqlite3 "$MILLION_STORE" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null 2>&1 || true
        cp --sparse=always "$MILLION_STORE" "$template/feedd.sqlite"
        prepare_template "$template" > "$template/password"
        [ -s "$template/password" ] || die "no app password made in $template"
        touch "$template/ready"
    fi
    say "million template: $(sqlite3 "$template/feedd.sqlite" "SELECT count(*) FROM article") articles, $(sqlite3 \
        "$template/feedd.sqlite" "SELECT count(*) FROM feed") feeds"
}

LATENCY_ROWS=()
run_latency() {
    ensure_million_template
    local template=$MILLION_TEMPLATE
    local password
    password=$(cat "$template/password")
    local run name path state log token fields cpu cycle covered started
    for run in $(seq "$LATENCY_RUNS"); do
        for name in contents ids; do
            [ "$name" = contents ] && path=$CONTENTS_PATH || path=$IDS_PATH
            state=$WORK/latency-state
            rm -rf "$state" && mkdir -p "$state"
            cp --sparse=always "$template/feedd.sqlite" "$state/feedd.sqlite"
            write_config "$state/config.toml" "$state/feedd.sqlite" "$state/digests" yes
            log=$state/feedd.log
            say "latency $name run $run: feedd on a copy of the million store"
            start_daemon "$state/config.toml" "$log"
            token=$(login "$password")
            [ -n "$token" ] || die "ClientLogin gave no token"
            probe "$token" "$path"

            say "  wrk ${WRK_SECONDS}s x $WRK_CONNECTIONS clients, no cycle (load1 $(load1))"
            started=$(load1)
            start_wrk "$WORK/wrk.out" "$WRK_SECONDS" "$token" "$path"
            finish_wrk "$WORK/wrk.out" "$WRK_SECONDS"
            fields=$WRK_FIELDS
            LATENCY_ROWS+=("$name nocycle $run $started $fields - -")

            started=$(load1)
            WAL_FILE=$state/feedd.sqlite-wal
            WAL_PEAK=0
            "$FEEDCTL" --config "$state/config.toml" refresh > /dev/null
            say "  wrk ${WRK_SECONDS}s x $WRK_CONNECTIONS clients beside a cold cycle of 1000 feeds (load1 $started)"
            start_wrk "$WORK/wrk.out" "$WRK_SECONDS" "$token" "$path"
            finish_wrk "$WORK/wrk.out" "$WRK_SECONDS"
            fields=$WRK_FIELDS
            wait_for_line "$log" "cycle ended .*feeds="
            cycle=$(cycle_seconds "$log" 1)
            # How much of the load ran while the cycle did (the cycle started at the refresh).
            covered=$(awk -v c="$cycle" -v w="$WRK_SECONDS" 'BEGIN { printf "%.1f", (c < w ? c : w) }')
            say "  cycle: $(grep 'cycle ended .*feeds=' "$log" | head -1)"
            stop_daemon
            cpu=$DAEMON_CPU
            LATENCY_ROWS+=("$name cycle $run $started $fields $cycle $covered")
            local wal=$WAL_PEAK
            WAL_FILE=""
            local row
            for row in "${LATENCY_ROWS[-2]}" "${LATENCY_ROWS[-1]}"; do
                # shellcheck disable=SC2086
                set -- $row
                printf 'latency\t%s-%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" \
                    "$5" "$6" "$7" "$8" "$9" "${10}" "${11}" "${12}" "${13}" "${14}" "$cpu" \
                    "$([ "$2" = cycle ] && echo "$wal" || echo -)" >> "$RAW"
            done
            rm -rf "$state"
        done
    done
}

# PART: how many runs RAW holds of it.
runs_of() { awk -F'\t' -v p="$1" '$1 == p { print $3 }' "$RAW" | sort -u | wc -l; }

print_latency() {
    [ "$(runs_of latency)" -gt 0 ] || return 0
    echo
    echo "API latency, $WRK_CONNECTIONS clients (wrk -t $WRK_THREADS -c $WRK_CONNECTIONS -d ${WRK_SECONDS}s), store of" \
        "a million articles; medians over $(runs_of latency) run(s)"
    printf '%-40s %-20s %10s %10s %10s %7s %8s %8s %7s\n' endpoint load median_ms p99_ms requests/s errors sock_err \
        cycle_s wal_MB
    local name load label endpoint
    for name in contents ids; do
        [ "$name" = contents ] && endpoint="stream/contents reading-list n=1000" ||
            endpoint="stream/items/ids reading-list n=10000"
        for load in nocycle cycle; do
            [ "$load" = nocycle ] && label="$WRK_CONNECTIONS clients" || label="$WRK_CONNECTIONS clients + cycle"
            awk -F'\t' -v c="$name-$load" '$1 == "latency" && $2 == c' "$RAW" > "$WORK/rows"
            [ -s "$WORK/rows" ] || continue
            printf '%-40s %-20s %10s %10s %10s %7s %8s %8s %7s\n' "$endpoint" "$label" \
                "$(cut -f5 "$WORK/rows" | median)" "$(cut -f6 "$WORK/rows" | median)" "$(cut -f8 "$WORK/rows" | median)" \
                "$(awk -F'\t' '{ s += $10 + $11 } END { print s }' "$WORK/rows")" \
                "$(awk -F'\t' '{ s += $12 } END { print s }' "$WORK/rows")" \
                "$(cut -f13 "$WORK/rows" | grep -v '^-$' | median)" "$(cut -f16 "$WORK/rows" | grep -v '^-*$' | median)"
        done
    done
}

# --- part 2: the cold cycle without the API, with it idle, with it loaded ----------------------------------------
run_cycle() {
    local template=$WORK/empty-template
    if [ "$CYCLE_STORE" = million ]; then
        ensure_million_template
        template=$MILLION_TEMPLATE
    else
        rm -rf "$template" && mkdir -p "$template"
        prepare_template "$template" > "$template/password"
    fi
    local password
    password=$(cat "$template/password")
    [ -n "$password" ] || die "no app password made in $template"
    local state=$WORK/cycle-state log run kind cycle cpu token fields started longest=0 duration
    for run in $(seq "$CYCLE_RUNS"); do
        for kind in noapi idle loaded; do
            rm -rf "$state" && cp -a --sparse=always "$template" "$state"
            write_config "$state/config.toml" "$state/feedd.sqlite" "$state/digests" \
                "$([ "$kind" = noapi ] && echo no || echo yes)"
            log=$state/feedd.log
            start_daemon "$state/config.toml" "$log"
            started=$(load1)
            WAL_FILE=$state/feedd.sqlite-wal
            WAL_PEAK=0
            fields="- - - - - - - -"
            if [ "$kind" = loaded ]; then
                token=$(login "$password")
                [ -n "$token" ] || die "ClientLogin gave no token"
                # Long enough to cover the cycle: half as long again as the longest unloaded one so far.
                duration=$(awk -v l="$longest" -v w="$WRK_SECONDS" \
                    'BEGIN { d = int(l * 1.5) + 3; if (d < w) d = w; if (d > 300) d = 300; print d }')
                start_wrk "$WORK/wrk.out" "$duration" "$token" "$CONTENTS_PATH" "$IDS_PATH"
                sleep 1
            fi
            "$FEEDCTL" --config "$state/config.toml" refresh > /dev/null
            wait_for_line "$log" "cycle ended .*feeds="
            cycle=$(cycle_seconds "$log" 1)
            if [ "$kind" = loaded ]; then
                finish_wrk "$WORK/wrk.out" "$duration"
                fields=$WRK_FIELDS
            else
                longest=$(awk -v l="$longest" -v c="$cycle" 'BEGIN { print (c > l ? c : l) }')
            fi
            stop_daemon
            cpu=$DAEMON_CPU
            WAL_FILE=""
            say "cycle run $run $kind: ${cycle}s, feedd CPU ${cpu}s, WAL peak ${WAL_PEAK} MB, load1 $started;" \
                "$(grep 'cycle ended .*feeds=' "$log" | head -1 | sed 's/.*cycle ended //')"
            # shellcheck disable=SC2086
            set -- $fields
            printf 'cycle\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t-\t%s\t%s\n' "$kind" "$run" "$started" "$1" \
                "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$cycle" "$cpu" "$WAL_PEAK" >> "$RAW"
        done
    done
    rm -rf "$state"
}

print_cycle() {
    [ "$(runs_of cycle)" -gt 0 ] || return 0
    echo
    echo "Cold cycle of 1000 feeds (50,000 articles) in the service, on the $CYCLE_STORE store, fetch concurrency" \
        "$FETCH_CONCURRENCY; medians of $(runs_of cycle) runs (min-max)"
    printf '%-50s %16s %12s %8s %6s %s\n' case cycle_s feedd_cpu_s wal_MB load1 "API under load"
    local kind label
    for kind in noapi idle loaded; do
        case $kind in
        noapi) label="[api] absent" ;;
        idle) label="[api] present, idle" ;;
        loaded) label="[api] present, wrk $WRK_CONNECTIONS clients (both endpoints)" ;;
        esac
        awk -F'\t' -v k="$kind" '$1 == "cycle" && $2 == k' "$RAW" > "$WORK/rows"
        [ -s "$WORK/rows" ] || continue
        local extra=""
        [ "$kind" = loaded ] && extra="median $(cut -f5 "$WORK/rows" | median) ms, p99 $(cut -f6 "$WORK/rows" | median) ms,"`
            `" $(cut -f8 "$WORK/rows" | median) req/s, errors $(awk -F'\t' '{ s += $10 + $11 } END { print s }' \
            "$WORK/rows"), socket errors $(awk -F'\t' '{ s += $12 } END { print s }' "$WORK/rows")"
        printf '%-50s %16s %12s %8s %6s %s\n' "$label" \
            "$(cut -f13 "$WORK/rows" | median) ($(cut -f13 "$WORK/rows" | sort -g | head -1)-$(cut -f13 "$WORK/rows" |
                sort -g | tail -1))" \
            "$(cut -f15 "$WORK/rows" | median)" "$(cut -f16 "$WORK/rows" | grep -v '^-*$' | median)" \
            "$(cut -f4 "$WORK/rows" | median)" "$extra"
    done
}

# REPORT=RAW_TSV prints the tables of an earlier run's raw.tsv (or of several, concatenated) and runs nothing.
if [ -n "${REPORT:-}" ]; then
    RAW=$REPORT
    print_latency
    print_cycle
    exit 0
fi
printf 'part\tcase\trun\tload1\tmedian_ms\tp99_ms\tmax_ms\trps\trequests\tstatus_errors\ttimeouts\tsocket_errors\tcycle_s\tcovered_s\tfeedd_cpu_s\twal_peak_mb\n' \
    > "$RAW"
start_nginx
for part in $PARTS; do
    case $part in
    latency) run_latency ;;
    cycle) run_cycle ;;
    *) die "unknown part $part (latency, cycle)" ;;
    esac
done
say "load after the runs: $(uptime | sed 's/.*load/load/')"
for part in $PARTS; do
    case $part in
    latency) print_latency ;;
    cycle) print_cycle ;;
    esac
done | tee "$RESULTS/summary.txt"
echo
echo "raw runs: $RAW"
