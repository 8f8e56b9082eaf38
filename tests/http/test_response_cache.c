/*
 * The response cache of anonymous public reads (server/http/cached.c,
 * issue 5) over HTTP, against the fixture's server, whose cache is on
 * (the default):
 *
 *   a repeated anonymous read is served from the cache with the same
 *   bytes and ETag, whatever the order of its parameters; If-None-Match
 *   answers 304 without a body;
 *   a write to public data is seen by the next anonymous read: an SDG
 *   link added in the database, a status update approved, a comment
 *   published;
 *   a signed-in read is never served to the anonymous public nor to
 *   another user, and never stored: planning facets and filters.
 *
 *   the ministries' daily work leaves the cache alone (schema 0016): a
 *   draft, a submission, a return, an attachment and a comment awaiting
 *   moderation move no generation; an approval or a publication does.
 *
 * It uses recommendations 100-103 of the Spanish UPR report (A/HRC/15/6),
 * which no other test uses. All HTTP tests share one server and database,
 * and the others write while this one runs: any commit of theirs starts a
 * new generation, so a read expected to be a hit is retried a few times,
 * and every assertion on content is narrowed to this test's rows.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_client.h"
#include "http_session.h"
#include "testdb.h"

#include "hrtrack/cluster.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int port;
static char *conninfo;
static http_session coordinator, focal_moh, validator_moh, cso, unct;
static long long moh;
static long long rec[4];

static long long int_of(const json_t *j, const char *name)
{
    return json_integer_value(json_object_get(j, name));
}

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

static void sql_ok(const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    char *value = testdb_query(conninfo, sql);
    if (value == NULL)
        fail_msg("setup SQL failed: %s", sql);
    free(value);
}

/* An anonymous GET on a fresh connection, with `headers` (or NULL); fails unless `status`. */
static void get(http_response *r, const char *target, const char *headers, int status)
{
    assert_int_equal(http_get(r, port, target, headers), 0);
    if (r->status != status)
        fail_msg("GET %s: %d, expected %d: %s", target, r->status, status, r->body);
}

static int header_is(const http_response *r, const char *name, const char *value)
{
    char got[128];
    return http_header(r, name, got, sizeof got) == 0 && strcmp(got, value) == 0;
}

/*
 * Reads `target` anonymously until the cache serves it (a write of another
 * test between two reads starts a new generation: a miss again). Fills *r
 * with the hit; fails after ten tries.
 */
static void get_hit(http_response *r, const char *target)
{
    for (int i = 0; i < 10; i++) {
        get(r, target, NULL, 200);
        if (header_is(r, "X-Cache", "hit"))
            return;
        http_response_free(r);
    }
    fail_msg("GET %s: never served from the cache", target);
}

/* The anonymous reply to `target` as JSON. */
static json_t *get_json(const char *target)
{
    http_response r;
    get(&r, target, NULL, 200);
    json_t *j = json_loads(r.body, 0, NULL);
    http_response_free(&r);
    assert_non_null(j);
    return j;
}

static long long institution_id(const char *acronym)
{
    json_t *list = http_json(port, "/api/v1/institutions", 200);
    json_t *items = json_object_get(list, "items");
    long long id = 0;
    for (size_t i = 0; i < json_array_size(items); i++) {
        if (strcmp(str(json_array_get(items, i), "acronym"), acronym) == 0)
            id = int_of(json_array_get(items, i), "id");
    }
    json_decref(list);
    assert_true(id > 0);
    return id;
}

