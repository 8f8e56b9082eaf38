/*
 * The follow-up planning walk-through (issue 6, acceptance 3), as the
 * people who do it would, over HTTP:
 *
 *   the recommendations were imported (the fixture ran hrtrack-import,
 *   which the audit log names); the coordinator groups four of them in a
 *   cluster, prioritises and assigns them to two ministries (Health and
 *   Education); each ministry's focal point plans actions, indicators and
 *   a measurement for its own recommendations and is refused on the
 *   other's; and the audit log shows every step, who made it, from which
 *   request, with the row before and after.
 *
 * It uses recommendations 20-23 of the Spanish UPR report (A/HRC/15/6),
 * which no other test plans.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int port;
static http_session admin, coordinator, focal_moh, focal_moe;
static long long moh, moe, coordinator_id, focal_moh_id, focal_moe_id;
static long long
    rec[4]; /* rec[0], rec[1]: Health; rec[2], rec[3]: Education (Health supports rec[3]) */
static long long cluster_id, moh_action, moh_indicator, moe_action;

static json_t *call(const http_session *s, const char *method, const char *target, int status,
                    const char *fmt, ...)
{
    char body[2048];
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

static long long integer(const json_t *j, const char *name)
{
    return json_integer_value(json_object_get(j, name));
}

static long long user_id(const http_session *s)
{
    json_t *me = call(s, "GET", "/api/v1/session", 200, NULL);
    long long id = integer(json_object_get(me, "user"), "id");
    json_decref(me);
    return id;
}

static void set_up(void)
{
    http_login_ok(&admin, port, "admin@test.hrtrack");
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal_moh, port, "focal.moh@test.hrtrack");
    http_login_ok(&focal_moe, port, "focal.moe@test.hrtrack");
    coordinator_id = user_id(&coordinator);
    focal_moh_id = user_id(&focal_moh);
    focal_moe_id = user_id(&focal_moe);
    json_t *list = call(NULL, "GET", "/api/v1/institutions", 200, NULL);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(list, "items"), i, item)
    {
        const char *acronym = json_string_value(json_object_get(item, "acronym"));
        if (strcmp(acronym, "MOH") == 0)
            moh = integer(item, "id");
        if (strcmp(acronym, "MOE") == 0)
            moe = integer(item, "id");
    }
    json_decref(list);
    json_t *page =
        call(NULL, "GET", "/api/v1/recommendations?document=A/HRC/15/6&limit=30", 200, NULL);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 24);
    for (int k = 0; k < 4; k++)
        rec[k] = integer(json_array_get(items, (size_t)(20 + k)), "id");
    json_decref(page);
    assert_true(moh > 0 && moe > 0);
}

/* The audit entries of one entity (a table) and key, newest first. */
static json_t *audit_of(const char *entity, const char *entity_id)
{
    char target[256];
    snprintf(target, sizeof target, "/api/v1/audit?entity=%s&entity_id=%s&limit=50", entity,
             entity_id);
    json_t *page = call(&admin, "GET", target, 200, NULL);
    json_t *items = json_incref(json_object_get(page, "items"));
    json_decref(page);
    return items;
}

/* Finds the entry of `action` ("insert", "update") in `entries`; fails when there is none. */
static json_t *entry(json_t *entries, const char *action)
{
    size_t i;
    json_t *e;
    json_array_foreach(entries, i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "action")), action) == 0)
            return e;
    }
    fail_msg("no %s in the audit entries", action);
    return NULL;
}

/* Checks who and from which request; returns the "after" image. */
static json_t *by(json_t *e, long long user)
{
    assert_int_equal(integer(e, "user_id"), user);
    const char *request = json_string_value(json_object_get(e, "request_id"));
    assert_non_null(request);
    assert_int_equal(strlen(request), 16);
    return json_object_get(e, "after");
}

static void test_1_the_import_is_in_the_audit_log(void **state)
{
    (void)state;
    json_t *page = call(&admin, "GET", "/api/v1/audit?entity=import_run&limit=50", 200, NULL);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 3); /* UPR Info, UHRI and a document in the fixture */
    json_t *e = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(e, "actor")), "hrtrack-import");
    assert_non_null(json_object_get(json_object_get(e, "after"), "sha256"));
    json_decref(page);
}

