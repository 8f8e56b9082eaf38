/*
 * The summaries and documents of the query API over HTTP, on the data the
 * http_server fixture imports: an SDG goal's targets with counts that agree
 * with the filtered list, a state's overview, and documents by symbol.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_client.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int port;

static json_t *get(const char *target, int status)
{
    return http_json(port, target, status);
}

static long long total(const char *target)
{
    return http_total(port, target);
}

static void assert_error_field(const char *target, int status, const char *field)
{
    http_assert_error_field(port, target, status, field);
}

static void test_goal_summary_agrees_with_the_list(void **state)
{
    (void)state;
    json_t *summary = get("/api/v1/sdg/goals/16/summary?state=PY&lang=es", 200);
    assert_string_equal(json_string_value(json_object_get(summary, "short_title")),
                        "Paz, justicia e instituciones fuertes");
    json_t *targets = json_object_get(summary, "targets");
    assert_int_equal(json_array_size(targets), 12);
    int nonzero = 0;
    for (size_t i = 0; i < json_array_size(targets); i++) {
        json_t *t = json_array_get(targets, i);
        long long n = json_integer_value(json_object_get(t, "recommendations"));
        char url[256];
        snprintf(url, sizeof url, "/api/v1/recommendations?state=PY&sdg_target=%s",
                 json_string_value(json_object_get(t, "target")));
        assert_int_equal(total(url), n);
        long long by_mechanism = 0;
        const char *key;
        json_t *v;
        json_object_foreach(json_object_get(t, "by_mechanism"), key, v)
        {
            by_mechanism += json_integer_value(v);
        }
        assert_int_equal(by_mechanism, n);
        nonzero += n > 0;
    }
    assert_true(nonzero >= 2);
    assert_int_equal(json_integer_value(json_object_get(summary, "recommendations")),
                     total("/api/v1/recommendations?state=PY&sdg_goal=16"));
    json_decref(summary);
    /* Without a state: every state. */
    json_t *all = get("/api/v1/sdg/goals/16/summary", 200);
    assert_true(json_is_null(json_object_get(all, "state")));
    json_decref(all);
}

static void test_goal_summary_refusals(void **state)
{
    (void)state;
    assert_error_field("/api/v1/sdg/goals/16/summary?state=XX", 422, "state");
    assert_error_field("/api/v1/sdg/goals/16/summary?state=PY&state=ES", 422, "state");
    assert_error_field("/api/v1/sdg/goals/16/summary?mechanism=UPR", 400, "mechanism");
    assert_error_field("/api/v1/sdg/goals/18/summary", 404, "goal");
}

static void test_state_summary(void **state)
{
    (void)state;
    json_t *s = get("/api/v1/states/py/summary?lang=fr", 200);
    assert_string_equal(json_string_value(json_object_get(s, "state")), "PY");
    long long n = json_integer_value(json_object_get(s, "recommendations"));
    assert_int_equal(n, total("/api/v1/recommendations?state=PY"));
    long long by_mechanism = 0;
    json_t *m = json_object_get(s, "by_mechanism");
    for (size_t i = 0; i < json_array_size(m); i++)
        by_mechanism += json_integer_value(json_object_get(json_array_get(m, i), "count"));
    assert_int_equal(by_mechanism, n);
    assert_string_equal(json_string_value(json_object_get(json_array_get(m, 0), "name")),
                        "Examen périodique universel");
    json_t *theme = json_array_get(json_object_get(s, "by_theme"), 0);
    char url[128];
    snprintf(url, sizeof url, "/api/v1/recommendations?state=PY&theme=%lld",
             (long long)json_integer_value(json_object_get(theme, "id")));
    assert_int_equal(total(url), json_integer_value(json_object_get(theme, "count")));
    json_decref(s);
    assert_error_field("/api/v1/states/ZZ/summary", 404, "code");
    assert_error_field("/api/v1/states/PRY/summary", 404, "code");
}

static void test_documents(void **state)
{
    (void)state;
    long long all = total("/api/v1/documents");
    assert_true(all >= 5);
    /* Pages of two, following the cursor, reach every document once. */
    char url[256] = "/api/v1/documents?limit=2";
    long long seen = 0;
    for (int page = 0; page < 100; page++) {
        json_t *body = get(url, 200);
        seen += (long long)json_array_size(json_object_get(body, "items"));
        const char *next = json_string_value(json_object_get(body, "next_cursor"));
        if (next == NULL) {
            json_decref(body);
            break;
        }
        snprintf(url, sizeof url, "/api/v1/documents?limit=2&cursor=%s", next);
        json_decref(body);
    }
    assert_int_equal(seen, all);
    assert_true(total("/api/v1/documents?state=ES") >= 1);
    assert_int_equal(total("/api/v1/documents?mechanism=CRC"), 2);
    assert_error_field("/api/v1/documents?theme=1", 400, "theme");

    /* A symbol with slashes, given as it is or percent-encoded. */
    json_t *doc = get("/api/v1/documents/A/HRC/15/6?lang=es", 200);
    assert_int_equal(json_array_size(json_object_get(doc, "recommendations")), 137);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(doc, "mechanism"), "name")),
        "Examen Periódico Universal");
    json_decref(doc);
    doc = get("/api/v1/documents/A%2FHRC%2F15%2F6", 200);
    assert_string_equal(json_string_value(json_object_get(doc, "symbol")), "A/HRC/15/6");
    json_decref(doc);
    assert_error_field("/api/v1/documents/NO/SUCH/1", 404, "symbol");
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_goal_summary_agrees_with_the_list),
        cmocka_unit_test(test_goal_summary_refusals),
        cmocka_unit_test(test_state_summary),
        cmocka_unit_test(test_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
