/*
 * Actions, indicators and measurements over HTTP, signed in as the
 * fixture's accounts (tests/support/http_session.h): create, read, update,
 * delete; refused values named by field; the scope of a focal point (its
 * own institution, recommendations assigned to it); two users editing the
 * same action, where the second gets 409 and nothing is lost; exports that
 * match the list; the audit trail of a change.
 *
 * Assignments have no route on this branch, so the test writes a few rows
 * of rec_assignment straight into the fixture's database, for
 * recommendations of the Spanish UPR report that no other test assigns.
 * All HTTP tests share one server and database: nothing here assumes empty
 * tables.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int port;
static http_session coordinator, focal_moh, focal_moe, unct, cso;
static long long moh, moe;
/* Recommendations: assigned to MOH as lead, as support, and to MOE only. */
static long long rec_moh, rec_moh_support, rec_moe;

static json_t *call(const http_session *s, const char *method, const char *target, int status,
                    const char *fmt, ...)
{
    char body[4096];
    const char *text = NULL;
    if (fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(body, sizeof body, fmt, ap);
        va_end(ap);
        text = body;
    }
    return http_call(port, s, method, target, text, status);
}

static long long id_of(const json_t *j)
{
    return json_integer_value(json_object_get(j, "id"));
}

static long long version_of(const json_t *j)
{
    return json_integer_value(json_object_get(j, "version"));
}

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

/* The field an error reply names. */
static const char *error_field(const json_t *j)
{
    return str(json_object_get(j, "error"), "field");
}

static void assert_refused(const http_session *s, const char *method, const char *target,
                           int status, const char *field, const char *body)
{
    json_t *reply = http_call(port, s, method, target, body, status);
    if (field != NULL) {
        const char *named = error_field(reply);
        if (named == NULL || strcmp(named, field) != 0)
            fail_msg("%s %s %s: field %s, expected %s", method, target, body ? body : "",
                     named ? named : "(none)", field);
    }
    json_decref(reply);
}

static long long institution_id(const char *acronym)
{
    json_t *list = http_json(port, "/api/v1/institutions", 200);
    json_t *items = json_object_get(list, "items");
    long long id = 0;
    for (size_t i = 0; i < json_array_size(items); i++) {
        if (strcmp(str(json_array_get(items, i), "acronym"), acronym) == 0)
            id = id_of(json_array_get(items, i));
    }
    json_decref(list);
    assert_true(id > 0);
    return id;
}

static void assign(const char *conninfo, long long rec, long long institution, const char *role)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO rec_assignment (recommendation_id, institution_id, role)"
             " VALUES (%lld, %lld, '%s') RETURNING 1",
             rec, institution, role);
    char *ok = testdb_query(conninfo, sql);
    assert_non_null(ok);
    free(ok);
}

