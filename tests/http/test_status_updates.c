/*
 * Status updates over HTTP (issue 7, acceptance 1 and 5), signed in as
 * the fixture's accounts (tests/support/http_session.h) and two more made
 * here through the admin API: a user who is both focal point and
 * validator of the Ministry of Health, and a validator of the Ministry of
 * Education.
 *
 *   draft -> submit -> approve -> public, and the audit log names the
 *   validator; return with a reason, edit, resubmit; nobody approves an
 *   update they wrote, whatever roles they hold; a validator of another
 *   institution cannot approve; the public history holds only approved
 *   updates, oldest first; an approved update is refused by the API (409)
 *   and by the database itself; files: 413 over the limit (announced or
 *   not), 415 for a program declared as a PDF, private files 404 to the
 *   public and to another institution, public files of approved updates
 *   served with the same bytes.
 *
 * Uses recommendations 30-35 of the Spanish UPR report (A/HRC/15/6),
 * which no other test assigns. All HTTP tests share one server and
 * database: lists are narrowed to this test's recommendations.
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
#include <unistd.h>

static int port;
static char *conninfo;
static http_session admin, coordinator, focal_moh, validator_moh, focal_moe, cso, unct, dual,
    validator_moe;
static long long moh, moe, validator_moh_id;
/* rec[0..5]: items 30-35 of A/HRC/15/6; rec[2] is assigned to MOE, the others to MOH. */
static long long rec[6];

static json_t *call(const http_session *s, const char *method, const char *target, int status,
                    const char *fmt, ...)
{
    char body[8192];
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

static long long int_of(const json_t *j, const char *name)
{
    return json_integer_value(json_object_get(j, name));
}

static const char *str(const json_t *j, const char *name)
{
    return json_string_value(json_object_get(j, name));
}

static const json_t *error_of(const json_t *j)
{
    return json_object_get(j, "error");
}

/* Fails unless `s` gets `status` with an error of code `code` naming `field` (NULL: any). */
static json_t *refused(const http_session *s, const char *method, const char *target, int status,
                       const char *code, const char *field, const char *body)
{
    json_t *reply = http_call(port, s, method, target, body, status);
    const json_t *e = error_of(reply);
    if (code != NULL && (str(e, "code") == NULL || strcmp(str(e, "code"), code) != 0))
        fail_msg("%s %s: code %s, expected %s", method, target, str(e, "code"), code);
    if (field != NULL && (str(e, "field") == NULL || strcmp(str(e, "field"), field) != 0))
        fail_msg("%s %s: field %s, expected %s", method, target, str(e, "field"), field);
    return reply;
}

static void refuse(const http_session *s, const char *method, const char *target, int status,
                   const char *code, const char *field, const char *body)
{
    json_decref(refused(s, method, target, status, code, field, body));
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

static void sql_ok(const char *sql)
{
    char *value = testdb_query(conninfo, sql);
    if (value == NULL)
        fail_msg("setup SQL failed: %s", sql);
    free(value);
}

static void assign(long long recommendation, long long institution)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO rec_assignment (recommendation_id, institution_id, role)"
             " VALUES (%lld, %lld, 'lead') RETURNING 1",
             recommendation, institution);
    sql_ok(sql);
}

/* A new account made by the admin, with a password set through its reset token. */
static void new_account(http_session *s, const char *kind, long long institution, const char *roles)
{
    char email[96];
    snprintf(email, sizeof email, "%s.%ld@test.hrtrack", kind, (long)getpid());
    json_t *user = call(&admin, "POST", "/api/v1/users", 201,
                        "{\"email\":\"%s\",\"display_name\":\"%s\",\"institution_id\":%lld,"
                        "\"roles\":%s}",
                        email, kind, institution, roles);
    json_decref(call(NULL, "POST", "/api/v1/password-reset", 200,
                     "{\"token\":\"%s\",\"password\":\"%s\"}", str(user, "password_reset_token"),
                     HTTP_TEST_PASSWORD));
    json_decref(user);
    http_login_ok(s, port, email);
}

static long long my_user_id(const http_session *s)
{
    json_t *session = call(s, "GET", "/api/v1/session", 200, NULL);
    long long id = int_of(json_object_get(session, "user"), "id");
    json_decref(session);
    assert_true(id > 0);
    return id;
}

