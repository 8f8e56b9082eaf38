/*
 * Status updates: what an institution reports it did.
 *   GET    /api/v1/status-updates          planning_read, in the caller's scope; filters
 *                                          recommendation, action, institution, state
 *                                          (state=submitted: a validator's queue), pages,
 *                                          format=csv|json|xlsx
 *   POST   /api/v1/status-updates          report: a draft of the caller's institution about a
 *                                          recommendation assigned to it or an action it owns
 *   GET    /api/v1/status-updates/{id}     public: staff in scope see any state; anyone else
 *                                          an approved update only (public shape), else 404
 *   PATCH  /api/v1/status-updates/{id}     report: a draft or returned update, with its version
 *   DELETE /api/v1/status-updates/{id}?version=N   report: a draft
 *
 * The steps of the workflow are in status_workflow.c, the files in
 * attachments.c. A write on an existing update goes: path id (404), the
 * update as it is (404), the caller's scope (403), the state the step
 * needs (409 "invalid_transition"), the body (422), the write (409 with
 * "current" when someone changed it first).
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "planning_handlers.h"
#include "query_args.h"
#include "update_handlers.h"

#include "hrtrack/access.h"
#include "hrtrack/error.h"
#include "hrtrack/implementation_status.h"
#include "hrtrack/status_updates.h"

#include <string.h>

static const hr_field create_spec[] = {
    {"recommendation_id", HR_FIELD_INTEGER, 0, 1, 1LL << 52, NULL},
    {"action_id", HR_FIELD_INTEGER, 0, 1, 1LL << 52, NULL},
    {"status", HR_FIELD_CHOICE, 1, 0, 0, hr_status_codes},
    {"as_of", HR_FIELD_DATE, 1, 0, 0, NULL},
    {"narrative", HR_FIELD_STRING, 1, 1, 20000, NULL},
    {"evidence_links", HR_FIELD_ARRAY, 0, 0, HR_EVIDENCE_LINKS_MAX, NULL},
};

static const hr_field edit_spec[] = {
    {"status", HR_FIELD_CHOICE, 0, 0, 0, hr_status_codes},
    {"as_of", HR_FIELD_DATE, 0, 0, 0, NULL},
    {"narrative", HR_FIELD_STRING, 0, 1, 20000, NULL},
    {"evidence_links", HR_FIELD_ARRAY, 0, 0, HR_EVIDENCE_LINKS_MAX, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const char *const list_params[] = {"recommendation", "action", "institution", "state",
                                          "after",          "limit",  "format",      NULL};

/* The filters of GET /status-updates; on error *field names the parameter. */
static int read_filter(hr_update_filter *f, const char **field, const hr_request *req)
{
    long long institution = 0, limit = HR_UPDATE_LIMIT_DEFAULT;
    memset(f, 0, sizeof *f);
    int rc = hr_query_args_known(field, req, list_params);
    if (rc == 0)
        rc = hr_query_args_integer(&f->recommendation_id, field, req, "recommendation", 1,
                                   1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&f->action_id, field, req, "action", 1, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&institution, field, req, "institution", 1, 1 << 30);
    if (rc == 0)
        rc = hr_query_args_integer(&f->after, field, req, "after", 0, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, field, req, "limit", 1, HR_UPDATE_LIMIT_MAX);
    f->state = hr_request_query(req, "state");
    hr_update_state state;
    if (rc == 0 && f->state != NULL && hr_update_state_parse(&state, f->state) != 0) {
        *field = "state";
        rc = HR_EUNPROCESSABLE;
    }
    f->institution_id = (int)institution;
    f->limit = (int)limit;
    return rc;
}

static int export_updates(hr_reply *reply, hr_db *db, const hr_update_filter *f,
                          hr_export_format format, hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_update_export_columns(&count);
    int rc = hr_db_updates_export(&cursor, db, f);
    return rc != 0 ? rc
                   : hr_export_start_cursor(reply, cursor, columns, count, format, lang,
                                            "status-updates");
}

