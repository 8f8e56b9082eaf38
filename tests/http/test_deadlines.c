/*
 * What is due (GET /api/v1/deadlines) and the report deadlines the
 * coordinator keeps (/api/v1/report-deadlines), over HTTP as the
 * fixture's accounts (tests/support/http_session.h).
 *
 * Issue 7, acceptance 3: an action due yesterday appears as overdue in its
 * institution's list (the focal point of MOH) and in the coordinator's,
 * and not in another institution's (the focal point of MOE). "Yesterday"
 * is the database's: the test writes its dated rows with SQL relative to
 * current_date, straight into the fixture's database, as the server
 * reckons with current_date too.
 *
 * All HTTP tests share one server and database: lists are searched for
 * the rows this test made (paging through every page), and what is
 * asserted of whole lists is only what the filters promise for every row.
 * The actions made here follow items 10-12 of the Spanish UPR report
 * (A/HRC/15/6), which no other test uses.
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
static char *conninfo;
static http_session coordinator, focal_moh, validator_moh, focal_moe, unct, cso;
static long long moh, moe;
static long long recs[3];

static long long id_of(const json_t *j)
{
    return json_integer_value(json_object_get(j, "id"));
}

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

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

static void assert_refused(const http_session *s, const char *method, const char *target,
                           int status, const char *field, const char *body)
{
    json_t *reply = http_call(port, s, method, target, body, status);
    const char *named = str(json_object_get(reply, "error"), "field");
    if (field != NULL && (named == NULL || strcmp(named, field) != 0))
        fail_msg("%s %s: field %s, expected %s", method, target, named ? named : "(none)", field);
    json_decref(reply);
}

/* Runs SQL in the fixture's database and returns its first value as a number. */
static long long sql_id(const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    char *value = testdb_query(conninfo, sql);
    assert_non_null(value);
    long long id = strtoll(value, NULL, 10);
    free(value);
    return id;
}