static int setup(void **state)
{
    (void)state;
    http_login_ok(&admin, port, "admin@test.hrtrack");
    http_login_ok(&coordinator, port, "coordinator@test.hrtrack");
    http_login_ok(&focal_moh, port, "focal.moh@test.hrtrack");
    http_login_ok(&validator_moh, port, "validator.moh@test.hrtrack");
    http_login_ok(&focal_moe, port, "focal.moe@test.hrtrack");
    http_login_ok(&cso, port, "cso@test.hrtrack");
    http_login_ok(&unct, port, "unct@test.hrtrack");
    moh = institution_id("MOH");
    moe = institution_id("MOE");
    validator_moh_id = my_user_id(&validator_moh);
    new_account(&dual, "dual.moh", moh, "[\"focal_point\",\"validator\"]");
    new_account(&validator_moe, "validator.moe", moe, "[\"validator\"]");
    json_t *page = http_json(port, "/api/v1/recommendations?document=A/HRC/15/6&limit=50", 200);
    json_t *items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 36);
    for (size_t i = 0; i < 6; i++)
        rec[i] = int_of(json_array_get(items, 30 + i), "id");
    json_decref(page);
    assert_int_equal(
        hr_cluster_conninfo(&conninfo, getenv("HRTRACK_TEST_PG_DIR"), "hrtrack_test_http"), 0);
    for (size_t i = 0; i < 6; i++)
        assign(rec[i], i == 2 ? moe : moh);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(conninfo);
    return 0;
}

/* A new draft about recommendation `recommendation`, by `s`. */
static json_t *new_draft(const http_session *s, long long recommendation, const char *status,
                         const char *as_of, const char *narrative)
{
    return call(s, "POST", "/api/v1/status-updates", 201,
                "{\"recommendation_id\":%lld,\"status\":\"%s\",\"as_of\":\"%s\","
                "\"narrative\":\"%s\",\"evidence_links\":[\"https://example.org/decree-12\"]}",
                recommendation, status, as_of, narrative);
}

static void target_of(char *out, size_t size, long long id, const char *step)
{
    snprintf(out, size, "/api/v1/status-updates/%lld%s%s", id, step ? "/" : "", step ? step : "");
}

/* `target` + "/" + `step`, in one of four rotating buffers (so that two may be in use). */
static const char *sub(const char *target, const char *step_name)
{
    static char buffers[4][192];
    static unsigned next;
    char *out = buffers[next++ % 4];
    snprintf(out, sizeof buffers[0], "%s/%s", target, step_name);
    return out;
}

/* Takes `step` on `update` as `s` with the version `update` has; returns the update after. */
static json_t *step(const http_session *s, const json_t *update, const char *name, int status)
{
    char target[128];
    target_of(target, sizeof target, int_of(update, "id"), name);
    return call(s, "POST", target, status, "{\"version\":%lld}", int_of(update, "version"));
}

/* Submitted by its author, approved by the fixture's validator. */
static json_t *submit_and_approve(json_t *draft)
{
    json_t *submitted = step(&focal_moh, draft, "submit", 200);
    json_decref(draft);
    json_t *approved = step(&validator_moh, submitted, "approve", 200);
    json_decref(submitted);
    assert_string_equal(str(approved, "state"), "approved");
    return approved;
}

/* Whether the audit log of update `id` has its approval, made by user `user_id`. */
static int audit_shows_approval(long long id, long long user_id)
{
    char target[160];
    snprintf(target, sizeof target, "/api/v1/audit?entity=status_update&entity_id=%lld&limit=50",
             id);
    json_t *log = call(&coordinator, "GET", target, 200, NULL);
    size_t i;
    json_t *e;
    int found = 0;
    json_array_foreach(json_object_get(log, "items"), i, e)
    {
        const char *state = str(json_object_get(e, "after"), "state");
        const char *before = str(json_object_get(e, "before"), "state");
        if (state && before && strcmp(state, "approved") == 0 && strcmp(before, "submitted") == 0 &&
            int_of(e, "user_id") == user_id)
            found = 1;
    }
    json_decref(log);
    return found;
}

