#!/usr/bin/env bash
# Issue 10, graceful shutdown: on SIGTERM hrtrack-server stops accepting
# connections at once, answers the requests already in progress (here a
# sign-in whose body is still arriving), then exits 0; after
# HRTRACK_SHUTDOWN_GRACE seconds it stops anyway and says how many requests
# it cut. Runs its own server on the HTTP fixture's database (read-only use).
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}"
work=$(mktemp -d /tmp/hrtrack-shutdown-XXXXXX)
source "$(dirname "$0")/../support/testlib.sh"
export HRTRACK_DB="host=$socket_dir user=hrtrack dbname=hrtrack_test_http"
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT

start_server() { # grace seconds
  rm -f "$work/port"
  HRTRACK_SHUTDOWN_GRACE=$1 "$SERVER" serve --port 0 --threads 2 --port-file "$work/port" \
    >"$work/server.log" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(cat "$work/port")
}

body='{"email":"nobody@test.hrtrack","password":"not the password"}'
# Opens fd 3 to the server and sends a sign-in request with only the first
# half of its body, so that the request is in progress until the rest comes.
begin_request() {
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nOrigin: http://127.0.0.1:%s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
    "$port" "$port" "${#body}" "${body:0:20}" >&3
}

# waits up to $1 seconds for the server to exit; sets $code to its exit code
# (or "running"). Not in a $(...) subshell: only this shell can wait for it.
wait_exit() {
  for _ in $(seq $(($1 * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then code=running; else wait "$pid"; code=$?; fi
}

# 1. A request in progress is answered in full.
start_server 20
check "the server listens" curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/health"
begin_request
sleep 0.3
kill -TERM "$pid"
sleep 0.5
curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/api/v1/health"
check "after SIGTERM, new connections are refused at once (curl exit 7)" test $? -eq 7
check "the server is still running while a request is in progress" kill -0 "$pid"
printf '%s' "${body:20}" >&3
timeout 5 cat <&3 >"$work/reply"
exec 3>&-
check "the request in progress got its whole answer (401 for a wrong password)" \
  grep -q '^HTTP/1.1 401' "$work/reply"
check "with its JSON error" grep -q '"invalid_credentials"' "$work/reply"
check "and Connection: close" grep -qi '^Connection: close' "$work/reply"
wait_exit 5
check "then the server exits with code 0 ($code)" test "$code" = 0
check "its log says every request was answered" grep -q "every request in progress was answered" "$work/server.log"
check "and logs the answered request" grep -q "POST /api/v1/session 401" "$work/server.log"

# 2. A request that never finishes is cut after the grace period.
start_server 1
begin_request
sleep 0.3
kill -TERM "$pid"
started=$(date +%s%N)
wait_exit 6
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
exec 3>&-
check "a request that never completes does not hold the shutdown ($code after ${elapsed_ms} ms)" test "$code" = 0
check "the server waited about the grace period (1 s) before cutting it" test "$elapsed_ms" -ge 900
check "its log says a request was cut" grep -q "stopping with 1 request(s) still in progress after 1 s" "$work/server.log"

finish
