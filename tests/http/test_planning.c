/*
 * The planning API over HTTP: clusters (CRUD, members, assignment,
 * suggestions), duplicate groups, per-recommendation plans and bulk
 * assignment, on the Paraguay data the http_server fixture loads. Checks
 * the version rules (a stale write is a 409 carrying the current state),
 * who may do what (401/403), and that the audit log records the changes.
 *
 * All HTTP tests share one server and database: this file writes only to
 * rows it picks itself (its own clusters, Paraguay recommendations chosen
 * by position in the list, and one theme's set for bulk assignment).
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
static http_session coordinator, focal, unct, cso;
static int mfa, moh, moe;  /* institution ids */
static long long recs[12]; /* Paraguay recommendations, newest first */

/* Sends `body` (taken; NULL for none) as `s` and checks the status. */
static json_t *call(const http_session *s, const char *method, const char *target, json_t *body,
                    int status)
{
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    json_t *reply = http_call(port, s, method, target, text, status);
    free(text);
    return reply;
}

static long long int_of(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

static const char *error_field(const json_t *reply)
{
    return json_string_value(json_object_get(json_object_get(reply, "error"), "field"));
}

static int institution_id(const json_t *items, const char *acronym)
{
    for (size_t i = 0; i < json_array_size(items); i++) {
        const json_t *item = json_array_get(items, i);
        if (strcmp(json_string_value(json_object_get(item, "acronym")), acronym) == 0)
            return (int)int_of(item, "id");
    }
    fail_msg("no institution %s", acronym);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    port = http_test_port();
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal, port, "focal.moh@test.hrtrack");
    http_login_ok(&unct, port, "unct@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    json_t *inst = http_json(port, "/api/v1/institutions", 200);
    json_t *items = json_object_get(inst, "items");
    mfa = institution_id(items, "MFA");
    moh = institution_id(items, "MOH");
    moe = institution_id(items, "MOE");
    json_decref(inst);
    json_t *page = http_json(port, "/api/v1/recommendations?state=PY&limit=12", 200);
    json_t *list = json_object_get(page, "items");
    assert_int_equal(json_array_size(list), 12);
    for (size_t i = 0; i < 12; i++)
        recs[i] = int_of(json_array_get(list, i), "id");
    json_decref(page);
    return 0;
}

static json_t *create_cluster(const char *name)
{
    json_t *c = call(&coordinator, "POST", "/api/v1/clusters",
                     json_pack("{s:s, s:s, s:s, s:s}", "name", name, "description",
                               "For the planning tests", "priority", "high", "priority_reason",
                               "Raised by many states"),
                     201);
    assert_int_equal(int_of(c, "version"), 1);
    assert_int_equal(int_of(c, "member_count"), 0);
    return c;
}

static void test_cluster_crud_and_versions(void **state)
{
    (void)state;
    char url[128];
    json_t *c = create_cluster("Planning test: disability");
    long long id = int_of(c, "id");
    snprintf(url, sizeof url, "/api/v1/clusters/%lld", id);
    json_t *got = call(&coordinator, "GET", url, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(got, "name")),
                        "Planning test: disability");
    assert_string_equal(json_string_value(json_object_get(got, "priority")), "high");
    json_decref(got);

    json_t *v2 = call(&coordinator, "PATCH", url,
                      json_pack("{s:s, s:n, s:i}", "name", "Planning test: disabilities",
                                "priority", "version", 1),
                      200);
    assert_int_equal(int_of(v2, "version"), 2);
    assert_true(json_is_null(json_object_get(v2, "priority")));
    json_decref(v2);

    /* A write based on version 1 is refused and shows what is there now. */
    json_t *stale = call(&coordinator, "PATCH", url,
                         json_pack("{s:s, s:i}", "description", "lost?", "version", 1), 409);
    json_t *current = json_object_get(json_object_get(stale, "error"), "current");
    assert_int_equal(int_of(current, "version"), 2);
    assert_string_equal(json_string_value(json_object_get(current, "name")),
                        "Planning test: disabilities");
    json_decref(stale);

    json_t *bad = call(&coordinator, "PATCH", url,
                       json_pack("{s:s, s:i}", "priority", "urgent", "version", 2), 422);
    assert_string_equal(error_field(bad), "priority");
    json_decref(bad);

    json_t *list = call(&coordinator, "GET", "/api/v1/clusters?limit=200", NULL, 200);
    assert_true(int_of(list, "total") >= 1);
    json_decref(list);

    json_t *missing = call(&coordinator, "DELETE", url, NULL, 422);
    assert_string_equal(error_field(missing), "version");
    json_decref(missing);
    char del[160];
    snprintf(del, sizeof del, "%s?version=1", url);
    json_decref(call(&coordinator, "DELETE", del, NULL, 409));
    snprintf(del, sizeof del, "%s?version=2", url);
    json_decref(call(&coordinator, "DELETE", del, NULL, 200));
    json_decref(call(&coordinator, "GET", url, NULL, 404));
    json_decref(call(&coordinator, "DELETE", del, NULL, 404));
    json_decref(c);
}

