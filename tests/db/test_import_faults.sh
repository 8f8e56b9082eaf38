#!/usr/bin/env bash
# Faults during an import leave the database exactly as it was:
#  - the importer killed with SIGKILL in the middle of a run;
#  - a truncated JSON file, and a file that is not JSON at all;
#  - a dry run.
# "Exactly as it was" is checked with a fingerprint of every table the
# importer writes.
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}" "${IMPORT:?}" "${GEN_UHRI:?}" "${UHRI_FIXTURES:?}"
work=$(mktemp -d /tmp/hrtrack-faults-XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/testlib.sh"

export HRTRACK_DB=$(fresh_db hrtrack_test_faults)
export HRTRACK_PG_DIR="$work/no-embedded-cluster"
"$SERVER" migrate >/dev/null 2>&1
"$IMPORT" reference >/dev/null

fingerprint() {
  psql -X -A -t "$HRTRACK_DB" -c "
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', id, external_key, content_hash), ';' ORDER BY id) FROM recommendation),
      (SELECT string_agg(concat_ws(',', recommendation_id, goal, target, source), ';' ORDER BY 1, 2, 3) FROM recommendation_sdg),
      (SELECT string_agg(concat_ws(',', recommendation_id, state), ';' ORDER BY 1, 2) FROM recommendation_state),
      (SELECT string_agg(name, ';' ORDER BY name) FROM theme),
      (SELECT string_agg(symbol, ';' ORDER BY symbol) FROM document),
      (SELECT string_agg(concat_ws(',', id, inserted, updated), ';' ORDER BY id) FROM import_run)))"
}

# A first good import, so that there is something to damage.
"$IMPORT" uhri "$UHRI_FIXTURES/fixture-mixed.json" >/dev/null 2>&1
before=$(fingerprint)
check "the first import wrote recommendations" test "$(psql -X -A -t "$HRTRACK_DB" -c 'SELECT count(*) > 0 FROM recommendation')" = t

# 1. Killed mid-run.
"$GEN_UHRI" 40000 "$work/big.json" >/dev/null
"$IMPORT" uhri "$work/big.json" >"$work/killed.out" 2>&1 &
pid=$!
# Wait until it is well into the file, then kill it without warning.
for _ in $(seq 100); do
  sleep 0.1
  if psql -X -A -t "$HRTRACK_DB" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hrtrack-import' AND query LIKE 'COPY%'" | grep -q 1; then
    break
  fi
done
sleep 0.5
check "the importer was still running when killed" kill -0 "$pid"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
# The server notices the dead client and rolls back; wait for its backend to go.
for _ in $(seq 100); do
  n=$(psql -X -A -t "$HRTRACK_DB" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hrtrack-import'")
  [ "$n" = 0 ] && break
  sleep 0.1
done
check "kill -9 mid-run leaves the database as it was" test "$(fingerprint)" = "$before"

# 2. A truncated file and a file that is not JSON.
for bad in fixture-truncated.json fixture-not-json.json; do
  "$IMPORT" uhri "$UHRI_FIXTURES/$bad" >"$work/out" 2>&1
  status=$?
  check "$bad: exit code 1" test "$status" -eq 1
  check "$bad: says the file is malformed" grep -q "not a well-formed JSON array" "$work/out"
  check "$bad: the database is unchanged" test "$(fingerprint)" = "$before"
done

# 3. A dry run counts but writes nothing.
"$IMPORT" uhri "$work/big.json" --dry-run >"$work/out" 2>&1
check "a dry run reports what it would insert" grep -q "dry run, nothing written: uhri: 40000 read, 40000 inserted" "$work/out"
check "a dry run leaves the database as it was" test "$(fingerprint)" = "$before"

# 4. An unreadable file: exit code 4, nothing written.
"$IMPORT" uhri "$work/does-not-exist.json" >"$work/out" 2>&1
status=$?
check "a missing file: exit code 4" test "$status" -eq 4
check "a missing file: the database is unchanged" test "$(fingerprint)" = "$before"

finish