static void test_draft_submit_approve_public(void **state)
{
    (void)state;
    json_t *draft = new_draft(&focal_moh, rec[0], "in_progress", "2024-06-30",
                              "Protocol on care for victims adopted by the Ministry");
    long long id = int_of(draft, "id");
    assert_string_equal(str(draft, "state"), "draft");
    assert_string_equal(str(draft, "institution"), "MOH");
    assert_int_equal(int_of(draft, "institution_id"), moh);
    assert_int_equal(int_of(draft, "version"), 1);
    char target[128], detail[128], history[128];
    target_of(target, sizeof target, id, NULL);
    snprintf(detail, sizeof detail, "/api/v1/recommendations/%lld", rec[0]);
    snprintf(history, sizeof history, "/api/v1/recommendations/%lld/status-history", rec[0]);

    /* A draft exists only for staff in scope: 404, not 403, to everyone else. */
    refuse(NULL, "GET", target, 404, "not_found", "id", NULL);
    refuse(&cso, "GET", target, 404, "not_found", "id", NULL);
    refuse(&focal_moe, "GET", target, 404, "not_found", "id", NULL);
    json_t *seen = call(&unct, "GET", target, 200, NULL);
    assert_string_equal(str(seen, "state"), "draft");
    json_decref(seen);
    json_t *h = call(NULL, "GET", history, 200, NULL);
    assert_int_equal(json_array_size(json_object_get(h, "items")), 0);
    json_decref(h);
    json_t *r = call(NULL, "GET", detail, 200, NULL);
    assert_true(json_is_null(json_object_get(r, "current_status")));
    json_decref(r);

    /* Approving a draft is not a step of the workflow. */
    refuse(&validator_moh, "POST", sub(target, "approve"), 409, "invalid_transition", "state",
           "{\"version\":1}");
    json_t *submitted = step(&focal_moh, draft, "submit", 200);
    assert_string_equal(str(submitted, "state"), "submitted");
    assert_int_equal(int_of(submitted, "version"), 2);
    refuse(&focal_moh, "PATCH", target, 409, "invalid_transition", "state",
           "{\"narrative\":\"Changed while waiting\",\"version\":2}");

    /* The validator's queue holds it; another institution's does not. */
    char queue[160];
    snprintf(queue, sizeof queue, "/api/v1/status-updates?state=submitted&recommendation=%lld",
             rec[0]);
    json_t *mine = call(&validator_moh, "GET", queue, 200, NULL);
    assert_int_equal(int_of(json_array_get(json_object_get(mine, "items"), 0), "id"), id);
    json_decref(mine);
    json_t *theirs = call(&validator_moe, "GET", queue, 200, NULL);
    assert_int_equal(int_of(theirs, "total"), 0);
    json_decref(theirs);

    /* A focal point is no validator; a stale version is a conflict that shows the update. */
    refuse(&focal_moh, "POST", sub(target, "approve"), 403, "forbidden", NULL, "{\"version\":2}");
    json_t *stale = refused(&validator_moh, "POST", sub(target, "approve"), 409, "conflict", NULL,
                            "{\"version\":1}");
    assert_int_equal(int_of(json_object_get(error_of(stale), "current"), "version"), 2);
    json_decref(stale);
    json_t *approved = step(&validator_moh, submitted, "approve", 200);
    json_decref(submitted);
    json_decref(draft);
    assert_string_equal(str(approved, "state"), "approved");
    assert_int_equal(int_of(approved, "decided_by"), validator_moh_id);

    /* Public now, without the people behind it. */
    json_t *pub = call(NULL, "GET", target, 200, NULL);
    assert_string_equal(str(pub, "status"), "in_progress");
    assert_string_equal(str(json_object_get(pub, "institution"), "acronym"), "MOH");
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(pub, "evidence_links"), 0)),
        "https://example.org/decree-12");
    const char *hidden[] = {"author_id", "submitted_by", "decided_by", "state", "return_reason"};
    for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
        assert_null(json_object_get(pub, hidden[i]));
    json_decref(pub);
    r = call(NULL, "GET", detail, 200, NULL);
    json_t *current = json_object_get(r, "current_status");
    assert_int_equal(int_of(current, "status_update_id"), id);
    assert_string_equal(str(current, "status"), "in_progress");
    assert_string_equal(str(current, "as_of"), "2024-06-30");
    json_decref(r);

    /* History is frozen: every step refused by the API, and by the database itself. */
    refuse(&focal_moh, "PATCH", target, 409, "invalid_transition", "state",
           "{\"narrative\":\"Rewritten\",\"version\":3}");
    char del[160];
    snprintf(del, sizeof del, "%s?version=3", target);
    refuse(&focal_moh, "DELETE", del, 409, "invalid_transition", "state", NULL);
    refuse(&focal_moh, "POST", sub(target, "submit"), 409, "invalid_transition", "state",
           "{\"version\":3}");
    refuse(&validator_moh, "POST", sub(target, "return"), 409, "invalid_transition", "state",
           "{\"version\":3,\"reason\":\"Too late\"}");
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE status_update SET narrative = 'forged' WHERE id = %lld RETURNING 'changed'",
             id);
    assert_null(testdb_query(conninfo, sql));
    snprintf(sql, sizeof sql, "DELETE FROM status_update WHERE id = %lld RETURNING 'deleted'", id);
    assert_null(testdb_query(conninfo, sql));
    json_t *after = call(&focal_moh, "GET", target, 200, NULL);
    assert_true(json_equal(after, approved));
    json_decref(after);
    json_decref(approved);

    assert_true(audit_shows_approval(id, validator_moh_id));
}