static void test_members_and_assignment(void **state)
{
    (void)state;
    char url[96], members[160], assignment[160], plan[160];
    json_t *c = create_cluster("Planning test: members");
    long long id = int_of(c, "id");
    json_decref(c);
    snprintf(url, sizeof url, "/api/v1/clusters/%lld", id);
    snprintf(members, sizeof members, "%s/members", url);
    snprintf(assignment, sizeof assignment, "%s/assignment", url);

    json_t *v2 = call(&coordinator, "POST", members,
                      json_pack("{s:[I,I,I], s:i}", "add", (json_int_t)recs[0], (json_int_t)recs[1],
                                (json_int_t)recs[2], "version", 1),
                      200);
    assert_int_equal(int_of(v2, "version"), 2);
    assert_int_equal(int_of(v2, "member_count"), 3);
    json_decref(v2);

    json_t *unknown =
        call(&coordinator, "POST", members,
             json_pack("{s:[I], s:i}", "add", (json_int_t)999999999, "version", 2), 422);
    assert_string_equal(error_field(unknown), "add");
    json_decref(unknown);
    json_t *stale =
        call(&coordinator, "POST", members,
             json_pack("{s:[I], s:i}", "remove", (json_int_t)recs[0], "version", 1), 409);
    assert_int_equal(int_of(json_object_get(json_object_get(stale, "error"), "current"), "version"),
                     2);
    json_decref(stale);

    json_t *page = call(&unct, "GET", members, NULL, 200);
    assert_int_equal(int_of(page, "total"), 3);
    assert_int_equal(json_array_size(json_object_get(page, "items")), 3);
    json_decref(page);

    json_t *v3 =
        call(&coordinator, "PUT", assignment,
             json_pack("{s:i, s:[i], s:i}", "lead", moh, "support", moe, "version", 2), 200);
    assert_int_equal(int_of(v3, "version"), 3);
    assert_int_equal(int_of(v3, "lead"), moh);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(v3, "support"), 0)), moe);
    json_decref(v3);

    /* Every member got the cluster's assignment. */
    for (int i = 0; i < 3; i++) {
        snprintf(plan, sizeof plan, "/api/v1/recommendations/%lld/plan", recs[i]);
        json_t *p = call(&focal, "GET", plan, NULL, 200);
        assert_int_equal(int_of(p, "lead"), moh);
        assert_int_equal(json_integer_value(json_array_get(json_object_get(p, "support"), 0)), moe);
        assert_true(int_of(p, "version") >= 1);
        json_decref(p);
    }

    json_t *bad =
        call(&coordinator, "PUT", assignment,
             json_pack("{s:i, s:[i], s:i}", "lead", moh, "support", moh, "version", 3), 422);
    assert_string_equal(error_field(bad), "support");
    json_decref(bad);

    json_t *v4 = call(&coordinator, "POST", members,
                      json_pack("{s:[I], s:i}", "remove", (json_int_t)recs[2], "version", 3), 200);
    assert_int_equal(int_of(v4, "member_count"), 2);
    json_decref(v4);

    char filter[64];
    snprintf(filter, sizeof filter, "/api/v1/clusters?institution=%d&limit=200", moh);
    json_t *list = call(&coordinator, "GET", filter, NULL, 200);
    int found = 0;
    json_t *items = json_object_get(list, "items");
    for (size_t i = 0; i < json_array_size(items); i++)
        found |= int_of(json_array_get(items, i), "id") == id;
    assert_true(found);
    json_decref(list);
}

