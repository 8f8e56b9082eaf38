#!/usr/bin/env bash
# `hrtrack-import upr-info` on the whole bundled UPR Info export (data/upr-info,
# five files, 41,066 rows): every row imported or refused with a reason, the
# values of a known row in their place, and a second import that changes nothing.
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}" "${IMPORT:?}" "${HRTRACK_HOME:?}"
work=$(mktemp -d /tmp/hrtrack-uprinfo-XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/testlib.sh"
sql() { psql -X -A -t "$HRTRACK_DB" -c "$1"; }

export HRTRACK_DB=$(fresh_db hrtrack_test_upr_info)
"$SERVER" migrate >/dev/null 2>&1
"$IMPORT" reference >/dev/null

read_total=0
for f in 1-5 6-9 10-13 14-17 17-20; do
  "$IMPORT" upr-info "$HRTRACK_HOME/data/upr-info/$f.csv" --rejects "$work/rejects-$f.csv" >"$work/$f.out" 2>&1
  status=$?
  check "$f.csv: exit code 0 or 1 (rows refused)" test "$status" -le 1
  n=$(sed -n 's/^upr-info: \([0-9]*\) read.*/\1/p' "$work/$f.out")
  read_total=$((read_total + ${n:-0}))
done
check "41,066 rows read" test "$read_total" -eq 41066
total=$(sql "SELECT count(*) FROM recommendation WHERE source = 'upr-info'")
rejected=$(cat "$work"/rejects-*.csv | grep -vc '^record,')
check "every row is a recommendation or a refusal ($total + $rejected)" test $((total + rejected)) -eq 41066
check "the refusals are the rows that appear twice" test "$(cat "$work"/rejects-*.csv | grep -c 'same key as record')" -eq "$rejected"
check "no state left unresolved" test "$(sql "SELECT count(*) FROM recommendation r WHERE NOT EXISTS (SELECT 1 FROM recommendation_state s WHERE s.recommendation_id = r.id)")" -eq 0
check "positions: 30,472 accepted rows are supported" test "$(sql "SELECT count(*) FROM recommendation WHERE upr_position = 'supported'")" -ge 30470
check "Paraguay's session 10 review: 129 rows" test "$(sql "SELECT count(*) FROM recommendation r JOIN recommendation_state s ON s.recommendation_id = r.id WHERE s.state = 'PY' AND r.upr_session = 10")" -eq 129
row=$(sql "SELECT concat_ws('|', r.upr_cycle, r.upr_session, r.action_category, r.upr_position, (SELECT string_agg(state, ',') FROM recommendation_recommending_state x WHERE x.recommendation_id = r.id), (SELECT string_agg(t.name, ',' ORDER BY t.name) FROM recommendation_theme x JOIN theme t ON t.id = x.theme_id WHERE x.recommendation_id = r.id)) FROM recommendation r JOIN recommendation_state s ON s.recommendation_id = r.id WHERE s.state = 'AF' AND r.text_plain LIKE 'Enact legislation and take effective measures to protect and promote women%'")
check "a known row: cycle 1, session 5, action 5, supported, from Austria, two issues ($row)" test "$row" = "1|5|5|supported|AT|Rights of the Child,Women's rights"
check "Mac Roman decoded (é in a text)" test "$(sql "SELECT count(*) FROM recommendation WHERE text_plain LIKE '%é%'")" -gt 0
check "an unknown recommending state is kept as none" test "$(sql "SELECT count(*) FROM recommendation r WHERE NOT EXISTS (SELECT 1 FROM recommendation_recommending_state x WHERE x.recommendation_id = r.id)")" -ge 9

for f in 1-5 17-20; do
  "$IMPORT" upr-info "$HRTRACK_HOME/data/upr-info/$f.csv" >"$work/again.out" 2>&1
  check "$f.csv imported again: 0 inserted, 0 updated" grep -q " 0 inserted, 0 updated, " "$work/again.out"
done

"$IMPORT" upr-info "$HRTRACK_HOME/data/upr-info/6-9.csv" --if-new >"$work/again.out" 2>&1
status=$?
check "--if-new on a file imported before: exit code 0" test "$status" -eq 0
check "--if-new on a file imported before: nothing to do" grep -q "was already imported" "$work/again.out"

finish
