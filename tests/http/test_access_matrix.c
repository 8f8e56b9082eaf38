/*
 * The authorization matrix (issue 6, acceptance 1): every route of the
 * server's route table, called by every role, by the anonymous public and
 * by a focal point of another institution, answers as this file expects.
 *
 * The expectations are written here, independently of lib/domain/access.c,
 * and the loop runs over hr_routes itself: a route added to the table
 * without a line below fails the test, and so does a route whose rule
 * lets in a role this table does not.
 *
 * Writes are sent with bodies that are incomplete on purpose ({} or no
 * version), so that a caller who is let in gets 422 and nothing changes;
 * a caller who is kept out must get 401 or 403 before the body is read.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "http_session.h"
#include "router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The callers, in the order of their bits below. */
enum {
    ANON = 1,
    ADMIN = 2,
    COORD = 4,
    FOCAL = 8,      /* focal point of MOH, the institution that owns the scoped resources */
    VALIDATOR = 16, /* validator of MOH */
    OTHER = 32,     /* focal point of MOE: another institution */
    CSO = 64,
    UNCT = 128,
};
#define CALLERS    8
#define EVERYONE   (ANON | ADMIN | COORD | FOCAL | VALIDATOR | OTHER | CSO | UNCT)
#define SIGNED_IN  (EVERYONE & ~ANON)
#define STAFF_READ (ADMIN | COORD | FOCAL | VALIDATOR | OTHER | UNCT)

static const char *const emails[CALLERS] = {
    NULL,
    "admin@test.hrtrack",
    "coordinator@test.hrtrack",
    "focal.moh@test.hrtrack",
    "validator.moh@test.hrtrack",
    "focal.moe@test.hrtrack",
    "cso@test.hrtrack",
    "unct@test.hrtrack",
};

typedef struct matrix_case {
    const char *method;
    const char *pattern; /* as in the route table */
    const char *target;  /* the request sent; "" when set up at run time */
    const char *body;    /* NULL: no body */
    unsigned allowed;    /* callers who get past access control */
} matrix_case;

/* Run-time targets (ids of resources created by the setup). */
static char recommendation_target[64];
static char plan_target[80];
static char action_target[64], action_links_target[80];
static char indicator_target[64], measurements_target[80];
static char recommendation_comments_target[80];
static char update_target[64], update_submit_target[80], update_approve_target[80],
    update_return_target[80], update_files_target[96], rec_history_target[96],
    action_history_target[96];
static char report_deadline_target[64], feed_target[80];

