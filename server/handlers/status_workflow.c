/*
 * The steps of a status update's workflow:
 *   POST /api/v1/status-updates/{id}/submit   {"version":N}  report: a focal point of its
 *                                             institution; a draft or a returned update
 *   POST /api/v1/status-updates/{id}/approve  {"version":N}  validate: a validator of its
 *                                             institution who neither wrote nor submitted it
 *   POST /api/v1/status-updates/{id}/return   {"version":N,"reason":"..."}  validate, likewise
 *
 * Each goes: path id (404), the update (404), who may take the step (403),
 * the state it needs (409 "invalid_transition", field "state"), the body
 * (422), the write (409 "conflict" with "current" when the version is
 * stale). Approval makes the update public history; the schema then keeps
 * it from ever changing, and the audit log names the validator.
 */
#include "body.h"
#include "handlers.h"
#include "update_handlers.h"

#include "hrtrack/access.h"
#include "hrtrack/error.h"
#include "hrtrack/status_updates.h"

static const hr_field version_spec[] = {
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const hr_field return_spec[] = {
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
    {"reason", HR_FIELD_STRING, 1, 1, 2000, NULL},
};

/* Who may take `step` on `update`. */
static int may_take(const hr_request *req, const json_t *update, hr_update_step step)
{
    const hr_principal *p = hr_request_principal(req);
    int institution = hr_update_int(update, "institution_id");
    if (step == HR_STEP_SUBMIT)
        return hr_access_update_write(p, institution);
    return hr_access_update_decide(p, institution, hr_update_int(update, "author_id"),
                                   hr_update_int(update, "submitted_by"));
}

static void take_step(hr_request *req, hr_reply *reply, hr_update_step step)
{
    const char *field = NULL;
    long long id = 0;
    json_t *update = NULL, *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = hr_update_load(&id, &db, &update, req);
    if (rc == 0)
        rc = may_take(req, update, step);
    if (rc == 0)
        rc = hr_update_step_allowed(&field, update, "state", step);
    json_decref(update);
    if (rc == 0 && step == HR_STEP_RETURN)
        rc =
            hr_read_body(&body, &field, req, return_spec, sizeof return_spec / sizeof *return_spec);
    else if (rc == 0)
        rc = hr_read_body(&body, &field, req, version_spec,
                          sizeof version_spec / sizeof *version_spec);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_update_step(&result, db, &actor, id, hr_body_version(body), step,
                               hr_json_string(body, "reason"));
    if (rc == HR_ECONFLICT)
        hr_db_update_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_status_update_submit(hr_request *req, hr_reply *reply)
{
    take_step(req, reply, HR_STEP_SUBMIT);
}

void hr_handle_status_update_approve(hr_request *req, hr_reply *reply)
{
    take_step(req, reply, HR_STEP_APPROVE);
}

void hr_handle_status_update_return(hr_request *req, hr_reply *reply)
{
    take_step(req, reply, HR_STEP_RETURN);
}