static void test_return_with_reason_then_resubmit(void **state)
{
    (void)state;
    json_t *draft =
        new_draft(&focal_moh, rec[1], "implemented", "2024-03-31", "Law 12/2024 in force");
    char target[128], ret[160];
    target_of(target, sizeof target, int_of(draft, "id"), NULL);
    snprintf(ret, sizeof ret, "%s/return", target);
    json_t *submitted = step(&focal_moh, draft, "submit", 200);
    json_decref(draft);
    refuse(&validator_moh, "POST", ret, 422, NULL, "reason", "{\"version\":2}");
    refuse(&validator_moh, "POST", ret, 422, NULL, "reason", "{\"version\":2,\"reason\":\"\"}");
    json_t *returned = call(&validator_moh, "POST", ret, 200,
                            "{\"version\":2,\"reason\":\"The law is adopted, not yet in force: "
                            "say partially implemented\"}");
    json_decref(submitted);
    assert_string_equal(str(returned, "state"), "returned");
    assert_non_null(strstr(str(returned, "return_reason"), "not yet in force"));
    refuse(NULL, "GET", target, 404, "not_found", NULL, NULL);

    /* The author corrects it; it stays returned, with its reason, until submitted again. */
    json_t *edited = call(&focal_moh, "PATCH", target, 200,
                          "{\"status\":\"partially_implemented\",\"version\":%lld}",
                          int_of(returned, "version"));
    json_decref(returned);
    assert_string_equal(str(edited, "state"), "returned");
    assert_string_equal(str(edited, "status"), "partially_implemented");
    assert_string_equal(str(edited, "narrative"), "Law 12/2024 in force");
    refuse(&focal_moh, "PATCH", target, 422, NULL, "evidence_links",
           "{\"evidence_links\":[\"javascript:alert(1)\"],\"version\":4}");
    refuse(&focal_moh, "PATCH", target, 422, NULL, "narrative",
           "{\"narrative\":null,\"version\":4}");
    json_t *again = step(&focal_moh, edited, "submit", 200);
    json_decref(edited);
    assert_string_equal(str(again, "state"), "submitted");
    assert_true(json_is_null(json_object_get(again, "return_reason")));
    json_t *approved = step(&validator_moh, again, "approve", 200);
    json_decref(again);
    json_t *pub = call(NULL, "GET", target, 200, NULL);
    assert_string_equal(str(pub, "status"), "partially_implemented");
    json_decref(pub);
    json_decref(approved);
}

static void test_nobody_approves_their_own(void **state)
{
    (void)state;
    /* A user who is both focal point and validator writes and submits... */
    json_t *draft = new_draft(&dual, rec[3], "in_progress", "2024-09-30", "Two pilot regions");
    char target[128], approve[160];
    target_of(target, sizeof target, int_of(draft, "id"), NULL);
    snprintf(approve, sizeof approve, "%s/approve", target);
    json_t *submitted = step(&dual, draft, "submit", 200);
    json_decref(draft);
    /* ...and may not approve it; a validator of another institution may not either. */
    refuse(&dual, "POST", approve, 403, "forbidden", NULL, "{\"version\":2}");
    refuse(&validator_moe, "POST", approve, 403, "forbidden", NULL, "{\"version\":2}");
    refuse(&coordinator, "POST", approve, 403, "forbidden", NULL, "{\"version\":2}");
    /* The database refuses it too: approver = submitter breaks a CHECK. */
    char sql[320];
    snprintf(sql, sizeof sql,
             "UPDATE status_update SET state = 'approved', decided_by = submitted_by,"
             " decided_at = now() WHERE id = %lld RETURNING 'approved'",
             int_of(submitted, "id"));
    assert_null(testdb_query(conninfo, sql));
    json_t *approved = step(&validator_moh, submitted, "approve", 200);
    json_decref(submitted);
    json_decref(approved);

    /* The dual user, as validator, may approve what someone else wrote and submitted. */
    json_t *other = new_draft(&focal_moh, rec[3], "in_progress", "2024-12-31", "Five regions");
    json_t *sent = step(&focal_moh, other, "submit", 200);
    json_decref(other);
    json_t *ok = step(&dual, sent, "approve", 200);
    json_decref(sent);
    json_decref(ok);
}

/* The body of a new update about `recommendation`. */
static void not_started(char *out, size_t size, long long recommendation)
{
    snprintf(out, size,
             "{\"recommendation_id\":%lld,\"status\":\"not_started\","
             "\"as_of\":\"2024-01-31\",\"narrative\":\"Not assigned to us\"}",
             recommendation);
}