void hr_handle_status_updates(hr_request *req, hr_reply *reply)
{
    hr_update_filter f;
    hr_export_format format = HR_EXPORT_NONE;
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = read_filter(&f, &field, req);
    if (rc == 0)
        rc = hr_planning_list_start(&format, &db, &f.institution_id, &field, req);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = export_updates(reply, db, &f, format, hr_request_lang(req));
    else if (rc == 0)
        rc = hr_db_updates_list(&result, db, &f);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}

void hr_handle_status_update(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *update = NULL;
    int rc = hr_update_load(&id, &db, &update, req);
    /* Anyone but staff in scope reads the public shape, which exists only once approved. */
    if (rc == 0 &&
        hr_access_update_view(hr_request_principal(req), hr_update_int(update, "institution_id")) !=
            HR_UPDATE_VIEW_STAFF) {
        json_decref(update);
        update = NULL;
        rc = hr_db_update_get_public(&update, db, id, hr_request_lang(req));
    }
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, update);
}

/* Exactly one subject, which exists, and which the caller reports on. */
static int check_subject(const char **field, hr_db *db, const hr_principal *p, const json_t *body)
{
    long long rec = 0, action = 0;
    hr_json_integer(&rec, body, "recommendation_id");
    hr_json_integer(&action, body, "action_id");
    if ((rec > 0) == (action > 0)) {
        *field = "recommendation_id";
        return HR_EUNPROCESSABLE;
    }
    int in_scope = 0;
    int rc = hr_db_update_target_scope(&in_scope, db, rec, action, p->institution_id);
    if (rc == HR_ENOTFOUND) {
        *field = rec > 0 ? "recommendation_id" : "action_id";
        return HR_EUNPROCESSABLE;
    }
    return rc != 0 ? rc : hr_access_update_create(p, in_scope);
}

void hr_handle_status_update_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    const hr_principal *p = hr_request_principal(req);
    int rc =
        hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    if (rc == 0)
        rc = hr_update_fields_check(&field, body);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = check_subject(&field, db, p, body);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_update_create(&result, db, &actor, p->institution_id, body);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

/* Scope and state: what every write on an existing update checks first. */
static int may_write(const char **field, const hr_request *req, const json_t *update,
                     hr_update_step step)
{
    int rc =
        hr_access_update_write(hr_request_principal(req), hr_update_int(update, "institution_id"));
    return rc != 0 ? rc : hr_update_step_allowed(field, update, "state", step);
}

void hr_handle_status_update_edit(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *update = NULL, *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = hr_update_load(&id, &db, &update, req);
    if (rc == 0)
        rc = may_write(&field, req, update, HR_STEP_EDIT);
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, edit_spec, sizeof edit_spec / sizeof *edit_spec);
    json_t *merged = rc == 0 ? hr_planning_merged(update, body) : NULL;
    if (rc == 0)
        rc = merged ? hr_update_fields_check(&field, merged) : HR_ENOMEM;
    json_decref(merged);
    json_decref(update);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0) {
        json_t *fields = hr_planning_fields(body);
        rc = fields ? hr_db_update_edit(&result, db, &actor, id, hr_body_version(body), fields)
                    : HR_ENOMEM;
        json_decref(fields);
    }
    if (rc == HR_ECONFLICT)
        hr_db_update_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_status_update_delete(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    long version = 0;
    json_t *update = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = hr_update_load(&id, &db, &update, req);
    if (rc == 0)
        rc = may_write(&field, req, update, HR_STEP_DELETE);
    json_decref(update);
    if (rc == 0)
        rc = hr_query_args_version(&version, &field, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_update_delete(db, &actor, id, version);
    if (rc == HR_ECONFLICT)
        hr_db_update_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, NULL);
        return;
    }
    hr_reply_json(reply, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}
