/*
 * Actions: what an institution does to follow recommendations up.
 *   GET    /api/v1/actions                     planning_read; filters, pages, format=csv|json|xlsx
 *   POST   /api/v1/actions                     plan, in the caller's scope
 *   GET    /api/v1/actions/{id}                planning_read
 *   PATCH  /api/v1/actions/{id}                plan, with the version read
 *   DELETE /api/v1/actions/{id}?version=N      plan
 *   POST   /api/v1/actions/{id}/recommendations  {"add":[ids],"remove":[ids],"version":N}
 *
 * A write on an existing action goes: path id (404), the action as it is
 * (404), the caller's scope over its institution (403), the body (422), the
 * write (409 with "current" when someone else changed it first). A focal
 * point may act only for its own institution, may not move an action to
 * another one, and may link only recommendations assigned to it; removing
 * a link is an edit of its own action and needs no assignment.
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "planning_handlers.h"
#include "query_args.h"

#include "hrtrack/actions.h"
#include "hrtrack/error.h"

#include <string.h>

static const char *const statuses[] = {"planned", "in_progress", "completed", "cancelled", NULL};

#define ACTION_FIELDS(required)                                                                    \
    {"title", HR_FIELD_STRING, required, 1, 300, NULL},                                            \
        {"description", HR_FIELD_STRING, 0, 0, 10000, NULL},                                       \
        {"institution_id", HR_FIELD_INTEGER, required, 1, 1 << 30, NULL},                          \
        {"start_date", HR_FIELD_DATE, 0, 0, 0, NULL}, {"due_date", HR_FIELD_DATE, 0, 0, 0, NULL},  \
        {"budget_amount", HR_FIELD_DECIMAL, 0, 0, 0, NULL},                                        \
        {"budget_currency", HR_FIELD_STRING, 0, 3, 3, NULL},                                       \
        {"budget_source", HR_FIELD_STRING, 0, 0, 300, NULL},                                       \
    {                                                                                              \
        "status", HR_FIELD_CHOICE, 0, 0, 0, statuses                                               \
    }

static const hr_field create_spec[] = {
    ACTION_FIELDS(1),
    {"recommendations", HR_FIELD_ID_ARRAY, 0, 0, HR_ACTION_RECOMMENDATIONS_MAX, NULL},
};

static const hr_field update_spec[] = {
    ACTION_FIELDS(0),
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const hr_field link_spec[] = {
    {"add", HR_FIELD_ID_ARRAY, 0, 0, HR_ACTION_RECOMMENDATIONS_MAX, NULL},
    {"remove", HR_FIELD_ID_ARRAY, 0, 0, HR_ACTION_RECOMMENDATIONS_MAX, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const char *const list_params[] = {"institution", "status",  "recommendation",
                                          "due_before",  "overdue", "after",
                                          "limit",       "format",  NULL};

/* The filters of GET /actions; on error *field names the parameter. */
static int read_filter(hr_action_filter *f, const char **field, const hr_request *req)
{
    long long institution = 0, after = 0, limit = HR_PLAN_LIMIT_DEFAULT;
    memset(f, 0, sizeof *f);
    int rc = hr_query_args_known(field, req, list_params);
    if (rc == 0)
        rc = hr_query_args_integer(&institution, field, req, "institution", 1, 1 << 30);
    if (rc == 0)
        rc = hr_query_args_integer(&f->recommendation_id, field, req, "recommendation", 1,
                                   1LL << 52);
    if (rc == 0)
        rc = hr_query_args_date(&f->due_before, field, req, "due_before");
    if (rc == 0)
        rc = hr_query_args_bool(&f->overdue, field, req, "overdue");
    if (rc == 0)
        rc = hr_query_args_integer(&after, field, req, "after", 0, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, field, req, "limit", 1, HR_PLAN_LIMIT_MAX);
    f->status = hr_request_query(req, "status");
    if (rc == 0 && f->status != NULL) {
        rc = HR_EUNPROCESSABLE;
        for (size_t i = 0; statuses[i] != NULL; i++)
            rc = strcmp(statuses[i], f->status) == 0 ? 0 : rc;
        *field = rc ? "status" : NULL;
    }
    f->institution_id = (int)institution;
    f->after = after;
    f->limit = (int)limit;
    return rc;
}

static int export_actions(hr_reply *reply, hr_db *db, const hr_action_filter *f,
                          hr_export_format format, hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_action_export_columns(&count);
    int rc = hr_db_actions_export(&cursor, db, f);
    return rc != 0 ? rc
                   : hr_export_start_cursor(reply, cursor, columns, count, format, lang, "actions");
}

void hr_handle_actions(hr_request *req, hr_reply *reply)
{
    hr_action_filter f;
    hr_export_format format = HR_EXPORT_NONE;
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = read_filter(&f, &field, req);
    if (rc == 0)
        rc = hr_planning_list_start(&format, &db, &f.institution_id, &field, req);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = export_actions(reply, db, &f, format, hr_request_lang(req));
    else if (rc == 0)
        rc = hr_db_actions_list(&result, db, &f);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}

