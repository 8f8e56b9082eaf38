/*
 * hrtrack-server over loopback, against a real database (the CTest fixture
 * http_server starts both): the first endpoints, JSON errors, limits,
 * language negotiation, and keep-alive.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_client.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;

static json_t *get_json(http_response *r, const char *target, const char *headers, int status)
{
    assert_int_equal(http_get(r, port, target, headers), 0);
    assert_int_equal(r->status, status);
    char type[128];
    assert_int_equal(http_header(r, "Content-Type", type, sizeof type), 0);
    assert_string_equal(type, "application/json; charset=utf-8");
    json_error_t error;
    json_t *body = json_loadb(r->body, r->body_len, 0, &error);
    if (body == NULL)
        fail_msg("not JSON: %s", r->body);
    return body;
}

static void assert_error(json_t *body, const char *code)
{
    json_t *error = json_object_get(body, "error");
    assert_non_null(error);
    assert_string_equal(json_string_value(json_object_get(error, "code")), code);
    assert_true(strlen(json_string_value(json_object_get(error, "message"))) > 0);
    assert_non_null(json_object_get(error, "field"));
}

static void test_health(void **state)
{
    (void)state;
    http_response r;
    json_t *body = get_json(&r, "/api/v1/health", NULL, 200);
    assert_string_equal(json_string_value(json_object_get(body, "status")), "ok");
    json_int_t version = json_integer_value(json_object_get(body, "schema_version"));
    assert_true(version >= 1);
    assert_int_equal(version, json_integer_value(json_object_get(body, "expected_schema_version")));
    json_decref(body);
    http_response_free(&r);
}

static void test_goals_in_spanish_add_up_to_169_targets(void **state)
{
    (void)state;
    http_response r;
    json_t *body = get_json(&r, "/api/v1/sdg/goals?lang=es", NULL, 200);
    char language[16];
    assert_int_equal(http_header(&r, "Content-Language", language, sizeof language), 0);
    assert_string_equal(language, "es");
    json_t *goals = json_object_get(body, "goals");
    assert_int_equal(json_array_size(goals), 17);
    json_int_t targets = 0;
    for (size_t i = 0; i < json_array_size(goals); i++)
        targets += json_integer_value(json_object_get(json_array_get(goals, i), "target_count"));
    assert_int_equal(targets, 169);
    assert_string_equal(json_string_value(json_object_get(json_array_get(goals, 0), "title")),
                        "Poner fin a la pobreza en todas sus formas y en todo el mundo");
    json_decref(body);
    http_response_free(&r);
}

static void test_goal_16_in_french(void **state)
{
    (void)state;
    static const char *const expected[] = {"16.1", "16.2", "16.3", "16.4",  "16.5", "16.6",
                                           "16.7", "16.8", "16.9", "16.10", "16.a", "16.b"};
    http_response r;
    json_t *body = get_json(&r, "/api/v1/sdg/goals/16?lang=fr", NULL, 200);
    json_t *targets = json_object_get(body, "targets");
    assert_int_equal(json_array_size(targets), 12);
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(targets, i), "code")),
                            expected[i]);
    const char *t163 = json_string_value(json_object_get(json_array_get(targets, 2), "title"));
    assert_non_null(strstr(t163, "état de droit"));
    json_decref(body);
    http_response_free(&r);
}

static void test_unknown_goal_is_404_naming_the_field(void **state)
{
    (void)state;
    const char *targets[] = {"/api/v1/sdg/goals/18", "/api/v1/sdg/goals/0", "/api/v1/sdg/goals/abc",
                             "/api/v1/sdg/goals/016"};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        http_response r;
        json_t *body = get_json(&r, targets[i], NULL, 404);
        assert_error(body, "not_found");
        json_t *error = json_object_get(body, "error");
        assert_string_equal(json_string_value(json_object_get(error, "field")), "goal");
        json_decref(body);
        http_response_free(&r);
    }
}

static void test_states(void **state)
{
    (void)state;
    http_response r;
    json_t *body = get_json(&r, "/api/v1/states", "Accept-Language: es-PY,es;q=0.9\r\n", 200);
    json_t *states = json_object_get(body, "states");
    assert_int_equal(json_array_size(states), 249);
    int found = 0;
    for (size_t i = 0; i < json_array_size(states); i++) {
        json_t *s = json_array_get(states, i);
        if (strcmp(json_string_value(json_object_get(s, "alpha2")), "PY") == 0) {
            assert_string_equal(json_string_value(json_object_get(s, "alpha3")), "PRY");
            assert_string_equal(json_string_value(json_object_get(s, "name")), "Paraguay");
            assert_int_equal(json_integer_value(json_object_get(s, "numeric")), 600);
            found = 1;
        }
    }
    assert_true(found);
    json_decref(body);
    http_response_free(&r);
}

static void test_unknown_path_is_json_404(void **state)
{
    (void)state;
    http_response r;
    json_t *body = get_json(&r, "/api/v1/no-such-thing", NULL, 404);
    assert_error(body, "not_found");
    json_decref(body);
    http_response_free(&r);
}

static void test_wrong_method_is_405_with_allow(void **state)
{
    (void)state;
    const char *methods[] = {"POST", "DELETE", "OPTIONS", "BREW"};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        int fd = http_connect(port, 10);
        char request[256];
        snprintf(request, sizeof request,
                 "%s /api/v1/sdg/goals HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                 methods[i]);
        assert_int_equal(http_send(fd, request, strlen(request)), 0);
        http_response r;
        assert_int_equal(http_read_response(fd, &r), 0);
        close(fd);
        assert_int_equal(r.status, 405);
        char allow[64];
        assert_int_equal(http_header(&r, "Allow", allow, sizeof allow), 0);
        assert_string_equal(allow, "GET, HEAD");
        json_t *body = json_loads(r.body, 0, NULL);
        assert_error(body, "method_not_allowed");
        json_decref(body);
        http_response_free(&r);
    }
}

static void test_10kb_url_is_414(void **state)
{
    (void)state;
    char target[10 * 1024 + 64];
    strcpy(target, "/api/v1/sdg/goals?q=");
    size_t used = strlen(target);
    memset(target + used, 'a', 10 * 1024);
    target[used + 10 * 1024] = '\0';
    http_response r;
    json_t *body = get_json(&r, target, NULL, 414);
    assert_error(body, "uri_too_long");
    json_decref(body);
    http_response_free(&r);
}

/* The body is announced but never sent: the reply proves it was not waited for. */
static void test_oversized_body_is_413_without_reading_it(void **state)
{
    (void)state;
    int fd = http_connect(port, 5);
    const char *head = "POST /api/v1/sdg/goals HTTP/1.1\r\nHost: x\r\n"
                       "Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n";
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_int_equal(http_send(fd, head, strlen(head)), 0);
    http_response r;
    assert_int_equal(http_read_response(fd, &r), 0);
    clock_gettime(CLOCK_MONOTONIC, &end);
    close(fd);
    assert_int_equal(r.status, 413);
    assert_true(end.tv_sec - start.tv_sec < 3);
    json_t *body = json_loads(r.body, 0, NULL);
    assert_error(body, "payload_too_large");
    json_decref(body);
    http_response_free(&r);
}

