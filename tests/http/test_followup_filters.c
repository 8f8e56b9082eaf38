/*
 * The query API over follow-up data (issue 5): sort=paragraph in natural
 * order with pages that neither repeat nor skip a row; the status,
 * institution, cluster and priority filters, alone and combined; the
 * status and institution facets, whose counts equal the filtered list's
 * totals; the status in list items and exports; refused values named by
 * field; and the access rule: the validated status is public, planning
 * data (institution, cluster, priority) only for planning readers.
 *
 * The follow-up rows are written straight into the fixture's database
 * (there is no status-update route on this branch): a cluster of its own,
 * assignments, priorities, and status updates inserted as submitted and
 * then approved by another user, so that the trigger of schema 0008 keeps
 * rec_status. They concern the ten newest recommendations of the Spanish
 * UPR report (A/HRC/15/6, paragraphs 87.x), which no other test uses. All
 * HTTP tests share one server and database: every count here is narrowed
 * to this test's cluster, or checks membership of this test's rows.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "csv.h"
#include "http_client.h"
#include "http_session.h"
#include "testdb.h"

#include "hrtrack/cluster.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECS 6

static int port;
static char *conninfo;
static http_session unct, cso, focal_moh, validator_moh, coordinator, admin;
static long long moh, moe, cluster;
/*
 * recs[0] implemented (MOH lead, high), recs[1] in progress (MOH lead,
 * medium), recs[2] implemented after being in progress (MOE lead, MOH
 * support, high), recs[3] none: its update is only submitted (MOE lead),
 * recs[4] none (low), recs[5] none. All six in `cluster`.
 */
static long long recs[RECS];

static long long id_of(const json_t *j)
{
    return json_integer_value(json_object_get(j, "id"));
}

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

/* Runs one SQL statement on the fixture's database; returns its first value, an id. */
static long long sql_id(const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char *value = testdb_query(conninfo, text);
    assert_non_null(value);
    long long id = strtoll(value, NULL, 10);
    free(value);
    assert_true(id > 0);
    return id;
}

/* Runs one statement that must return a row ("... RETURNING 1"). */
static void sql_ok(const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char *value = testdb_query(conninfo, text);
    if (value == NULL)
        fail_msg("setup failed: %s", text);
    free(value);
}

/* An approved update of `rec` by MOH: submitted by its focal point, approved by its validator. */
static void approve(long long rec, const char *status, const char *as_of, int approve_it)
{
    long long update = sql_id(
        "INSERT INTO status_update (recommendation_id, institution_id, status, as_of, narrative,"
        " author_id, state, submitted_by, submitted_at)"
        " SELECT %lld, %lld, '%s', DATE '%s', 'Follow-up filters test', u.id, 'submitted', u.id,"
        " now() FROM app_user u WHERE u.email = 'focal.moh@test.hrtrack' RETURNING id",
        rec, moh, status, as_of);
    if (approve_it)
        sql_ok("UPDATE status_update SET state = 'approved', decided_at = now(),"
               " decided_by = (SELECT id FROM app_user WHERE email = 'validator.moh@test.hrtrack')"
               " WHERE id = %lld RETURNING 1",
               update);
}

static void assign(long long rec, long long institution, const char *role)
{
    sql_ok("INSERT INTO rec_assignment (recommendation_id, institution_id, role)"
           " VALUES (%lld, %lld, '%s') RETURNING 1",
           rec, institution, role);
}