static void test_who_may_write(void **state)
{
    (void)state;
    char text[256];
    not_started(text, sizeof text, rec[0]);
    /* rec[0] is assigned to Health only. */
    refuse(&focal_moe, "POST", "/api/v1/status-updates", 403, "forbidden", NULL, text);
    refuse(&cso, "POST", "/api/v1/status-updates", 403, "forbidden", NULL, text);
    refuse(&unct, "POST", "/api/v1/status-updates", 403, "forbidden", NULL, text);
    refuse(&validator_moh, "POST", "/api/v1/status-updates", 403, "forbidden", NULL, text);
    refuse(NULL, "POST", "/api/v1/status-updates", 401, "unauthenticated", NULL, text);
    not_started(text, sizeof text, rec[2]);
    json_t *moe_draft = http_call(port, &focal_moe, "POST", "/api/v1/status-updates", text, 201);
    assert_string_equal(str(moe_draft, "institution"), "MOE");
    char target[128];
    target_of(target, sizeof target, int_of(moe_draft, "id"), NULL);
    refuse(&focal_moh, "PATCH", target, 403, "forbidden", NULL,
           "{\"narrative\":\"Not ours\",\"version\":1}");
    char del[160];
    snprintf(del, sizeof del, "%s?version=1", target);
    json_decref(call(&focal_moe, "DELETE", del, 200, NULL));
    refuse(&focal_moe, "GET", target, 404, "not_found", NULL, NULL);
    json_decref(moe_draft);

    refuse(&focal_moh, "POST", "/api/v1/status-updates", 422, NULL, "recommendation_id",
           "{\"status\":\"in_progress\",\"as_of\":\"2024-01-31\",\"narrative\":\"No subject\"}");
    snprintf(text, sizeof text,
             "{\"recommendation_id\":%lld,\"status\":\"in_progress\",\"as_of\":\"2024-01-31\","
             "\"narrative\":\"x\",\"evidence_links\":[\"ftp://example.org/a\"]}",
             rec[0]);
    refuse(&focal_moh, "POST", "/api/v1/status-updates", 422, NULL, "evidence_links", text);
    snprintf(text, sizeof text,
             "{\"recommendation_id\":%lld,\"status\":\"done\",\"as_of\":\"2024-01-31\","
             "\"narrative\":\"x\"}",
             rec[0]);
    refuse(&focal_moh, "POST", "/api/v1/status-updates", 422, NULL, "status", text);
    refuse(&focal_moh, "POST", "/api/v1/status-updates", 422, NULL, "recommendation_id",
           "{\"recommendation_id\":999999999,\"status\":\"in_progress\","
           "\"as_of\":\"2024-01-31\",\"narrative\":\"x\"}");
}

/* The "as_of" of the entries of a history page, joined by spaces. */
static void as_of_list(char *out, size_t size, const json_t *page)
{
    size_t i, used = 0;
    json_t *e;
    out[0] = '\0';
    json_array_foreach(json_object_get(page, "items"), i, e)
    {
        int n = snprintf(out + used, size - used, "%s%s", i ? " " : "", str(e, "as_of"));
        used += n > 0 ? (size_t)n : 0;
    }
}

static void test_public_history_in_order(void **state)
{
    (void)state;
    json_t *late = new_draft(&focal_moh, rec[4], "implemented", "2024-01-31", "Second report");
    json_t *early = new_draft(&focal_moh, rec[4], "in_progress", "2023-01-31", "First report");
    json_t *pending = new_draft(&focal_moh, rec[4], "implemented", "2022-06-30", "Never sent");
    /* Approved in the other order: the history follows the dates they speak for. */
    json_t *a = submit_and_approve(late);
    json_t *b = submit_and_approve(early);
    char history[128];
    snprintf(history, sizeof history, "/api/v1/recommendations/%lld/status-history", rec[4]);
    json_t *h = call(NULL, "GET", history, 200, NULL);
    char dates[128];
    as_of_list(dates, sizeof dates, h);
    assert_string_equal(dates, "2023-01-31 2024-01-31");
    json_t *first = json_array_get(json_object_get(h, "items"), 0);
    assert_string_equal(str(first, "narrative"), "First report");
    assert_non_null(str(first, "approved_at"));
    assert_string_equal(str(json_object_get(first, "institution"), "acronym"), "MOH");
    assert_null(json_object_get(first, "author_id"));
    assert_null(json_object_get(first, "decided_by"));
    json_decref(h);

    char paged[192];
    snprintf(paged, sizeof paged, "%s?limit=1", history);
    json_t *p1 = call(&cso, "GET", paged, 200, NULL);
    as_of_list(dates, sizeof dates, p1);
    assert_string_equal(dates, "2023-01-31");
    snprintf(paged, sizeof paged, "%s?limit=1&after=%lld", history, int_of(p1, "next_after"));
    json_t *p2 = call(&cso, "GET", paged, 200, NULL);
    as_of_list(dates, sizeof dates, p2);
    assert_string_equal(dates, "2024-01-31");
    json_decref(p1);
    json_decref(p2);

    /* The export: same order, in the reader's language, no people. */
    snprintf(paged, sizeof paged, "%s?format=csv&lang=es", history);
    http_response r;
    assert_int_equal(http_get(&r, port, paged, NULL), 0);
    assert_int_equal(r.status, 200);
    const char *first_at = strstr(r.body, "First report");
    const char *second_at = strstr(r.body, "Second report");
    assert_non_null(first_at);
    assert_non_null(second_at);
    assert_true(first_at < second_at);
    assert_null(strstr(r.body, "Never sent"));
    assert_non_null(strstr(r.body, "Implementada"));
    assert_null(strstr(r.body, "@test.hrtrack"));
    http_response_free(&r);

    /* The current status is the latest by date, although approved first. */
    char detail[128];
    snprintf(detail, sizeof detail, "/api/v1/recommendations/%lld", rec[4]);
    json_t *d = call(NULL, "GET", detail, 200, NULL);
    assert_int_equal(int_of(json_object_get(d, "current_status"), "status_update_id"),
                     int_of(a, "id"));
    json_decref(d);
    json_decref(a);
    json_decref(b);
    json_decref(pending);
    refuse(NULL, "GET", "/api/v1/recommendations/999999999/status-history", 404, "not_found", "id",
           NULL);
}

