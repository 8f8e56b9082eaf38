/*
 * Indicators and their measurements.
 *   GET    /api/v1/indicators                  planning_read; filters action, recommendation,
 *                                              institution; pages; format=csv|json|xlsx
 *   POST   /api/v1/indicators                  plan, in the caller's scope
 *   GET    /api/v1/indicators/{id}             planning_read
 *   PATCH  /api/v1/indicators/{id}             plan, with the version read
 *   DELETE /api/v1/indicators/{id}?version=N   plan
 *   GET    /api/v1/indicators/{id}/measurements  planning_read
 *   POST   /api/v1/indicators/{id}/measurements  plan; a second one for a date is a 409
 *
 * An indicator of an action belongs to the action's institution; one of a
 * recommendation to the institution named (a focal point's own by
 * default), and a focal point may create it only when the recommendation
 * is assigned to its institution. The order of checks is that of
 * actions.c: 404, 403, 422, then 409.
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "planning_handlers.h"
#include "query_args.h"

#include "hrtrack/accounts.h"
#include "hrtrack/actions.h"
#include "hrtrack/error.h"

#include <string.h>

static const char *const schedules[] = {"monthly", "quarterly", "semiannual",
                                        "annual",  "once",      NULL};

#define INDICATOR_FIELDS(required)                                                                 \
    {"definition", HR_FIELD_STRING, required, 1, 2000, NULL},                                      \
        {"unit", HR_FIELD_STRING, required, 1, 50, NULL},                                          \
        {"baseline", HR_FIELD_DECIMAL, 0, 0, 0, NULL},                                             \
        {"baseline_date", HR_FIELD_DATE, 0, 0, 0, NULL},                                           \
        {"target_value", HR_FIELD_DECIMAL, 0, 0, 0, NULL},                                         \
        {"due_date", HR_FIELD_DATE, 0, 0, 0, NULL},                                                \
    {                                                                                              \
        "reporting_schedule", HR_FIELD_CHOICE, 0, 0, 0, schedules                                  \
    }

static const hr_field create_spec[] = {
    INDICATOR_FIELDS(1),
    {"action_id", HR_FIELD_INTEGER, 0, 1, 1LL << 52, NULL},
    {"recommendation_id", HR_FIELD_INTEGER, 0, 1, 1LL << 52, NULL},
    {"institution_id", HR_FIELD_INTEGER, 0, 1, 1 << 30, NULL},
};

static const hr_field update_spec[] = {
    INDICATOR_FIELDS(0),
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const hr_field measurement_spec[] = {
    {"measured_on", HR_FIELD_DATE, 1, 0, 0, NULL},
    {"value", HR_FIELD_DECIMAL, 1, 0, 0, NULL},
    {"note", HR_FIELD_STRING, 0, 0, 2000, NULL},
};

static const char *const list_params[] = {"action", "recommendation", "institution", "after",
                                          "limit",  "format",         NULL};

static int read_filter(hr_indicator_filter *f, const char **field, const hr_request *req)
{
    long long institution = 0, limit = HR_PLAN_LIMIT_DEFAULT;
    memset(f, 0, sizeof *f);
    int rc = hr_query_args_known(field, req, list_params);
    if (rc == 0)
        rc = hr_query_args_integer(&f->action_id, field, req, "action", 1, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&f->recommendation_id, field, req, "recommendation", 1,
                                   1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&institution, field, req, "institution", 1, 1 << 30);
    if (rc == 0)
        rc = hr_query_args_integer(&f->after, field, req, "after", 0, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, field, req, "limit", 1, HR_PLAN_LIMIT_MAX);
    f->institution_id = (int)institution;
    f->limit = (int)limit;
    return rc;
}

static int export_indicators(hr_reply *reply, hr_db *db, const hr_indicator_filter *f,
                             hr_export_format format, hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_indicator_export_columns(&count);
    int rc = hr_db_indicators_export(&cursor, db, f);
    return rc != 0
               ? rc
               : hr_export_start_cursor(reply, cursor, columns, count, format, lang, "indicators");
}

void hr_handle_indicators(hr_request *req, hr_reply *reply)
{
    hr_indicator_filter f;
    hr_export_format format = HR_EXPORT_NONE;
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = read_filter(&f, &field, req);
    if (rc == 0)
        rc = hr_planning_list_start(&format, &db, &f.institution_id, &field, req);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = export_indicators(reply, db, &f, format, hr_request_lang(req));
    else if (rc == 0)
        rc = hr_db_indicators_list(&result, db, &f);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}

static int load(long long *id, hr_db **db, json_t **indicator, hr_request *req)
{
    int rc = hr_path_id(id, req, "id");
    if (rc == 0)
        rc = hr_request_db(db, req);
    if (rc == 0)
        rc = hr_db_indicator_get(indicator, *db, *id);
    return rc;
}

void hr_handle_indicator(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *indicator = NULL;
    int rc = load(&id, &db, &indicator, req);
    if (rc == 0)
        rc = hr_planning_may_read(req, indicator);
    if (rc != 0) {
        json_decref(indicator);
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, indicator);
}

/* 422 naming `field` when a referenced row is missing. */
static int referenced(const char **field, int rc, const char *name)
{
    if (rc == HR_ENOTFOUND) {
        *field = name;
        return HR_EUNPROCESSABLE;
    }
    return rc;
}