static int setup(void **state)
{
    (void)state;
    assert_int_equal(
        hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http"), 0);
    http_login_ok(&unct, port, "unct@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    http_login_ok(&focal_moh, port, "focal.moh@test.hrtrack");
    http_login_ok(&validator_moh, port, "validator.moh@test.hrtrack");
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&admin, port, "admin@test.hrtrack");
    moh = sql_id("SELECT id FROM institution WHERE acronym = 'MOH'");
    moe = sql_id("SELECT id FROM institution WHERE acronym = 'MOE'");
    json_t *page = http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=10", 200);
    json_t *items = json_object_get(page, "items");
    assert_int_equal(json_array_size(items), 10);
    for (int i = 0; i < RECS; i++)
        recs[i] = id_of(json_array_get(items, (size_t)i));
    json_decref(page);
    cluster =
        sql_id("INSERT INTO rec_cluster (name) VALUES ('Follow-up filters test') RETURNING id");
    for (int i = 0; i < RECS; i++)
        sql_ok("INSERT INTO rec_cluster_member (cluster_id, recommendation_id)"
               " VALUES (%lld, %lld) RETURNING 1",
               cluster, recs[i]);
    assign(recs[0], moh, "lead");
    assign(recs[1], moh, "lead");
    assign(recs[2], moe, "lead");
    assign(recs[2], moh, "support");
    assign(recs[3], moe, "lead");
    sql_ok("INSERT INTO rec_plan (recommendation_id, priority) VALUES (%lld, 'high'),"
           " (%lld, 'medium'), (%lld, 'high'), (%lld, 'low') RETURNING 1",
           recs[0], recs[1], recs[2], recs[4]);
    approve(recs[0], "implemented", "2025-06-30", 1);
    approve(recs[1], "in_progress", "2025-06-30", 1);
    approve(recs[2], "in_progress", "2024-12-31", 1);
    approve(recs[2], "implemented", "2025-06-30", 1);
    approve(recs[3], "implemented", "2025-06-30", 0); /* submitted, not approved: not public */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(conninfo);
    return 0;
}

/* GET as `s` (NULL: anonymous); fails unless `status`; returns the body. */
static json_t *get_as(const http_session *s, const char *target, int status)
{
    return http_call(port, s, "GET", target, NULL, status);
}

static long long total_as(const http_session *s, const char *target)
{
    json_t *body = get_as(s, target, 200);
    long long n = json_integer_value(json_object_get(body, "total"));
    json_decref(body);
    return n;
}

/* The total of the list of this test's cluster with `more` filters, as the UN team. */
static long long in_cluster(const char *more)
{
    char target[512];
    snprintf(target, sizeof target, "/api/v1/recommendations?cluster=%lld%s%s", cluster,
             more[0] ? "&" : "", more);
    return total_as(&unct, target);
}

/* ---- paragraph order ---------------------------------------------------- */

/* Natural comparison: runs of digits by value, other bytes as they are; NULL last. */
static int natural_cmp(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a == NULL) - (b == NULL);
    while (*a && *b) {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            char *ea = NULL, *eb = NULL;
            unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);
            if (x != y)
                return x < y ? -1 : 1;
            a = ea;
            b = eb;
        } else if (*a != *b) {
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        } else {
            a++;
            b++;
        }
    }
    return (*a != '\0') - (*b != '\0');
}

/* Whether item x may come before item y in the paragraph order. */
static int in_paragraph_order(const json_t *x, const json_t *y)
{
    int by_doc = natural_cmp(str(x, "symbol"), str(y, "symbol"));
    if (by_doc != 0)
        return by_doc < 0;
    const char *px = str(x, "paragraph"), *py = str(y, "paragraph");
    /* Without a paragraph number: first in the document. */
    int by_para = px == NULL || py == NULL ? (py == NULL) - (px == NULL) : natural_cmp(px, py);
    if (by_para != 0)
        return by_para < 0;
    return id_of(x) < id_of(y);
}

/*
 * Follows next_cursor from `target` (sort=paragraph, no cursor), checks that
 * the pages add up to the total without repeating a row and that every row
 * follows the one before in paragraph order. Returns the items (caller frees).
 */
static json_t *walk_paragraph_pages(const http_session *s, const char *target)
{
    long long expected = total_as(s, target);
    json_t *all = json_array();
    char url[2048];
    snprintf(url, sizeof url, "%s", target);
    for (int page = 0; page < 2000; page++) {
        json_t *body = get_as(s, url, 200);
        assert_int_equal(json_integer_value(json_object_get(body, "total")), expected);
        json_t *items = json_object_get(body, "items");
        for (size_t i = 0; i < json_array_size(items); i++) {
            json_t *item = json_array_get(items, i);
            size_t n = json_array_size(all);
            for (size_t k = 0; k < n; k++) {
                if (id_of(json_array_get(all, k)) == id_of(item))
                    fail_msg("%s: id %lld on two pages", target, id_of(item));
            }
            if (n > 0 && !in_paragraph_order(json_array_get(all, n - 1), item))
                fail_msg("%s: %s %s (id %lld) after %s %s (id %lld)", target, str(item, "symbol"),
                         str(item, "paragraph"), id_of(item),
                         str(json_array_get(all, n - 1), "symbol"),
                         str(json_array_get(all, n - 1), "paragraph"),
                         id_of(json_array_get(all, n - 1)));
            json_array_append(all, item);
        }
        const char *next = json_string_value(json_object_get(body, "next_cursor"));
        if (next != NULL)
            snprintf(url, sizeof url, "%s&cursor=%s", target, next);
        json_decref(body);
        if (next == NULL)
            break;
    }
    assert_int_equal((long long)json_array_size(all), expected);
    return all;
}

