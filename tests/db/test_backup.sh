#!/usr/bin/env bash
# Issue 10, backups: `hrtrack-server backup FILE` then `restore FILE` into an
# empty database gives back every row (counts of every table), the audit log
# byte for byte (checksum), the attachments, and the application role's
# grants (the audit log stays append-only). A restore over a database that
# holds tables is refused and changes nothing; a damaged backup leaves the
# target empty (one transaction).
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}" "${IMPORT:?}" "${HRTRACK_HOME:?}"
work=$(mktemp -d /tmp/hrtrack-backup-XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/testlib.sh"
sql() { psql -X -A -t -v ON_ERROR_STOP=1 "$1" -c "$2"; }

# Row counts of every table of the public schema, one "table count" per line.
table_counts() {
  psql -X -A -t -F ' ' "$1" <<'SQL'
SELECT format('SELECT %L, count(*) FROM %I', relname, relname) FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY relname
\gexec
SQL
}
audit_sum() { sql "$1" "SELECT count(*) || ':' || md5(coalesce(string_agg(a::text, '|' ORDER BY a.id), '')) FROM audit_log a"; }
blob_sum() { sql "$1" "SELECT count(*) || ':' || md5(coalesce(string_agg(encode(content, 'hex'), '' ORDER BY sha256), '')) FROM attachment_blob"; }

source_db=$(fresh_db hrtrack_test_backup_src)
target_db=$(fresh_db hrtrack_test_backup_dst)
export HRTRACK_DB=$source_db
"$SERVER" migrate >/dev/null 2>&1
"$IMPORT" reference >/dev/null 2>&1
"$IMPORT" upr-info "$HRTRACK_HOME/data/upr-info/1-5.csv" >/dev/null 2>&1
"$SERVER" add-user backup.admin@test.hrtrack --admin --name "Backup Admin" >/dev/null 2>&1
"$SERVER" add-institution BKP --kind ministry --name-en "Backup Ministry" \
  --name-es "Ministerio de Respaldo" --name-fr "Ministère de la Sauvegarde" >/dev/null 2>&1
content=$(head -c 3000 /dev/urandom | od -An -tx1 | tr -d ' \n')
sql "$source_db" "INSERT INTO attachment_blob (sha256, size, content) VALUES (sha256(decode('$content', 'hex')), 3000, decode('$content', 'hex'))" >/dev/null
check "the source holds recommendations" test "$(sql "$source_db" "SELECT count(*) FROM recommendation")" -gt 1000
check "the source's audit log has entries" test "$(sql "$source_db" "SELECT count(*) FROM audit_log")" -gt 0

"$SERVER" backup "$work/hrtrack.backup" >"$work/backup.out" 2>&1
check "backup exits 0" test $? -eq 0
check "backup names the file and the schema version" grep -q "backup written to $work/hrtrack.backup: schema at version [0-9]" "$work/backup.out"
check "no partial file is left" test ! -e "$work/hrtrack.backup.partial"
check "the backup is pg_dump's custom format" test "$(head -c 5 "$work/hrtrack.backup")" = "PGDMP"

HRTRACK_DB=$target_db "$SERVER" restore "$work/hrtrack.backup" >"$work/restore.out" 2>&1
check "restore exits 0" test $? -eq 0
check "restore reports the schema version" grep -q "restored from .*: schema at version [0-9]" "$work/restore.out"
table_counts "$source_db" >"$work/source.counts"
table_counts "$target_db" >"$work/target.counts"
check "every table has the same number of rows ($(wc -l <"$work/source.counts") tables)" \
  diff "$work/source.counts" "$work/target.counts"
check "the audit log is the same, row for row (checksum)" test "$(audit_sum "$source_db")" = "$(audit_sum "$target_db")"
check "the attachments are the same (checksum)" test "$(blob_sum "$source_db")" = "$(blob_sum "$target_db")"
check "the application role still cannot rewrite the audit log" \
  test "$(sql "$target_db" "SELECT has_table_privilege('hrtrack_app', 'audit_log', 'UPDATE')")" = "f"
check "the application role can read and write the recommendations" \
  test "$(sql "$target_db" "SELECT has_table_privilege('hrtrack_app', 'recommendation', 'INSERT')")" = "t"
check "the restored database is up to date for this server" bash -c "HRTRACK_DB='$target_db' '$SERVER' migrate | grep -q '(0 migration(s) applied now)'"
check "sequences continue after the restored rows" \
  test "$(sql "$target_db" "SELECT nextval('audit_log_id_seq') > (SELECT max(id) FROM audit_log)")" = "t"

# A restore over data is refused and changes nothing.
before=$(table_counts "$target_db" | md5sum)
HRTRACK_DB=$target_db "$SERVER" restore "$work/hrtrack.backup" >"$work/again.out" 2>&1
check "a restore into a database with tables fails" test $? -ne 0
check "and says it needs an empty database" grep -q "needs an empty database" "$work/again.out"
check "and changes nothing" test "$(table_counts "$target_db" | md5sum)" = "$before"

# A damaged backup: the target stays empty.
empty_db=$(fresh_db hrtrack_test_backup_empty)
head -c $(($(stat -c %s "$work/hrtrack.backup") / 2)) "$work/hrtrack.backup" >"$work/truncated.backup"
HRTRACK_DB=$empty_db "$SERVER" restore "$work/truncated.backup" >"$work/bad.out" 2>&1
check "a truncated backup fails to restore" test $? -ne 0
check "and leaves no table behind" test "$(sql "$empty_db" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" -eq 0
HRTRACK_DB=$empty_db "$SERVER" restore "$work/missing.backup" >"$work/missing.out" 2>&1
check "a missing file is named" grep -q "cannot read the backup $work/missing.backup" "$work/missing.out"

finish