/* An action of `institution` due `days` from the database's today, following `rec`. */
static long long dated_action(long long institution, int days, const char *status, long long rec,
                              const char *title)
{
    long long id = sql_id("INSERT INTO action (title, institution_id, due_date, status)"
                          " VALUES ('%s', %lld, current_date + %d, '%s') RETURNING id",
                          title, institution, days, status);
    sql_id("INSERT INTO action_recommendation (action_id, recommendation_id)"
           " VALUES (%lld, %lld) RETURNING 1",
           id, rec);
    return id;
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

/*
 * Pages through `query` (a /deadlines query string without after/limit)
 * as `s` and returns the item of `kind` and `id` (a new reference), or
 * NULL. Checks on the way that the list is in soonest-first order.
 */
static json_t *find_due(const http_session *s, const char *query, const char *kind, long long id)
{
    char target[512], after[80] = "";
    json_t *found = NULL;
    char last[64] = "";
    for (int pages = 0; pages < 100; pages++) {
        snprintf(target, sizeof target, "/api/v1/deadlines?%s%slimit=200%s%s", query,
                 query[0] ? "&" : "", after[0] ? "&after=" : "", after);
        json_t *page = call(s, "GET", target, 200, NULL);
        size_t i;
        json_t *item;
        json_array_foreach(json_object_get(page, "items"), i, item)
        {
            char key[64];
            snprintf(key, sizeof key, "%s.%s.%020lld", str(item, "due_date"), str(item, "kind"),
                     id_of(item));
            assert_true(strcmp(last, key) < 0);
            snprintf(last, sizeof last, "%s", key);
            if (found == NULL && strcmp(str(item, "kind"), kind) == 0 && id_of(item) == id)
                found = json_incref(item);
        }
        const char *next = str(page, "next_after");
        snprintf(after, sizeof after, "%s", next ? next : "");
        json_decref(page);
        if (after[0] == '\0')
            break;
    }
    return found;
}

static int setup(void **state)
{
    (void)state;
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal_moh, port, "focal.moh@test.hrtrack");
    http_login_ok(&validator_moh, port, "validator.moh@test.hrtrack");
    http_login_ok(&focal_moe, port, "focal.moe@test.hrtrack");
    http_login_ok(&unct, port, "unct@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    moh = institution_id("MOH");
    moe = institution_id("MOE");
    json_t *page = http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=20", 200);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 13);
    for (size_t i = 0; i < 3; i++)
        recs[i] = id_of(json_array_get(items, 10 + i));
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

/* Acceptance 3 of issue 7. */
static void test_action_due_yesterday_is_overdue_in_scope(void **state)
{
    (void)state;
    long long id = dated_action(moh, -1, "in_progress", recs[0], "Deadlines: due yesterday");
    json_t *item = find_due(&focal_moh, "overdue=true", "action", id);
    assert_non_null(item);
    assert_true(json_is_true(json_object_get(item, "overdue")));
    assert_int_equal(json_integer_value(json_object_get(item, "days_left")), -1);
    assert_string_equal(str(item, "title"), "Deadlines: due yesterday");
    json_t *institution = json_object_get(item, "institution");
    assert_int_equal(id_of(institution), moh);
    assert_string_equal(str(institution, "acronym"), "MOH");
    json_t *about = json_object_get(item, "recommendations");
    assert_int_equal(json_array_size(about), 1);
    assert_int_equal(json_integer_value(json_array_get(about, 0)), recs[0]);
    json_decref(item);

    const http_session *who_sees[] = {&coordinator, &validator_moh, &unct};
    for (size_t i = 0; i < 3; i++) {
        item = find_due(who_sees[i], "", "action", id);
        assert_non_null(item);
        assert_true(json_is_true(json_object_get(item, "overdue")));
        json_decref(item);
    }
    /* The coordinator narrows to one institution; MOE's focal point never sees it. */
    char query[64];
    snprintf(query, sizeof query, "institution=%lld&overdue=true", moh);
    item = find_due(&coordinator, query, "action", id);
    assert_non_null(item);
    json_decref(item);
    assert_null(find_due(&focal_moe, "", "action", id));
    assert_null(find_due(&focal_moe, "overdue=true", "action", id));
    snprintf(query, sizeof query, "/api/v1/deadlines?institution=%lld", moh);
    assert_refused(&focal_moe, "GET", query, 403, "institution", NULL);
    assert_refused(&cso, "GET", "/api/v1/deadlines", 403, NULL, NULL);
    assert_refused(NULL, "GET", "/api/v1/deadlines", 401, NULL, NULL);

    /* Done or cancelled actions are due no more. */
    long long done = dated_action(moh, -1, "completed", recs[0], "Deadlines: done");
    assert_null(find_due(&coordinator, "overdue=true", "action", done));
}

static void test_within_kind_and_overdue_filters(void **state)
{
    (void)state;
    long long soon = dated_action(moh, 5, "planned", recs[1], "Deadlines: in five days");
    long long late = dated_action(moh, -3, "planned", recs[1], "Deadlines: three days late");
    long long far = dated_action(moh, 400, "planned", recs[1], "Deadlines: next year");
    long long indicator = sql_id("INSERT INTO indicator (action_id, institution_id, definition,"
                                 " unit, due_date) VALUES (%lld, %lld, 'Deadlines: people trained',"
                                 " 'people', current_date + 40) RETURNING id",
                                 far, moh);
    char query[128];
    snprintf(query, sizeof query, "institution=%lld&within=7", moh);
    json_t *item = find_due(&coordinator, query, "action", soon);
    assert_non_null(item);
    assert_int_equal(json_integer_value(json_object_get(item, "days_left")), 5);
    assert_true(json_is_false(json_object_get(item, "overdue")));
    json_decref(item);
    item = find_due(&coordinator, query, "action", late); /* within= keeps what is late */
    assert_non_null(item);
    json_decref(item);
    assert_null(find_due(&coordinator, query, "action", far));
    assert_null(find_due(&coordinator, query, "indicator", indicator));

    snprintf(query, sizeof query, "institution=%lld&within=7&overdue=false", moh);
    item = find_due(&focal_moh, query, "action", soon);
    assert_non_null(item);
    json_decref(item);
    assert_null(find_due(&focal_moh, query, "action", late));

    /* kind=indicator: only indicators, each about its action's recommendations. */
    item = find_due(&focal_moh, "kind=indicator&within=60", "indicator", indicator);
    assert_non_null(item);
    assert_int_equal(json_integer_value(json_object_get(item, "action_id")), far);
    assert_int_equal(
        json_integer_value(json_array_get(json_object_get(item, "recommendations"), 0)), recs[1]);
    assert_int_equal(json_integer_value(json_object_get(item, "days_left")), 40);
    json_decref(item);
    assert_null(find_due(&focal_moh, "kind=indicator", "action", soon));
    json_t *page = call(&focal_moh, "GET", "/api/v1/deadlines?kind=indicator&limit=200", 200, NULL);
    size_t i;
    json_array_foreach(json_object_get(page, "items"), i, item)
    {
        assert_string_equal(str(item, "kind"), "indicator");
        assert_int_equal(id_of(json_object_get(item, "institution")), moh);
    }
    json_decref(page);
    page =
        call(&coordinator, "GET", "/api/v1/deadlines?within=7&overdue=true&limit=200", 200, NULL);
    json_array_foreach(json_object_get(page, "items"), i, item)
    {
        assert_true(json_is_true(json_object_get(item, "overdue")));
        assert_true(json_integer_value(json_object_get(item, "days_left")) < 0);
    }
    json_decref(page);

    assert_refused(&coordinator, "GET", "/api/v1/deadlines?within=-1", 422, "within", NULL);
    assert_refused(&coordinator, "GET", "/api/v1/deadlines?within=99999", 422, "within", NULL);
    assert_refused(&coordinator, "GET", "/api/v1/deadlines?kind=meeting", 422, "kind", NULL);
    assert_refused(&coordinator, "GET", "/api/v1/deadlines?overdue=yes", 422, "overdue", NULL);
    assert_refused(&coordinator, "GET", "/api/v1/deadlines?after=2025-02-30.action.1", 422, "after",
                   NULL);
    assert_refused(&coordinator, "GET", "/api/v1/deadlines?after=2025-01-01.meeting.1", 422,
                   "after", NULL);
    assert_refused(&coordinator, "GET", "/api/v1/deadlines?limit=0", 422, "limit", NULL);
    assert_refused(&coordinator, "GET", "/api/v1/deadlines?due=soon", 400, "due", NULL);
}

static void test_pages_do_not_repeat_or_skip(void **state)
{
    (void)state;
    long long ids[3];
    for (int k = 0; k < 3; k++)
        ids[k] = dated_action(moe, 1000 + k, "planned", recs[2], "Deadlines: paged");
    /* Three pages of one: the three actions in order, nothing else due that far for MOE. */
    char target[256], after[80] = "";
    for (int k = 0; k < 3; k++) {
        snprintf(target, sizeof target,
                 "/api/v1/deadlines?kind=action&within=1002&overdue=false&limit=1%s%s",
                 after[0] ? "&after=" : "", after);
        json_t *page = call(&focal_moe, "GET", target, 200, NULL);
        json_t *items = json_object_get(page, "items");
        /* Earlier items of MOE made by other tests come first: skip to ours. */
        while (json_array_size(items) == 1 && id_of(json_array_get(items, 0)) != ids[k]) {
            snprintf(after, sizeof after, "%s", str(page, "next_after"));
            json_decref(page);
            snprintf(target, sizeof target,
                     "/api/v1/deadlines?kind=action&within=1002&overdue=false&limit=1&after=%s",
                     after);
            page = call(&focal_moe, "GET", target, 200, NULL);
            items = json_object_get(page, "items");
        }
        assert_int_equal(json_array_size(items), 1);
        assert_int_equal(id_of(json_array_get(items, 0)), ids[k]);
        const char *next = str(page, "next_after");
        assert_non_null(next);
        snprintf(after, sizeof after, "%s", next);
        json_decref(page);
    }
    snprintf(target, sizeof target,
             "/api/v1/deadlines?kind=action&within=1002&overdue=false&limit=1&after=%s", after);
    json_t *page = call(&focal_moe, "GET", target, 200, NULL);
    assert_int_equal(json_array_size(json_object_get(page, "items")), 0);
    assert_true(json_is_null(json_object_get(page, "next_after")));
    json_decref(page);
}

static void test_report_deadlines(void **state)
{
    (void)state;
    /* The coordinator's own report (no institution) and one MOH drafts. */
    json_t *own = call(&coordinator, "POST", "/api/v1/report-deadlines", 201,
                       "{\"kind\":\"upr_midterm\",\"title\":\"Deadlines: UPR mid-term report\","
                       "\"body_name\":\"Human Rights Council\",\"due_date\":\"2100-01-15\"}");
    json_t *moh_report =
        call(&coordinator, "POST", "/api/v1/report-deadlines", 201,
             "{\"kind\":\"treaty_followup\",\"title\":\"Deadlines: CRC follow-up\","
             "\"institution_id\":%lld,\"due_date\":\"2100-02-01\",\"note\":\"Health items\"}",
             moh);
    assert_int_equal(json_integer_value(json_object_get(own, "version")), 1);
    assert_true(json_is_null(json_object_get(own, "institution_id")));
    assert_string_equal(str(moh_report, "institution"), "MOH");
    assert_true(json_is_false(json_object_get(own, "overdue")));

    json_t *item = find_due(&coordinator, "kind=report", "report", id_of(own));
    assert_non_null(item);
    assert_string_equal(str(item, "report_kind"), "upr_midterm");
    assert_true(json_is_null(json_object_get(item, "institution")));
    json_decref(item);
    assert_null(find_due(&focal_moh, "kind=report", "report", id_of(own)));
    item = find_due(&focal_moh, "kind=report", "report", id_of(moh_report));
    assert_non_null(item);
    json_decref(item);
    assert_null(find_due(&focal_moe, "kind=report", "report", id_of(moh_report)));

    char target[128], list[160];
    snprintf(target, sizeof target, "/api/v1/report-deadlines/%lld", id_of(own));
    json_decref(call(&unct, "GET", target, 200, NULL));
    assert_refused(&focal_moh, "GET", target, 403, NULL, NULL);
    snprintf(list, sizeof list, "/api/v1/report-deadlines?institution=%lld&limit=200", moh);
    json_t *page = call(&validator_moh, "GET", list, 200, NULL);
    int found = 0;
    size_t i;
    json_array_foreach(json_object_get(page, "items"), i, item)
    {
        found |= id_of(item) == id_of(moh_report);
        assert_int_equal(json_integer_value(json_object_get(item, "institution_id")), moh);
    }
    assert_true(found);
    json_decref(page);
    snprintf(list, sizeof list, "/api/v1/report-deadlines?institution=%lld", moh);
    assert_refused(&focal_moe, "GET", list, 403, "institution", NULL);

    /* Writes are the coordinator's; the version guards against lost updates. */
    assert_refused(&focal_moh, "POST", "/api/v1/report-deadlines", 403, NULL,
                   "{\"kind\":\"vnr\",\"title\":\"x\",\"due_date\":\"2100-01-01\"}");
    assert_refused(&coordinator, "POST", "/api/v1/report-deadlines", 422, "kind",
                   "{\"kind\":\"memo\",\"title\":\"x\",\"due_date\":\"2100-01-01\"}");
    assert_refused(&coordinator, "POST", "/api/v1/report-deadlines", 422, "institution_id",
                   "{\"kind\":\"vnr\",\"title\":\"x\",\"due_date\":\"2100-01-01\","
                   "\"institution_id\":999999}");
    assert_refused(&coordinator, "POST", "/api/v1/report-deadlines", 422, "due_date",
                   "{\"kind\":\"vnr\",\"title\":\"x\"}");
    assert_refused(&coordinator, "PATCH", target, 422, "title", "{\"title\":null,\"version\":1}");
    json_t *submitted =
        call(&coordinator, "PATCH", target, 200, "{\"submitted_on\":\"2099-12-20\",\"version\":1}");
    assert_int_equal(json_integer_value(json_object_get(submitted, "version")), 2);
    assert_string_equal(str(submitted, "submitted_on"), "2099-12-20");
    assert_null(find_due(&coordinator, "kind=report", "report", id_of(own)));
    json_t *conflict =
        call(&coordinator, "PATCH", target, 409, "{\"note\":\"late\",\"version\":1}");
    json_t *current = json_object_get(json_object_get(conflict, "error"), "current");
    assert_int_equal(json_integer_value(json_object_get(current, "version")), 2);
    json_decref(conflict);

    /* The audit log names the coordinator for each write. */
    char audit[160];
    snprintf(audit, sizeof audit, "/api/v1/audit?entity=report_deadline&entity_id=%lld",
             id_of(own));
    json_t *log = call(&coordinator, "GET", audit, 200, NULL);
    json_t *entries = json_object_get(log, "items");
    assert_int_equal(json_array_size(entries), 2);
    assert_string_equal(str(json_array_get(entries, 0), "action"), "update");
    assert_string_equal(str(json_array_get(entries, 1), "action"), "insert");
    assert_true(json_integer_value(json_object_get(json_array_get(entries, 0), "user_id")) > 0);
    json_decref(log);

    char stale[160];
    snprintf(stale, sizeof stale, "%s?version=1", target);
    json_decref(call(&coordinator, "DELETE", stale, 409, NULL));
    snprintf(stale, sizeof stale, "%s?version=2", target);
    json_decref(call(&coordinator, "DELETE", stale, 200, NULL));
    json_decref(call(&coordinator, "GET", target, 404, NULL));
    json_decref(submitted);
    json_decref(moh_report);
    json_decref(own);
}

static void test_exports(void **state)
{
    (void)state;
    long long id = dated_action(moh, -2, "planned", recs[0], "Deadlines: exported");
    http_response r;
    assert_int_equal(http_send_as(&r, port, &focal_moh, "GET",
                                  "/api/v1/deadlines?overdue=true&format=csv&lang=es", NULL, 1),
                     0);
    assert_int_equal(r.status, 200);
    assert_int_equal(memcmp(r.body, "\xEF\xBB\xBF", 3), 0);
    assert_non_null(strstr(r.body, "\"Vencimiento\""));
    char line[256];
    snprintf(line, sizeof line, "\"Acción\",\"%lld\",\"Deadlines: exported\",\"MOH\"", id);
    const char *row = strstr(r.body, line);
    assert_non_null(row);
    /* The export machinery quotes a leading minus against formula injection. */
    assert_non_null(strstr(row, "\"'-2\",\"sí\""));
    http_response_free(&r);

    /* MOE's export holds none of MOH's rows. */
    assert_int_equal(
        http_send_as(&r, port, &focal_moe, "GET", "/api/v1/deadlines?format=csv", NULL, 1), 0);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, "Deadlines: exported"));
    assert_null(strstr(r.body, "\"MOH\""));
    http_response_free(&r);

    assert_int_equal(http_send_as(&r, port, &coordinator, "GET",
                                  "/api/v1/deadlines?kind=action&overdue=true&format=json", NULL,
                                  1),
                     0);
    assert_int_equal(r.status, 200);
    json_t *all = json_loadb(r.body, r.body_len, 0, NULL);
    assert_true(json_is_array(all));
    int found = 0;
    size_t i;
    json_t *item;
    json_array_foreach(all, i, item)
    {
        found |= id_of(item) == id;
    }
    assert_true(found);
    json_decref(all);
    http_response_free(&r);

    assert_int_equal(
        http_send_as(&r, port, &unct, "GET", "/api/v1/report-deadlines?format=xlsx", NULL, 1), 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(memcmp(r.body, "PK", 2), 0);
    http_response_free(&r);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_action_due_yesterday_is_overdue_in_scope),
        cmocka_unit_test(test_within_kind_and_overdue_filters),
        cmocka_unit_test(test_pages_do_not_repeat_or_skip),
        cmocka_unit_test(test_report_deadlines),
        cmocka_unit_test(test_exports),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