static void test_paragraph_order_of_a_report(void **state)
{
    (void)state;
    json_t *all =
        walk_paragraph_pages(NULL, "/api/v1/recommendations?document=A/HRC/15/6&sort=paragraph"
                                   "&limit=7");
    assert_int_equal(json_array_size(all), 137);
    /* The report's own order (tests/data/documents/A-HRC-15-6-spain.expected.tsv). */
    static const struct {
        size_t index;
        const char *paragraph;
    } expected[] = {{0, "84.1"},   {1, "84.2"},   {8, "84.9"},  {9, "84.10"},
                    {10, "84.11"}, {55, "84.56"}, {56, "85.1"}, {136, "87.18"}};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        assert_string_equal(str(json_array_get(all, expected[i].index), "paragraph"),
                            expected[i].paragraph);
    json_decref(all);
}

static void test_paragraph_order_across_documents(void **state)
{
    (void)state;
    /* Every document of the fixture (UHRI: 4, 12(b), (c), 50.3 < 50.78 < 50.189; the
     * report) and the UPR Info rows without a document, which come last. */
    json_t *all = walk_paragraph_pages(NULL, "/api/v1/recommendations?sort=paragraph&limit=50");
    size_t n = json_array_size(all);
    assert_true(n > 250);
    assert_null(str(json_array_get(all, n - 1), "symbol"));
    /* Slovenia's report (A/HRC/14/15, for test_sdg_suggestions) comes before Spain's. */
    assert_string_equal(str(json_array_get(all, 0), "symbol"), "A/HRC/14/15");
    json_decref(all);
    /* With a search: the order asked for, not relevance; filters and cursor together. */
    json_t *searched =
        walk_paragraph_pages(NULL, "/api/v1/recommendations?q=discrimination&sort=paragraph"
                                   "&state=ES&limit=3");
    assert_true(json_array_size(searched) >= 4);
    json_decref(searched);
    /* The planning filters and the paragraph order, as the UN team. */
    char target[256];
    snprintf(target, sizeof target, "/api/v1/recommendations?cluster=%lld&sort=paragraph&limit=2",
             cluster);
    json_t *mine = walk_paragraph_pages(&unct, target);
    assert_int_equal(json_array_size(mine), RECS);
    json_decref(mine);
}

static void test_cursor_of_another_order_is_refused(void **state)
{
    (void)state;
    json_t *page = http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=5", 200);
    char target[2048];
    snprintf(target, sizeof target,
             "/api/v1/recommendations?document=A/HRC/15/6&sort=paragraph&cursor=%s",
             str(page, "next_cursor"));
    json_decref(page);
    http_assert_error_field(port, target, 422, "cursor");
    page =
        http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&sort=paragraph&limit=5", 200);
    snprintf(target, sizeof target, "/api/v1/recommendations?document=A/HRC/15/6&cursor=%s",
             str(page, "next_cursor"));
    json_decref(page);
    http_assert_error_field(port, target, 422, "cursor");
    http_assert_error_field(port, "/api/v1/recommendations?sort=paragraphs", 422, "sort");
}

/* ---- filters ------------------------------------------------------------- */

static void test_each_filter_alone_and_combined(void **state)
{
    (void)state;
    char more[128];
    assert_int_equal(in_cluster(""), RECS);
    assert_int_equal(in_cluster("status=implemented"), 2);
    assert_int_equal(in_cluster("status=in_progress"), 1);
    assert_int_equal(in_cluster("status=not_started"), 0);
    assert_int_equal(in_cluster("status=none"), 3); /* a submitted update is not a status */
    assert_int_equal(in_cluster("status=implemented,none"), 5);
    assert_int_equal(in_cluster("status=implemented&status=in_progress"), 3);
    snprintf(more, sizeof more, "institution=%lld", moh);
    assert_int_equal(in_cluster(more), 3); /* lead or support */
    snprintf(more, sizeof more, "institution=%lld", moe);
    assert_int_equal(in_cluster(more), 2);
    snprintf(more, sizeof more, "institution=%lld,%lld", moh, moe);
    assert_int_equal(in_cluster(more), 4);
    assert_int_equal(in_cluster("priority=high"), 2);
    assert_int_equal(in_cluster("priority=high&priority=low"), 3);
    assert_int_equal(in_cluster("priority=medium,low&status=none"), 1);
    assert_int_equal(in_cluster("priority=high&status=implemented"), 2);
    snprintf(more, sizeof more, "priority=high&status=implemented&institution=%lld", moe);
    assert_int_equal(in_cluster(more), 1);
    snprintf(more, sizeof more, "status=none&institution=%lld", moe);
    assert_int_equal(in_cluster(more), 1);
    assert_int_equal(in_cluster("document=A/HRC/15/6&status=implemented,in_progress"), 3);
    assert_int_equal(in_cluster("state=PY"), 0);
}