static void test_unsupported_language_falls_back_to_english(void **state)
{
    (void)state;
    http_response r;
    json_t *body =
        get_json(&r, "/api/v1/nowhere?lang=de", "Accept-Language: de, zh;q=0.5\r\n", 404);
    char language[16];
    assert_int_equal(http_header(&r, "Content-Language", language, sizeof language), 0);
    assert_string_equal(language, "en");
    json_t *error = json_object_get(body, "error");
    assert_string_equal(json_string_value(json_object_get(error, "message")),
                        "Nothing was found at this address.");
    json_decref(body);
    http_response_free(&r);

    body = get_json(&r, "/api/v1/sdg/goals/1?lang=xx", NULL, 200);
    assert_string_equal(json_string_value(json_object_get(body, "lang")), "en");
    json_decref(body);
    http_response_free(&r);
}

static void test_errors_in_the_requested_language(void **state)
{
    (void)state;
    http_response r;
    json_t *body = get_json(&r, "/api/v1/nowhere", "Accept-Language: fr-CA, en;q=0.5\r\n", 404);
    json_t *error = json_object_get(body, "error");
    assert_string_equal(json_string_value(json_object_get(error, "message")),
                        "Rien n'a été trouvé à cette adresse.");
    json_decref(body);
    http_response_free(&r);
}

/* Two requests on one connection: replies are queued late enough to keep it open. */
static void test_keep_alive(void **state)
{
    (void)state;
    int fd = http_connect(port, 10);
    const char *request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
    for (int i = 0; i < 3; i++) {
        assert_int_equal(http_send(fd, request, strlen(request)), 0);
        http_response r;
        assert_int_equal(http_read_response(fd, &r), 0);
        assert_int_equal(r.status, 200);
        char connection[32] = "";
        http_header(&r, "Connection", connection, sizeof connection);
        assert_string_not_equal(connection, "close");
        http_response_free(&r);
    }
    close(fd);
}

static void test_head_is_get_without_body(void **state)
{
    (void)state;
    int fd = http_connect(port, 10);
    const char *request = "HEAD /api/v1/sdg/goals HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_int_equal(http_send(fd, request, strlen(request)), 0);
    char buffer[4096];
    ssize_t n, total = 0;
    while ((n = recv(fd, buffer + total, sizeof buffer - 1 - (size_t)total, 0)) > 0)
        total += n;
    close(fd);
    buffer[total] = '\0';
    assert_non_null(strstr(buffer, "HTTP/1.1 200"));
    const char *end = strstr(buffer, "\r\n\r\n");
    assert_non_null(end);
    assert_string_equal(end + 4, "");
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_health),
        cmocka_unit_test(test_goals_in_spanish_add_up_to_169_targets),
        cmocka_unit_test(test_goal_16_in_french),
        cmocka_unit_test(test_unknown_goal_is_404_naming_the_field),
        cmocka_unit_test(test_states),
        cmocka_unit_test(test_unknown_path_is_json_404),
        cmocka_unit_test(test_wrong_method_is_405_with_allow),
        cmocka_unit_test(test_10kb_url_is_414),
        cmocka_unit_test(test_oversized_body_is_413_without_reading_it),
        cmocka_unit_test(test_unsupported_language_falls_back_to_english),
        cmocka_unit_test(test_errors_in_the_requested_language),
        cmocka_unit_test(test_keep_alive),
        cmocka_unit_test(test_head_is_get_without_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