/* Path id, connection and the action as it is now: the start of every call on one action. */
static int load(long long *id, hr_db **db, json_t **action, hr_request *req)
{
    int rc = hr_path_id(id, req, "id");
    if (rc == 0)
        rc = hr_request_db(db, req);
    if (rc == 0)
        rc = hr_db_action_get(action, *db, *id);
    return rc;
}

void hr_handle_action(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *action = NULL;
    int rc = load(&id, &db, &action, req);
    if (rc == 0)
        rc = hr_planning_may_read(req, action);
    if (rc != 0) {
        json_decref(action);
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, action);
}

/* The recommendations of the array `ids` exist; 422 naming `name` otherwise. */
static int recommendations_exist(const char **field, hr_db *db, const json_t *ids, const char *name)
{
    int all = 0;
    int rc = ids ? hr_db_recommendations_exist(&all, db, ids) : 0;
    if (rc == 0 && ids != NULL && !all) {
        *field = name;
        rc = HR_EUNPROCESSABLE;
    }
    return rc;
}

void hr_handle_action_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    const hr_principal *p = hr_request_principal(req);
    int rc =
        hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_planning_may_write(req, body);
    if (rc == 0)
        rc = hr_planning_recommendations_writable(db, p, json_object_get(body, "recommendations"));
    if (rc == 0)
        rc = hr_action_check(&field, body);
    if (rc == 0)
        rc = hr_planning_institution_exists(&field, db, body);
    if (rc == 0)
        rc = recommendations_exist(&field, db, json_object_get(body, "recommendations"),
                                   "recommendations");
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_action_create(&result, db, &actor, body);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

/* The body of a PATCH, checked against `action` as it is now. */
static int check_update(const char **field, hr_request *req, hr_db *db, const json_t *action,
                        const json_t *body)
{
    int rc = 0;
    if (json_object_get(body, "institution_id") != NULL)
        rc = hr_planning_may_write(req, body); /* a focal point may not give an action away */
    json_t *merged = rc == 0 ? hr_planning_merged(action, body) : NULL;
    if (rc == 0)
        rc = merged ? hr_action_check(field, merged) : HR_ENOMEM;
    json_decref(merged);
    if (rc == 0)
        rc = hr_planning_institution_exists(field, db, body);
    return rc;
}

void hr_handle_action_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *action = NULL, *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = load(&id, &db, &action, req);
    if (rc == 0)
        rc = hr_planning_may_write(req, action);
    if (rc == 0)
        rc =
            hr_read_body(&body, &field, req, update_spec, sizeof update_spec / sizeof *update_spec);
    if (rc == 0)
        rc = check_update(&field, req, db, action, body);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0) {
        json_t *fields = hr_planning_fields(body);
        rc = fields ? hr_db_action_update(&result, db, &actor, id, hr_body_version(body), fields)
                    : HR_ENOMEM;
        json_decref(fields);
    }
    json_decref(action);
    if (rc == HR_ECONFLICT)
        hr_db_action_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_action_delete(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    long version = 0;
    json_t *action = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = load(&id, &db, &action, req);
    if (rc == 0)
        rc = hr_planning_may_write(req, action);
    json_decref(action);
    if (rc == 0)
        rc = hr_query_args_version(&version, &field, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_action_delete(db, &actor, id, version);
    if (rc == HR_ECONFLICT)
        hr_db_action_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, NULL);
        return;
    }
    hr_reply_json(reply, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

/* Whether the two id arrays share an id. */
static int overlap(const json_t *a, const json_t *b)
{
    size_t i, j;
    const json_t *x, *y;
    json_array_foreach(a, i, x)
    {
        json_array_foreach(b, j, y)
        {
            if (json_integer_value(x) == json_integer_value(y))
                return 1;
        }
    }
    return 0;
}

void hr_handle_action_link(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *action = NULL, *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = load(&id, &db, &action, req);
    if (rc == 0)
        rc = hr_planning_may_write(req, action);
    json_decref(action);
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, link_spec, sizeof link_spec / sizeof *link_spec);
    json_t *add = json_object_get(body, "add"), *remove = json_object_get(body, "remove");
    add = json_is_array(add) ? add : NULL;
    remove = json_is_array(remove) ? remove : NULL;
    if (rc == 0)
        rc = hr_planning_recommendations_writable(db, hr_request_principal(req), add);
    if (rc == 0 && overlap(add, remove)) {
        field = "remove";
        rc = HR_EUNPROCESSABLE;
    }
    if (rc == 0)
        rc = recommendations_exist(&field, db, add, "add");
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_action_link(&result, db, &actor, id, hr_body_version(body), add, remove);
    if (rc == HR_ECONFLICT)
        hr_db_action_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}