static int setup(void **state)
{
    (void)state;
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal_moh, port, "focal.moh@test.hrtrack");
    http_login_ok(&validator_moh, port, "validator.moh@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    http_login_ok(&unct, port, "unct@test.hrtrack");
    moh = institution_id("MOH");
    /* Items 100-103: the browser tests use 60-62, 70 and 80-82 (tests/web/lib/data.mjs). */
    json_t *page = http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=200", 200);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 104);
    for (size_t i = 0; i < 4; i++)
        rec[i] = int_of(json_array_get(items, 100 + i), "id");
    json_decref(page);
    assert_int_equal(
        hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http"), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(conninfo);
    return 0;
}

static void test_repeated_read_is_a_hit_with_etag(void **state)
{
    (void)state;
    char target[160], etag[64], again[64], headers[160];
    snprintf(target, sizeof target, "/api/v1/recommendations/%lld?lang=fr", rec[0]);
    http_response first, hit;
    get(&first, target, NULL, 200);
    assert_int_equal(http_header(&first, "ETag", etag, sizeof etag), 0);
    assert_true(header_is(&first, "Cache-Control", "no-cache"));
    get_hit(&hit, target);
    /* The same bytes, whether computed or kept. */
    assert_int_equal(hit.body_len, first.body_len);
    assert_memory_equal(hit.body, first.body, first.body_len);
    assert_int_equal(http_header(&hit, "ETag", again, sizeof again), 0);
    assert_string_equal(again, etag);
    http_response_free(&first);
    http_response_free(&hit);

    /* 304 without a body for the version held, weak or strong; 200 for another. */
    http_response r;
    snprintf(headers, sizeof headers, "If-None-Match: %s\r\n", etag);
    get(&r, target, headers, 304);
    assert_int_equal(r.body_len, 0);
    assert_true(header_is(&r, "ETag", etag));
    http_response_free(&r);
    snprintf(headers, sizeof headers, "If-None-Match: \"older\", W/%s\r\n", etag);
    get(&r, target, headers, 304);
    http_response_free(&r);
    get(&r, target, "If-None-Match: \"older\"\r\n", 200);
    assert_true(r.body_len > 0);
    http_response_free(&r);

    /* Another order of the same parameters is the same request. */
    get_hit(&r, "/api/v1/recommendations?document=A/HRC/15/6&limit=7&lang=es");
    http_header(&r, "ETag", etag, sizeof etag);
    http_response_free(&r);
    get(&r, "/api/v1/recommendations?lang=es&limit=7&document=A/HRC/15/6", NULL, 200);
    assert_true(header_is(&r, "ETag", etag));
    http_response_free(&r);
    /* Any Accept that asks for JSON is the same request; one that asks for CSV is an export. */
    get(&r, "/api/v1/recommendations?document=A/HRC/15/6&limit=7&lang=es",
        "Accept: application/json, */*;q=0.5\r\n", 200);
    assert_true(header_is(&r, "ETag", etag));
    http_response_free(&r);
    get(&r, "/api/v1/recommendations?document=A/HRC/15/6&limit=7&lang=es", "Accept: text/csv\r\n",
        200);
    char type[64] = "";
    http_header(&r, "Content-Type", type, sizeof type);
    assert_non_null(strstr(type, "text/csv"));
    char value[16];
    assert_int_not_equal(http_header(&r, "X-Cache", value, sizeof value), 0);
    http_response_free(&r);
}

/* Whether the detail of `id` lists SDG target `target`. */
static int has_target(const json_t *detail, const char *target)
{
    size_t i;
    json_t *link;
    json_array_foreach(json_object_get(detail, "sdg"), i, link)
    {
        if (str(link, "target") != NULL && strcmp(str(link, "target"), target) == 0)
            return 1;
    }
    return 0;
}

static void test_link_change_is_seen(void **state)
{
    (void)state;
    char detail[96], list[160];
    snprintf(detail, sizeof detail, "/api/v1/recommendations/%lld", rec[1]);
    snprintf(list, sizeof list, "/api/v1/recommendations?document=A/HRC/15/6&sdg_target=17.19");
    http_response r;
    get_hit(&r, detail);
    json_t *before = json_loads(r.body, 0, NULL);
    http_response_free(&r);
    assert_false(has_target(before, "17.19"));
    json_decref(before);
    get_hit(&r, list);
    json_t *page = json_loads(r.body, 0, NULL);
    http_response_free(&r);
    long long total = int_of(page, "total");
    json_decref(page);

    /* Straight into the database, as an import would: no request tells the server. */
    sql_ok("INSERT INTO recommendation_sdg (recommendation_id, goal, target, source)"
           " VALUES (%lld, 17, '17.19', 'manual') RETURNING 1",
           rec[1]);
    json_t *after = get_json(detail);
    assert_true(has_target(after, "17.19"));
    json_decref(after);
    page = get_json(list);
    assert_int_equal(int_of(page, "total"), total + 1);
    json_decref(page);
}

static json_t *step(const http_session *s, const json_t *update, const char *name)
{
    char target[128], body[64];
    snprintf(target, sizeof target, "/api/v1/status-updates/%lld/%s", int_of(update, "id"), name);
    snprintf(body, sizeof body, "{\"version\":%lld}", int_of(update, "version"));
    return http_call(port, s, "POST", target, body, 200);
}

static void test_approved_status_is_seen(void **state)
{
    (void)state;
    sql_ok("INSERT INTO rec_assignment (recommendation_id, institution_id, role)"
           " VALUES (%lld, %lld, 'lead') RETURNING 1",
           rec[2], moh);
    char detail[96], history[128], body[512];
    snprintf(detail, sizeof detail, "/api/v1/recommendations/%lld?lang=es", rec[2]);
    snprintf(history, sizeof history, "/api/v1/recommendations/%lld/status-history", rec[2]);
    http_response r;
    get_hit(&r, detail);
    json_t *before = json_loads(r.body, 0, NULL);
    http_response_free(&r);
    assert_true(json_is_null(json_object_get(before, "current_status")));
    json_decref(before);
    get_hit(&r, history);
    http_response_free(&r);

    snprintf(body, sizeof body,
             "{\"recommendation_id\":%lld,\"status\":\"implemented\",\"as_of\":\"2025-01-31\","
             "\"narrative\":\"Cache test: the law was passed\"}",
             rec[2]);
    json_t *draft = http_call(port, &focal_moh, "POST", "/api/v1/status-updates", body, 201);
    json_t *submitted = step(&focal_moh, draft, "submit");
    /* Submitted is not public yet. */
    json_t *still = get_json(detail);
    assert_true(json_is_null(json_object_get(still, "current_status")));
    json_decref(still);
    json_t *approved = step(&validator_moh, submitted, "approve");

    json_t *after = get_json(detail);
    assert_string_equal(str(json_object_get(after, "current_status"), "status"), "implemented");
    json_decref(after);
    json_t *list = get_json(history);
    size_t i;
    json_t *e;
    int found = 0;
    json_array_foreach(json_object_get(list, "items"), i, e)
    {
        found |= int_of(e, "id") == int_of(approved, "id");
    }
    assert_true(found);
    json_decref(list);
    json_decref(draft);
    json_decref(submitted);
    json_decref(approved);
}

static void test_published_comment_is_seen(void **state)
{
    (void)state;
    char comments[128], body[256], target[128];
    snprintf(comments, sizeof comments, "/api/v1/recommendations/%lld/comments", rec[3]);
    http_response r;
    get_hit(&r, comments);
    http_response_free(&r);
    snprintf(body, sizeof body,
             "{\"recommendation_id\":%lld,\"body\":\"Cache test: consulted at last.\"}", rec[3]);
    json_t *c = http_call(port, &cso, "POST", "/api/v1/comments", body, 201);
    json_t *list = get_json(comments);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 0);
    json_decref(list);
    snprintf(target, sizeof target, "/api/v1/comments/%lld/publish", int_of(c, "id"));
    snprintf(body, sizeof body, "{\"version\":%lld}", int_of(c, "version"));
    json_decref(http_call(port, &coordinator, "POST", target, body, 200));
    list = get_json(comments);
    json_t *items = json_object_get(list, "items");
    assert_int_equal(json_array_size(items), 1);
    assert_int_equal(int_of(json_array_get(items, 0), "id"), int_of(c, "id"));
    json_decref(list);
    json_decref(c);
}

