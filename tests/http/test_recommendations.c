/*
 * GET /api/v1/recommendations and /recommendations/{id} over HTTP, on real
 * imported data (the fixture http_server loads UPR Info rows, the UHRI
 * fixtures and a UPR report): every filter, their combination, pages that
 * follow each other without duplicates or gaps, accent-insensitive search,
 * and parameters that are refused with the field named.
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

static int port;

static json_t *get(const char *target, int status)
{
    return http_json(port, target, status);
}

static long long total(const char *target)
{
    return http_total(port, target);
}

static void assert_refused(const char *target, int status, const char *field)
{
    http_assert_error_field(port, target, status, field);
}

/* Follows next_cursor from `target` (which has no cursor) and checks the pages add up. */
static void walk_pages(const char *target)
{
    long long expected = total(target);
    long long seen_ids[4096];
    size_t seen = 0;
    char url[2048];
    snprintf(url, sizeof url, "%s", target);
    for (int page = 0; page < 1000; page++) {
        json_t *body = get(url, 200);
        assert_int_equal(json_integer_value(json_object_get(body, "total")), expected);
        json_t *items = json_object_get(body, "items");
        for (size_t i = 0; i < json_array_size(items); i++) {
            long long id = json_integer_value(json_object_get(json_array_get(items, i), "id"));
            for (size_t k = 0; k < seen; k++) {
                if (seen_ids[k] == id)
                    fail_msg("%s: id %lld on two pages", target, id);
            }
            assert_true(seen < 4096);
            seen_ids[seen++] = id;
        }
        const char *next = json_string_value(json_object_get(body, "next_cursor"));
        if (next == NULL) {
            json_decref(body);
            break;
        }
        snprintf(url, sizeof url, "%s&cursor=%s", target, next);
        json_decref(body);
    }
    assert_int_equal((long long)seen, expected);
}

static void test_pages_have_no_duplicates_or_gaps(void **state)
{
    (void)state;
    assert_true(total("/api/v1/recommendations?state=PY") >= 129);
    walk_pages("/api/v1/recommendations?state=PY&limit=7");
    walk_pages("/api/v1/recommendations?limit=50");
    walk_pages("/api/v1/recommendations?q=rights&limit=9");
}

static void test_each_filter(void **state)
{
    (void)state;
    long long all = total("/api/v1/recommendations");
    assert_true(all > 250);
    assert_int_equal(total("/api/v1/recommendations?mechanism=CRC"), 2);
    assert_int_equal(total("/api/v1/recommendations?mechanism=CCPR"), 1);
    assert_int_equal(total("/api/v1/recommendations?mechanism=SP"), 1);
    assert_int_equal(total("/api/v1/recommendations?mechanism=CRC&mechanism=CCPR"), 3);
    assert_int_equal(total("/api/v1/recommendations?mechanism=CRC,CCPR"), 3);
    assert_int_equal(total("/api/v1/recommendations?document=CRC/C/PER/CO/6-7"), 1);
    assert_int_equal(total("/api/v1/recommendations?document=A/HRC/15/6"), 137);
    assert_true(total("/api/v1/recommendations?sdg_target=16.2") >= 3);
    assert_true(total("/api/v1/recommendations?sdg_goal=16") >=
                total("/api/v1/recommendations?sdg_target=16.2"));
    long long supported = total("/api/v1/recommendations?position=supported");
    long long noted = total("/api/v1/recommendations?position=noted");
    assert_true(supported > 0 && noted > 0);
    assert_int_equal(total("/api/v1/recommendations?position=supported,noted"), supported + noted);
    assert_true(total("/api/v1/recommendations?recommending_state=TH") >= 1);
    assert_int_equal(total("/api/v1/recommendations?session=10&state=PY"), 129 + 6);
    assert_true(total("/api/v1/recommendations?cycle=1") >= 129);
    assert_int_equal(total("/api/v1/recommendations?from=2022-01-01&to=2022-12-31"), 1);
    assert_int_equal(total("/api/v1/recommendations?from=2030-01-01"), 0);
    assert_int_equal(total("/api/v1/recommendations?body=Special%20Rapporteur%20on%20the%20rights"
                           "%20of%20indigenous%20peoples"),
                     1);
}

