/*
 * Signed-in calls for the HTTP tests: sign in once per user, then send
 * requests with the session cookie and the CSRF token, as a browser with
 * the web UI would.
 *
 * The HTTP fixture (tests/http/server_fixture.sh) creates these accounts,
 * all with the password HTTP_TEST_PASSWORD:
 *   admin@test.hrtrack        admin
 *   coordinator@test.hrtrack  coordinator (institution MFA)
 *   focal.moh@test.hrtrack    focal_point of MOH
 *   validator.moh@test.hrtrack validator of MOH
 *   focal.moe@test.hrtrack    focal_point of MOE
 *   cso@test.hrtrack          cso
 *   unct@test.hrtrack         unct
 *   locked@test.hrtrack       cso (for the login throttling test only)
 */
#ifndef HRTRACK_TESTS_HTTP_SESSION_H
#define HRTRACK_TESTS_HTTP_SESSION_H

#include "http_client.h"

#include <jansson.h>

#define HTTP_TEST_PASSWORD "correct horse battery staple"

typedef struct http_session {
    char token[64]; /* the session cookie's value; "" for the anonymous public */
    char csrf[64];
} http_session;

/*
 * Signs in as `email` with `password`. Returns the HTTP status (201 on
 * success, when *s is filled).
 */
int http_login(http_session *s, int port, const char *email, const char *password);

/* Signs in with HTTP_TEST_PASSWORD and fails the test unless it works. */
void http_login_ok(http_session *s, int port, const char *email);

/*
 * Sends `method target` with `body` (JSON text or NULL) as `s` (NULL or an
 * empty session: anonymous), with the session's CSRF token unless
 * `csrf` is 0. Fills *out (free with http_response_free). Returns 0 or -1.
 */
int http_send_as(http_response *out, int port, const http_session *s, const char *method,
                 const char *target, const char *body, int csrf);

/*
 * http_send_as with the CSRF token; fails the test unless the status is
 * `status`; returns the parsed body (or NULL when it is not JSON).
 */
json_t *http_call(int port, const http_session *s, const char *method, const char *target,
                  const char *body, int status);

#endif