/* A GET as `s`; fails unless `status`; the reply must never carry X-Cache. */
static json_t *get_as(const http_session *s, const char *target, int status)
{
    http_response r;
    assert_int_equal(http_send_as(&r, port, s, "GET", target, NULL, 0), 0);
    if (r.status != status)
        fail_msg("GET %s signed in: %d, expected %d", target, r.status, status);
    char value[32];
    assert_int_not_equal(http_header(&r, "X-Cache", value, sizeof value), 0);
    assert_false(header_is(&r, "Cache-Control", "no-cache"));
    json_t *j = json_loads(r.body, 0, NULL);
    http_response_free(&r);
    return j;
}

static void test_signed_in_reads_are_never_shared(void **state)
{
    (void)state;
    /* Facets with planning data (the institution facet) for the coordinator only. */
    const char *facets = "/api/v1/recommendations/facets?document=A/HRC/15/6&lang=fr";
    json_t *mine = get_as(&coordinator, facets, 200);
    assert_non_null(json_object_get(mine, "institution"));
    json_decref(mine);
    http_response r;
    get(&r, facets, NULL, 200);
    json_t *public = json_loads(r.body, 0, NULL);
    assert_null(json_object_get(public, "institution"));
    json_decref(public);
    http_response_free(&r);
    get_hit(&r, facets);
    http_response_free(&r);
    /* The public reply is held now: the coordinator still gets their own. */
    mine = get_as(&coordinator, facets, 200);
    assert_non_null(json_object_get(mine, "institution"));
    json_decref(mine);

    /* A planning filter: answered to the UN team, refused to the public and a CSO. */
    char target[160];
    snprintf(target, sizeof target,
             "/api/v1/recommendations?document=A/HRC/15/6&institution=%lld&limit=3&lang=fr", moh);
    json_t *page = get_as(&unct, target, 200);
    assert_true(int_of(page, "total") >= 1);
    json_decref(page);
    get(&r, target, NULL, 401);
    http_response_free(&r);
    json_decref(get_as(&cso, target, 403));

    /* A signed-in reply is never kept: the first anonymous read of a URL only a
     * signed-in user asked for before is a miss. */
    snprintf(target, sizeof target,
             "/api/v1/recommendations?document=A/HRC/15/6&sort=paragraph&limit=61&lang=fr");
    json_decref(get_as(&unct, target, 200));
    get(&r, target, NULL, 200);
    assert_true(header_is(&r, "X-Cache", "miss"));
    http_response_free(&r);
}