static void test_2_coordinator_clusters_prioritises_and_assigns(void **state)
{
    (void)state;
    json_t *c = call(&coordinator, "POST", "/api/v1/clusters", 201,
                     "{\"name\":\"Walk-through: health and education\","
                     "\"description\":\"Spain, UPR 2010\",\"priority\":\"medium\"}");
    cluster_id = integer(c, "id");
    long long version = integer(c, "version");
    json_decref(c);
    char target[128];
    snprintf(target, sizeof target, "/api/v1/clusters/%lld/members", cluster_id);
    json_decref(call(&coordinator, "POST", target, 200,
                     "{\"add\":[%lld,%lld,%lld,%lld],\"version\":%lld}", rec[0], rec[1], rec[2],
                     rec[3], version));
    snprintf(target, sizeof target, "/api/v1/clusters/%lld", cluster_id);
    c = call(&coordinator, "GET", target, 200, NULL);
    version = integer(c, "version");
    json_decref(c);
    json_decref(call(&coordinator, "PATCH", target, 200,
                     "{\"priority\":\"high\",\"priority_reason\":\"Supported in 2010, "
                     "follow-up due\",\"version\":%lld}",
                     version));
    /* Two ministries: Health leads the first two, Education the last two
     * with Health in support of the fourth. */
    for (int k = 0; k < 4; k++) {
        char support[32] = "";
        if (k == 3)
            snprintf(support, sizeof support, "%lld", moh);
        snprintf(target, sizeof target, "/api/v1/recommendations/%lld/plan", rec[k]);
        json_t *plan = call(&coordinator, "PUT", target, 200,
                            "{\"priority\":\"high\",\"priority_reason\":\"walk-through\","
                            "\"lead\":%lld,\"support\":[%s],\"version\":0}",
                            k < 2 ? moh : moe, support);
        assert_int_equal(integer(plan, "lead"), k < 2 ? moh : moe);
        json_decref(plan);
    }
}

static void test_3_focal_points_plan_their_own_and_not_the_others(void **state)
{
    (void)state;
    /* Health plans an action for its two recommendations, an indicator and
     * a first measurement. */
    json_t *a = call(&focal_moh, "POST", "/api/v1/actions", 201,
                     "{\"title\":\"Train primary-care staff on the new protocol\","
                     "\"institution_id\":%lld,\"recommendations\":[%lld,%lld],"
                     "\"start_date\":\"2027-01-01\",\"due_date\":\"2027-12-31\","
                     "\"budget_amount\":\"150000.00\",\"budget_currency\":\"EUR\","
                     "\"budget_source\":\"National budget\"}",
                     moh, rec[0], rec[1]);
    moh_action = integer(a, "id");
    json_decref(a);
    json_t *i = call(&focal_moh, "POST", "/api/v1/indicators", 201,
                     "{\"action_id\":%lld,\"definition\":\"Share of staff trained\","
                     "\"unit\":\"%%\",\"baseline\":\"0\",\"target_value\":\"80\","
                     "\"due_date\":\"2027-12-31\",\"reporting_schedule\":\"quarterly\"}",
                     moh_action);
    moh_indicator = integer(i, "id");
    json_decref(i);
    char target[128];
    snprintf(target, sizeof target, "/api/v1/indicators/%lld/measurements", moh_indicator);
    json_decref(
        call(&focal_moh, "POST", target, 201, "{\"measured_on\":\"2027-03-31\",\"value\":\"20\"}"));
    /* Education plans for its own. */
    a = call(&focal_moe, "POST", "/api/v1/actions", 201,
             "{\"title\":\"Inclusive-schooling guidelines\",\"institution_id\":%lld,"
             "\"recommendations\":[%lld]}",
             moe, rec[2]);
    moe_action = integer(a, "id");
    json_decref(a);
    json_decref(call(&focal_moe, "POST", "/api/v1/indicators", 201,
                     "{\"recommendation_id\":%lld,\"institution_id\":%lld,"
                     "\"definition\":\"Schools applying the guidelines\",\"unit\":\"schools\"}",
                     rec[2], moe));

    /* Health may not plan for Education's recommendation, nor in its name. */
    json_decref(call(&focal_moh, "POST", "/api/v1/actions", 403,
                     "{\"title\":\"x\",\"institution_id\":%lld,\"recommendations\":[%lld]}", moh,
                     rec[2]));
    json_decref(call(&focal_moh, "POST", "/api/v1/actions", 403,
                     "{\"title\":\"x\",\"institution_id\":%lld}", moe));
    /* Education may not touch Health's action, indicator or measurements. */
    snprintf(target, sizeof target, "/api/v1/actions/%lld", moh_action);
    json_decref(call(&focal_moe, "PATCH", target, 403, "{\"title\":\"mine now\",\"version\":1}"));
    json_decref(call(&focal_moe, "GET", target, 403, NULL));
    snprintf(target, sizeof target, "/api/v1/actions/%lld?version=1", moh_action);
    json_decref(call(&focal_moe, "DELETE", target, 403, NULL));
    snprintf(target, sizeof target, "/api/v1/indicators/%lld/measurements", moh_indicator);
    json_decref(
        call(&focal_moe, "POST", target, 403, "{\"measured_on\":\"2027-06-30\",\"value\":\"99\"}"));
    snprintf(target, sizeof target, "/api/v1/actions/%lld", moe_action);
    json_decref(call(&focal_moh, "PATCH", target, 403, "{\"title\":\"mine now\",\"version\":1}"));
    /* What was refused did not happen. */
    snprintf(target, sizeof target, "/api/v1/actions/%lld", moh_action);
    json_t *still = call(&coordinator, "GET", target, 200, NULL);
    assert_string_equal(json_string_value(json_object_get(still, "title")),
                        "Train primary-care staff on the new protocol");
    json_decref(still);
}