/* Whether `id` is among the rows of `target`, read page by page. */
static int listed(const http_session *s, const char *target, long long id)
{
    char url[2048];
    snprintf(url, sizeof url, "%s&limit=200", target);
    int found = 0;
    for (int page = 0; page < 100 && !found; page++) {
        json_t *body = get_as(s, url, 200);
        json_t *items = json_object_get(body, "items");
        for (size_t i = 0; i < json_array_size(items); i++)
            found |= id_of(json_array_get(items, i)) == id;
        const char *next = json_string_value(json_object_get(body, "next_cursor"));
        if (next != NULL)
            snprintf(url, sizeof url, "%s&limit=200&cursor=%s", target, next);
        json_decref(body);
        if (next == NULL)
            break;
    }
    return found;
}

static void test_filters_without_the_cluster(void **state)
{
    (void)state;
    /* The status, for the anonymous public, over the whole set. */
    const char *implemented = "/api/v1/recommendations?status=implemented";
    assert_true(listed(NULL, implemented, recs[0]));
    assert_true(listed(NULL, implemented, recs[2]));
    assert_false(listed(NULL, implemented, recs[1]));
    assert_false(listed(NULL, implemented, recs[3]));
    assert_true(listed(NULL, "/api/v1/recommendations?status=none", recs[3]));
    char target[256];
    snprintf(target, sizeof target, "/api/v1/recommendations?institution=%lld", moh);
    assert_true(listed(&unct, target, recs[2]));
    assert_false(listed(&unct, target, recs[3]));
    assert_true(listed(&focal_moh, "/api/v1/recommendations?priority=low", recs[4]));
    assert_false(listed(&focal_moh, "/api/v1/recommendations?priority=low", recs[0]));
}

static void test_items_carry_the_status(void **state)
{
    (void)state;
    char target[256];
    snprintf(target, sizeof target, "/api/v1/recommendations?cluster=%lld&limit=50", cluster);
    json_t *page = get_as(&unct, target, 200);
    json_t *items = json_object_get(page, "items");
    assert_int_equal(json_array_size(items), RECS);
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *item = json_array_get(items, i);
        long long id = id_of(item);
        if (id == recs[0] || id == recs[2]) {
            assert_string_equal(str(item, "status"), "implemented");
            assert_string_equal(str(item, "status_as_of"), "2025-06-30");
        } else if (id == recs[1]) {
            assert_string_equal(str(item, "status"), "in_progress");
        } else {
            assert_true(json_is_null(json_object_get(item, "status")));
            assert_true(json_is_null(json_object_get(item, "status_as_of")));
        }
    }
    json_decref(page);
}

/* ---- facets -------------------------------------------------------------- */

/* Each value of facet `name` counts what the list filtered by it totals. */
static void assert_facet_matches_list(const json_t *facets, const char *name, const char *base)
{
    json_t *values = json_object_get(facets, name);
    assert_true(json_is_array(values));
    long long sum = 0;
    for (size_t i = 0; i < json_array_size(values); i++) {
        json_t *v = json_array_get(values, i);
        json_t *value = json_object_get(v, "value");
        char target[512];
        if (json_is_integer(value))
            snprintf(target, sizeof target, "%s&%s=%lld", base, name,
                     (long long)json_integer_value(value));
        else
            snprintf(target, sizeof target, "%s&%s=%s", base, name, json_string_value(value));
        long long count = json_integer_value(json_object_get(v, "count"));
        if (total_as(&unct, target) != count)
            fail_msg("%s: facet says %lld", target, count);
        sum += count;
    }
    if (strcmp(name, "status") == 0) /* one status (or none) each: the counts add up */
        assert_int_equal(sum, json_integer_value(json_object_get(facets, "total")));
}

