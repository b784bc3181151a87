#!/usr/bin/env bash
# soak.sh [MINUTES]   (default 10)
#
# feedd running as a service for MINUTES against nginx on 127.0.0.1 serving the 1000 feeds of the
# ../shared/bench corpus, with intervals shortened so every feed is fetched every minute or two (after the first
# cycle nearly every answer is a 304). Every 30 s it samples feedd's resident memory and open file descriptors;
# at the end it stops feedd with SIGTERM and reports start and end figures, the number of cycles and whether the
# exit was clean. A benchmark, not a test: it reports, it does not judge.
#
# Env: CORPUS (/tmp/feedbench/corpus, made by gen_corpus.py), FEEDD_BIN (.build/release), SHARED (../shared).
set -euo pipefail
MINUTES=${1:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
CORPUS=$(readlink -f "${CORPUS:-/tmp/feedbench/corpus}")
BIN=${FEEDD_BIN:-$ROOT/.build/release}
[ -f "$CORPUS/manifest.json" ] || { echo "soak.sh: no corpus at $CORPUS (run gen_corpus.py)" >&2; exit 2; }
PORT=$(python3 -c "import json; print(json.load(open('$CORPUS/manifest.json'))['port'])")
ST=/tmp/feedbench/soak
rm -rf "$ST"; mkdir -p "$ST"

RUN=/tmp/feedbench/nginx-$PORT
STARTED=0
if ! FEEDBENCH_RUN=$RUN "$SHARED/bench/serve.sh" status "$PORT" >/dev/null 2>&1; then
    FEEDBENCH_RUN=$RUN "$SHARED/bench/serve.sh" start "$PORT" "$CORPUS" >&2
    STARTED=1
fi
cleanup() {
    [ -n "${PID:-}" ] && kill -9 "$PID" 2>/dev/null || true
    [ "$STARTED" = 1 ] && FEEDBENCH_RUN=$RUN "$SHARED/bench/serve.sh" stop "$PORT" >&2 || true
}
trap cleanup EXIT

cat > "$ST/feedd.toml" <<CONF
[store]
path = "$ST/feedd.sqlite"
[fetch]
interval = "1m"
min_interval = "30s"
max_interval = "2m"
concurrency = 32
per_host = 32
allow_private_addresses = true
CONF
sed "s#127\.0\.0\.1:[0-9]*/#127.0.0.1:$PORT/#" "$CORPUS/feeds.opml" > "$ST/feeds.opml"
"$BIN/feedctl" import --config "$ST/feedd.toml" "$ST/feeds.opml" >/dev/null

"$BIN/feedd" --config "$ST/feedd.toml" 2> "$ST/feedd.log" &
PID=$!
sample() {
    local rss fds
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status")
    fds=$(ls "/proc/$PID/fd" | wc -l)
    printf '%6ds  rss %6d KiB  fds %4d  cycles %4d\n' "$1" "$rss" "$fds" "$(grep -c ' cycle ended ' "$ST/feedd.log" || true)"
}
sleep 5
echo "elapsed   resident memory   open fds   cycles logged"
sample 5 | tee "$ST/samples.txt"
END=$((MINUTES * 60))
for ((t = 30; t <= END; t += 30)); do
    sleep 30
    kill -0 "$PID" 2>/dev/null || { echo "feedd died; see $ST/feedd.log" >&2; exit 1; }
    sample "$t" | tee -a "$ST/samples.txt"
done
kill -TERM "$PID"
wait "$PID"; STATUS=$?
PID=
echo "exit status after SIGTERM: $STATUS"
echo "cycles: $(grep -c ' cycle ended ' "$ST/feedd.log" || true); failures logged: $(grep -c ' WARNING ' "$ST/feedd.log" || true); errors: $(grep -c ' ERROR ' "$ST/feedd.log" || true)"
grep ' cycle ended ' "$ST/feedd.log" | tail -3
"$BIN/feedctl" status --config "$ST/feedd.toml" --check
