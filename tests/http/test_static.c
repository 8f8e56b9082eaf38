/*
 * The web interface served by hrtrack-server at / (server/http/static_files.c,
 * the fixture's HRTRACK_HOME being the source tree, so web/ is this
 * repository's): the page comes with its Content-Security-Policy,
 * nosniff, Referrer-Policy, no-cache and an ETag; If-None-Match gets 304;
 * gzip is sent when asked and inflates to the same bytes, and not when
 * refused; "..", encoded or not, and hidden files are never reached; an
 * unknown page is a 404 page; other methods are 405; and the API keeps its
 * paths: an unknown path under /api/ is still a JSON 404.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_client.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define CSP                                                                                        \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

static int port;

static void get(http_response *r, const char *target, const char *headers, int status)
{
    if (http_get(r, port, target, headers) != 0)
        fail_msg("%s: no response", target);
    if (r->status != status)
        fail_msg("%s: status %d, expected %d", target, r->status, status);
}

static void assert_header(const http_response *r, const char *name, const char *want)
{
    char value[512];
    if (http_header(r, name, value, sizeof value) != 0)
        fail_msg("no %s header", name);
    assert_string_equal(value, want);
}

static void page_headers(void **state)
{
    (void)state;
    http_response r;
    get(&r, "/", NULL, 200);
    assert_header(&r, "Content-Type", "text/html; charset=utf-8");
    assert_header(&r, "Content-Security-Policy", CSP);
    assert_header(&r, "X-Content-Type-Options", "nosniff");
    assert_header(&r, "Referrer-Policy", "same-origin");
    assert_header(&r, "Cache-Control", "no-cache");
    assert_header(&r, "Vary", "Accept-Encoding");
    char value[128];
    assert_int_equal(http_header(&r, "Content-Encoding", value, sizeof value), -1);
    assert_non_null(strstr(r.body, "<!DOCTYPE html>"));
    /* The page loads its script as a module file: nothing inline would run under the CSP. */
    assert_non_null(strstr(r.body, "<script type=\"module\" src=\"/js/"));
    assert_null(strstr(r.body, "style=\""));
    http_response_free(&r);

    get(&r, "/js/api.js", NULL, 200);
    assert_header(&r, "Content-Type", "text/javascript; charset=utf-8");
    assert_header(&r, "X-Content-Type-Options", "nosniff");
    http_response_free(&r);
    get(&r, "/i18n/es.json", NULL, 200);
    assert_header(&r, "Content-Type", "application/json; charset=utf-8");
    json_t *catalogue = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(catalogue);
    json_decref(catalogue);
    http_response_free(&r);
}

static void not_modified(void **state)
{
    (void)state;
    http_response r;
    get(&r, "/index.html", NULL, 200);
    char etag[128], header[200];
    assert_int_equal(http_header(&r, "ETag", etag, sizeof etag), 0);
    assert_true(etag[0] == '"');
    http_response_free(&r);

    snprintf(header, sizeof header, "If-None-Match: %s\r\n", etag);
    get(&r, "/index.html", header, 304);
    assert_int_equal(r.body_len, 0);
    assert_header(&r, "ETag", etag);
    assert_header(&r, "Cache-Control", "no-cache");
    http_response_free(&r);

    get(&r, "/index.html", "If-None-Match: \"another-version\"\r\n", 200);
    assert_true(r.body_len > 0);
    http_response_free(&r);
}

