/*
 * A minimal HTTP/1.1 client for the HTTP tests, on raw sockets, so that the
 * tests control every byte: over-long URLs, bodies announced and never sent,
 * several requests on one connection.
 */
#ifndef HRTRACK_TESTS_HTTP_CLIENT_H
#define HRTRACK_TESTS_HTTP_CLIENT_H

#include <stddef.h>

typedef struct http_response {
    int status;
    char headers[8192]; /* raw header block, lines separated by \r\n */
    char *body;         /* NUL-terminated, malloc'd */
    size_t body_len;
} http_response;

/* Connects to 127.0.0.1:port; returns the socket or -1. Reads time out after `timeout_s`. */
int http_connect(int port, int timeout_s);

/* Sends all of `data` (len bytes). Returns 0 or -1. */
int http_send(int fd, const char *data, size_t len);

/*
 * Reads one response (head, then Content-Length bytes of body). Returns 0,
 * or -1 on a timeout, a closed connection or a malformed response.
 */
int http_read_response(int fd, http_response *out);

/* The value of header `name` (case-insensitive), copied into `value`; 0 if found. */
int http_header(const http_response *r, const char *name, char *value, size_t size);

/* One request on a fresh connection: GET `target` with extra header lines (or NULL). */
int http_get(http_response *out, int port, const char *target, const char *extra_headers);

/* Frees the body. */
void http_response_free(http_response *r);

/* The server port written by the HTTP fixture (HRTRACK_TEST_PORT_FILE); exits 77 if none. */
int http_test_port(void);

/*
 * For cmocka tests: GET `target`, fail the test unless the status is
 * `status` and the body is JSON; returns the body (json_decref it).
 */
struct json_t;
struct json_t *http_json(int port, const char *target, int status);

/* The "total" of a list endpoint's reply (status 200 required). */
long long http_total(int port, const char *target);

/* Fails the test unless `target` answers `status` with an error naming `field`. */
void http_assert_error_field(int port, const char *target, int status, const char *field);

#endif