/* The count of `value` in facet `name`, 0 when absent. */
static long long facet_count(const json_t *facets, const char *name, const char *value,
                             const char **label)
{
    json_t *values = json_object_get(facets, name);
    for (size_t i = 0; i < json_array_size(values); i++) {
        json_t *v = json_array_get(values, i);
        if (strcmp(str(v, "value"), value) == 0) {
            if (label != NULL)
                *label = str(v, "name");
            return json_integer_value(json_object_get(v, "count"));
        }
    }
    return 0;
}

static void test_facets(void **state)
{
    (void)state;
    char target[256], base[256];
    snprintf(base, sizeof base, "/api/v1/recommendations?cluster=%lld", cluster);
    snprintf(target, sizeof target, "/api/v1/recommendations/facets?cluster=%lld&lang=es", cluster);
    json_t *facets = get_as(&unct, target, 200);
    assert_int_equal(json_integer_value(json_object_get(facets, "total")), RECS);
    const char *label = NULL;
    assert_int_equal(facet_count(facets, "status", "implemented", &label), 2);
    assert_string_equal(label, "Implementada");
    assert_int_equal(facet_count(facets, "status", "in_progress", &label), 1);
    assert_string_equal(label, "En curso");
    assert_int_equal(facet_count(facets, "status", "none", &label), 3);
    assert_facet_matches_list(facets, "status", base);
    /* Institutions: MOH leads two and supports one, MOE leads two. */
    json_t *institutions = json_object_get(facets, "institution");
    assert_int_equal(json_array_size(institutions), 2);
    json_t *first = json_array_get(institutions, 0);
    assert_int_equal(json_integer_value(json_object_get(first, "value")), moh);
    assert_string_equal(str(first, "acronym"), "MOH");
    assert_string_equal(str(first, "name"), "Ministerio de Salud");
    assert_int_equal(json_integer_value(json_object_get(first, "count")), 3);
    assert_facet_matches_list(facets, "institution", base);
    json_decref(facets);

    /* With a filter of the same kind, the facets follow the filtered list. */
    snprintf(target, sizeof target,
             "/api/v1/recommendations/facets?cluster=%lld&status=implemented&lang=fr", cluster);
    facets = get_as(&unct, target, 200);
    assert_int_equal(json_integer_value(json_object_get(facets, "total")), 2);
    assert_int_equal(facet_count(facets, "status", "implemented", &label), 2);
    assert_string_equal(label, "Mise en œuvre");
    assert_int_equal(facet_count(facets, "status", "none", NULL), 0);
    snprintf(base, sizeof base, "/api/v1/recommendations?cluster=%lld&status=implemented", cluster);
    assert_facet_matches_list(facets, "institution", base);
    json_decref(facets);

    /* The public gets the status facet, never the institutions. */
    facets = get_as(NULL, "/api/v1/recommendations/facets?document=A/HRC/15/6", 200);
    assert_non_null(json_object_get(facets, "status"));
    assert_null(json_object_get(facets, "institution"));
    assert_true(facet_count(facets, "status", "implemented", &label) >= 2);
    assert_string_equal(label, "Implemented");
    json_decref(facets);
    facets = get_as(&cso, "/api/v1/recommendations/facets?document=A/HRC/15/6", 200);
    assert_null(json_object_get(facets, "institution"));
    json_decref(facets);
}

/* ---- exports ------------------------------------------------------------- */

static void test_exports_carry_the_status(void **state)
{
    (void)state;
    char target[256];
    snprintf(target, sizeof target,
             "/api/v1/recommendations?cluster=%lld&sort=paragraph&format=csv&lang=es", cluster);
    http_response r;
    assert_int_equal(http_send_as(&r, port, &unct, "GET", target, NULL, 0), 0);
    assert_int_equal(r.status, 200);
    FILE *f = fmemopen(r.body, r.body_len, "rb");
    hr_csv *csv = NULL;
    assert_int_equal(hr_csv_open(&csv, f, HR_CSV_UTF8), 0);
    hr_csv_record rec;
    assert_int_equal(hr_csv_next(csv, &rec), 1);
    assert_string_equal(rec.fields[14], "Estado de implementación");
    int rows = 0, implemented = 0, none = 0;
    const char *last_paragraph = NULL;
    char previous[32] = "";
    while (hr_csv_next(csv, &rec) == 1) {
        long long id = strtoll(rec.fields[0], NULL, 10);
        if (id == recs[0] || id == recs[2])
            implemented += strcmp(rec.fields[14], "Implementada") == 0;
        else if (id == recs[1])
            assert_string_equal(rec.fields[14], "En curso");
        else
            none += rec.fields[14][0] == '\0';
        /* The export follows the order asked for. */
        last_paragraph = rec.fields[2];
        if (previous[0] != '\0' && natural_cmp(previous, last_paragraph) >= 0)
            fail_msg("export: paragraph %s after %s", last_paragraph, previous);
        snprintf(previous, sizeof previous, "%s", last_paragraph);
        rows++;
    }
    assert_int_equal(rows, RECS);
    assert_int_equal(implemented, 2);
    assert_int_equal(none, 3);
    hr_csv_free(csv);
    fclose(f);
    http_response_free(&r);

    /* The JSON export carries the status too: the public one, by status. */
    assert_int_equal(http_get(&r, port,
                              "/api/v1/recommendations?document=A/HRC/15/6&status=in_progress"
                              "&format=json",
                              NULL),
                     0);
    assert_int_equal(r.status, 200);
    json_t *all = json_loadb(r.body, r.body_len, 0, NULL);
    assert_non_null(all);
    int found = 0;
    for (size_t i = 0; i < json_array_size(all); i++) {
        json_t *row = json_array_get(all, i);
        assert_string_equal(str(row, "status"), "In progress");
        found |= id_of(row) == recs[1];
    }
    assert_true(found);
    json_decref(all);
    http_response_free(&r);
}

