#!/usr/bin/env bash
# Issue 10, faults: PostgreSQL stopped under load (immediate shutdown). While
# it is down the server answers 503 with Retry-After within a second instead
# of hanging, and never crashes; when it is back the server serves again by
# itself (connections re-opened, statements re-prepared). Every write the
# server acknowledged (201) before the crash is there after it, and every
# write that is there is whole (its audit entry with it).
# Runs on a private cluster of its own: stopping the shared test cluster
# would break the tests running beside this one.
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}" "${IMPORT:?}"
work=$(mktemp -d /tmp/hrtrack-dbdown-XXXXXX)
source "$(dirname "$0")/../support/testlib.sh"
export HRTRACK_PG_DIR="$work/pg" HRTRACK_DB=
pid=
load_pids=()
cleanup() {
  for p in "${load_pids[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  "$SERVER" db stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT


"$SERVER" db start >/dev/null 2>&1 || { echo "cannot start a private cluster"; exit 1; }
db=$("$SERVER" db url)
seed_private_db coordinator@faults.test

"$SERVER" serve --port 0 --threads 2 --port-file "$work/port" >"$work/server.log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")"
check "the server serves" curl -sf -o /dev/null "$base/api/v1/recommendations?limit=1"

# Sign in once; the writes reuse the session.
csrf=$(sign_in "$base" coordinator@faults.test "$work/cookies")
check "the coordinator is signed in" test -n "$csrf"

# Load: readers, and a writer creating numbered clusters; each logs "status seconds [name]".
reader() {
  while :; do
    curl -s -o /dev/null --max-time 5 -w '%{http_code} %{time_total}\n' \
      "$base/api/v1/recommendations?state=PY&limit=20" >>"$work/reads.log"
  done
}
writer() {
  local i=0
  while :; do
    i=$((i + 1))
    printf '%s ' "$(curl -s -o /dev/null --max-time 5 -w '%{http_code} %{time_total}' -b "$work/cookies" \
      -H "Origin: $base" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
      -d "{\"name\":\"fault cluster $i\"}" "$base/api/v1/clusters")" >>"$work/writes.log"
    echo "fault cluster $i" >>"$work/writes.log"
  done
}
reader & load_pids+=($!)
reader & load_pids+=($!)
writer & load_pids+=($!)
sleep 2

as_cluster_owner "$pg_bindir/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1
check "PostgreSQL is down (immediate shutdown)" bash -c "! '$SERVER' db status | grep -q running"
sleep 1
curl -s -D "$work/down.headers" -o "$work/down.json" --max-time 3 -w '%{http_code} %{time_total}\n' \
  "$base/api/v1/recommendations?state=PY" >"$work/down.status"
read -r code seconds <"$work/down.status"
check "while it is down: 503 ($code)" test "$code" = 503
check "within a second (${seconds} s)" awk -v s="$seconds" 'BEGIN { exit !(s < 1.0) }'
check "with Retry-After" grep -qi '^Retry-After: ' "$work/down.headers"
check "and an error that says so" grep -q '"database_unavailable"' "$work/down.json"
sleep 1
check "the server did not crash" kill -0 "$pid"

"$SERVER" db start >/dev/null 2>&1
back=0
for _ in $(seq 100); do
  if [ "$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$base/api/v1/recommendations?state=PY")" = 200 ]; then
    back=1
    break
  fi
  sleep 0.1
done
check "it serves again by itself once PostgreSQL is back" test "$back" = 1
sleep 1.5
for p in "${load_pids[@]}"; do kill "$p" 2>/dev/null; done
wait "${load_pids[@]}" 2>/dev/null
load_pids=()
check "writes succeed again after the restart" test "$(tail -n 3 "$work/writes.log" | grep -c '^201 ')" -ge 1
check "reads succeed again after the restart" test "$(tail -n 5 "$work/reads.log" | grep -c '^200 ')" -ge 1

# Nothing but 200/503 for reads and 201/503 for writes: no 500, no hang (000).
check "reads were answered 200 or 503, never anything else" \
  bash -c "! awk '{print \$1}' '$work/reads.log' | grep -qv '^\(200\|503\)$'"
check "writes were answered 201 or 503, never anything else" \
  bash -c "! awk '{print \$1}' '$work/writes.log' | grep -qv '^\(201\|503\)$'"
check "some requests were refused while it was down" grep -q '^503 ' "$work/reads.log"
check "no reply took longer than a second while it was down" \
  awk '$1 == 503 && $2 >= 1.0 { bad = 1 } END { exit bad }' "$work/reads.log" "$work/writes.log"

# Acknowledged writes are there, and what is there is whole.
sed -n 's/^201 [0-9.]* //p' "$work/writes.log" | sort >"$work/acked"
psql -X -A -t "$db" -c "SELECT name FROM rec_cluster WHERE name LIKE 'fault cluster %'" | sort >"$work/stored"
check "$(wc -l <"$work/acked") acknowledged writes, all stored" \
  bash -c "[ -z \"\$(comm -23 '$work/acked' '$work/stored')\" ]"
unaudited=$(psql -X -A -t "$db" -c "SELECT count(*) FROM rec_cluster c WHERE c.name LIKE 'fault cluster %' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'rec_cluster' AND a.entity_id = c.id::text)")
check "every stored cluster has its audit entry ($unaudited without)" test "$unaudited" = 0
check "the server logged the lost connection and its return" grep -q "database connection re-opened" "$work/server.log"

finish