static void test_combined_filters(void **state)
{
    (void)state;
    long long py = total("/api/v1/recommendations?state=PY");
    long long py_noted = total("/api/v1/recommendations?state=PY&position=noted");
    long long py_upr = total("/api/v1/recommendations?state=PY&mechanism=UPR");
    assert_true(py_noted > 0 && py_noted < py);
    assert_true(py_upr < py);
    assert_int_equal(total("/api/v1/recommendations?state=PY&mechanism=UPR&position=noted"),
                     total("/api/v1/recommendations?state=PY&position=noted"));
    assert_int_equal(total("/api/v1/recommendations?state=PY&state=ES"),
                     py + total("/api/v1/recommendations?state=ES"));
}

static void test_theme_and_person_by_id(void **state)
{
    (void)state;
    /* Take a recommendation's theme and person from its page, then filter by them. */
    json_t *list = get("/api/v1/recommendations?mechanism=SP", 200);
    long long id = json_integer_value(
        json_object_get(json_array_get(json_object_get(list, "items"), 0), "id"));
    json_decref(list);
    char url[256];
    snprintf(url, sizeof url, "/api/v1/recommendations/%lld?lang=es", id);
    json_t *item = get(url, 200);
    json_t *theme = json_array_get(json_object_get(item, "themes"), 0);
    json_t *person = json_array_get(json_object_get(item, "affected_persons"), 0);
    assert_non_null(theme);
    assert_non_null(person);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(item, "mechanism"), "name")),
        "Procedimientos especiales");
    snprintf(url, sizeof url, "/api/v1/recommendations?theme=%lld&affected_person=%lld&state=PY",
             (long long)json_integer_value(json_object_get(theme, "id")),
             (long long)json_integer_value(json_object_get(person, "id")));
    json_t *filtered = get(url, 200);
    int found = 0;
    json_t *items = json_object_get(filtered, "items");
    for (size_t i = 0; i < json_array_size(items); i++)
        found |= json_integer_value(json_object_get(json_array_get(items, i), "id")) == id;
    assert_true(found);
    json_decref(filtered);
    json_decref(item);
}

static void test_search_ignores_accents_and_case(void **state)
{
    (void)state;
    long long plain = total("/api/v1/recommendations?q=ninas");
    assert_true(plain >= 1);
    assert_int_equal(total("/api/v1/recommendations?q=ni%C3%B1as"), plain);
    assert_int_equal(total("/api/v1/recommendations?q=NI%C3%91AS"), plain);
    /* English stemming: "tortured" finds "torture". */
    assert_int_equal(total("/api/v1/recommendations?q=tortured"),
                     total("/api/v1/recommendations?q=torture"));
    json_t *body = get("/api/v1/recommendations?q=torture&state=PY", 200);
    json_t *first = json_array_get(json_object_get(body, "items"), 0);
    const char *snippet = json_string_value(json_object_get(first, "snippet"));
    assert_non_null(snippet);
    assert_non_null(strstr(snippet, "\xee\x80\x80")); /* the highlight marker */
    json_decref(body);
}

static void test_bad_parameters_name_the_field(void **state)
{
    (void)state;
    assert_refused("/api/v1/recommendations?sdg_target=16.z", 422, "sdg_target");
    assert_refused("/api/v1/recommendations?sdg_target=16.11", 422, "sdg_target");
    assert_refused("/api/v1/recommendations?state=XX", 422, "state");
    assert_refused("/api/v1/recommendations?state=Paraguay", 422, "state");
    assert_refused("/api/v1/recommendations?theme=999999", 422, "theme");
    assert_refused("/api/v1/recommendations?from=2020-13-01", 422, "from");
    assert_refused("/api/v1/recommendations?position=maybe", 422, "position");
    assert_refused("/api/v1/recommendations?limit=100000", 400, "limit");
    assert_refused("/api/v1/recommendations?limit=0", 422, "limit");
    assert_refused("/api/v1/recommendations?cursor=not-a-cursor", 422, "cursor");
    assert_refused("/api/v1/recommendations?sort=relevance", 422, "sort");
    assert_refused("/api/v1/recommendations?sdg_traget=16.2", 400, "sdg_traget");
    assert_refused("/api/v1/recommendations/abc", 404, "id");
    assert_refused("/api/v1/recommendations/99999999", 404, "id");
}

