#!/usr/bin/env bash
# The command-line behaviour around the database, with the real binaries
# against the test cluster:
#  - `migrate` names the file when an applied migration was edited;
#  - `serve` refuses an out-of-date schema and names the command that fixes it;
#  - with HRTRACK_DB set, no embedded cluster is created or started;
#  - `hrtrack-import reference` run twice changes nothing the second time.
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}" "${IMPORT:?}" "${SCHEMA_DIR:?}"
work=$(mktemp -d /tmp/hrtrack-cli-XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/testlib.sh"

# An embedded-cluster folder that must stay untouched in every step below.
export HRTRACK_PG_DIR="$work/must-not-exist"

# 1. Editing an applied migration.
export HRTRACK_DB=$(fresh_db hrtrack_test_cli)
cp -r "$SCHEMA_DIR" "$work/schema"
"$SERVER" migrate >/dev/null 2>&1
echo "-- an edit" >>"$work/schema/0001_reference.sql"
HRTRACK_SCHEMA_DIR="$work/schema" "$SERVER" migrate >"$work/out" 2>&1
status=$?
check "migrate fails after an applied migration was edited" test "$status" -ne 0
check "the message names the edited file" grep -q "0001_reference.sql was changed after it was applied" "$work/out"

# 2. serve refuses an out-of-date schema.
export HRTRACK_DB=$(fresh_db hrtrack_test_cli_empty)
timeout 20 "$SERVER" serve --port 0 >"$work/out" 2>&1
status=$?
check "serve exits with an error on an unmigrated database" test "$status" -eq 1
check "serve says which command fixes it" grep -q 'run `hrtrack-server migrate`' "$work/out"

# 3. HRTRACK_DB set: the embedded cluster is never created.
export HRTRACK_DB=$(fresh_db hrtrack_test_cli)
"$SERVER" migrate >/dev/null 2>&1
check "migrate works on the external server" "$SERVER" migrate
"$IMPORT" reference >"$work/first" 2>&1
check "reference loads on the external server" grep -q "^targets *169 read, *169 inserted" "$work/first"
"$IMPORT" reference >"$work/second" 2>&1
check "a second reference load inserts nothing" grep -q "^targets *169 read, *0 inserted, *0 updated, *169 unchanged" "$work/second"
check "a second reference load changes no state" grep -q "^states *249 read, *0 inserted, *0 updated, *249 unchanged" "$work/second"
check "no embedded cluster was created" test ! -e "$HRTRACK_PG_DIR"

# The URI form works as well as the keyword form.
encoded_socket=$(printf '%s' "$socket_dir" | sed 's#/#%2F#g')
HRTRACK_DB="postgresql://hrtrack@$encoded_socket/hrtrack_test_cli" "$SERVER" migrate >"$work/out" 2>&1
check "HRTRACK_DB as a postgresql:// URI" grep -q "schema at version" "$work/out"
check "still no embedded cluster after the URI run" test ! -e "$HRTRACK_PG_DIR"

# `sql` prints statements that run as they are, quotes doubled in literals.
"$SERVER" sql "/api/v1/recommendations?state=PY&q=it%27s%20torture&lang=fr" >"$work/q.sql" 2>&1
check "sql: the search text is a literal with its quote doubled" grep -q "'it''s torture'" "$work/q.sql"
check "sql: the count and the page run on the database" psql -X -q -v ON_ERROR_STOP=1 "$HRTRACK_DB" -f "$work/q.sql" -o /dev/null
"$SERVER" sql "/api/v1/recommendations/facets?state=PY" | psql -X -q -v ON_ERROR_STOP=1 "$HRTRACK_DB" -o /dev/null
check "sql: the facets statement runs" test $? -eq 0
"$SERVER" sql "/api/v1/recommendations?sdg_target=16.03" >"$work/out" 2>&1
check "sql: a malformed value is refused as the API refuses it" grep -q 'parameter "sdg_target"' "$work/out"

# 4. A database that cannot be reached is reported, not waited for forever.
HRTRACK_DB="host=$work/nowhere user=hrtrack dbname=x" timeout 20 "$SERVER" migrate >"$work/out" 2>&1
status=$?
check "an unreachable HRTRACK_DB fails" test "$status" -eq 1
check "the failure says the database is unreachable" grep -q "cannot connect to the database" "$work/out"
check "still no embedded cluster" test ! -e "$HRTRACK_PG_DIR"

finish
