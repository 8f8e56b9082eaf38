#!/usr/bin/env bash
# Issue 10, TLS: the documented set-up, Debian's nginx in front of
# hrtrack-server with docs/deployment/nginx-hrtrack.conf as shipped (only
# ports, paths and a self-signed certificate changed). Over HTTPS the session
# cookie is Secure, HSTS is sent, exports stream through, and the server
# sees the client's address from the proxy (throttling counts it), while a
# client that talks to the server directly cannot forge X-Forwarded-For or
# X-Forwarded-Proto.
set -uo pipefail
: "${HRTRACK_TEST_PG_DIR:?}" "${SERVER:?}"
for tool in nginx openssl curl; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "$tool is not installed (scripts/deps installs it): skipped"
    [ "${HRTRACK_REQUIRE_BROWSER:-}" = 1 ] && exit 1
    exit 77
  fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/hrtrack-tls-XXXXXX)
chmod 755 "$work"
source "$here/../support/testlib.sh"
db="host=$socket_dir user=hrtrack dbname=hrtrack_test_http"
pid=
nginx_pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; rm -rf "$work"' EXIT

HRTRACK_DB=$db "$SERVER" serve --port 0 --threads 2 --port-file "$work/port" \
  >"$work/server.log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
app_port=$(cat "$work/port")

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -days 1 -subj /CN=localhost >/dev/null 2>&1

# The shipped server blocks, with this test's port, certificate and upstream.
start_nginx() {
  tls_port=$((20000 + RANDOM % 30000))
  http_port=$((tls_port + 1))
  sed -e "s#listen 443 ssl http2;#listen 127.0.0.1:$tls_port ssl http2;#" \
    -e "/listen \[::\]:443/d; /listen \[::\]:80;/d" \
    -e "s#listen 80;#listen 127.0.0.1:$http_port;#" \
    -e "s#/etc/ssl/hrtrack/fullchain.pem#$work/cert.pem#" \
    -e "s#/etc/ssl/hrtrack/privkey.pem#$work/key.pem#" \
    -e "s#http://127.0.0.1:8080#http://127.0.0.1:$app_port#" \
    "$here/../../docs/deployment/nginx-hrtrack.conf" >"$work/site.conf"
  cat >"$work/nginx.conf" <<CONF
daemon off;
master_process off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    include $work/site.conf;
}
CONF
  "$NGINX" -c "$work/nginx.conf" -p "$work" >"$work/nginx.out" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 50); do
    curl -sk -o /dev/null "https://127.0.0.1:$tls_port/api/v1/health" && return 0
    kill -0 "$nginx_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
started=0
for _ in 1 2 3 4 5; do
  if start_nginx; then started=1; break; fi
  kill "$nginx_pid" 2>/dev/null
  nginx_pid=
done
check "nginx runs the shipped configuration" test "$started" = 1
proxy="https://127.0.0.1:$tls_port"

curl -sk -D "$work/health.h" -o /dev/null "$proxy/api/v1/health"
check "HTTPS through the proxy reaches the API" grep -q '^HTTP/[0-9.]* 200' "$work/health.h"
check "HSTS is sent" grep -qi '^strict-transport-security: max-age=31536000' "$work/health.h"
check "the server's own security headers pass through" grep -qi "^content-security-policy: default-src 'none'" "$work/health.h"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/sdg.html")
check "plain HTTP redirects to HTTPS ($code)" test "$code" = "301 https://127.0.0.1/sdg.html"

password="correct horse battery staple"
curl -sk -D "$work/login.h" -o /dev/null -H "Origin: $proxy" -H 'Content-Type: application/json' \
  -d "{\"email\":\"unct@test.hrtrack\",\"password\":\"$password\"}" "$proxy/api/v1/session"
check "signing in over HTTPS works" grep -q '^HTTP/[0-9.]* 201\|^HTTP/[0-9.]* 200' "$work/login.h"
check "and its session cookie is Secure, HttpOnly, SameSite=Lax" \
  grep -qi '^set-cookie: hrtrack_session=[^;]*; Path=/; HttpOnly; SameSite=Lax; Secure' "$work/login.h"

# The client's address, as the server counts it for throttling.
failures_for() { psql -X -A -t "$db" -c "SELECT count(*) FROM login_failure WHERE key = 'addr:$1'"; }
before2=$(failures_for 127.0.0.2)
before_forged=$(failures_for 203.0.113.7)
curl -sk -o /dev/null --interface 127.0.0.2 -H "Origin: $proxy" -H 'Content-Type: application/json' \
  -H 'X-Forwarded-For: 203.0.113.7' \
  -d '{"email":"nobody.tls@test.hrtrack","password":"wrong"}' "$proxy/api/v1/session"
check "through the proxy, a failed sign-in counts against the client's address (127.0.0.2)" \
  test "$(failures_for 127.0.0.2)" -eq $((before2 + 1))
check "not against an address the client wrote in X-Forwarded-For" \
  test "$(failures_for 203.0.113.7)" -eq "$before_forged"

# Directly to the server from an address that is not a trusted proxy: headers ignored.
direct="http://127.0.0.1:$app_port"
before3=$(failures_for 127.0.0.3)
curl -s -o /dev/null --interface 127.0.0.3 -H "Origin: $direct" -H 'Content-Type: application/json' \
  -H 'X-Forwarded-For: 203.0.113.7' \
  -d '{"email":"nobody.tls@test.hrtrack","password":"wrong"}' "$direct/api/v1/session"
check "a direct client's forged X-Forwarded-For is ignored (counted as 127.0.0.3)" \
  test "$(failures_for 127.0.0.3)" -eq $((before3 + 1))
check "and nothing was counted for the forged address" test "$(failures_for 203.0.113.7)" -eq "$before_forged"
curl -s -D "$work/direct.h" -o /dev/null --interface 127.0.0.3 -H "Origin: $direct" \
  -H 'X-Forwarded-Proto: https' -H 'Content-Type: application/json' \
  -d "{\"email\":\"unct@test.hrtrack\",\"password\":\"$password\"}" "$direct/api/v1/session"
check "a direct client's forged X-Forwarded-Proto does not make the cookie Secure" \
  bash -c "grep -qi '^set-cookie: hrtrack_session=' '$work/direct.h' && ! grep -qi '^set-cookie:.*Secure' '$work/direct.h'"

# Exports stream through the proxy unchanged.
curl -sk "$proxy/api/v1/recommendations?format=csv&state=PY" -o "$work/proxied.csv"
curl -s "$direct/api/v1/recommendations?format=csv&state=PY" -o "$work/direct.csv"
check "a CSV export through the proxy equals the direct one ($(wc -l <"$work/direct.csv") lines)" \
  cmp -s "$work/proxied.csv" "$work/direct.csv"

finish