static void test_injection_shaped_input_is_harmless(void **state)
{
    (void)state;
    long long before = total("/api/v1/recommendations");
    assert_true(total("/api/v1/recommendations?q=%27%3B%20DROP%20TABLE%20recommendation%3B%20--") >=
                0);
    assert_refused("/api/v1/recommendations?state=PY%27%20OR%201%3D1%20--", 422, "state");
    assert_refused("/api/v1/recommendations?document=A%27%3BDELETE", 422, "document");
    assert_refused("/api/v1/recommendations?body=%27%20OR%20%271%27%3D%271", 422, "body");
    assert_int_equal(total("/api/v1/recommendations"), before);
}

/* Each facet value's count equals the total of the list filtered by that value too. */
static void check_facet(json_t *facets, const char *facet, const char *base, const char *param)
{
    json_t *values = json_object_get(facets, facet);
    assert_true(json_array_size(values) > 0);
    for (size_t i = 0; i < json_array_size(values); i++) {
        json_t *v = json_array_get(values, i);
        json_t *value = json_object_get(v, "value");
        char url[512];
        if (json_is_integer(value) && strcmp(param, "year") == 0)
            snprintf(url, sizeof url, "%s&from=%lld-01-01&to=%lld-12-31", base,
                     (long long)json_integer_value(value), (long long)json_integer_value(value));
        else if (json_is_integer(value))
            snprintf(url, sizeof url, "%s&%s=%lld", base, param,
                     (long long)json_integer_value(value));
        else
            snprintf(url, sizeof url, "%s&%s=%s", base, param, json_string_value(value));
        long long count = json_integer_value(json_object_get(v, "count"));
        if (total(url) != count)
            fail_msg("facet %s: %s has count %lld, the list has %lld", facet, url, count,
                     total(url));
    }
}

static void test_facets_equal_the_filtered_counts(void **state)
{
    (void)state;
    const char *base = "/api/v1/recommendations?state=PY";
    json_t *facets = get("/api/v1/recommendations/facets?state=PY&lang=fr", 200);
    assert_int_equal(json_integer_value(json_object_get(facets, "total")), total(base));
    check_facet(facets, "mechanism", base, "mechanism");
    check_facet(facets, "position", base, "position");
    check_facet(facets, "sdg_target", base, "sdg_target");
    check_facet(facets, "sdg_goal", base, "sdg_goal");
    check_facet(facets, "theme", base, "theme");
    check_facet(facets, "affected_person", base, "affected_person");
    check_facet(facets, "state", base, "state");
    check_facet(facets, "year", base, "year");
    json_t *position = json_array_get(json_object_get(facets, "position"), 0);
    assert_string_equal(json_string_value(json_object_get(position, "value")), "noted");
    assert_string_equal(json_string_value(json_object_get(position, "name")), "Notée");
    json_t *mechanism = json_array_get(json_object_get(facets, "mechanism"), 0);
    assert_string_equal(json_string_value(json_object_get(mechanism, "name")),
                        "Examen périodique universel");
    json_decref(facets);
    assert_refused("/api/v1/recommendations/facets?sdg_target=99.1", 422, "sdg_target");
    assert_refused("/api/v1/recommendations/facets?format=csv", 422, "format");
}

static void test_one_recommendation(void **state)
{
    (void)state;
    json_t *list = get("/api/v1/recommendations?document=A/HRC/15/6&limit=1", 200);
    long long id = json_integer_value(
        json_object_get(json_array_get(json_object_get(list, "items"), 0), "id"));
    json_decref(list);
    char url[128];
    snprintf(url, sizeof url, "/api/v1/recommendations/%lld?lang=fr", id);
    json_t *item = get(url, 200);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(item, "document"), "symbol")),
        "A/HRC/15/6");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(item, "states"), 0), "name")),
                        "Espagne");
    /* The other items of the same paragraph are related. */
    json_t *related = json_object_get(item, "related");
    assert_true(json_array_size(related) > 0);
    assert_string_equal(json_string_value(json_object_get(json_array_get(related, 0), "reason")),
                        "same_paragraph_group");
    json_decref(item);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_have_no_duplicates_or_gaps),
        cmocka_unit_test(test_each_filter),
        cmocka_unit_test(test_combined_filters),
        cmocka_unit_test(test_theme_and_person_by_id),
        cmocka_unit_test(test_search_ignores_accents_and_case),
        cmocka_unit_test(test_bad_parameters_name_the_field),
        cmocka_unit_test(test_injection_shaped_input_is_harmless),
        cmocka_unit_test(test_facets_equal_the_filtered_counts),
        cmocka_unit_test(test_one_recommendation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
