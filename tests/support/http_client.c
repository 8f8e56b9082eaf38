/* The tests' raw HTTP/1.1 client (see http_client.h). */
#include "http_client.h"

/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <jansson.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int http_connect(int port, int timeout_s)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval tv = {timeout_s, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int http_send(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_byte(int fd, char *c)
{
    return recv(fd, c, 1, 0) == 1 ? 0 : -1;
}

int http_header(const http_response *r, const char *name, char *value, size_t size)
{
    size_t name_len = strlen(name);
    const char *line = r->headers;
    while (line != NULL && *line != '\0') {
        if (strncasecmp(line, name, name_len) == 0 && line[name_len] == ':') {
            const char *v = line + name_len + 1;
            while (*v == ' ')
                v++;
            const char *end = strstr(v, "\r\n");
            size_t len = end ? (size_t)(end - v) : strlen(v);
            snprintf(value, size, "%.*s", (int)len, v);
            return 0;
        }
        line = strstr(line, "\r\n");
        if (line != NULL)
            line += 2;
    }
    return -1;
}

/* Reads one CRLF-terminated line (without the CRLF) into line[0..size). */
static int read_line(int fd, char *line, size_t size)
{
    size_t n = 0;
    char c;
    while (read_byte(fd, &c) == 0) {
        if (c == '\n') {
            if (n > 0 && line[n - 1] == '\r')
                n--;
            line[n] = '\0';
            return 0;
        }
        if (n + 1 < size)
            line[n++] = c;
    }
    return -1;
}

/* A chunked body (exports): chunks until the zero-length one. */
static int read_chunked(int fd, http_response *out)
{
    size_t cap = 65536, len = 0;
    char *body = malloc(cap);
    char line[64];
    while (body != NULL && read_line(fd, line, sizeof line) == 0) {
        size_t chunk = (size_t)strtoul(line, NULL, 16);
        if (chunk == 0) {
            read_line(fd, line, sizeof line);
            body[len] = '\0';
            out->body = body;
            out->body_len = len;
            return 0;
        }
        while (len + chunk + 1 > cap) {
            cap *= 2;
            char *bigger = realloc(body, cap);
            if (bigger == NULL) {
                free(body);
                return -1;
            }
            body = bigger;
        }
        for (size_t i = 0; i < chunk; i++) {
            if (read_byte(fd, &body[len++]) != 0) {
                free(body);
                return -1;
            }
        }
        read_line(fd, line, sizeof line);
    }
    free(body);
    return -1;
}

int http_read_response(int fd, http_response *out)
{
    memset(out, 0, sizeof *out);
    size_t n = 0;
    char c;
    /* The head ends with an empty line. */
    while (n < sizeof out->headers - 1) {
        if (read_byte(fd, &c) != 0)
            return -1;
        out->headers[n++] = c;
        if (n >= 4 && memcmp(out->headers + n - 4, "\r\n\r\n", 4) == 0)
            break;
    }
    out->headers[n] = '\0';
    if (sscanf(out->headers, "HTTP/1.%*d %d", &out->status) != 1)
        return -1;
    char length[32];
    size_t body_len = 0;
    if (http_header(out, "Transfer-Encoding", length, sizeof length) == 0 &&
        strcmp(length, "chunked") == 0)
        return read_chunked(fd, out);
    if (http_header(out, "Content-Length", length, sizeof length) == 0)
        body_len = (size_t)strtoul(length, NULL, 10);
    out->body = calloc(1, body_len + 1);
    if (out->body == NULL)
        return -1;
    for (size_t i = 0; i < body_len; i++) {
        if (read_byte(fd, &out->body[i]) != 0)
            return -1;
    }
    out->body_len = body_len;
    return 0;
}

int http_get(http_response *out, int port, const char *target, const char *extra_headers)
{
    int fd = http_connect(port, 10);
    if (fd < 0)
        return -1;
    size_t size = strlen(target) + (extra_headers ? strlen(extra_headers) : 0) + 128;
    char *request = malloc(size);
    snprintf(request, size, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n",
             target, extra_headers ? extra_headers : "");
    int rc = http_send(fd, request, strlen(request));
    if (rc == 0)
        rc = http_read_response(fd, out);
    free(request);
    close(fd);
    return rc;
}

void http_response_free(http_response *r)
{
    free(r->body);
    r->body = NULL;
}

int http_test_port(void)
{
    const char *file = getenv("HRTRACK_TEST_PORT_FILE");
    FILE *f = file ? fopen(file, "r") : NULL;
    int port = 0;
    if (f == NULL || fscanf(f, "%d", &port) != 1 || port <= 0) {
        fprintf(stderr, "no test server: run through ctest (fixture http_server)\n");
        exit(77);
    }
    fclose(f);
    return port;
}

json_t *http_json(int port, const char *target, int status)
{
    http_response r;
    if (http_get(&r, port, target, NULL) != 0)
        fail_msg("%s: no response", target);
    if (r.status != status)
        fail_msg("%s: status %d, expected %d: %s", target, r.status, status, r.body);
    json_t *body = json_loadb(r.body, r.body_len, 0, NULL);
    http_response_free(&r);
    if (body == NULL)
        fail_msg("%s: not JSON", target);
    return body;
}

long long http_total(int port, const char *target)
{
    json_t *body = http_json(port, target, 200);
    long long n = json_integer_value(json_object_get(body, "total"));
    json_decref(body);
    return n;
}

void http_assert_error_field(int port, const char *target, int status, const char *field)
{
    json_t *body = http_json(port, target, status);
    const char *got = json_string_value(json_object_get(json_object_get(body, "error"), "field"));
    if (got == NULL || strcmp(got, field) != 0)
        fail_msg("%s: field %s, expected %s", target, got ? got : "null", field);
    json_decref(body);
}