/* ---- refused values and the access rule ---------------------------------- */

static void assert_refused_as(const http_session *s, const char *target, int status,
                              const char *field)
{
    json_t *reply = get_as(s, target, status);
    const char *named = str(json_object_get(reply, "error"), "field");
    if (named == NULL || strcmp(named, field) != 0)
        fail_msg("%s: field %s, expected %s", target, named ? named : "(none)", field);
    json_decref(reply);
}

static void test_bad_values(void **state)
{
    (void)state;
    assert_refused_as(NULL, "/api/v1/recommendations?status=done", 422, "status");
    assert_refused_as(NULL, "/api/v1/recommendations?status=approved", 422, "status");
    assert_refused_as(NULL, "/api/v1/recommendations/facets?status=IMPLEMENTED", 422, "status");
    assert_refused_as(&unct, "/api/v1/recommendations?priority=urgent", 422, "priority");
    assert_refused_as(&unct, "/api/v1/recommendations?cluster=0", 422, "cluster");
    assert_refused_as(&unct, "/api/v1/recommendations?cluster=x'%20OR%201=1--", 422, "cluster");
    assert_refused_as(&unct, "/api/v1/recommendations?cluster=999999999", 422, "cluster");
    assert_refused_as(&unct, "/api/v1/recommendations?institution=MOH", 422, "institution");
    assert_refused_as(&unct, "/api/v1/recommendations?institution=999999", 422, "institution");
    assert_refused_as(&unct, "/api/v1/recommendations/facets?institution=999999", 422,
                      "institution");
}

static void test_planning_filters_need_planning_reads(void **state)
{
    (void)state;
    char target[3][256];
    snprintf(target[0], sizeof target[0], "/api/v1/recommendations?cluster=%lld", cluster);
    snprintf(target[1], sizeof target[1], "/api/v1/recommendations?institution=%lld", moh);
    snprintf(target[2], sizeof target[2], "/api/v1/recommendations/facets?priority=high");
    static const char *const fields[3] = {"cluster", "institution", "priority"};
    for (int i = 0; i < 3; i++) {
        assert_refused_as(NULL, target[i], 401, fields[i]);
        assert_refused_as(&cso, target[i], 403, fields[i]);
        const http_session *readers[] = {&unct, &focal_moh, &validator_moh, &coordinator, &admin};
        for (size_t k = 0; k < sizeof readers / sizeof readers[0]; k++)
            json_decref(get_as(readers[k], target[i], 200));
    }
    /* Exports too. */
    char csv[300];
    snprintf(csv, sizeof csv, "%s&format=csv", target[0]);
    assert_refused_as(&cso, csv, 403, "cluster");
    /* The validated status is public. */
    json_decref(get_as(NULL, "/api/v1/recommendations?status=implemented,none", 200));
    json_decref(get_as(&cso, "/api/v1/recommendations/facets?status=in_progress", 200));
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraph_order_of_a_report),
        cmocka_unit_test(test_paragraph_order_across_documents),
        cmocka_unit_test(test_cursor_of_another_order_is_refused),
        cmocka_unit_test(test_each_filter_alone_and_combined),
        cmocka_unit_test(test_filters_without_the_cluster),
        cmocka_unit_test(test_items_carry_the_status),
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_exports_carry_the_status),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_planning_filters_need_planning_reads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