static void gzip_when_asked(void **state)
{
    (void)state;
    http_response plain, gz, refused;
    get(&plain, "/css/site.css", NULL, 200);
    get(&gz, "/css/site.css", "Accept-Encoding: gzip, deflate, br\r\n", 200);
    assert_header(&gz, "Content-Encoding", "gzip");
    assert_header(&gz, "Content-Type", "text/css; charset=utf-8");
    assert_true(gz.body_len < plain.body_len);
    char plain_tag[128], gz_tag[128];
    assert_int_equal(http_header(&plain, "ETag", plain_tag, sizeof plain_tag), 0);
    assert_int_equal(http_header(&gz, "ETag", gz_tag, sizeof gz_tag), 0);
    assert_string_not_equal(plain_tag, gz_tag);

    char *text = malloc(plain.body_len + 1);
    z_stream z = {0};
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = (Bytef *)gz.body;
    z.avail_in = (uInt)gz.body_len;
    z.next_out = (Bytef *)text;
    z.avail_out = (uInt)plain.body_len + 1;
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(z.total_out, plain.body_len);
    assert_memory_equal(text, plain.body, plain.body_len);
    inflateEnd(&z);
    free(text);

    get(&refused, "/css/site.css", "Accept-Encoding: gzip;q=0, identity\r\n", 200);
    char value[64];
    assert_int_equal(http_header(&refused, "Content-Encoding", value, sizeof value), -1);
    assert_int_equal(refused.body_len, plain.body_len);
    http_response_free(&plain);
    http_response_free(&gz);
    http_response_free(&refused);
}

/* A 404 page, and never the bytes of a file outside web/ (README.md, CMakeLists.txt). */
static void assert_refused(const char *target)
{
    http_response r;
    get(&r, target, NULL, 404);
    assert_null(strstr(r.body, "cmake_minimum_required"));
    assert_null(strstr(r.body, "hrtrack-server"));
    assert_null(strstr(r.body, "[core]"));
    http_response_free(&r);
}

static void traversal_refused(void **state)
{
    (void)state;
    assert_refused("/../CMakeLists.txt");
    assert_refused("/%2e%2e/CMakeLists.txt");
    assert_refused("/%2E%2E/%2e%2e/CMakeLists.txt");
    assert_refused("/js/../../CMakeLists.txt");
    assert_refused("/js/%2e%2e/%2e%2e/CMakeLists.txt");
    assert_refused("/..%2fCMakeLists.txt");
    assert_refused("/js/..%5c..%5cCMakeLists.txt");
    assert_refused("/.git/config.txt");
    assert_refused("/index.html%00.js");
    assert_refused("/../README.md");
}

static void unknown_file(void **state)
{
    (void)state;
    http_response r;
    get(&r, "/no-such-page.html", NULL, 404);
    /* The 404 page is itself a page of the site, under the same policy. */
    assert_header(&r, "Content-Type", "text/html; charset=utf-8");
    assert_header(&r, "Content-Security-Policy", CSP);
    assert_non_null(strstr(r.body, "data-i18n=\"notfound.title\""));
    http_response_free(&r);
    get(&r, "/js/no-such-module.js", NULL, 404);
    http_response_free(&r);
}

static void other_methods(void **state)
{
    (void)state;
    int fd = http_connect(port, 10);
    assert_true(fd >= 0);
    const char *req = "POST /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                      "application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    assert_int_equal(http_send(fd, req, strlen(req)), 0);
    http_response r;
    assert_int_equal(http_read_response(fd, &r), 0);
    close(fd);
    assert_int_equal(r.status, 405);
    assert_header(&r, "Allow", "GET, HEAD");
    http_response_free(&r);
}

static void api_keeps_its_paths(void **state)
{
    (void)state;
    json_t *body = http_json(port, "/api/v1/no-such-route", 404);
    assert_string_equal(json_string_value(json_object_get(json_object_get(body, "error"), "code")),
                        "not_found");
    json_decref(body);
    body = http_json(port, "/api/no-such-version", 404);
    json_decref(body);
    body = http_json(port, "/api/v1/health", 200);
    json_decref(body);
    /* A path under /api/ that names a file of web/ is not served from there. */
    body = http_json(port, "/api/index.html", 404);
    json_decref(body);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(page_headers),        cmocka_unit_test(not_modified),
        cmocka_unit_test(gzip_when_asked),     cmocka_unit_test(traversal_refused),
        cmocka_unit_test(unknown_file),        cmocka_unit_test(other_methods),
        cmocka_unit_test(api_keeps_its_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