/* Runs `sql` on `c`; returns its first value (malloc'd; "" when none) or fails. */
static char *tx(PGconn *c, const char *sql)
{
    PGresult *res = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    char *v = strdup(st == PGRES_TUPLES_OK && PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return v;
}

static char *txf(PGconn *c, const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    return tx(c, sql);
}

/* Whether the open transaction on `c` has marked itself as changing public data (0014). */
static int marked(PGconn *c)
{
    char *v = tx(c, "SELECT coalesce(current_setting('hrtrack.data_changed', true), '')");
    int yes = strcmp(v, "yes") == 0;
    free(v);
    return yes;
}

/*
 * Inside transactions that are rolled back (nothing is left, and the other
 * tests' commits cannot blur what is measured): the transaction-local mark
 * that moves the generation at commit, step by step through a status
 * update's and a comment's life.
 */
static void test_daily_work_keeps_the_cache(void **state)
{
    (void)state;
    PGconn *c = PQconnectdb(conninfo);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    char *focal = tx(c, "SELECT id FROM app_user WHERE email = 'focal.moh@test.hrtrack'");
    char *validator = tx(c, "SELECT id FROM app_user WHERE email = 'validator.moh@test.hrtrack'");
    char *author = tx(c, "SELECT id FROM app_user WHERE email = 'cso@test.hrtrack'");

    free(tx(c, "BEGIN"));
    char *u = txf(c,
                  "INSERT INTO status_update (recommendation_id, institution_id, status, as_of,"
                  " narrative, author_id) VALUES (%lld, %lld, 'in_progress', '2025-01-01',"
                  " 'Cache test draft', %s) RETURNING id",
                  rec[1], moh, focal);
    assert_false(marked(c)); /* a draft */
    free(
        txf(c, "UPDATE status_update SET narrative = 'Cache test draft, edited' WHERE id = %s", u));
    assert_false(marked(c));
    free(txf(c, "INSERT INTO attachment_blob (sha256, size, content) VALUES"
                " (sha256('cache test'::bytea), 10, 'cache test'::bytea) ON CONFLICT DO NOTHING"));
    free(txf(c,
             "INSERT INTO attachment (status_update_id, sha256, file_name, media_type, size,"
             " created_by) VALUES (%s, sha256('cache test'::bytea), 'note.txt', 'text/plain',"
             " 10, %s)",
             u, focal));
    assert_false(marked(c)); /* a draft's file */
    free(txf(c,
             "UPDATE status_update SET state = 'submitted', submitted_by = %s,"
             " submitted_at = now() WHERE id = %s",
             focal, u));
    assert_false(marked(c)); /* submitted */
    free(txf(c,
             "UPDATE status_update SET state = 'returned', return_reason = 'why',"
             " decided_by = %s, decided_at = now() WHERE id = %s",
             validator, u));
    assert_false(marked(c)); /* returned */
    free(txf(c,
             "UPDATE status_update SET state = 'approved', return_reason = NULL,"
             " decided_by = %s, decided_at = now() WHERE id = %s",
             validator, u));
    assert_true(marked(c)); /* approved: public */
    free(tx(c, "ROLLBACK"));
    free(u);

    free(tx(c, "BEGIN"));
    char *cm = txf(c,
                   "INSERT INTO comment (recommendation_id, author_id, body) VALUES"
                   " (%lld, %s, 'Cache test comment') RETURNING id",
                   rec[1], author);
    assert_false(marked(c)); /* pending */
    free(txf(c, "UPDATE comment SET state = 'rejected', moderation_reason = 'no' WHERE id = %s",
             cm));
    assert_false(marked(c)); /* rejected */
    free(txf(c,
             "UPDATE comment SET state = 'published', moderation_reason = NULL,"
             " published_at = now() WHERE id = %s",
             cm));
    assert_true(marked(c)); /* published: public */
    free(tx(c, "ROLLBACK"));
    free(cm);

    PQfinish(c);
    free(focal);
    free(validator);
    free(author);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repeated_read_is_a_hit_with_etag),
        cmocka_unit_test(test_link_change_is_seen),
        cmocka_unit_test(test_approved_status_is_seen),
        cmocka_unit_test(test_published_comment_is_seen),
        cmocka_unit_test(test_signed_in_reads_are_never_shared),
        cmocka_unit_test(test_daily_work_keeps_the_cache),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
