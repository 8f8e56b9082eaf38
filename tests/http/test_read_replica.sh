#!/usr/bin/env bash
# Issue 10, scale-out: a primary and a hot standby (pg_basebackup -R) on this
# machine, hrtrack-server with HRTRACK_DB_READ pointing at the standby. The
# public's reads are served by the standby; a signed-in user reads the
# primary and sees their own write at once (read-your-writes); when the
# primary is down, public pages and exports are still served from the
# standby while writes answer 503.
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}" "${IMPORT:?}"
work=$(mktemp -d /tmp/hrtrack-replica-XXXXXX)
chmod 755 "$work"
source "$(dirname "$0")/../support/testlib.sh"
export HRTRACK_PG_DIR="$work/primary" HRTRACK_DB=
pid=
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  as_cluster_owner "$pg_bindir/pg_ctl" -D "$work/standby/data" -m immediate stop >/dev/null 2>&1
  "$SERVER" db stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# The primary: the embedded cluster code, in a folder of its own.
"$SERVER" db start >/dev/null 2>&1 || { echo "cannot start the primary"; exit 1; }
primary=$("$SERVER" db url)
seed_private_db coordinator@replica.test

# The standby: a base backup with recovery settings (-R), on its own socket.
mkdir -p "$work/standby/run"
[ "$(id -u)" = 0 ] && chown -R hrtrack "$work/standby"
as_cluster_owner "$pg_bindir/pg_basebackup" -D "$work/standby/data" -R -X stream \
  -d "host=$work/primary/run user=hrtrack" >"$work/basebackup.log" 2>&1
check "pg_basebackup -R makes a standby" test -f "$work/standby/data/standby.signal"
echo "unix_socket_directories = '$work/standby/run'" | as_cluster_owner tee -a "$work/standby/data/postgresql.auto.conf" >/dev/null
as_cluster_owner "$pg_bindir/pg_ctl" -D "$work/standby/data" -l "$work/standby/log" -w start >/dev/null 2>&1
standby="host=$work/standby/run user=hrtrack dbname=hrtrack"
check "the standby runs in recovery (hot standby)" \
  test "$(psql -X -A -t "$standby" -c 'SELECT pg_is_in_recovery()')" = t

HRTRACK_DB=$primary HRTRACK_DB_READ=$standby "$SERVER" serve --port 0 --threads 2 \
  --port-file "$work/port" >"$work/server.log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")"

# Public reads: served by the standby.
for _ in 1 2 3 4; do curl -sf -o /dev/null "$base/api/v1/recommendations?state=PY&limit=5"; done
served=$(psql -X -A -t "$standby" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hrtrack-server'")
check "the public's reads are served by the standby ($served connections there)" test "$served" -ge 1
on_primary=$(psql -X -A -t "$primary" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hrtrack-server'")
check "and not by the primary ($on_primary server connections there)" test "$on_primary" -eq 0

# A signed-in user writes, then reads at once: the primary answers.
csrf=$(sign_in "$base" coordinator@replica.test "$work/cookies")
curl -s -b "$work/cookies" -H "Origin: $base" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name":"replica cluster"}' "$base/api/v1/clusters" >"$work/created.json"
id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$work/created.json" | head -1)
check "the coordinator's write is acknowledged (cluster $id)" test -n "$id"
code=$(curl -s -o "$work/read.json" -w '%{http_code}' -b "$work/cookies" "$base/api/v1/clusters/$id")
check "and read back at once by the same user ($code: read-your-writes)" \
  bash -c "[ '$code' = 200 ] && grep -q 'replica cluster' '$work/read.json'"
replicated=0
for _ in $(seq 50); do
  [ "$(psql -X -A -t "$standby" -c "SELECT count(*) FROM rec_cluster WHERE name = 'replica cluster'")" = 1 ] && { replicated=1; break; }
  sleep 0.1
done
check "the write reaches the standby by streaming replication" test "$replicated" = 1

# The primary goes down: public pages stay up, writes answer 503.
"$SERVER" db stop >/dev/null 2>&1
check "the primary is down" bash -c "! psql -X -A -t '$primary' -c 'SELECT 1' >/dev/null 2>&1"
code=$(curl -s -o "$work/list.json" -w '%{http_code}' "$base/api/v1/recommendations?state=PY&limit=5")
check "a public list is still served ($code)" test "$code" = 200
rec=$(sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p' "$work/list.json")
check "a recommendation page is still served" curl -sf -o /dev/null "$base/api/v1/recommendations/$rec"
check "the SDG summary is still served" curl -sf -o /dev/null "$base/api/v1/states/PY/summary"
lines=$(curl -sf "$base/api/v1/recommendations?state=PY&format=csv" | wc -l)
check "an export is still served ($lines lines)" test "$lines" -gt 100
code=$(curl -s -o "$work/write.json" -w '%{http_code}' -b "$work/cookies" -H "Origin: $base" \
  -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d '{"name":"while down"}' \
  "$base/api/v1/clusters")
check "a write answers 503 while the primary is down ($code)" test "$code" = 503
check "with the database_unavailable error" grep -q database_unavailable "$work/write.json"
check "the server is still running" kill -0 "$pid"

finish
