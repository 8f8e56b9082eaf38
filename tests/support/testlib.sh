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
