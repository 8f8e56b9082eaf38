#!/usr/bin/env bash
# Issue 10, faults: slow clients. Connections that trickle their request's
# head or body byte by byte (slowloris) are cut once HRTRACK_REQUEST_TIMEOUT
# has passed, and while they trickle the other clients are answered at
# once; clients that hang up in the middle of an export leave no open
# transaction and no leaked memory (LeakSanitizer in the Debug build).
# Runs its own server (2 threads, 2 s limit) on the HTTP fixture's database.
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}"
work=$(mktemp -d /tmp/hrtrack-slow-XXXXXX)
source "$(dirname "$0")/../support/testlib.sh"
db="host=$socket_dir user=hrtrack dbname=hrtrack_test_http"
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT

HRTRACK_DB=$db HRTRACK_REQUEST_TIMEOUT=2 "$SERVER" serve --port 0 --threads 2 \
  --port-file "$work/port" >"$work/server.log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
base="http://127.0.0.1:$port"
check "the server listens" curl -sf -o /dev/null "$base/api/v1/health"

now_ms() { date +%s%3N; }
# trickle NAME HEAD: sends HEAD, then one byte every 0.25 s for up to 8 s;
# writes how many ms passed before the server cut the connection (or "never").
trickle() {
  local name=$1 head=$2 started
  (
    trap '' PIPE
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    started=$(now_ms)
    printf '%b' "$head" >&3
    for _ in $(seq 32); do
      sleep 0.25
      if ! printf 'x' >&3 2>/dev/null; then
        echo $(($(now_ms) - started)) >"$work/$name"
        exit 0
      fi
    done
    echo never >"$work/$name"
  ) &
  tricklers+=($!)
}
tricklers=()

for i in $(seq 12); do
  trickle "head-$i" 'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '
done
for i in $(seq 4); do
  trickle "body-$i" 'POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"email":"'
done
sleep 0.5

# The others are served at once meanwhile.
slowest=0
for i in $(seq 20); do
  t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 5 "$base/api/v1/recommendations?limit=5")
  ms=$(awk -v t="$t" 'BEGIN { printf "%d", t * 1000 }')
  [ "$ms" -gt "$slowest" ] && slowest=$ms
done
check "while 16 clients trickle, 20 other requests are answered, the slowest in ${slowest} ms (< 500)" test "$slowest" -lt 500
wait "${tricklers[@]}"

for kind in head body; do
  for f in "$work/$kind"-*; do
    result=$(cat "$f")
    check "a trickled $kind is cut after the 2 s limit, not before ($(basename "$f"): $result ms)" \
      bash -c "[ '$result' != never ] && [ '$result' -ge 1800 ] && [ '$result' -le 4500 ]"
  done
done
check "the cuts are logged" grep -q "did not arrive within its time" "$work/server.log"

# A request that is slow but steady is not cut: a 400 KB upload at about
# 100 KB/s takes 4 s, within 2 s + 1 s per 16 KiB.
head -c 400000 /dev/zero | tr '\0' 'a' >"$work/big"
code=$(curl -s -o /dev/null -w '%{http_code}' --limit-rate 100k -H "Origin: $base" \
  -H 'Content-Type: application/json' --data-binary @"$work/big" "$base/api/v1/session")
check "a steady 400 KB body at 100 KB/s is read to the end and answered ($code)" test "$code" = 400 -o "$code" = 422

# Clients that hang up in the middle of exports.
for i in $(seq 10); do
  curl -s -o /dev/null --max-time 0.05 "$base/api/v1/recommendations?format=csv" 2>/dev/null
  curl -s -o /dev/null --max-time 0.05 "$base/api/v1/recommendations?format=xlsx" 2>/dev/null
done
sleep 0.5
check "after 20 cut exports a whole export still works" \
  bash -c "curl -sf '$base/api/v1/recommendations?format=csv' | wc -l | awk '{ exit !(\$1 > 100) }'"
idle_tx=$(psql -X -A -t "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = 'hrtrack_test_http' AND state LIKE 'idle in transaction%'")
check "no transaction is left open by the cut exports ($idle_tx)" test "$idle_tx" = 0

kill -TERM "$pid"
wait "$pid"
status=$?
pid=
check "the server stops cleanly ($status)" test "$status" = 0
check "without a memory leak (LeakSanitizer, Debug build)" bash -c "! grep -q 'LeakSanitizer' '$work/server.log'"

finish