/* Sends a file to `target` as `s` with its type; returns the response. */
static void upload(http_response *r, const http_session *s, const char *target, const char *type,
                   const void *bytes, size_t len)
{
    int fd = http_connect(port, 20);
    assert_true(fd >= 0);
    char head[1024];
    int n = snprintf(head, sizeof head,
                     "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "Cookie: hrtrack_session=%s\r\nX-CSRF-Token: %s\r\n"
                     "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                     target, s->token, s->csrf, type, len);
    assert_int_equal(http_send(fd, head, (size_t)n), 0);
    if (len > 0)
        http_send(fd, bytes, len);
    assert_int_equal(http_read_response(fd, r), 0);
    close(fd);
}

static json_t *upload_ok(const http_session *s, const char *target, const char *type,
                         const void *bytes, size_t len)
{
    http_response r;
    upload(&r, s, target, type, bytes, len);
    if (r.status != 201)
        fail_msg("upload to %s: %d %s", target, r.status, r.body);
    json_t *j = json_loadb(r.body, r.body_len, 0, NULL);
    http_response_free(&r);
    return j;
}

static void upload_refused(const http_session *s, const char *target, const char *type,
                           const void *bytes, size_t len, int status, const char *field)
{
    http_response r;
    upload(&r, s, target, type, bytes, len);
    json_t *j = json_loadb(r.body, r.body_len, 0, NULL);
    if (r.status != status)
        fail_msg("upload to %s: %d, expected %d: %s", target, r.status, status, r.body);
    if (field != NULL)
        assert_string_equal(str(error_of(j), "field"), field);
    json_decref(j);
    http_response_free(&r);
}

/* GET of a file as `s`; fills *r (free it). */
static void download(http_response *r, const http_session *s, long long id)
{
    char target[64];
    snprintf(target, sizeof target, "/api/v1/attachments/%lld", id);
    assert_int_equal(http_send_as(r, port, s, "GET", target, NULL, 1), 0);
}

static int download_status(const http_session *s, long long id)
{
    http_response r;
    download(&r, s, id);
    int status = r.status;
    http_response_free(&r);
    return status;
}

static const char pdf[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
static const char note[] = "Acta de la reunión con la sociedad civil, 12 de marzo\n";

/* Over the limit: refused from Content-Length before the body is sent, or while it is read. */
static void check_size_limits(const char *files)
{
    int fd = http_connect(port, 20);
    char head[512];
    int n = snprintf(head, sizeof head,
                     "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: hrtrack_session=%s\r\n"
                     "X-CSRF-Token: %s\r\nContent-Type: application/pdf\r\n"
                     "Content-Length: 2097153\r\n\r\n",
                     files, focal_moh.token, focal_moh.csrf);
    assert_int_equal(http_send(fd, head, (size_t)n), 0);
    http_response r;
    assert_int_equal(http_read_response(fd, &r), 0); /* no byte of the body was sent */
    assert_int_equal(r.status, 413);
    http_response_free(&r);
    close(fd);

    /* Chunked: no length announced, so the limit is found while reading. */
    size_t size = 2097152 + 4096;
    char *big = malloc(size);
    assert_non_null(big);
    memset(big, 'a', size);
    memcpy(big, pdf, sizeof pdf - 1);
    fd = http_connect(port, 20);
    n = snprintf(head, sizeof head,
                 "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: hrtrack_session=%s\r\n"
                 "X-CSRF-Token: %s\r\nContent-Type: application/pdf\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n%zx\r\n",
                 files, focal_moh.token, focal_moh.csrf, size);
    assert_int_equal(http_send(fd, head, (size_t)n), 0);
    http_send(fd, big, size);
    http_send(fd, "\r\n0\r\n\r\n", 7);
    assert_int_equal(http_read_response(fd, &r), 0);
    assert_int_equal(r.status, 413);
    http_response_free(&r);
    close(fd);

    /* Just under the limit, and above the 1 MiB of JSON bodies: accepted. */
    size_t fits = 1536 * 1024;
    memset(big, 'a', fits);
    memcpy(big, "Informe anual\n", 14);
    json_t *ok = upload_ok(&focal_moh, files, "text/plain", big, fits);
    assert_int_equal(int_of(ok, "size"), (long long)fits);
    json_decref(ok);
    free(big);
}

static void test_attachments(void **state)
{
    (void)state;
    json_t *draft = new_draft(&focal_moh, rec[5], "implemented", "2024-05-31",
                              "Training of 300 prison officers completed");
    long long update_id = int_of(draft, "id");
    char files[256], upd[128];
    target_of(upd, sizeof upd, update_id, NULL);
    snprintf(files, sizeof files, "%s/attachments?name=informe%%20final.pdf&public=true", upd);
    json_t *pub_file = upload_ok(&focal_moh, files, "application/pdf", pdf, sizeof pdf - 1);
    assert_true(json_is_true(json_object_get(pub_file, "public")));
    assert_string_equal(str(pub_file, "file_name"), "informe final.pdf");
    snprintf(files, sizeof files, "%s/attachments?name=acta.txt", upd);
    json_t *private_file =
        upload_ok(&focal_moh, files, "text/plain; charset=utf-8", note, sizeof note - 1);
    assert_true(json_is_false(json_object_get(private_file, "public")));
    /* The same bytes again are stored once. */
    snprintf(files, sizeof files, "%s/attachments?name=copia.pdf", upd);
    json_t *copy = upload_ok(&focal_moh, files, "application/pdf", pdf, sizeof pdf - 1);
    assert_string_equal(str(copy, "sha256"), str(pub_file, "sha256"));
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*)::text FROM attachment_blob WHERE sha256 = decode('%s', 'hex')",
             str(pub_file, "sha256"));
    char *blobs = testdb_query(conninfo, sql);
    assert_string_equal(blobs, "1");
    free(blobs);
    char copy_target[64];
    snprintf(copy_target, sizeof copy_target, "/api/v1/attachments/%lld", int_of(copy, "id"));
    json_decref(call(&focal_moh, "DELETE", copy_target, 200, NULL));
    json_decref(copy);

    /* Refused: a program declared as a PDF, a type we do not take, a bad name, no body. */
    static const char elf[] = "\x7f"
                              "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0";
    snprintf(files, sizeof files, "%s/attachments?name=report.pdf", upd);
    upload_refused(&focal_moh, files, "application/pdf", elf, sizeof elf - 1, 415, "Content-Type");
    upload_refused(&focal_moh, files, "text/plain", elf, sizeof elf - 1, 415, "Content-Type");
    upload_refused(&focal_moh, files, "application/x-msdownload", pdf, sizeof pdf - 1, 415,
                   "Content-Type");
    upload_refused(&focal_moh, files, "application/json", "{}", 2, 415, "Content-Type");
    char bad[192];
    snprintf(bad, sizeof bad, "%s/attachments?name=..%%2Fetc%%2Fpasswd", upd);
    upload_refused(&focal_moh, bad, "application/pdf", pdf, sizeof pdf - 1, 422, "name");
    upload_refused(&focal_moh, files, "application/pdf", NULL, 0, 422, "body");
    upload_refused(&focal_moe, files, "application/pdf", pdf, sizeof pdf - 1, 403, NULL);
    check_size_limits(files);

    /* Before approval nothing is public; staff in scope see everything. */
    long long pub_id = int_of(pub_file, "id"), private_id = int_of(private_file, "id");
    assert_int_equal(download_status(NULL, pub_id), 404);
    assert_int_equal(download_status(&focal_moe, pub_id), 404);
    assert_int_equal(download_status(&validator_moh, private_id), 200);

    json_t *approved = submit_and_approve(draft);
    assert_int_equal(json_array_size(json_object_get(approved, "attachments")), 3);
    json_t *pub = call(NULL, "GET", upd, 200, NULL);
    json_t *listed = json_object_get(pub, "attachments");
    assert_int_equal(json_array_size(listed), 1);
    assert_int_equal(int_of(json_array_get(listed, 0), "id"), pub_id);
    json_decref(pub);

    /* Public file of an approved update: the same bytes, as a sandboxed download. */
    http_response r;
    download(&r, NULL, pub_id);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, sizeof pdf - 1);
    assert_memory_equal(r.body, pdf, sizeof pdf - 1);
    char value[512];
    assert_int_equal(http_header(&r, "Content-Type", value, sizeof value), 0);
    assert_string_equal(value, "application/pdf");
    assert_int_equal(http_header(&r, "Content-Disposition", value, sizeof value), 0);
    assert_string_equal(
        value, "attachment; filename=\"informe_final.pdf\"; filename*=UTF-8''informe%20final.pdf");
    assert_int_equal(http_header(&r, "X-Content-Type-Options", value, sizeof value), 0);
    assert_string_equal(value, "nosniff");
    assert_int_equal(http_header(&r, "Content-Security-Policy", value, sizeof value), 0);
    assert_non_null(strstr(value, "sandbox"));
    http_response_free(&r);
    /* A private file stays hidden from the public and from another institution. */
    assert_int_equal(download_status(NULL, private_id), 404);
    assert_int_equal(download_status(&cso, private_id), 404);
    assert_int_equal(download_status(&focal_moe, private_id), 404);
    download(&r, &focal_moh, private_id);
    assert_int_equal(r.status, 200);
    assert_memory_equal(r.body, note, sizeof note - 1);
    assert_int_equal(http_header(&r, "Content-Type", value, sizeof value), 0);
    assert_string_equal(value, "text/plain; charset=utf-8");
    http_response_free(&r);
    assert_int_equal(download_status(NULL, 999999999), 404);

    /* The files of an approved update are history too. */
    upload_refused(&focal_moh, files, "application/pdf", pdf, sizeof pdf - 1, 409, "state");
    char one[64];
    snprintf(one, sizeof one, "/api/v1/attachments/%lld", private_id);
    refuse(&focal_moh, "PATCH", one, 409, "invalid_transition", "state", "{\"public\":true}");
    refuse(&focal_moh, "DELETE", one, 409, "invalid_transition", "state", NULL);
    snprintf(sql, sizeof sql, "DELETE FROM attachment WHERE id = %lld RETURNING 'deleted'",
             private_id);
    assert_null(testdb_query(conninfo, sql));
    json_decref(approved);
    json_decref(pub_file);
    json_decref(private_file);
}