static matrix_case cases[] = {
    {"GET", "/api/v1/health", "/api/v1/health", NULL, EVERYONE},
    {"GET", "/api/v1/sdg/goals", "/api/v1/sdg/goals", NULL, EVERYONE},
    {"GET", "/api/v1/sdg/goals/{goal}", "/api/v1/sdg/goals/5", NULL, EVERYONE},
    {"GET", "/api/v1/sdg/goals/{goal}/summary", "/api/v1/sdg/goals/5/summary", NULL, EVERYONE},
    {"GET", "/api/v1/states", "/api/v1/states", NULL, EVERYONE},
    {"GET", "/api/v1/states/{code}/summary", "/api/v1/states/PY/summary", NULL, EVERYONE},
    {"GET", "/api/v1/documents", "/api/v1/documents?limit=1", NULL, EVERYONE},
    {"GET", "/api/v1/documents/{symbol*}", "/api/v1/documents/A/HRC/15/6", NULL, EVERYONE},
    {"GET", "/api/v1/recommendations", "/api/v1/recommendations?limit=1", NULL, EVERYONE},
    {"GET", "/api/v1/recommendations/facets", "/api/v1/recommendations/facets?state=PY", NULL,
     EVERYONE},
    {"GET", "/api/v1/recommendations/{id}", recommendation_target, NULL, EVERYONE},
    /* accounts */
    {"POST", "/api/v1/session", "/api/v1/session", "{}", EVERYONE},
    {"GET", "/api/v1/session", "/api/v1/session", NULL, SIGNED_IN},
    {"DELETE", "/api/v1/session", "/api/v1/session", NULL, SIGNED_IN},
    {"POST", "/api/v1/password-reset", "/api/v1/password-reset", "{}", EVERYONE},
    {"GET", "/api/v1/institutions", "/api/v1/institutions", NULL, EVERYONE},
    {"POST", "/api/v1/institutions", "/api/v1/institutions", "{}", ADMIN},
    {"GET", "/api/v1/institutions/{id}", "/api/v1/institutions/1", NULL, EVERYONE},
    {"PATCH", "/api/v1/institutions/{id}", "/api/v1/institutions/1", "{}", ADMIN},
    {"GET", "/api/v1/users", "/api/v1/users", NULL, ADMIN},
    {"POST", "/api/v1/users", "/api/v1/users", "{}", ADMIN},
    {"GET", "/api/v1/users/{id}", "/api/v1/users/1", NULL, ADMIN},
    {"PATCH", "/api/v1/users/{id}", "/api/v1/users/1", "{}", ADMIN},
    {"POST", "/api/v1/users/{id}/password-reset", "/api/v1/users/999999/password-reset", NULL,
     ADMIN},
    {"GET", "/api/v1/audit", "/api/v1/audit?limit=1", NULL, ADMIN | COORD},
    /* planning: clusters, duplicates, plans, assignments (ids that do not
     * exist: access is decided before anything is read) */
    {"GET", "/api/v1/clusters", "/api/v1/clusters", NULL, STAFF_READ},
    {"POST", "/api/v1/clusters", "/api/v1/clusters", "{}", COORD},
    {"GET", "/api/v1/clusters/suggestions", "/api/v1/clusters/suggestions?state=PY", NULL,
     STAFF_READ},
    {"GET", "/api/v1/clusters/{id}", "/api/v1/clusters/999999", NULL, STAFF_READ},
    {"PATCH", "/api/v1/clusters/{id}", "/api/v1/clusters/999999", "{}", COORD},
    {"DELETE", "/api/v1/clusters/{id}", "/api/v1/clusters/999999", NULL, COORD},
    {"GET", "/api/v1/clusters/{id}/members", "/api/v1/clusters/999999/members", NULL, STAFF_READ},
    {"POST", "/api/v1/clusters/{id}/members", "/api/v1/clusters/999999/members", "{}", COORD},
    {"PUT", "/api/v1/clusters/{id}/assignment", "/api/v1/clusters/999999/assignment", "{}", COORD},
    {"POST", "/api/v1/duplicates", "/api/v1/duplicates", "{}", COORD},
    {"GET", "/api/v1/duplicates/{id}", "/api/v1/duplicates/999999", NULL, STAFF_READ},
    {"DELETE", "/api/v1/duplicates/{id}", "/api/v1/duplicates/999999", NULL, COORD},
    {"GET", "/api/v1/recommendations/{id}/plan", plan_target, NULL, STAFF_READ},
    {"PUT", "/api/v1/recommendations/{id}/plan", plan_target, "{}", COORD},
    {"POST", "/api/v1/assignments/bulk", "/api/v1/assignments/bulk", "{}", COORD},
    /* planning: an action and an indicator of MOH, made by the setup. The
     * focal point of MOE is kept out of them (scope), the validator of MOH
     * may read them but not write. */
    {"GET", "/api/v1/actions", "/api/v1/actions?limit=1", NULL, STAFF_READ},
    {"POST", "/api/v1/actions", "/api/v1/actions", "{}", COORD | FOCAL | OTHER},
    {"GET", "/api/v1/actions/{id}", action_target, NULL, STAFF_READ & ~OTHER},
    {"PATCH", "/api/v1/actions/{id}", action_target, "{}", COORD | FOCAL},
    {"DELETE", "/api/v1/actions/{id}", action_target, NULL, COORD | FOCAL},
    {"POST", "/api/v1/actions/{id}/recommendations", action_links_target, "{}", COORD | FOCAL},
    {"GET", "/api/v1/indicators", "/api/v1/indicators?limit=1", NULL, STAFF_READ},
    {"POST", "/api/v1/indicators", "/api/v1/indicators", "{}", COORD | FOCAL | OTHER},
    {"GET", "/api/v1/indicators/{id}", indicator_target, NULL, STAFF_READ & ~OTHER},
    {"PATCH", "/api/v1/indicators/{id}", indicator_target, "{}", COORD | FOCAL},
    {"DELETE", "/api/v1/indicators/{id}", indicator_target, NULL, COORD | FOCAL},
    {"GET", "/api/v1/indicators/{id}/measurements", measurements_target, NULL, STAFF_READ & ~OTHER},
    {"POST", "/api/v1/indicators/{id}/measurements", measurements_target, "{}", COORD | FOCAL},
    /* participation: the CSO's own account and comments, moderation by the
     * coordinator, the author for admins, answers by focal points and
     * validators (their scope is checked on an existing comment: 404 here) */
    {"POST", "/api/v1/registrations", "/api/v1/registrations", "{}", EVERYONE},
    {"GET", "/api/v1/account", "/api/v1/account", NULL, CSO},
    {"PATCH", "/api/v1/account", "/api/v1/account", "{}", CSO},
    {"DELETE", "/api/v1/account", "/api/v1/account", "{}", CSO},
    {"GET", "/api/v1/account/comments", "/api/v1/account/comments", NULL, CSO},
    {"GET", "/api/v1/comments", "/api/v1/comments", NULL, COORD},
    {"POST", "/api/v1/comments", "/api/v1/comments", "{}", CSO},
    {"POST", "/api/v1/comments/{id}/withdraw", "/api/v1/comments/999999/withdraw", "{}", CSO},
    {"POST", "/api/v1/comments/{id}/publish", "/api/v1/comments/999999/publish", "{}", COORD},
    {"POST", "/api/v1/comments/{id}/reject", "/api/v1/comments/999999/reject", "{}", COORD},
    {"GET", "/api/v1/comments/{id}/author", "/api/v1/comments/999999/author", NULL, ADMIN},
    {"POST", "/api/v1/comments/{id}/answers", "/api/v1/comments/999999/answers", "{}",
     FOCAL | VALIDATOR | OTHER},
    {"PATCH", "/api/v1/comments/{id}/answers/{answer}", "/api/v1/comments/999999/answers/999999",
     "{}", FOCAL | VALIDATOR | OTHER},
    {"DELETE", "/api/v1/comments/{id}/answers/{answer}", "/api/v1/comments/999999/answers/999999",
     NULL, FOCAL | VALIDATOR | OTHER},
    {"GET", "/api/v1/recommendations/{id}/comments", recommendation_comments_target, NULL,
     EVERYONE},
    {"GET", "/api/v1/status-updates/{id}/comments", "/api/v1/status-updates/999999/comments", NULL,
     EVERYONE},
    /* reporting: a draft status update of MOH about the setup's action, by
     * its focal point. Approving a draft is a 409, past access control. */
    {"GET", "/api/v1/status-updates", "/api/v1/status-updates?limit=1", NULL, STAFF_READ},
    {"POST", "/api/v1/status-updates", "/api/v1/status-updates", "{}", FOCAL | OTHER},
    {"GET", "/api/v1/status-updates/{id}", update_target, NULL, EVERYONE}, /* others: 404 */
    {"PATCH", "/api/v1/status-updates/{id}", update_target, "{}", FOCAL},
    {"DELETE", "/api/v1/status-updates/{id}", update_target, NULL, FOCAL},
    {"POST", "/api/v1/status-updates/{id}/submit", update_submit_target, "{}", FOCAL},
    {"POST", "/api/v1/status-updates/{id}/approve", update_approve_target, "{}", VALIDATOR},
    {"POST", "/api/v1/status-updates/{id}/return", update_return_target, "{}", VALIDATOR},
    {"POST", "/api/v1/status-updates/{id}/attachments", update_files_target, "{}", FOCAL},
    {"GET", "/api/v1/attachments/{id}", "/api/v1/attachments/999999", NULL, EVERYONE},
    {"PATCH", "/api/v1/attachments/{id}", "/api/v1/attachments/999999", "{}", FOCAL | OTHER},
    {"DELETE", "/api/v1/attachments/{id}", "/api/v1/attachments/999999", NULL, FOCAL | OTHER},
    {"GET", "/api/v1/recommendations/{id}/status-history", rec_history_target, NULL, EVERYONE},
    {"GET", "/api/v1/actions/{id}/status-history", action_history_target, NULL, EVERYONE},
    /* reports: they show actions, so every planning reader may draft them */
    {"GET", "/api/v1/reports/upr-midterm", "/api/v1/reports/upr-midterm?state=PY", NULL,
     STAFF_READ},
    {"GET", "/api/v1/reports/treaty-followup", "/api/v1/reports/treaty-followup?state=PY&body=CCPR",
     NULL, STAFF_READ},
    {"GET", "/api/v1/reports/vnr", "/api/v1/reports/vnr?state=PY", NULL, STAFF_READ},
    /* deadlines: a report deadline of MOH made by the setup; what is due
     * (each caller in its own scope); the public feeds */
    {"GET", "/api/v1/report-deadlines", "/api/v1/report-deadlines?limit=1", NULL, STAFF_READ},
    {"POST", "/api/v1/report-deadlines", "/api/v1/report-deadlines", "{}", COORD},
    {"GET", "/api/v1/report-deadlines/{id}", report_deadline_target, NULL, STAFF_READ & ~OTHER},
    {"PATCH", "/api/v1/report-deadlines/{id}", report_deadline_target, "{}", COORD},
    {"DELETE", "/api/v1/report-deadlines/{id}", report_deadline_target, NULL, COORD},
    {"GET", "/api/v1/deadlines", "/api/v1/deadlines?limit=1", NULL, STAFF_READ},
    {"GET", "/api/v1/feeds/recommendations/{id}", feed_target, NULL, EVERYONE},
    {"GET", "/api/v1/feeds/sdg-targets/{code}", "/api/v1/feeds/sdg-targets/16.3", NULL, EVERYONE},
    {"GET", "/api/v1/feeds/institutions/{id}", "/api/v1/feeds/institutions/1", NULL, EVERYONE},
    {"GET", "/api/v1/feeds/states/{code}", "/api/v1/feeds/states/PY", NULL, EVERYONE},
    /* the record of imports: the audit log's readers */
    {"GET", "/api/v1/import-runs", "/api/v1/import-runs?limit=1", NULL, ADMIN | COORD},
    /* SDG suggestions (unchecked: planning readers only) and the coordinator's decisions
     * (a recommendation that does not exist: 404 past access control, nothing changes) */
    {"GET", "/api/v1/recommendations/{id}/sdg-suggestions",
     "/api/v1/recommendations/999999999/sdg-suggestions", NULL, STAFF_READ},
    {"POST", "/api/v1/recommendations/{id}/sdg-suggestions/{code}/confirm",
     "/api/v1/recommendations/999999999/sdg-suggestions/16.3/confirm", "{}", COORD},
    {"POST", "/api/v1/recommendations/{id}/sdg-suggestions/{code}/reject",
     "/api/v1/recommendations/999999999/sdg-suggestions/16.3/reject", "{}", COORD},
};
#define CASE_COUNT (sizeof cases / sizeof cases[0])

