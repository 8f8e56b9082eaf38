/*
 * Signing in and the protections around it, over HTTP (issue 6, acceptance
 * 2): a wrong password and an unknown user look the same and take similar
 * time; the sixth wrong login in a minute is refused with 429; a
 * state-changing request without the CSRF token is refused; an expired or
 * logged-out session is refused; a session token never reaches the log.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_session.h"
#include "testdb.h"

#include "hrtrack/cluster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int port;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static char *http_db(void)
{
    char *conninfo = NULL;
    if (hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http") != 0)
        fail_msg("no test database");
    return conninfo;
}

/* Tries to sign in; returns the status and copies the body. */
static int try_login(char *body, size_t size, const char *email, const char *password, double *ms)
{
    json_t *req = json_pack("{s:s, s:s}", "email", email, "password", password);
    char *text = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    http_response r;
    double start = now_ms();
    if (http_send_as(&r, port, NULL, "POST", "/api/v1/session", text, 0) != 0)
        fail_msg("no response");
    if (ms)
        *ms = now_ms() - start;
    free(text);
    snprintf(body, size, "%s", r.body ? r.body : "");
    int status = r.status;
    http_response_free(&r);
    return status;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_wrong_password_and_unknown_user_look_alike(void **state)
{
    (void)state;
    char wrong[512], unknown[512];
    double wrong_ms[4], unknown_ms[4];
    const char *known[] = {"cso@test.hrtrack", "unct@test.hrtrack"};
    for (int i = 0; i < 4; i++) {
        char email[64];
        snprintf(email, sizeof email, "nobody%d@test.hrtrack", i);
        assert_int_equal(
            try_login(wrong, sizeof wrong, known[i % 2], "not the password at all", &wrong_ms[i]),
            401);
        assert_int_equal(
            try_login(unknown, sizeof unknown, email, "not the password at all", &unknown_ms[i]),
            401);
        assert_string_equal(wrong, unknown);
    }
    assert_non_null(strstr(wrong, "invalid_credentials"));
    qsort(wrong_ms, 4, sizeof *wrong_ms, compare_double);
    qsort(unknown_ms, 4, sizeof *unknown_ms, compare_double);
    double ratio = (wrong_ms[1] + wrong_ms[2]) / (unknown_ms[1] + unknown_ms[2]);
    print_message("median sign-in refusal: wrong password %.1f ms, unknown user %.1f ms\n",
                  (wrong_ms[1] + wrong_ms[2]) / 2, (unknown_ms[1] + unknown_ms[2]) / 2);
    /* Both run one argon2id check; without the dummy check an unknown user
     * would answer in about 1 ms against about 100 ms. */
    assert_true(ratio > 0.5 && ratio < 2.0);
}

static void test_sixth_wrong_login_in_a_minute_is_refused(void **state)
{
    (void)state;
    char body[512];
    for (int i = 0; i < 5; i++)
        assert_int_equal(try_login(body, sizeof body, "locked@test.hrtrack", "wrong guess", NULL),
                         401);
    assert_int_equal(try_login(body, sizeof body, "locked@test.hrtrack", "wrong guess", NULL), 429);
    /* Refused before the password is checked: the right one does not help. */
    assert_int_equal(try_login(body, sizeof body, "locked@test.hrtrack", HTTP_TEST_PASSWORD, NULL),
                     429);
    assert_non_null(strstr(body, "rate_limited"));
    /* Other accounts are not locked out by it. */
    http_session s;
    http_login_ok(&s, port, "focal.moe@test.hrtrack");
}

static void test_state_change_needs_the_csrf_token(void **state)
{
    (void)state;
    http_session admin;
    http_login_ok(&admin, port, "admin@test.hrtrack");
    const char *body = "{\"acronym\":\"CSRF1\",\"kind\":\"agency\",\"name_en\":\"A\","
                       "\"name_es\":\"A\",\"name_fr\":\"A\"}";
    http_response r;
    assert_int_equal(http_send_as(&r, port, &admin, "POST", "/api/v1/institutions", body, 0), 0);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body, "X-CSRF-Token"));
    http_response_free(&r);
    /* A token of another session does not do either. */
    http_session other;
    http_login_ok(&other, port, "admin@test.hrtrack");
    http_session mixed = admin;
    memcpy(mixed.csrf, other.csrf, sizeof mixed.csrf);
    assert_int_equal(http_send_as(&r, port, &mixed, "POST", "/api/v1/institutions", body, 1), 0);
    assert_int_equal(r.status, 403);
    http_response_free(&r);
    /* Nothing was created by the refused requests; with the token it works. */
    json_t *list = http_call(port, &admin, "GET", "/api/v1/institutions", NULL, 200);
    char *text = json_dumps(list, 0);
    assert_null(strstr(text, "CSRF1"));
    free(text);
    json_decref(list);
    json_decref(http_call(port, &admin, "POST", "/api/v1/institutions", body, 201));
}