static void test_staff_list_and_export(void **state)
{
    (void)state;
    json_t *draft = new_draft(&focal_moh, rec[0], "not_applicable", "2025-01-31",
                              "Recommendation noted, not accepted");
    char list[160];
    snprintf(list, sizeof list, "/api/v1/status-updates?recommendation=%lld&state=draft", rec[0]);
    json_t *page = call(&coordinator, "GET", list, 200, NULL);
    assert_int_equal(int_of(page, "total"), 1);
    assert_int_equal(int_of(json_array_get(json_object_get(page, "items"), 0), "id"),
                     int_of(draft, "id"));
    json_decref(page);
    page = call(&focal_moe, "GET", list, 200, NULL);
    assert_int_equal(int_of(page, "total"), 0);
    json_decref(page);
    char other[192];
    snprintf(other, sizeof other, "%s&institution=%lld", list, moh);
    refuse(&focal_moe, "GET", other, 403, "forbidden", "institution", NULL);
    refuse(&cso, "GET", list, 403, "forbidden", NULL, NULL);
    refuse(&coordinator, "GET", "/api/v1/status-updates?state=done", 422, NULL, "state", NULL);

    snprintf(other, sizeof other, "%s&format=csv", list);
    http_response r;
    assert_int_equal(http_send_as(&r, port, &unct, "GET", other, NULL, 1), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Recommendation noted, not accepted"));
    http_response_free(&r);
    json_decref(draft);
}

static void test_action_history(void **state)
{
    (void)state;
    char body[256];
    snprintf(body, sizeof body,
             "{\"title\":\"Status test: train prison officers\",\"institution_id\":%lld}", moh);
    json_t *action = call(&focal_moh, "POST", "/api/v1/actions", 201, "%s", body);
    long long action_id = int_of(action, "id");
    json_decref(action);
    snprintf(body, sizeof body,
             "{\"action_id\":%lld,\"status\":\"implemented\",\"as_of\":\"2024-11-30\","
             "\"narrative\":\"300 officers trained\"}",
             action_id);
    /* Only the institution that owns the action reports on it. */
    refuse(&focal_moe, "POST", "/api/v1/status-updates", 403, "forbidden", NULL, body);
    json_t *draft = call(&focal_moh, "POST", "/api/v1/status-updates", 201, "%s", body);
    assert_int_equal(int_of(draft, "action_id"), action_id);
    assert_true(json_is_null(json_object_get(draft, "recommendation_id")));
    char history[128];
    snprintf(history, sizeof history, "/api/v1/actions/%lld/status-history", action_id);
    json_t *h = call(NULL, "GET", history, 200, NULL);
    assert_int_equal(json_array_size(json_object_get(h, "items")), 0);
    json_decref(h);
    json_t *approved = submit_and_approve(draft);
    h = call(NULL, "GET", history, 200, NULL);
    json_t *items = json_object_get(h, "items");
    assert_int_equal(json_array_size(items), 1);
    assert_string_equal(str(json_array_get(items, 0), "narrative"), "300 officers trained");
    json_decref(h);
    json_decref(approved);
    refuse(NULL, "GET", "/api/v1/actions/999999999/status-history", 404, "not_found", "id", NULL);
}

int main(void)
{
    port = http_test_port();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_draft_submit_approve_public),
        cmocka_unit_test(test_return_with_reason_then_resubmit),
        cmocka_unit_test(test_nobody_approves_their_own),
        cmocka_unit_test(test_who_may_write),
        cmocka_unit_test(test_public_history_in_order),
        cmocka_unit_test(test_attachments),
        cmocka_unit_test(test_staff_list_and_export),
        cmocka_unit_test(test_action_history),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