/* An indicator of an action: the action's institution, in the caller's scope. */
static int place_on_action(const char **field, hr_request *req, hr_db *db, json_t *fields)
{
    json_t *action = NULL;
    long long action_id = 0, institution = 0;
    hr_json_integer(&action_id, fields, "action_id");
    int rc = referenced(field, hr_db_action_get(&action, db, action_id), "action_id");
    long long own = json_integer_value(json_object_get(action, "institution_id"));
    json_decref(action);
    if (rc == 0)
        rc = hr_access_institution_write(hr_request_principal(req), (int)own);
    if (rc == 0 && hr_json_integer(&institution, fields, "institution_id") && institution != own) {
        *field = "institution_id";
        rc = HR_EUNPROCESSABLE;
    }
    if (rc == 0)
        rc = json_object_set_new(fields, "institution_id", json_integer(own)) ? HR_ENOMEM : 0;
    return rc;
}

/* An indicator of a recommendation: assigned to the caller's institution, for a focal point. */
static int place_on_recommendation(const char **field, hr_request *req, hr_db *db, json_t *fields)
{
    const hr_principal *p = hr_request_principal(req);
    long long institution = p->institution_id;
    hr_json_integer(&institution, fields, "institution_id");
    if (institution <= 0) {
        *field = "institution_id";
        return HR_EUNPROCESSABLE;
    }
    int rc = hr_access_institution_write(p, (int)institution);
    json_t *ids = json_pack("[O]", json_object_get(fields, "recommendation_id"));
    if (rc == 0)
        rc = ids ? hr_planning_recommendations_writable(db, p, ids) : HR_ENOMEM;
    int all = 0;
    if (rc == 0)
        rc = hr_db_recommendations_exist(&all, db, ids);
    json_decref(ids);
    if (rc == 0 && !all) {
        *field = "recommendation_id";
        rc = HR_EUNPROCESSABLE;
    }
    json_t *found = NULL;
    if (rc == 0)
        rc = referenced(field, hr_db_institution_get(&found, db, (int)institution, HR_LANG_DEFAULT),
                        "institution_id");
    json_decref(found);
    if (rc == 0)
        rc = json_object_set_new(fields, "institution_id", json_integer(institution)) ? HR_ENOMEM
                                                                                      : 0;
    return rc;
}

void hr_handle_indicator_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *fields = NULL, *result = NULL;
    hr_db *db = NULL;
    int rc =
        hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    if (rc == 0)
        rc = hr_indicator_check(&field, body);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = (fields = json_deep_copy(body)) ? 0 : HR_ENOMEM;
    if (rc == 0)
        rc = json_object_get(body, "action_id") && !json_is_null(json_object_get(body, "action_id"))
                 ? place_on_action(&field, req, db, fields)
                 : place_on_recommendation(&field, req, db, fields);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_indicator_create(&result, db, &actor, fields);
    json_decref(fields);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

void hr_handle_indicator_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *indicator = NULL, *body = NULL, *result = NULL, *current = NULL, *merged = NULL;
    hr_db *db = NULL;
    int rc = load(&id, &db, &indicator, req);
    if (rc == 0)
        rc = hr_planning_may_write(req, indicator);
    if (rc == 0)
        rc =
            hr_read_body(&body, &field, req, update_spec, sizeof update_spec / sizeof *update_spec);
    if (rc == 0)
        rc = (merged = hr_planning_merged(indicator, body)) ? hr_indicator_check(&field, merged)
                                                            : HR_ENOMEM;
    json_decref(merged);
    json_decref(indicator);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0) {
        json_t *fields = hr_planning_fields(body);
        rc = fields ? hr_db_indicator_update(&result, db, &actor, id, hr_body_version(body), fields)
                    : HR_ENOMEM;
        json_decref(fields);
    }
    if (rc == HR_ECONFLICT)
        hr_db_indicator_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_indicator_delete(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    long version = 0;
    json_t *indicator = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = load(&id, &db, &indicator, req);
    if (rc == 0)
        rc = hr_planning_may_write(req, indicator);
    json_decref(indicator);
    if (rc == 0)
        rc = hr_query_args_version(&version, &field, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_indicator_delete(db, &actor, id, version);
    if (rc == HR_ECONFLICT)
        hr_db_indicator_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, NULL);
        return;
    }
    hr_reply_json(reply, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

/* "format" is accepted and ignored, as it always was: the list has no export. */
static const char *const measurement_params[] = {"after", "limit", "format", NULL};

void hr_handle_measurements(hr_request *req, hr_reply *reply)
{
    const char *field = NULL, *after = NULL;
    long long id = 0, limit = HR_PLAN_LIMIT_DEFAULT;
    hr_db *db = NULL;
    json_t *indicator = NULL, *result = NULL;
    int rc = load(&id, &db, &indicator, req);
    if (rc == 0)
        rc = hr_planning_may_read(req, indicator);
    json_decref(indicator);
    if (rc == HR_ENOTFOUND)
        field = "id";
    if (rc == 0)
        rc = hr_query_args_known(&field, req, measurement_params);
    if (rc == 0)
        rc = hr_query_args_date(&after, &field, req, "after");
    if (rc == 0)
        rc = hr_query_args_integer(&limit, &field, req, "limit", 1, HR_PLAN_LIMIT_MAX);
    if (rc == 0)
        rc = hr_db_measurements_list(&result, db, id, after, (int)limit);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    hr_reply_json(reply, 200, result);
}

void hr_handle_measurement_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *indicator = NULL, *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = load(&id, &db, &indicator, req);
    if (rc == HR_ENOTFOUND)
        field = "id";
    if (rc == 0)
        rc = hr_planning_may_write(req, indicator);
    json_decref(indicator);
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, measurement_spec,
                          sizeof measurement_spec / sizeof *measurement_spec);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_measurement_add(&result, db, &actor, id, body);
    if (rc == HR_ECONFLICT) {
        field = "measured_on";
        hr_db_measurement_on(&current, db, id, hr_json_string(body, "measured_on"));
    }
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}
