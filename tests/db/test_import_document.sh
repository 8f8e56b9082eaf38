#!/usr/bin/env bash
# `hrtrack-import document` on real UN documents (tests/data/documents): the
# recommendations, paragraph numbers, recommending states and positions that
# end up in the database match the hand-checked lists (*.expected.tsv).
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}" "${IMPORT:?}" "${HRTRACK_HOME:?}"
docs="$HRTRACK_HOME/tests/data/documents"
work=$(mktemp -d /tmp/hrtrack-document-XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/testlib.sh"

export HRTRACK_DB=$(fresh_db hrtrack_test_document)
"$SERVER" migrate >/dev/null 2>&1
"$IMPORT" reference >/dev/null

# Compares the database with an expected list: paragraph, recommending (raw
# names, ", "-separated), first 40 characters of the text, position.
compare() { # symbol expected-file
  local symbol=$1 expected=$2 mismatches=0 rows=0
  psql -X -A -t -F $'\t' "$HRTRACK_DB" -c "
    SELECT r.paragraph, rtrim(left(r.text_plain, 40)), coalesce(r.upr_position, ''),
      (SELECT count(*) FROM recommendation_recommending_state x WHERE x.recommendation_id = r.id)
    FROM recommendation r JOIN document d ON d.id = r.document_id
    WHERE d.symbol = '$symbol'" | sort >"$work/got.tsv"
  # Tabs become \037 first: read would merge two tabs around an empty field.
  while IFS=$'\037' read -r paragraph recommending text position; do
    [ "$paragraph" = paragraph ] && continue
    rows=$((rows + 1))
    local states=0
    [ -n "$recommending" ] && states=$(($(grep -o ', ' <<<"$recommending" | wc -l) + 1))
    if ! grep -qxF "$paragraph"$'\t'"$text"$'\t'"$position"$'\t'"$states" "$work/got.tsv"; then
      echo "  $symbol $paragraph: expected \"$text\" $position $states states; got: $(grep "^$paragraph"$'\t' "$work/got.tsv")"
      mismatches=$((mismatches + 1))
    fi
  done < <(tr '\t' '\037' <"$expected")
  check "$symbol: all $rows recommendations as expected" test "$mismatches" -eq 0
  check "$symbol: nothing more than expected" test "$(wc -l <"$work/got.tsv")" -eq "$rows"
}

import_doc() { # file symbol date [state]
  local state=()
  [ -n "${4:-}" ] && state=(--state "$4")
  "$IMPORT" document "$docs/$1" --symbol "$2" --date "$3" "${state[@]}" --rejects "$work/rejects.csv" >"$work/out" 2>&1
  local status=$?
  check "$2: imported without refusals" test "$status" -eq 0
  cat "$work/out"
}

import_doc A-HRC-17-18-paraguay.txt A/HRC/17/18 2011-03-28 Paraguay
compare A/HRC/17/18 "$docs/A-HRC-17-18-paraguay.expected.tsv"
import_doc A-HRC-15-6-spain.txt A/HRC/15/6 2010-06-16 Spain
compare A/HRC/15/6 "$docs/A-HRC-15-6-spain.expected.tsv"
import_doc CCPR-C-PRY-CO-4-sample.txt CCPR/C/PRY/CO/4 2019-08-20
compare CCPR/C/PRY/CO/4 "$docs/CCPR-C-PRY-CO-4-sample.expected.tsv"
check "the treaty body's symbol gives the state" test "$(psql -X -A -t "$HRTRACK_DB" -c "SELECT string_agg(DISTINCT s.state, ',') FROM recommendation r JOIN document d ON d.id = r.document_id JOIN recommendation_state s ON s.recommendation_id = r.id WHERE d.symbol = 'CCPR/C/PRY/CO/4'")" = PY

# Same document again: nothing changes.
"$IMPORT" document "$docs/A-HRC-17-18-paraguay.txt" --symbol A/HRC/17/18 --date 2011-03-28 --state Paraguay >"$work/out" 2>&1
check "a second import of the Paraguay report changes nothing" grep -q "124 read, 0 inserted, 0 updated, 124 unchanged" "$work/out"

# Usage errors: exit code 2.
"$IMPORT" document "$docs/A-HRC-17-18-paraguay.txt" --symbol A/HRC/17/18 >"$work/out" 2>&1
check "a document without --date: exit code 2" test $? -eq 2

finish
