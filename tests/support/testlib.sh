# Shared by the shell tests in tests/db: results counted by check, a fresh
# database in the test cluster, and the closing line CTest reads.
# Source it after setting `set -uo pipefail`; needs HRTRACK_TEST_PG_DIR.

failures=0
passes=0
socket_dir=$(cd "$HRTRACK_TEST_PG_DIR/run" && pwd)

# check "what it shows" command args...: the command must succeed.
check() {
  local what=$1
  shift
  if "$@"; then
    passes=$((passes + 1))
    echo "ok   - $what"
  else
    failures=$((failures + 1))
    echo "FAIL - $what"
  fi
}

# fresh_db NAME: drops and creates NAME in the test cluster, prints its connection string.
fresh_db() {
  psql -X -q -v ON_ERROR_STOP=1 "host=$socket_dir user=hrtrack dbname=postgres" \
    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
  echo "host=$socket_dir user=hrtrack dbname=$1"
}

# finish: prints the totals and fails the test when a check failed.
finish() {
  echo "$passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}

# PostgreSQL's programs (the newest /usr/lib/postgresql/N/bin, as lib/db/cluster.c picks).
pg_bindir=${HRTRACK_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

# as_cluster_owner CMD...: runs CMD as the user that owns the embedded
# clusters ("hrtrack" when we are root: PostgreSQL refuses root).
as_cluster_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u hrtrack -- "$@"; else "$@"; fi
}

# seed_private_db COORDINATOR_EMAIL: migrates the database the environment
# names (HRTRACK_DB, or the embedded cluster of HRTRACK_PG_DIR), loads the
# reference data and Paraguay's UPR Info rows, and adds a coordinator of
# "MFA" with the password "correct horse battery staple". Needs SERVER, IMPORT.
seed_private_db() {
  "$SERVER" migrate >/dev/null 2>&1
  "$IMPORT" reference >/dev/null 2>&1
  "$IMPORT" upr-info "$(dirname "${BASH_SOURCE[0]}")/../data/upr-info/paraguay-session10.csv" >/dev/null 2>&1
  "$SERVER" add-institution MFA --kind ministry --name-en "Foreign Affairs" --name-es "Exteriores" \
    --name-fr "Affaires étrangères" >/dev/null 2>&1
  echo "correct horse battery staple" |
    "$SERVER" add-user "$1" --role coordinator --institution MFA --password-stdin >/dev/null 2>&1
}

# sign_in BASE EMAIL COOKIE_JAR: signs EMAIL in (password of seed_private_db),
# keeps the session cookie in COOKIE_JAR, prints the CSRF token ("" on failure).
sign_in() {
  curl -s -c "$3" -H "Origin: $1" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"correct horse battery staple\"}" "$1/api/v1/session" |
    sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p'
}