static void test_suggestions(void **state)
{
    (void)state;
    json_t *s = call(&unct, "GET", "/api/v1/clusters/suggestions?state=PY&lang=es", NULL, 200);
    json_t *items = json_object_get(s, "items");
    assert_true(json_array_size(items) > 0);
    assert_true(int_of(s, "unclustered") > 0);
    json_t *first = json_array_get(items, 0);
    assert_true(strlen(json_string_value(json_object_get(first, "name"))) > 0);
    assert_true(strlen(json_string_value(json_object_get(first, "reason"))) > 0);
    assert_true(int_of(first, "count") >= 2);
    assert_true(json_array_size(json_object_get(first, "recommendation_ids")) >= 2);
    json_decref(s);

    json_t *bad = call(&unct, "GET", "/api/v1/clusters/suggestions?state=ZZ", NULL, 422);
    assert_string_equal(error_field(bad), "state");
    json_decref(bad);
    json_decref(call(&unct, "GET", "/api/v1/clusters/suggestions", NULL, 422));
}

static void test_duplicates(void **state)
{
    (void)state;
    json_t *g = call(&coordinator, "POST", "/api/v1/duplicates",
                     json_pack("{s:[I,I], s:s}", "recommendations", (json_int_t)recs[3],
                               (json_int_t)recs[4], "note", "Same wording"),
                     201);
    long long id = int_of(g, "id");
    assert_int_equal(json_array_size(json_object_get(g, "recommendations")), 2);
    json_decref(g);

    json_t *overlap = call(
        &coordinator, "POST", "/api/v1/duplicates",
        json_pack("{s:[I,I]}", "recommendations", (json_int_t)recs[4], (json_int_t)recs[5]), 409);
    assert_string_equal(error_field(overlap), "recommendations");
    json_decref(overlap);
    json_decref(call(&coordinator, "POST", "/api/v1/duplicates",
                     json_pack("{s:[I]}", "recommendations", (json_int_t)recs[5]), 422));
    json_decref(call(
        &coordinator, "POST", "/api/v1/duplicates",
        json_pack("{s:[I,I]}", "recommendations", (json_int_t)recs[5], (json_int_t)recs[5]), 422));

    char url[128], del[160], plan[128];
    snprintf(url, sizeof url, "/api/v1/duplicates/%lld", id);
    json_decref(call(&unct, "GET", url, NULL, 200));
    snprintf(plan, sizeof plan, "/api/v1/recommendations/%lld/plan", recs[3]);
    json_t *p = call(&coordinator, "GET", plan, NULL, 200);
    assert_int_equal(int_of(p, "duplicate_group"), id);
    json_decref(p);
    json_decref(call(&coordinator, "DELETE", url, NULL, 422));
    snprintf(del, sizeof del, "%s?version=2", url);
    json_decref(call(&coordinator, "DELETE", del, NULL, 409));
    snprintf(del, sizeof del, "%s?version=1", url);
    json_decref(call(&coordinator, "DELETE", del, NULL, 200));
    json_decref(call(&coordinator, "GET", url, NULL, 404));

    json_t *again = call(
        &coordinator, "POST", "/api/v1/duplicates",
        json_pack("{s:[I,I]}", "recommendations", (json_int_t)recs[4], (json_int_t)recs[5]), 201);
    json_decref(again);
}