static void test_4_the_audit_log_shows_every_step(void **state)
{
    (void)state;
    char key[64];
    snprintf(key, sizeof key, "%lld", cluster_id);
    json_t *entries = audit_of("rec_cluster", key);
    json_t *after = by(entry(entries, "insert"), coordinator_id);
    assert_string_equal(json_string_value(json_object_get(after, "name")),
                        "Walk-through: health and education");
    /* The newest update is the priority: medium before, high after. */
    json_t *update = entry(entries, "update");
    by(update, coordinator_id);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(update, "after"), "priority")), "high");
    json_decref(entries);

    snprintf(key, sizeof key, "%lld/%lld", cluster_id, rec[3]);
    entries = audit_of("rec_cluster_member", key);
    by(entry(entries, "insert"), coordinator_id);
    json_decref(entries);

    snprintf(key, sizeof key, "%lld", rec[0]);
    entries = audit_of("rec_plan", key);
    after = by(entry(entries, "insert"), coordinator_id);
    assert_string_equal(json_string_value(json_object_get(after, "priority")), "high");
    json_decref(entries);
    snprintf(key, sizeof key, "%lld/%lld", rec[2], moe);
    entries = audit_of("rec_assignment", key);
    after = by(entry(entries, "insert"), coordinator_id);
    assert_string_equal(json_string_value(json_object_get(after, "role")), "lead");
    json_decref(entries);
    snprintf(key, sizeof key, "%lld/%lld", rec[3], moh);
    entries = audit_of("rec_assignment", key);
    after = by(entry(entries, "insert"), coordinator_id);
    assert_string_equal(json_string_value(json_object_get(after, "role")), "support");
    json_decref(entries);

    snprintf(key, sizeof key, "%lld", moh_action);
    entries = audit_of("action", key);
    after = by(entry(entries, "insert"), focal_moh_id);
    assert_int_equal(integer(after, "institution_id"), moh);
    assert_true(json_is_null(json_object_get(entry(entries, "insert"), "before")));
    json_decref(entries);
    snprintf(key, sizeof key, "%lld/%lld", moh_action, rec[1]);
    entries = audit_of("action_recommendation", key);
    by(entry(entries, "insert"), focal_moh_id);
    json_decref(entries);
    snprintf(key, sizeof key, "%lld", moh_indicator);
    entries = audit_of("indicator", key);
    after = by(entry(entries, "insert"), focal_moh_id);
    assert_string_equal(json_string_value(json_object_get(after, "reporting_schedule")),
                        "quarterly");
    json_decref(entries);
    snprintf(key, sizeof key, "%lld", moe_action);
    entries = audit_of("action", key);
    by(entry(entries, "insert"), focal_moe_id);
    json_decref(entries);

    /* Every change by Education's focal point is about Education's data. */
    char target[128];
    snprintf(target, sizeof target, "/api/v1/audit?user_id=%lld&entity=action&limit=200",
             focal_moe_id);
    json_t *page = call(&admin, "GET", target, 200, NULL);
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(page, "items"), i, e)
    {
        json_t *image = json_object_get(e, "after");
        if (json_is_null(image) || image == NULL)
            image = json_object_get(e, "before");
        assert_int_equal(integer(image, "institution_id"), moe);
    }
    json_decref(page);
}

int main(void)
{
    port = http_test_port();
    set_up();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_1_the_import_is_in_the_audit_log),
        cmocka_unit_test(test_2_coordinator_clusters_prioritises_and_assigns),
        cmocka_unit_test(test_3_focal_points_plan_their_own_and_not_the_others),
        cmocka_unit_test(test_4_the_audit_log_shows_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
