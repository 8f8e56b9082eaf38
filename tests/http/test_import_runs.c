/*
 * The record of imports (GET /api/v1/import-runs) over HTTP as the
 * fixture's accounts: the counts of the fixture's own import of the
 * Spanish UPR report match the recommendations it loaded (the audit log
 * holds only each run's start, with zero counts), pages run newest first
 * without repeating or skipping, the filters hold for every row, refused
 * parameters name themselves, and the export carries the same rows.
 *
 * Other tests may import more while this one runs: only the fixture's
 * first run of the Spanish report, and what the filters promise for every
 * row, are asserted.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_client.h"
#include "http_session.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int port;
static http_session coordinator, admin, unct, cso;

static long long int_of(const json_t *j, const char *name)
{
    return json_integer_value(json_object_get(j, name));
}

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

static int setup(void **state)
{
    (void)state;
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&admin, port, "admin@test.hrtrack");
    http_login_ok(&unct, port, "unct@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    return 0;
}

/* Whether `name` ends with `suffix`. */
static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n >= s && strcmp(name + n - s, suffix) == 0;
}

/* The fixture's first import of the Spanish report (a new reference): the lowest id of its file. */
static json_t *first_spanish_run(const http_session *s)
{
    json_t *page =
        http_call(port, s, "GET", "/api/v1/import-runs?kind=document&limit=200", NULL, 200);
    json_t *found = NULL;
    size_t i;
    json_t *run;
    json_array_foreach(json_object_get(page, "items"), i, run)
    {
        if (ends_with(str(run, "file_name"), "A-HRC-15-6-spain.txt"))
            found = run; /* newest first: the last one seen is the first run */
    }
    if (found != NULL)
        json_incref(found);
    json_decref(page);
    return found;
}

static void test_counts_of_the_fixture_import(void **state)
{
    (void)state;
    json_t *run = first_spanish_run(&coordinator);
    assert_non_null(run);
    long long loaded = http_total(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=1");
    assert_true(loaded > 100);
    assert_int_equal(int_of(run, "inserted"), loaded);
    assert_int_equal(int_of(run, "records_read"), int_of(run, "inserted") + int_of(run, "updated") +
                                                      int_of(run, "unchanged") +
                                                      int_of(run, "rejected"));
    assert_string_equal(str(run, "outcome"),
                        int_of(run, "rejected") ? "succeeded_with_rejects" : "succeeded");
    assert_int_equal(strlen(str(run, "sha256")), 64);
    assert_non_null(str(run, "started_at"));
    assert_non_null(str(run, "finished_at"));

    /* The admins read the same run. */
    json_t *again = first_spanish_run(&admin);
    assert_non_null(again);
    assert_int_equal(int_of(again, "id"), int_of(run, "id"));
    json_decref(again);
    json_decref(run);
}

static void test_pages_newest_first(void **state)
{
    (void)state;
    json_t *all = http_call(port, &coordinator, "GET", "/api/v1/import-runs?limit=200", NULL, 200);
    json_t *items = json_object_get(all, "items");
    size_t n = json_array_size(items);
    assert_true(n >= 3);
    assert_true(int_of(all, "total") >= (long long)n);
    /* One run per page, each older than the one before, until the first one of the full list. */
    char target[128] = "/api/v1/import-runs?limit=1";
    long long previous = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *page = http_call(port, &coordinator, "GET", target, NULL, 200);
        json_t *run = json_array_get(json_object_get(page, "items"), 0);
        assert_non_null(run);
        if (previous)
            assert_true(int_of(run, "id") < previous);
        previous = int_of(run, "id");
        long long next = int_of(page, "next_before");
        assert_int_equal(next, previous);
        snprintf(target, sizeof target, "/api/v1/import-runs?limit=1&before=%lld", next);
        json_decref(page);
    }
    json_decref(all);
}

static void test_filters(void **state)
{
    (void)state;
    json_t *page =
        http_call(port, &coordinator, "GET", "/api/v1/import-runs?kind=uhri&limit=200", NULL, 200);
    size_t i;
    json_t *run;
    assert_true(json_array_size(json_object_get(page, "items")) >= 1);
    json_array_foreach(json_object_get(page, "items"), i, run)
    {
        assert_string_equal(str(run, "kind"), "uhri");
    }
    json_decref(page);
    page = http_call(port, &coordinator, "GET", "/api/v1/import-runs?rejects=false&limit=200", NULL,
                     200);
    json_array_foreach(json_object_get(page, "items"), i, run)
    {
        assert_int_equal(int_of(run, "rejected"), 0);
    }
    json_decref(page);
    page = http_call(port, &coordinator, "GET", "/api/v1/import-runs?rejects=true&limit=200", NULL,
                     200);
    json_array_foreach(json_object_get(page, "items"), i, run)
    {
        assert_true(int_of(run, "rejected") > 0);
    }
    json_decref(page);
}

static void assert_refused(const char *target, int status, const char *field)
{
    json_t *reply = http_call(port, &coordinator, "GET", target, NULL, status);
    const char *named = str(json_object_get(reply, "error"), "field");
    assert_non_null(named);
    assert_string_equal(named, field);
    json_decref(reply);
}

static void test_refused(void **state)
{
    (void)state;
    assert_refused("/api/v1/import-runs?kind=csv", 422, "kind");
    assert_refused("/api/v1/import-runs?limit=0", 422, "limit");
    assert_refused("/api/v1/import-runs?limit=201", 422, "limit");
    assert_refused("/api/v1/import-runs?before=x", 422, "before");
    assert_refused("/api/v1/import-runs?rejects=maybe", 422, "rejects");
    assert_refused("/api/v1/import-runs?format=pdf", 422, "format");
    assert_refused("/api/v1/import-runs?after=1", 400, "after");
    json_decref(http_call(port, &unct, "GET", "/api/v1/import-runs", NULL, 403));
    json_decref(http_call(port, &cso, "GET", "/api/v1/import-runs", NULL, 403));
    json_decref(http_call(port, NULL, "GET", "/api/v1/import-runs", NULL, 401));
}

static void test_exports(void **state)
{
    (void)state;
    json_t *run = first_spanish_run(&coordinator);
    assert_non_null(run);
    http_response r;
    assert_int_equal(http_send_as(&r, port, &coordinator, "GET",
                                  "/api/v1/import-runs?kind=document&format=csv&lang=es", NULL, 1),
                     0);
    assert_int_equal(r.status, 200);
    assert_int_equal(memcmp(r.body, "\xEF\xBB\xBF", 3), 0);
    assert_non_null(strstr(r.body, "\"Registros leídos\""));
    char line[160];
    snprintf(line, sizeof line, "\"%lld\",\"document\",", int_of(run, "id"));
    assert_non_null(strstr(r.body, line));
    assert_null(strstr(r.body, "\"uhri\""));
    http_response_free(&r);

    assert_int_equal(
        http_send_as(&r, port, &admin, "GET", "/api/v1/import-runs?format=json", NULL, 1), 0);
    assert_int_equal(r.status, 200);
    json_t *all = json_loadb(r.body, r.body_len, 0, NULL);
    assert_true(json_is_array(all));
    int found = 0;
    size_t i;
    json_t *item;
    json_array_foreach(all, i, item)
    {
        found |= int_of(item, "id") == int_of(run, "id") &&
                 int_of(item, "records_read") == int_of(run, "records_read");
    }
    assert_true(found);
    json_decref(all);
    http_response_free(&r);
    json_decref(run);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_of_the_fixture_import),
        cmocka_unit_test(test_pages_newest_first),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_exports),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
