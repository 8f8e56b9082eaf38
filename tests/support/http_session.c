/* Signed-in calls for the HTTP tests (see http_session.h). */
#include "http_session.h"

/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int http_send_as(http_response *out, int port, const http_session *s, const char *method,
                 const char *target, const char *body, int csrf)
{
    memset(out, 0, sizeof *out);
    int fd = http_connect(port, 20);
    if (fd < 0)
        return -1;
    size_t body_len = body ? strlen(body) : 0;
    size_t size = strlen(target) + body_len + 512;
    char *request = malloc(size);
    int n = snprintf(request, size, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n",
                     method, target);
    if (s != NULL && s->token[0] != '\0')
        n += snprintf(request + n, size - (size_t)n, "Cookie: hrtrack_session=%s\r\n", s->token);
    if (s != NULL && csrf && s->csrf[0] != '\0')
        n += snprintf(request + n, size - (size_t)n, "X-CSRF-Token: %s\r\n", s->csrf);
    if (body != NULL)
        n += snprintf(request + n, size - (size_t)n,
                      "Content-Type: application/json\r\nContent-Length: %zu\r\n", body_len);
    else if (strcmp(method, "GET") != 0)
        n += snprintf(request + n, size - (size_t)n, "Content-Length: 0\r\n");
    n += snprintf(request + n, size - (size_t)n, "\r\n%s", body ? body : "");
    int rc = http_send(fd, request, (size_t)n);
    if (rc == 0)
        rc = http_read_response(fd, out);
    free(request);
    close(fd);
    return rc;
}

/* The value of the session cookie in a Set-Cookie header. */
static void cookie_value(char *out, size_t size, const http_response *r)
{
    char header[512] = "";
    out[0] = '\0';
    if (http_header(r, "Set-Cookie", header, sizeof header) != 0)
        return;
    const char *start = strstr(header, "hrtrack_session=");
    if (start == NULL)
        return;
    start += strlen("hrtrack_session=");
    size_t len = strcspn(start, ";");
    if (len < size) {
        memcpy(out, start, len);
        out[len] = '\0';
    }
}

int http_login(http_session *s, int port, const char *email, const char *password)
{
    memset(s, 0, sizeof *s);
    json_t *body = json_pack("{s:s, s:s}", "email", email, "password", password);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    http_response r;
    if (http_send_as(&r, port, NULL, "POST", "/api/v1/session", text, 0) != 0)
        fail_msg("POST /api/v1/session: no response");
    free(text);
    int status = r.status;
    if (status == 201) {
        json_t *reply = json_loadb(r.body, r.body_len, 0, NULL);
        snprintf(s->csrf, sizeof s->csrf, "%s",
                 json_string_value(json_object_get(reply, "csrf_token")));
        json_decref(reply);
        cookie_value(s->token, sizeof s->token, &r);
    }
    http_response_free(&r);
    return status;
}

void http_login_ok(http_session *s, int port, const char *email)
{
    int status = http_login(s, port, email, HTTP_TEST_PASSWORD);
    if (status != 201 || s->token[0] == '\0')
        fail_msg("sign-in of %s: status %d", email, status);
}

json_t *http_call(int port, const http_session *s, const char *method, const char *target,
                  const char *body, int status)
{
    http_response r;
    if (http_send_as(&r, port, s, method, target, body, 1) != 0)
        fail_msg("%s %s: no response", method, target);
    if (r.status != status)
        fail_msg("%s %s: status %d, expected %d: %s", method, target, r.status, status, r.body);
    json_t *parsed = json_loadb(r.body, r.body_len, 0, NULL);
    http_response_free(&r);
    return parsed;
}