static int port;
static http_session sessions[CALLERS];

static const char *method_name(hr_method m)
{
    switch (m) {
    case HR_METHOD_GET:
        return "GET";
    case HR_METHOD_POST:
        return "POST";
    case HR_METHOD_PUT:
        return "PUT";
    case HR_METHOD_PATCH:
        return "PATCH";
    case HR_METHOD_DELETE:
        return "DELETE";
    }
    return "?";
}

static const matrix_case *find_case(const hr_route *route)
{
    for (size_t i = 0; i < CASE_COUNT; i++) {
        if (strcmp(cases[i].method, method_name(route->method)) == 0 &&
            strcmp(cases[i].pattern, route->pattern) == 0)
            return &cases[i];
    }
    return NULL;
}

static void set_up_targets(void)
{
    json_t *page =
        http_call(port, NULL, "GET", "/api/v1/recommendations?state=PY&limit=1", NULL, 200);
    json_t *first = json_array_get(json_object_get(page, "items"), 0);
    snprintf(recommendation_target, sizeof recommendation_target, "/api/v1/recommendations/%lld",
             (long long)json_integer_value(json_object_get(first, "id")));
    snprintf(plan_target, sizeof plan_target, "%s/plan", recommendation_target);
    snprintf(recommendation_comments_target, sizeof recommendation_comments_target, "%s/comments",
             recommendation_target);
    json_decref(page);

    json_t *institutions = http_call(port, NULL, "GET", "/api/v1/institutions", NULL, 200);
    long long moh = 0;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(institutions, "items"), i, item)
    {
        if (strcmp(json_string_value(json_object_get(item, "acronym")), "MOH") == 0)
            moh = json_integer_value(json_object_get(item, "id"));
    }
    json_decref(institutions);
    assert_true(moh > 0);
    char body[256];
    snprintf(body, sizeof body, "{\"title\":\"Matrix action\",\"institution_id\":%lld}", moh);
    json_t *action = http_call(port, &sessions[2], "POST", "/api/v1/actions", body, 201);
    long long action_id = json_integer_value(json_object_get(action, "id"));
    json_decref(action);
    snprintf(action_target, sizeof action_target, "/api/v1/actions/%lld", action_id);
    snprintf(action_links_target, sizeof action_links_target, "%s/recommendations", action_target);
    snprintf(body, sizeof body,
             "{\"action_id\":%lld,\"definition\":\"Matrix indicator\",\"unit\":\"%%\"}", action_id);
    json_t *indicator = http_call(port, &sessions[2], "POST", "/api/v1/indicators", body, 201);
    snprintf(indicator_target, sizeof indicator_target, "/api/v1/indicators/%lld",
             (long long)json_integer_value(json_object_get(indicator, "id")));
    snprintf(measurements_target, sizeof measurements_target, "%s/measurements", indicator_target);
    json_decref(indicator);

    snprintf(body, sizeof body,
             "{\"action_id\":%lld,\"status\":\"in_progress\",\"as_of\":\"2025-01-31\","
             "\"narrative\":\"Matrix update\"}",
             action_id);
    json_t *update = http_call(port, &sessions[3], "POST", "/api/v1/status-updates", body, 201);
    long long update_id = json_integer_value(json_object_get(update, "id"));
    json_decref(update);
    snprintf(update_target, sizeof update_target, "/api/v1/status-updates/%lld", update_id);
    snprintf(update_submit_target, sizeof update_submit_target, "%s/submit", update_target);
    snprintf(update_approve_target, sizeof update_approve_target, "%s/approve", update_target);
    snprintf(update_return_target, sizeof update_return_target, "%s/return", update_target);
    snprintf(update_files_target, sizeof update_files_target, "%s/attachments", update_target);
    snprintf(rec_history_target, sizeof rec_history_target, "%s/status-history",
             recommendation_target);
    snprintf(action_history_target, sizeof action_history_target, "%s/status-history",
             action_target);
    snprintf(feed_target, sizeof feed_target, "/api/v1/feeds%s", recommendation_target + 7);
    snprintf(body, sizeof body,
             "{\"kind\":\"vnr\",\"title\":\"Matrix report\",\"institution_id\":%lld,"
             "\"due_date\":\"2100-01-01\"}",
             moh);
    json_t *report = http_call(port, &sessions[2], "POST", "/api/v1/report-deadlines", body, 201);
    snprintf(report_deadline_target, sizeof report_deadline_target, "/api/v1/report-deadlines/%lld",
             (long long)json_integer_value(json_object_get(report, "id")));
    json_decref(report);
}