static void test_plan(void **state)
{
    (void)state;
    char plan[128];
    snprintf(plan, sizeof plan, "/api/v1/recommendations/%lld/plan", recs[6]);
    json_t *before = call(&coordinator, "GET", plan, NULL, 200);
    long long version = int_of(before, "version");
    json_decref(before);

    json_t *p = call(&coordinator, "PUT", plan,
                     json_pack("{s:s, s:s, s:i, s:[i,i], s:I}", "priority", "high",
                               "priority_reason", "Repeated in three cycles", "lead", moe,
                               "support", moh, mfa, "version", (json_int_t)version),
                     200);
    assert_int_equal(int_of(p, "version"), version + 1);
    assert_string_equal(json_string_value(json_object_get(p, "priority")), "high");
    assert_int_equal(int_of(p, "lead"), moe);
    assert_int_equal(json_array_size(json_object_get(p, "support")), 2);
    json_decref(p);

    json_t *stale =
        call(&coordinator, "PUT", plan,
             json_pack("{s:s, s:I}", "priority", "low", "version", (json_int_t)version), 409);
    json_t *current = json_object_get(json_object_get(stale, "error"), "current");
    assert_int_equal(int_of(current, "version"), version + 1);
    assert_string_equal(json_string_value(json_object_get(current, "priority")), "high");
    json_decref(stale);

    json_t *bad =
        call(&coordinator, "PUT", plan,
             json_pack("{s:i, s:I}", "lead", 999999, "version", (json_int_t)version + 1), 422);
    assert_string_equal(error_field(bad), "lead");
    json_decref(bad);

    /* PUT replaces: what is not given is cleared. */
    json_t *cleared = call(
        &coordinator, "PUT", plan,
        json_pack("{s:n, s:i, s:I}", "priority", "lead", moh, "version", (json_int_t)version + 1),
        200);
    assert_true(json_is_null(json_object_get(cleared, "priority")));
    assert_int_equal(int_of(cleared, "lead"), moh);
    assert_int_equal(json_array_size(json_object_get(cleared, "support")), 0);
    json_decref(cleared);

    json_decref(call(&coordinator, "GET", "/api/v1/recommendations/999999999/plan", NULL, 404));
}

/* The theme of Paraguay's recommendations with the fewest (at least two) of them. */
static long long small_theme(void)
{
    json_t *facets = http_json(port, "/api/v1/recommendations/facets?state=PY", 200);
    json_t *themes = json_object_get(facets, "theme");
    long long best = 0, best_count = 0;
    for (size_t i = 0; i < json_array_size(themes); i++) {
        json_t *t = json_array_get(themes, i);
        long long count = int_of(t, "count");
        if (count >= 2 && (best == 0 || count < best_count)) {
            best = int_of(t, "value");
            best_count = count;
        }
    }
    json_decref(facets);
    assert_true(best > 0);
    return best;
}

static void test_bulk_assignment(void **state)
{
    (void)state;
    char list[128], bulk[160];
    long long theme = small_theme();
    snprintf(list, sizeof list, "/api/v1/recommendations?state=PY&theme=%lld", theme);
    snprintf(bulk, sizeof bulk, "/api/v1/assignments/bulk?state=PY&theme=%lld", theme);
    long long expected = http_total(port, list);
    assert_true(expected >= 2);

    json_t *done = call(&coordinator, "POST", bulk,
                        json_pack("{s:i, s:[i]}", "lead", moe, "support", mfa), 200);
    assert_int_equal(int_of(done, "assigned"), expected);
    json_decref(done);

    json_t *page = http_json(port, list, 200);
    char plan[128];
    snprintf(plan, sizeof plan, "/api/v1/recommendations/%lld/plan",
             int_of(json_array_get(json_object_get(page, "items"), 0), "id"));
    json_decref(page);
    json_t *p = call(&focal, "GET", plan, NULL, 200);
    assert_int_equal(int_of(p, "lead"), moe);
    json_decref(p);

    json_t *empty = call(&coordinator, "POST", "/api/v1/assignments/bulk",
                         json_pack("{s:i}", "lead", moe), 422);
    assert_string_equal(error_field(empty), "filter");
    json_decref(empty);
    json_t *typo = call(&coordinator, "POST", "/api/v1/assignments/bulk?stat=PY",
                        json_pack("{s:i}", "lead", moe), 400);
    json_decref(typo);
    json_t *no_lead = call(&coordinator, "POST", bulk, json_pack("{s:[i]}", "support", mfa), 422);
    assert_string_equal(error_field(no_lead), "lead");
    json_decref(no_lead);
}