static void test_form_posts_and_foreign_origins_are_refused(void **state)
{
    (void)state;
    int fd = http_connect(port, 10);
    const char *form = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/x-www-form-urlencoded\r\n"
                       "Content-Length: 9\r\nConnection: close\r\n\r\nemail=a@b";
    http_response r;
    assert_int_equal(http_send(fd, form, strlen(form)), 0);
    assert_int_equal(http_read_response(fd, &r), 0);
    assert_int_equal(r.status, 415);
    http_response_free(&r);
    fd = http_connect(port, 10);
    const char *foreign = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Origin: https://evil.example\r\nContent-Type: application/json\r\n"
                          "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
    assert_int_equal(http_send(fd, foreign, strlen(foreign)), 0);
    assert_int_equal(http_read_response(fd, &r), 0);
    assert_int_equal(r.status, 403);
    http_response_free(&r);
}

static void test_logged_out_session_is_refused(void **state)
{
    (void)state;
    http_session s;
    http_login_ok(&s, port, "coordinator@test.hrtrack");
    json_t *me = http_call(port, &s, "GET", "/api/v1/session", NULL, 200);
    assert_string_equal(json_string_value(json_object_get(json_object_get(me, "user"), "email")),
                        "coordinator@test.hrtrack");
    json_decref(me);
    json_decref(http_call(port, &s, "DELETE", "/api/v1/session", NULL, 200));
    json_decref(http_call(port, &s, "GET", "/api/v1/session", NULL, 401));
    json_decref(http_call(port, &s, "GET", "/api/v1/audit", NULL, 401));
}

static void test_expired_sessions_are_refused(void **state)
{
    (void)state;
    http_session idle, old;
    http_login_ok(&idle, port, "coordinator@test.hrtrack");
    http_login_ok(&old, port, "coordinator@test.hrtrack");
    json_decref(http_call(port, &idle, "GET", "/api/v1/audit?limit=1", NULL, 200));
    char *conninfo = http_db();
    char sql[512];
    /* Unused for 31 minutes (idle limit 30), and used just now but 13 hours old (limit 12). */
    snprintf(sql, sizeof sql,
             "UPDATE user_session SET last_seen = now() - interval '31 minutes' "
             "WHERE token_hash = sha256(convert_to('%s', 'UTF8'))",
             idle.token);
    free(testdb_query(conninfo, sql));
    snprintf(sql, sizeof sql,
             "UPDATE user_session SET created_at = now() - interval '13 hours' "
             "WHERE token_hash = sha256(convert_to('%s', 'UTF8'))",
             old.token);
    free(testdb_query(conninfo, sql));
    free(conninfo);
    http_response r;
    assert_int_equal(http_send_as(&r, port, &idle, "GET", "/api/v1/audit?limit=1", NULL, 1), 0);
    assert_int_equal(r.status, 401);
    /* The browser is told to drop the dead cookie. */
    char cookie[256];
    assert_int_equal(http_header(&r, "Set-Cookie", cookie, sizeof cookie), 0);
    assert_non_null(strstr(cookie, "Max-Age=0"));
    http_response_free(&r);
    json_decref(http_call(port, &old, "GET", "/api/v1/audit?limit=1", NULL, 401));
}