/* Calls `c` as caller `who` and checks the answer; returns 1 on a mismatch. */
static int check_call(const matrix_case *c, int who)
{
    http_response r;
    const http_session *s = who == 0 ? NULL : &sessions[who];
    if (http_send_as(&r, port, s, c->method, c->target, c->body, 1) != 0)
        fail_msg("%s %s: no response", c->method, c->target);
    int allowed = (c->allowed & (1u << who)) != 0;
    int status = r.status, bad;
    if (allowed)
        bad = status == 401 || status == 403 || status >= 500;
    else
        bad = status != (who == 0 ? 401 : 403);
    if (bad)
        print_error("%-6s %-45s as %-28s: %d, expected %s\n%s\n", c->method, c->target,
                    who == 0 ? "anonymous" : emails[who], status,
                    allowed ? "to be let in" : (who == 0 ? "401" : "403"), r.body);
    http_response_free(&r);
    return bad;
}

static void test_every_route_has_an_expectation(void **state)
{
    (void)state;
    int missing = 0;
    for (size_t i = 0; i < hr_route_count; i++) {
        if (hr_routes[i].access == HR_ACCESS_UNSET) {
            print_error("%s %s has no access rule\n", method_name(hr_routes[i].method),
                        hr_routes[i].pattern);
            missing++;
        }
        if (find_case(&hr_routes[i]) == NULL) {
            print_error("%s %s is routed but not in the authorization matrix\n",
                        method_name(hr_routes[i].method), hr_routes[i].pattern);
            missing++;
        }
    }
    assert_int_equal(missing, 0);
}

static void test_every_route_as_every_caller(void **state)
{
    (void)state;
    set_up_targets();
    int mismatches = 0, calls = 0;
    /* Signing out ends the session the other calls need: it comes last. */
    const matrix_case *sign_out = NULL;
    for (size_t i = 0; i < hr_route_count; i++) {
        const matrix_case *c = find_case(&hr_routes[i]);
        if (c == NULL)
            continue;
        if (strcmp(c->method, "DELETE") == 0 && strcmp(c->pattern, "/api/v1/session") == 0) {
            sign_out = c;
            continue;
        }
        for (int who = 0; who < CALLERS; who++, calls++)
            mismatches += check_call(c, who);
    }
    assert_non_null(sign_out);
    for (int who = 0; who < CALLERS; who++, calls++)
        mismatches += check_call(sign_out, who);
    print_message("%d calls, %d mismatches\n", calls, mismatches);
    assert_int_equal(mismatches, 0);
}

int main(void)
{
    port = http_test_port();
    for (int who = 1; who < CALLERS; who++)
        http_login_ok(&sessions[who], port, emails[who]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_has_an_expectation),
        cmocka_unit_test(test_every_route_as_every_caller),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