static void test_access(void **state)
{
    (void)state;
    char plan[128];
    snprintf(plan, sizeof plan, "/api/v1/recommendations/%lld/plan", recs[7]);
    const struct {
        const char *method, *target;
    } writes[] = {
        {"POST", "/api/v1/clusters"},
        {"PATCH", "/api/v1/clusters/1"},
        {"DELETE", "/api/v1/clusters/1?version=1"},
        {"POST", "/api/v1/clusters/1/members"},
        {"PUT", "/api/v1/clusters/1/assignment"},
        {"POST", "/api/v1/duplicates"},
        {"DELETE", "/api/v1/duplicates/1?version=1"},
        {"PUT", plan},
        {"POST", "/api/v1/assignments/bulk?state=PY"},
    };
    for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
        json_decref(call(&focal, writes[i].method, writes[i].target, json_object(), 403));
        json_decref(call(&unct, writes[i].method, writes[i].target, json_object(), 403));
        json_decref(call(NULL, writes[i].method, writes[i].target, json_object(), 401));
    }
    json_decref(call(&unct, "GET", "/api/v1/clusters", NULL, 200));
    json_decref(call(&focal, "GET", plan, NULL, 200));
    json_decref(call(&cso, "GET", "/api/v1/clusters", NULL, 403));
    json_decref(call(NULL, "GET", "/api/v1/clusters", NULL, 401));
    json_decref(call(NULL, "GET", plan, NULL, 401));
}

/* The audit log has an update of `entity` `entity_id` with both images. */
static int audited_update(const char *entity, const char *entity_id)
{
    char url[200];
    snprintf(url, sizeof url, "/api/v1/audit?entity=%s&entity_id=%s&limit=200", entity, entity_id);
    json_t *log = call(&coordinator, "GET", url, NULL, 200);
    json_t *items = json_object_get(log, "items");
    int found = 0;
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *e = json_array_get(items, i);
        found |= strcmp(json_string_value(json_object_get(e, "action")), "update") == 0 &&
                 json_is_object(json_object_get(e, "before")) &&
                 json_is_object(json_object_get(e, "after")) &&
                 strncmp(json_string_value(json_object_get(e, "actor")), "user:", 5) == 0;
    }
    json_decref(log);
    return found;
}

static void test_audit_log(void **state)
{
    (void)state;
    json_t *c = create_cluster("Planning test: audit");
    char url[128], id[24];
    snprintf(id, sizeof id, "%lld", int_of(c, "id"));
    snprintf(url, sizeof url, "/api/v1/clusters/%s", id);
    json_decref(c);
    json_decref(call(&coordinator, "PATCH", url,
                     json_pack("{s:s, s:i}", "priority", "low", "version", 1), 200));
    assert_true(audited_update("rec_cluster", id));

    json_t *log = call(&coordinator, "GET", "/api/v1/audit?entity=rec_cluster", NULL, 200);
    assert_true(json_array_size(json_object_get(log, "items")) >= 2);
    json_decref(log);

    /* The plan written above was updated at least once (version 0 -> 1 -> 2). */
    char rec[24];
    snprintf(rec, sizeof rec, "%lld", recs[6]);
    assert_true(audited_update("rec_plan", rec));
    json_decref(call(&focal, "GET", "/api/v1/audit?entity=rec_cluster", NULL, 403));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cluster_crud_and_versions),
        cmocka_unit_test(test_members_and_assignment),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_plan),
        cmocka_unit_test(test_bulk_assignment),
        cmocka_unit_test(test_access),
        cmocka_unit_test(test_audit_log),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