static int setup(void **state)
{
    (void)state;
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal_moh, port, "focal.moh@test.hrtrack");
    http_login_ok(&focal_moe, port, "focal.moe@test.hrtrack");
    http_login_ok(&unct, port, "unct@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    moh = institution_id("MOH");
    moe = institution_id("MOE");
    json_t *page = http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=50", 200);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 45);
    rec_moh = id_of(json_array_get(items, 41));
    rec_moh_support = id_of(json_array_get(items, 42));
    rec_moe = id_of(json_array_get(items, 43));
    json_decref(page);
    char *conninfo = NULL;
    assert_int_equal(
        hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http"), 0);
    assign(conninfo, rec_moh, moh, "lead");
    assign(conninfo, rec_moh_support, moe, "lead");
    assign(conninfo, rec_moh_support, moh, "support");
    assign(conninfo, rec_moe, moe, "lead");
    free(conninfo);
    return 0;
}

/* A new action of `institution` linked to `rec`, created by `s`. */
static json_t *new_action(const http_session *s, long long institution, long long rec,
                          const char *title)
{
    return call(s, "POST", "/api/v1/actions", 201,
                "{\"title\":\"%s\",\"institution_id\":%lld,\"recommendations\":[%lld],"
                "\"start_date\":\"2025-01-01\",\"due_date\":\"2026-06-30\","
                "\"budget_amount\":\"15000.50\",\"budget_currency\":\"USD\","
                "\"budget_source\":\"National budget\"}",
                title, institution, rec);
}

static void test_crud(void **state)
{
    (void)state;
    json_t *a = new_action(&coordinator, moh, rec_moh, "Train health staff");
    long long id = id_of(a);
    assert_int_equal(version_of(a), 1);
    assert_string_equal(str(a, "status"), "planned");
    assert_string_equal(str(a, "institution"), "MOH");
    assert_string_equal(str(a, "budget_amount"), "15000.50");
    assert_int_equal(json_integer_value(json_array_get(json_object_get(a, "recommendations"), 0)),
                     rec_moh);
    char target[128];
    snprintf(target, sizeof target, "/api/v1/actions/%lld", id);
    json_t *got = call(&unct, "GET", target, 200, NULL);
    assert_true(json_equal(got, a));
    json_t *changed = call(&coordinator, "PATCH", target, 200,
                           "{\"status\":\"in_progress\",\"description\":\"Two regions first\","
                           "\"version\":1}");
    assert_int_equal(version_of(changed), 2);
    assert_string_equal(str(changed, "status"), "in_progress");
    assert_string_equal(str(changed, "title"), "Train health staff");
    /* Clearing the budget clears amount and currency together. */
    json_t *cleared = call(&coordinator, "PATCH", target, 200,
                           "{\"budget_amount\":null,\"budget_currency\":null,\"version\":2}");
    assert_true(json_is_null(json_object_get(cleared, "budget_amount")));

    char list[160];
    snprintf(list, sizeof list, "/api/v1/actions?institution=%lld&status=in_progress&limit=200",
             moh);
    json_t *page = call(&unct, "GET", list, 200, NULL);
    int found = 0;
    json_t *items = json_object_get(page, "items");
    for (size_t i = 0; i < json_array_size(items); i++)
        found |= id_of(json_array_get(items, i)) == id;
    assert_true(found);
    json_decref(page);
    snprintf(list, sizeof list, "/api/v1/actions?recommendation=%lld&limit=200", rec_moh);
    page = call(&unct, "GET", list, 200, NULL);
    assert_true(json_integer_value(json_object_get(page, "total")) >= 1);
    json_decref(page);

    assert_refused(&coordinator, "DELETE", target, 422, "version", NULL);
    char stale[160], fresh[160];
    snprintf(stale, sizeof stale, "%s?version=1", target);
    json_t *conflict = call(&coordinator, "DELETE", stale, 409, NULL);
    assert_int_equal(version_of(json_object_get(json_object_get(conflict, "error"), "current")), 3);
    snprintf(fresh, sizeof fresh, "%s?version=3", target);
    json_decref(call(&coordinator, "DELETE", fresh, 200, NULL));
    assert_refused(&coordinator, "GET", target, 404, "id", NULL);
    assert_refused(&coordinator, "PATCH", target, 404, "id", "{\"title\":\"x\",\"version\":3}");
    json_decref(conflict);
    json_decref(cleared);
    json_decref(changed);
    json_decref(got);
    json_decref(a);
}

static void test_refused_values_name_the_field(void **state)
{
    (void)state;
    char body[512];
    static const struct {
        const char *fields;
        const char *field;
    } cases[] = {
        {"\"start_date\":\"2025-06-01\",\"due_date\":\"2025-05-31\"", "due_date"},
        {"\"budget_amount\":100", "budget_currency"},
        {"\"budget_currency\":\"EUR\"", "budget_amount"},
        {"\"budget_amount\":-5,\"budget_currency\":\"EUR\"", "budget_amount"},
        {"\"budget_amount\":\"10.125\",\"budget_currency\":\"EUR\"", "budget_amount"},
        {"\"budget_amount\":\"ten\",\"budget_currency\":\"EUR\"", "budget_amount"},
        {"\"budget_amount\":10,\"budget_currency\":\"eur\"", "budget_currency"},
        {"\"start_date\":\"2025-02-30\"", "start_date"},
        {"\"due_date\":\"30/06/2025\"", "due_date"},
        {"\"status\":\"done\"", "status"},
        {"\"recommendations\":[0]", "recommendations"},
        {"\"recommendations\":[999999999]", "recommendations"},
        {"\"colour\":\"red\"", "colour"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(body, sizeof body, "{\"title\":\"Bad\",\"institution_id\":%lld,%s}", moh,
                 cases[i].fields);
        assert_refused(&coordinator, "POST", "/api/v1/actions", 422, cases[i].field, body);
    }
    assert_refused(&coordinator, "POST", "/api/v1/actions", 422, "title", "{\"institution_id\":1}");
    assert_refused(&coordinator, "POST", "/api/v1/actions", 422, "institution_id",
                   "{\"title\":\"No such institution\",\"institution_id\":999999}");
    /* A PATCH is checked against the action as it would be after the write. */
    json_t *a = new_action(&coordinator, moh, rec_moh, "Dates checked on the result");
    char target[128];
    snprintf(target, sizeof target, "/api/v1/actions/%lld", id_of(a));
    assert_refused(&coordinator, "PATCH", target, 422, "due_date",
                   "{\"due_date\":\"2024-12-31\",\"version\":1}");
    assert_refused(&coordinator, "PATCH", target, 422, "budget_amount",
                   "{\"budget_amount\":null,\"version\":1}");
    assert_refused(&coordinator, "PATCH", target, 422, "title", "{\"title\":null,\"version\":1}");
    assert_refused(&coordinator, "PATCH", target, 422, "version", "{\"title\":\"No version\"}");
    assert_refused(&coordinator, "GET", "/api/v1/actions?due_before=2025-13-01", 422, "due_before",
                   NULL);
    assert_refused(&coordinator, "GET", "/api/v1/actions?limit=201", 422, "limit", NULL);
    assert_refused(&coordinator, "GET", "/api/v1/actions?overdue=yes", 422, "overdue", NULL);
    assert_refused(&coordinator, "GET", "/api/v1/actions?sort=title", 400, "sort", NULL);
    json_decref(a);
}

static void test_focal_point_scope(void **state)
{
    (void)state;
    json_t *own = new_action(&focal_moh, moh, rec_moh, "MOH: clinics in rural areas");
    json_t *support = new_action(&focal_moh, moh, rec_moh_support, "MOH supports MOE");
    char body[512];
    snprintf(body, sizeof body,
             "{\"title\":\"Not ours\",\"institution_id\":%lld,"
             "\"recommendations\":[%lld]}",
             moh, rec_moe);
    assert_refused(&focal_moh, "POST", "/api/v1/actions", 403, NULL, body);
    snprintf(body, sizeof body,
             "{\"title\":\"For MOE\",\"institution_id\":%lld,"
             "\"recommendations\":[%lld]}",
             moe, rec_moh);
    assert_refused(&focal_moh, "POST", "/api/v1/actions", 403, NULL, body);
    snprintf(body, sizeof body, "{\"title\":\"x\",\"institution_id\":%lld}", moh);
    assert_refused(&unct, "POST", "/api/v1/actions", 403, NULL, body);
    assert_refused(&cso, "POST", "/api/v1/actions", 403, NULL, body);
    assert_refused(NULL, "POST", "/api/v1/actions", 401, NULL, body);
    assert_refused(&cso, "GET", "/api/v1/actions", 403, NULL, NULL);
    assert_refused(NULL, "GET", "/api/v1/actions", 401, NULL, NULL);

    /* MOE's focal point may not touch MOH's action, by any route. */
    char target[128], sub[160];
    snprintf(target, sizeof target, "/api/v1/actions/%lld", id_of(own));
    assert_refused(&focal_moe, "PATCH", target, 403, NULL, "{\"title\":\"Mine\",\"version\":1}");
    snprintf(sub, sizeof sub, "%s?version=1", target);
    assert_refused(&focal_moe, "DELETE", sub, 403, NULL, NULL);
    snprintf(sub, sizeof sub, "%s/recommendations", target);
    snprintf(body, sizeof body, "{\"add\":[%lld],\"version\":1}", rec_moe);
    assert_refused(&focal_moe, "POST", sub, 403, NULL, body);
    snprintf(body, sizeof body, "{\"action_id\":%lld,\"definition\":\"d\",\"unit\":\"%%\"}",
             id_of(own));
    assert_refused(&focal_moe, "POST", "/api/v1/indicators", 403, NULL, body);
    /* Nor read it: focal points read their own institution's planning only. */
    assert_refused(&focal_moe, "GET", target, 403, NULL, NULL);
    json_t *moe_list = call(&focal_moe, "GET", "/api/v1/actions?limit=200", 200, NULL);
    json_t *moe_items = json_object_get(moe_list, "items");
    for (size_t i = 0; i < json_array_size(moe_items); i++)
        assert_string_equal(str(json_array_get(moe_items, i), "institution"), "MOE");
    json_decref(moe_list);
    snprintf(sub, sizeof sub, "/api/v1/actions?institution=%lld", moh);
    assert_refused(&focal_moe, "GET", sub, 403, "institution", NULL);
    snprintf(sub, sizeof sub, "%s/recommendations", target);
    /* ... and MOH's focal point may not give it to MOE. */
    snprintf(body, sizeof body, "{\"institution_id\":%lld,\"version\":1}", moe);
    assert_refused(&focal_moh, "PATCH", target, 403, NULL, body);
    /* Linking a recommendation not assigned to MOH is refused; one assigned is fine. */
    snprintf(body, sizeof body, "{\"add\":[%lld],\"version\":1}", rec_moe);
    assert_refused(&focal_moh, "POST", sub, 403, NULL, body);
    json_t *linked =
        call(&focal_moh, "POST", sub, 200, "{\"add\":[%lld],\"version\":1}", rec_moh_support);
    assert_int_equal(json_array_size(json_object_get(linked, "recommendations")), 2);
    json_t *edited =
        call(&focal_moh, "PATCH", target, 200, "{\"status\":\"in_progress\",\"version\":2}");
    assert_int_equal(version_of(edited), 3);
    /* The indicator and measurement routes keep MOE out too. */
    json_t *indicator = call(
        &focal_moh, "POST", "/api/v1/indicators", 201,
        "{\"action_id\":%lld,\"definition\":\"Clinics open\",\"unit\":\"clinics\"}", id_of(own));
    char ind[160];
    snprintf(ind, sizeof ind, "/api/v1/indicators/%lld/measurements", id_of(indicator));
    assert_refused(&focal_moe, "POST", ind, 403, NULL,
                   "{\"measured_on\":\"2025-03-31\",\"value\":3}");
    snprintf(ind, sizeof ind, "/api/v1/indicators/%lld", id_of(indicator));
    assert_refused(&focal_moe, "PATCH", ind, 403, NULL, "{\"unit\":\"x\",\"version\":1}");
    snprintf(ind, sizeof ind, "/api/v1/indicators/%lld?version=1", id_of(indicator));
    assert_refused(&focal_moe, "DELETE", ind, 403, NULL, NULL);
    snprintf(ind, sizeof ind, "/api/v1/indicators/%lld", id_of(indicator));
    assert_refused(&focal_moe, "GET", ind, 403, NULL, NULL);
    snprintf(ind, sizeof ind, "/api/v1/indicators/%lld/measurements", id_of(indicator));
    assert_refused(&focal_moe, "GET", ind, 403, NULL, NULL);
    json_t *mine = call(&focal_moh, "GET", ind, 200, NULL);
    json_decref(mine);
    json_decref(indicator);
    json_decref(edited);
    json_decref(linked);
    json_decref(support);
    json_decref(own);
}

/* Acceptance: two users editing the same action: the second gets 409 and nothing is lost. */
static void test_two_users_editing_the_same_action(void **state)
{
    (void)state;
    json_t *a = new_action(&coordinator, moh, rec_moh, "Shared action");
    char target[128];
    snprintf(target, sizeof target, "/api/v1/actions/%lld", id_of(a));
    json_t *seen_by_focal = call(&focal_moh, "GET", target, 200, NULL);
    json_t *seen_by_coordinator = call(&coordinator, "GET", target, 200, NULL);
    assert_int_equal(version_of(seen_by_focal), version_of(seen_by_coordinator));
    json_t *first = call(&focal_moh, "PATCH", target, 200,
                         "{\"title\":\"Shared action, rewritten by MOH\",\"version\":%lld}",
                         version_of(seen_by_focal));
    json_t *second = call(&coordinator, "PATCH", target, 409,
                          "{\"title\":\"Shared action, coordinator's words\","
                          "\"status\":\"cancelled\",\"version\":%lld}",
                          version_of(seen_by_coordinator));
    json_t *error = json_object_get(second, "error");
    assert_string_equal(str(error, "code"), "conflict");
    json_t *current = json_object_get(error, "current");
    assert_non_null(current);
    assert_string_equal(str(current, "title"), "Shared action, rewritten by MOH");
    assert_int_equal(version_of(current), version_of(first));
    json_t *now = call(&coordinator, "GET", target, 200, NULL);
    assert_true(json_equal(now, first));
    assert_string_equal(str(now, "status"), "planned");
    /* The same for the links: a stale version is refused, not merged. */
    char sub[160];
    snprintf(sub, sizeof sub, "%s/recommendations", target);
    json_t *stale = call(&coordinator, "POST", sub, 409, "{\"remove\":[%lld],\"version\":%lld}",
                         rec_moh, version_of(seen_by_coordinator));
    json_decref(stale);
    json_decref(now);
    json_decref(second);
    json_decref(first);
    json_decref(seen_by_coordinator);
    json_decref(seen_by_focal);
    json_decref(a);
}

static void test_links(void **state)
{
    (void)state;
    json_t *a = new_action(&coordinator, moe, rec_moe, "Links");
    char sub[160];
    snprintf(sub, sizeof sub, "/api/v1/actions/%lld/recommendations", id_of(a));
    json_t *b = call(&coordinator, "POST", sub, 200,
                     "{\"add\":[%lld,%lld],\"remove\":[%lld],\"version\":1}", rec_moh,
                     rec_moh_support, rec_moe);
    json_t *recs = json_object_get(b, "recommendations");
    assert_int_equal(json_array_size(recs), 2);
    assert_int_equal(version_of(b), 2);
    assert_refused(&coordinator, "POST", sub, 422, "add", "{\"add\":[999999999],\"version\":2}");
    char body[128];
    snprintf(body, sizeof body, "{\"add\":[%lld],\"remove\":[%lld],\"version\":2}", rec_moe,
             rec_moe);
    assert_refused(&coordinator, "POST", sub, 422, "remove", body);
    assert_refused(&coordinator, "POST", sub, 422, "version", "{\"add\":[]}");
    json_decref(b);
    json_decref(a);
}

static void test_overdue(void **state)
{
    (void)state;
    char body[512];
    snprintf(body, sizeof body,
             "{\"title\":\"Late\",\"institution_id\":%lld,\"due_date\":\"2020-01-31\"}", moe);
    json_t *late = http_call(port, &coordinator, "POST", "/api/v1/actions", body, 201);
    snprintf(body, sizeof body,
             "{\"title\":\"Late but done\",\"institution_id\":%lld,\"due_date\":\"2020-01-31\","
             "\"status\":\"completed\"}",
             moe);
    json_t *done = http_call(port, &coordinator, "POST", "/api/v1/actions", body, 201);
    assert_true(json_is_true(json_object_get(late, "overdue")));
    assert_true(json_is_false(json_object_get(done, "overdue")));
    json_t *page = call(&unct, "GET", "/api/v1/actions?overdue=true&limit=200", 200, NULL);
    json_t *items = json_object_get(page, "items");
    int found_late = 0, found_done = 0;
    for (size_t i = 0; i < json_array_size(items); i++) {
        found_late |= id_of(json_array_get(items, i)) == id_of(late);
        found_done |= id_of(json_array_get(items, i)) == id_of(done);
        assert_true(json_is_true(json_object_get(json_array_get(items, i), "overdue")));
    }
    assert_true(found_late && !found_done);
    json_decref(page);
    page = call(&unct, "GET", "/api/v1/actions?due_before=2020-02-01&limit=200", 200, NULL);
    assert_true(json_integer_value(json_object_get(page, "total")) >= 2);
    json_decref(page);
    json_decref(done);
    json_decref(late);
}

static void test_indicators_and_measurements(void **state)
{
    (void)state;
    json_t *a = new_action(&focal_moh, moh, rec_moh, "Vaccination campaign");
    json_t *on_action =
        call(&focal_moh, "POST", "/api/v1/indicators", 201,
             "{\"action_id\":%lld,\"definition\":\"Children vaccinated\","
             "\"unit\":\"%%\",\"baseline\":\"61.5\",\"baseline_date\":\"2024-12-31\","
             "\"target_value\":95,\"due_date\":\"2026-12-31\","
             "\"reporting_schedule\":\"quarterly\"}",
             id_of(a));
    assert_int_equal(json_integer_value(json_object_get(on_action, "institution_id")), moh);
    assert_string_equal(str(on_action, "baseline"), "61.5");
    assert_string_equal(str(on_action, "target_value"), "95");
    json_t *on_rec = call(&focal_moh, "POST", "/api/v1/indicators", 201,
                          "{\"recommendation_id\":%lld,\"definition\":\"Law adopted\","
                          "\"unit\":\"yes/no\",\"reporting_schedule\":\"once\"}",
                          rec_moh);
    assert_int_equal(json_integer_value(json_object_get(on_rec, "institution_id")), moh);
    char body[512];
    snprintf(body, sizeof body,
             "{\"recommendation_id\":%lld,\"definition\":\"Not ours\",\"unit\":\"x\"}", rec_moe);
    assert_refused(&focal_moh, "POST", "/api/v1/indicators", 403, NULL, body);
    snprintf(
        body, sizeof body,
        "{\"recommendation_id\":%lld,\"action_id\":%lld,\"definition\":\"Both\",\"unit\":\"x\"}",
        rec_moh, id_of(a));
    assert_refused(&coordinator, "POST", "/api/v1/indicators", 422, "action_id", body);
    assert_refused(&coordinator, "POST", "/api/v1/indicators", 422, "action_id",
                   "{\"definition\":\"Neither\",\"unit\":\"x\"}");
    snprintf(body, sizeof body,
             "{\"action_id\":%lld,\"definition\":\"d\",\"unit\":\"x\","
             "\"reporting_schedule\":\"weekly\"}",
             id_of(a));
    assert_refused(&coordinator, "POST", "/api/v1/indicators", 422, "reporting_schedule", body);

    char target[128], meas[160];
    snprintf(target, sizeof target, "/api/v1/indicators/%lld", id_of(on_action));
    json_t *changed =
        call(&focal_moh, "PATCH", target, 200, "{\"target_value\":\"97.25\",\"version\":1}");
    assert_string_equal(str(changed, "target_value"), "97.25");
    json_t *stale = call(&coordinator, "PATCH", target, 409, "{\"unit\":\"pct\",\"version\":1}");
    assert_string_equal(
        str(json_object_get(json_object_get(stale, "error"), "current"), "target_value"), "97.25");

    snprintf(meas, sizeof meas, "%s/measurements", target);
    json_t *m2 = call(&focal_moh, "POST", meas, 201,
                      "{\"measured_on\":\"2025-06-30\",\"value\":\"74.2\",\"note\":\"Q2\"}");
    json_t *m1 =
        call(&focal_moh, "POST", meas, 201, "{\"measured_on\":\"2025-03-31\",\"value\":70}");
    assert_string_equal(str(m2, "value"), "74.2");
    json_t *dup =
        call(&coordinator, "POST", meas, 409, "{\"measured_on\":\"2025-06-30\",\"value\":\"80\"}");
    json_t *error = json_object_get(dup, "error");
    assert_string_equal(str(error, "field"), "measured_on");
    assert_string_equal(str(json_object_get(error, "current"), "value"), "74.2");
    assert_refused(&focal_moh, "POST", meas, 422, "measured_on", "{\"value\":1}");
    assert_refused(&focal_moh, "POST", meas, 422, "value",
                   "{\"measured_on\":\"2025-09-30\",\"value\":\"lots\"}");
    json_t *list = call(&unct, "GET", meas, 200, NULL);
    json_t *items = json_object_get(list, "items");
    assert_int_equal(json_array_size(items), 2);
    assert_string_equal(str(json_array_get(items, 0), "measured_on"), "2025-03-31");
    assert_string_equal(str(json_array_get(items, 1), "value"), "74.2");

    char filter[160];
    snprintf(filter, sizeof filter, "/api/v1/indicators?action=%lld", id_of(a));
    json_t *by_action = call(&unct, "GET", filter, 200, NULL);
    assert_int_equal(json_integer_value(json_object_get(by_action, "total")), 1);
    json_t *first = json_array_get(json_object_get(by_action, "items"), 0);
    assert_int_equal(json_integer_value(json_object_get(first, "measurements")), 2);
    snprintf(filter, sizeof filter, "/api/v1/indicators?recommendation=%lld&institution=%lld",
             rec_moh, moh);
    json_t *by_rec = call(&unct, "GET", filter, 200, NULL);
    assert_true(json_integer_value(json_object_get(by_rec, "total")) >= 1);

    snprintf(target, sizeof target, "/api/v1/indicators/%lld?version=1", id_of(on_rec));
    json_decref(call(&focal_moh, "DELETE", target, 200, NULL));
    snprintf(target, sizeof target, "/api/v1/indicators/%lld", id_of(on_rec));
    assert_refused(&unct, "GET", target, 404, "id", NULL);
    json_decref(by_rec);
    json_decref(by_action);
    json_decref(list);
    json_decref(dup);
    json_decref(m1);
    json_decref(m2);
    json_decref(stale);
    json_decref(changed);
    json_decref(on_rec);
    json_decref(on_action);
    json_decref(a);
}

/* Splits one CSV record (every value quoted, "" for a quote) into `fields`. */
static size_t csv_record(const char **p, char fields[][256], size_t max)
{
    size_t n = 0;
    const char *s = *p;
    while (*s != '\0' && *s != '\r' && n < max) {
        size_t len = 0;
        if (*s == '"') {
            for (s++; *s != '\0' && !(*s == '"' && s[1] != '"'); s++) {
                if (*s == '"')
                    s++;
                if (len < 255)
                    fields[n][len++] = *s;
            }
            s++;
        }
        fields[n++][len] = '\0';
        if (*s == ',')
            s++;
    }
    if (*s == '\r')
        s += 2;
    *p = s;
    return n;
}

static void test_csv_and_json_exports_match_the_list(void **state)
{
    (void)state;
    char target[160];
    snprintf(target, sizeof target, "/api/v1/actions?recommendation=%lld&limit=200", rec_moh);
    json_t *page = call(&unct, "GET", target, 200, NULL);
    json_t *items = json_object_get(page, "items");
    size_t total = (size_t)json_integer_value(json_object_get(page, "total"));
    assert_true(total >= 3 && total == json_array_size(items));

    http_response r;
    snprintf(target, sizeof target, "/api/v1/actions?recommendation=%lld&format=csv", rec_moh);
    assert_int_equal(http_send_as(&r, port, &unct, "GET", target, NULL, 1), 0);
    assert_int_equal(r.status, 200);
    const char *p = r.body;
    assert_int_equal(memcmp(p, "\xEF\xBB\xBF", 3), 0);
    p += 3;
    static char fields[16][256];
    assert_int_equal(csv_record(&p, fields, 16), 11);
    assert_string_equal(fields[0], "ID");
    assert_string_equal(fields[6], "Budget");
    for (size_t i = 0; i < total; i++) {
        json_t *item = json_array_get(items, i);
        assert_int_equal(csv_record(&p, fields, 16), 11);
        assert_int_equal(strtoll(fields[0], NULL, 10), id_of(item));
        assert_string_equal(fields[1], str(item, "title"));
        assert_string_equal(fields[2], str(item, "institution"));
        assert_string_equal(fields[3], str(item, "status"));
        assert_string_equal(fields[5], str(item, "due_date") ? str(item, "due_date") : "");
        assert_string_equal(fields[6],
                            str(item, "budget_amount") ? str(item, "budget_amount") : "");
    }
    assert_int_equal(*p, '\0');
    http_response_free(&r);

    snprintf(target, sizeof target, "/api/v1/actions?recommendation=%lld&format=json", rec_moh);
    assert_int_equal(http_send_as(&r, port, &unct, "GET", target, NULL, 1), 0);
    assert_int_equal(r.status, 200);
    json_t *all = json_loadb(r.body, r.body_len, 0, NULL);
    assert_int_equal(json_array_size(all), total);
    for (size_t i = 0; i < total; i++) {
        json_t *row = json_array_get(all, i), *item = json_array_get(items, i);
        assert_int_equal(id_of(row), id_of(item));
        assert_string_equal(str(row, "title"), str(item, "title"));
        assert_int_equal(json_array_size(json_object_get(row, "recommendations")),
                         json_array_size(json_object_get(item, "recommendations")));
    }
    json_decref(all);
    http_response_free(&r);

    assert_int_equal(http_send_as(&r, port, &unct, "GET", "/api/v1/indicators?format=csv", NULL, 1),
                     0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"Reporting schedule\""));
    http_response_free(&r);
    json_decref(page);
}

/* Pages of two follow each other without gaps or repeats. The list is
 * narrowed to this test's own recommendation: other HTTP tests share the
 * server and create actions while this one runs. */
static void test_pages(void **state)
{
    (void)state;
    char target[128];
    snprintf(target, sizeof target, "/api/v1/actions?recommendation=%lld&limit=200", rec_moh);
    json_t *all = call(&unct, "GET", target, 200, NULL);
    size_t total = json_array_size(json_object_get(all, "items"));
    assert_true(total >= 3);
    size_t seen = 0;
    long long after = 0;
    for (int i = 0; i < 200; i++) {
        snprintf(target, sizeof target, "/api/v1/actions?recommendation=%lld&limit=2&after=%lld",
                 rec_moh, after);
        json_t *page = call(&unct, "GET", target, 200, NULL);
        json_t *items = json_object_get(page, "items");
        for (size_t k = 0; k < json_array_size(items); k++) {
            assert_int_equal(id_of(json_array_get(items, k)),
                             id_of(json_array_get(json_object_get(all, "items"), seen)));
            seen++;
        }
        json_t *next = json_object_get(page, "next_after");
        after = json_integer_value(next);
        int done = json_is_null(next);
        json_decref(page);
        if (done)
            break;
    }
    assert_int_equal(seen, total);
    json_decref(all);
}

static void test_audit_trail(void **state)
{
    (void)state;
    json_t *a = new_action(&focal_moh, moh, rec_moh, "Audited");
    char target[160];
    snprintf(target, sizeof target, "/api/v1/actions/%lld", id_of(a));
    json_decref(
        call(&focal_moh, "PATCH", target, 200, "{\"title\":\"Audited twice\",\"version\":1}"));
    snprintf(target, sizeof target, "/api/v1/audit?entity=action&entity_id=%lld", id_of(a));
    assert_refused(&focal_moh, "GET", target, 403, NULL, NULL);
    json_t *log = call(&coordinator, "GET", target, 200, NULL);
    json_t *items = json_object_get(log, "items");
    assert_int_equal(json_array_size(items), 2);
    json_t *update = json_array_get(items, 0), *insert = json_array_get(items, 1);
    assert_string_equal(str(update, "action"), "update");
    assert_string_equal(str(json_object_get(update, "before"), "title"), "Audited");
    assert_string_equal(str(json_object_get(update, "after"), "title"), "Audited twice");
    assert_string_equal(str(insert, "action"), "insert");
    assert_true(json_is_null(json_object_get(insert, "before")));
    assert_string_equal(str(json_object_get(insert, "after"), "title"), "Audited");
    json_t *session = call(&focal_moh, "GET", "/api/v1/session", 200, NULL);
    json_t *user = json_object_get(session, "user");
    long long user_id = json_integer_value(json_object_get(user ? user : session, "id"));
    assert_int_equal(json_integer_value(json_object_get(update, "user_id")), user_id);
    /* The link rows are audited as their own entity. */
    char link[160];
    snprintf(link, sizeof link, "/api/v1/audit?entity=action_recommendation&entity_id=%lld/%lld",
             id_of(a), rec_moh);
    json_t *links = call(&coordinator, "GET", link, 200, NULL);
    assert_int_equal(json_array_size(json_object_get(links, "items")), 1);
    json_decref(links);
    json_decref(session);
    json_decref(log);
    json_decref(a);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crud),
        cmocka_unit_test(test_refused_values_name_the_field),
        cmocka_unit_test(test_focal_point_scope),
        cmocka_unit_test(test_two_users_editing_the_same_action),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_overdue),
        cmocka_unit_test(test_indicators_and_measurements),
        cmocka_unit_test(test_csv_and_json_exports_match_the_list),
        cmocka_unit_test(test_pages),
        cmocka_unit_test(test_audit_trail),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
