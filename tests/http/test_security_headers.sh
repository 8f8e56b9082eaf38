#!/usr/bin/env bash
# Issue 10, hostile input: every kind of reply carries the security headers
# (Content-Security-Policy with frame-ancestors, X-Content-Type-Options,
# X-Frame-Options, Referrer-Policy), whether made by the API, an error, a
# streamed export, a feed, a web page or a 304.
set -uo pipefail
: "${HRTRACK_TEST_PORT_FILE:?}" "${HRTRACK_TEST_PG_DIR:?}"
work=$(mktemp -d /tmp/hrtrack-headers-XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../support/testlib.sh"
base="http://127.0.0.1:$(cat "$HRTRACK_TEST_PORT_FILE")"

# headers_of NAME URL [curl args...]: saves the reply's headers (lower-cased names)
headers_of() {
  local name=$1 url=$2
  shift 2
  curl -s -o /dev/null -D - "$@" "$base$url" | tr -d '\r' |
    awk -F': ' 'NR == 1 { print; next } NF > 1 { printf "%s: %s\n", tolower($1), substr($0, length($1) + 3) }' \
      >"$work/$name"
}
has() { grep -q -- "$2" "$work/$1"; }

headers_of json "/api/v1/recommendations?limit=1"
headers_of error "/api/v1/recommendations/999999999"
headers_of bad "/api/v1/recommendations?sdg_target=16.z"
headers_of unauth "/api/v1/audit"
headers_of export "/api/v1/recommendations?limit=5&format=csv"
headers_of feed "/api/v1/feeds/states/ES?format=atom"
headers_of page "/"
headers_of missing "/no-such-page.html"
etag=$(sed -n 's/^etag: //p' "$work/page")
headers_of page304 "/" -H "If-None-Match: $etag"

check "the page's 304 is a 304" has page304 "^HTTP/1.1 304"
check "the error is a 404" has error "^HTTP/1.1 404"
check "the bad parameter is a 422" has bad "^HTTP/1.1 422"
check "the audit log needs a session (401)" has unauth "^HTTP/1.1 401"
for reply in json error bad unauth export feed page missing page304; do
  check "$reply: X-Content-Type-Options: nosniff" has "$reply" "^x-content-type-options: nosniff$"
  check "$reply: a Content-Security-Policy that forbids framing" has "$reply" "^content-security-policy: .*frame-ancestors 'none'"
  check "$reply: X-Frame-Options: DENY" has "$reply" "^x-frame-options: DENY$"
  check "$reply: Referrer-Policy" has "$reply" "^referrer-policy: same-origin$"
  check "$reply: X-Request-Id" has "$reply" "^x-request-id: ."
done
check "API data may load nothing in a browser (default-src 'none')" has json "^content-security-policy: default-src 'none';"
check "pages run only our own scripts (script-src 'self', no inline)" has page "^content-security-policy: .*script-src 'self'"
check "pages allow no inline script" bash -c "! grep -q \"unsafe-inline\" '$work/page'"

finish