static void test_session_cookie_attributes(void **state)
{
    (void)state;
    json_t *req =
        json_pack("{s:s, s:s}", "email", "unct@test.hrtrack", "password", HTTP_TEST_PASSWORD);
    char *text = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    http_response r;
    assert_int_equal(http_send_as(&r, port, NULL, "POST", "/api/v1/session", text, 0), 0);
    free(text);
    assert_int_equal(r.status, 201);
    char cookie[256];
    assert_int_equal(http_header(&r, "Set-Cookie", cookie, sizeof cookie), 0);
    assert_non_null(strstr(cookie, "HttpOnly"));
    assert_non_null(strstr(cookie, "SameSite=Lax"));
    assert_null(strstr(cookie, "Secure")); /* plain HTTP on the loopback */
    /* The reply names the user but never the password hash. */
    assert_null(strstr(r.body, "argon2"));
    http_response_free(&r);
}

static void test_session_tokens_never_reach_the_log(void **state)
{
    (void)state;
    http_session s;
    http_login_ok(&s, port, "focal.moh@test.hrtrack");
    json_decref(http_call(port, &s, "GET", "/api/v1/session", NULL, 200));
    json_decref(http_call(port, &s, "GET", "/api/v1/recommendations?limit=1", NULL, 200));
    char path[1024];
    const char *port_file = getenv("HRTRACK_TEST_PORT_FILE");
    snprintf(path, sizeof path, "%s", port_file);
    char *slash = strrchr(path, '/');
    assert_non_null(slash);
    snprintf(slash + 1, sizeof path - (size_t)(slash + 1 - path), "server.log");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096];
    int lines = 0, signed_in = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        lines++;
        signed_in |= strstr(line, "signed in") != NULL;
        if (strstr(line, s.token) != NULL || strstr(line, s.csrf) != NULL)
            fail_msg("the log holds a session or CSRF token: %s", line);
    }
    fclose(f);
    assert_true(lines > 0 && signed_in);
}

static void test_audit_log_is_append_only(void **state)
{
    (void)state;
    char *conninfo = http_db();
    char *first = testdb_query(conninfo, "SELECT min(id)::text FROM audit_log");
    assert_non_null(first);
    /* As the server's role: no UPDATE or DELETE privilege at all. */
    assert_null(testdb_query(conninfo,
                             "SET ROLE hrtrack_app; "
                             "UPDATE audit_log SET actor = 'forged' RETURNING 'changed'"));
    assert_null(testdb_query(conninfo, "SET ROLE hrtrack_app; "
                                       "DELETE FROM audit_log RETURNING 'deleted'"));
    /* Even the owner is stopped by the trigger. */
    assert_null(
        testdb_query(conninfo, "UPDATE audit_log SET actor = 'forged' RETURNING 'changed'"));
    char *forged = testdb_query(conninfo, "SELECT count(*)::text FROM audit_log "
                                          "WHERE actor = 'forged'");
    assert_string_equal(forged, "0");
    free(forged);
    free(first);
    free(conninfo);
}

static void test_only_admins_read_account_changes_in_the_audit_log(void **state)
{
    (void)state;
    http_session admin, coordinator;
    http_login_ok(&admin, port, "admin@test.hrtrack");
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    json_t *seen =
        http_call(port, &admin, "GET", "/api/v1/audit?entity=app_user&limit=5", NULL, 200);
    assert_true(json_array_size(json_object_get(seen, "items")) > 0);
    json_decref(seen);
    json_t *hidden =
        http_call(port, &coordinator, "GET", "/api/v1/audit?entity=app_user", NULL, 200);
    assert_int_equal(json_array_size(json_object_get(hidden, "items")), 0);
    json_decref(hidden);
    json_t *all = http_call(port, &coordinator, "GET", "/api/v1/audit?limit=200", NULL, 200);
    char *text = json_dumps(all, 0);
    assert_null(strstr(text, "@test.hrtrack"));
    free(text);
    json_decref(all);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrong_password_and_unknown_user_look_alike),
        cmocka_unit_test(test_sixth_wrong_login_in_a_minute_is_refused),
        cmocka_unit_test(test_state_change_needs_the_csrf_token),
        cmocka_unit_test(test_form_posts_and_foreign_origins_are_refused),
        cmocka_unit_test(test_logged_out_session_is_refused),
        cmocka_unit_test(test_expired_sessions_are_refused),
        cmocka_unit_test(test_session_cookie_attributes),
        cmocka_unit_test(test_session_tokens_never_reach_the_log),
        cmocka_unit_test(test_audit_log_is_append_only),
        cmocka_unit_test(test_only_admins_read_account_changes_in_the_audit_log),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
