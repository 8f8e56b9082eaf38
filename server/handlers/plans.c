/*
 * The plan of one recommendation: priority, its reason, and who follows
 * the recommendation up.
 *   GET /api/v1/recommendations/{id}/plan
 *   PUT /api/v1/recommendations/{id}/plan   {"priority","priority_reason","lead",
 *                                            "support","version"}
 * PUT replaces the whole plan: an absent field is cleared. Version 0 is
 * the plan of a recommendation nobody has planned yet.
 */
#include "body.h"
#include "handlers.h"
#include "planning_handlers.h"

#include "hrtrack/error.h"
#include "hrtrack/planning.h"

static const char *const priorities[] = {"high", "medium", "low", NULL};

static const hr_field put_spec[] = {
    {"priority", HR_FIELD_CHOICE, 0, 0, 0, priorities},
    {"priority_reason", HR_FIELD_STRING, 0, 0, 2000, NULL},
    {"lead", HR_FIELD_INTEGER, 0, 1, 1 << 30, NULL},
    {"support", HR_FIELD_ID_ARRAY, 0, 0, HR_SUPPORT_MAX, NULL},
    {"version", HR_FIELD_INTEGER, 1, 0, 1 << 30, NULL},
};

void hr_handle_rec_plan(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_rec_plan_get(&result, db, id);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, result);
}

void hr_handle_rec_plan_put(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    hr_assignment assignment;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_rec_plan_get(&current, db, id);
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, put_spec, sizeof put_spec / sizeof *put_spec);
    if (rc == 0) {
        hr_planning_assignment_from_body(&assignment, body);
        rc = hr_db_assignment_check(&field, db, &assignment);
    }
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_rec_plan_put(&result, db, &actor, id, hr_body_version(body),
                                hr_json_string(body, "priority"),
                                hr_json_string(body, "priority_reason"), &assignment);
    if (rc == HR_ECONFLICT) {
        json_decref(current);
        current = NULL;
        hr_db_rec_plan_get(&current, db, id);
    }
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(current);
    json_decref(body);
    hr_reply_json(reply, 200, result);
}
