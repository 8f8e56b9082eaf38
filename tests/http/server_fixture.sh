#!/usr/bin/env bash
# CTest fixture for the HTTP tests: `start` creates a fresh database in the
# test cluster, migrates it, loads the reference data and starts
# hrtrack-server on a free loopback port (written to $HRTRACK_TEST_PORT_FILE);
# `stop` stops that server. Never touches the user's embedded cluster.
set -euo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${HRTRACK_TEST_PORT_FILE:?}" "${SERVER:?}" "${IMPORT:?}"
state_dir=$(dirname "$HRTRACK_TEST_PORT_FILE")
pid_file="$state_dir/server.pid"
log_file="$state_dir/server.log"
dbname=hrtrack_test_http
socket_dir=$(cd "$HRTRACK_TEST_PG_DIR/run" && pwd)

case "${1:-}" in
start)
  if [ -f "$pid_file" ]; then kill "$(cat "$pid_file")" 2>/dev/null || true; rm -f "$pid_file"; fi
  rm -f "$HRTRACK_TEST_PORT_FILE"
  psql -X -q -v ON_ERROR_STOP=1 "host=$socket_dir user=hrtrack dbname=postgres" \
    -c "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" -c "CREATE DATABASE $dbname"
  export HRTRACK_DB="host=$socket_dir user=hrtrack dbname=$dbname"
  "$SERVER" migrate
  "$IMPORT" reference >/dev/null
  # Real recommendations to query: UPR Info rows, the UHRI fixtures, a UPR report.
  data="$(dirname "$0")/../data"
  "$IMPORT" upr-info "$data/upr-info/paraguay-session10.csv" >/dev/null
  "$IMPORT" uhri "$data/uhri/fixture-mixed.json" >/dev/null
  "$IMPORT" document "$data/documents/A-HRC-15-6-spain.txt" --symbol A/HRC/15/6 \
    --date 2010-06-16 --state Spain >/dev/null
  # Slovenia's UPR report: only test_sdg_suggestions uses it (it runs suggest-sdg on it).
  "$IMPORT" document "$data/documents/A-HRC-14-15-slovenia.txt" --symbol A/HRC/14/15 \
    --date 2010-03-15 --state Slovenia >/dev/null
  # Institutions and accounts for the access tests (tests/support/http_session.h).
  "$SERVER" add-institution MFA --kind ministry --name-en "Ministry of Foreign Affairs" \
    --name-es "Ministerio de Relaciones Exteriores" --name-fr "Ministère des Affaires étrangères" >/dev/null
  "$SERVER" add-institution MOH --kind ministry --name-en "Ministry of Health" \
    --name-es "Ministerio de Salud" --name-fr "Ministère de la Santé" >/dev/null
  "$SERVER" add-institution MOE --kind ministry --name-en "Ministry of Education" \
    --name-es "Ministerio de Educación" --name-fr "Ministère de l'Éducation" >/dev/null
  password="correct horse battery staple"
  while read -r email role institution name; do
    args=(add-user "$email" --role "$role" --password-stdin)
    [ "$institution" != - ] && args+=(--institution "$institution")
    [ -n "$name" ] && args+=(--name "$name")
    echo "$password" | "$SERVER" "${args[@]}" >/dev/null
  done <<'USERS'
admin@test.hrtrack admin -
coordinator@test.hrtrack coordinator MFA
focal.moh@test.hrtrack focal_point MOH
validator.moh@test.hrtrack validator MOH
focal.moe@test.hrtrack focal_point MOE
cso@test.hrtrack cso - Voces del Sur
unct@test.hrtrack unct -
locked@test.hrtrack cso - Locked commenter
USERS
  # setsid: the server must outlive this fixture step; stop kills it.
  # Files up to 2 MiB (above the 1 MiB JSON limit), so that test_status_updates
  # can show both that the limit is read from the environment and that it is per route.
  # HRTRACK_TEST_SERVER_WRAPPER runs the server under a tool (scripts/valgrind-http).
  # shellcheck disable=SC2086
  HRTRACK_ATTACHMENT_MAX_BYTES=2097152 setsid ${HRTRACK_TEST_SERVER_WRAPPER:-} "$SERVER" serve --port 0 --threads 4 --port-file "$HRTRACK_TEST_PORT_FILE" \
    >"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  for _ in $(seq "${HRTRACK_TEST_SERVER_WAIT:-100}"); do
    [ -s "$HRTRACK_TEST_PORT_FILE" ] && exit 0
    kill -0 "$(cat "$pid_file")" 2>/dev/null || break
    sleep 0.1
  done
  echo "hrtrack-server did not start; its log:" >&2
  cat "$log_file" >&2
  exit 1
  ;;
stop)
  if [ -f "$pid_file" ]; then
    pid=$(cat "$pid_file")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq "${HRTRACK_TEST_SERVER_WAIT:-50}"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "hrtrack-server did not stop on SIGTERM" >&2
      kill -KILL "$pid"
      exit 1
    fi
    rm -f "$pid_file"
    # The Debug build runs under ASan/UBSan: a report at exit is a failure.
    if grep -E "AddressSanitizer|LeakSanitizer|runtime error" "$log_file" >&2; then
      exit 1
    fi
  fi
  ;;
*)
  echo "usage: $0 start|stop" >&2
  exit 2
  ;;
esac
