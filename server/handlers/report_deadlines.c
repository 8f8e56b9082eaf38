/*
 * Report deadlines: the country's reports due, kept by the coordinator.
 *   GET    /api/v1/report-deadlines              planning_read; filters, pages,
 * format=csv|json|xlsx POST   /api/v1/report-deadlines              coordinate GET
 * /api/v1/report-deadlines/{id}         planning_read, in the caller's read scope PATCH
 * /api/v1/report-deadlines/{id}         coordinate, with the version read DELETE
 * /api/v1/report-deadlines/{id}?version=N  coordinate
 *
 * A deadline names the institution that drafts the report, or none (the
 * coordinator's own). Focal points and validators read their own
 * institution's deadlines only, as with every planning list.
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "planning_handlers.h"
#include "query_args.h"

#include "hrtrack/deadlines.h"
#include "hrtrack/error.h"

#include <string.h>

static const char *const kinds[] = {"upr_midterm",
                                    "upr_national_report",
                                    "treaty_periodic",
                                    "treaty_followup",
                                    "special_procedure",
                                    "vnr",
                                    "other",
                                    NULL};

#define DEADLINE_FIELDS(required)                                                                  \
    {"kind", HR_FIELD_CHOICE, required, 0, 0, kinds},                                              \
        {"title", HR_FIELD_STRING, required, 1, 300, NULL},                                        \
        {"body_name", HR_FIELD_STRING, 0, 0, 300, NULL},                                           \
        {"institution_id", HR_FIELD_INTEGER, 0, 1, 1 << 30, NULL},                                 \
        {"due_date", HR_FIELD_DATE, required, 0, 0, NULL},                                         \
        {"submitted_on", HR_FIELD_DATE, 0, 0, 0, NULL},                                            \
    {                                                                                              \
        "note", HR_FIELD_STRING, 0, 0, 2000, NULL                                                  \
    }

static const hr_field create_spec[] = {DEADLINE_FIELDS(1)};

static const hr_field update_spec[] = {
    DEADLINE_FIELDS(0),
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const char *const list_params[] = {"institution", "kind",   "submitted", "after",
                                          "limit",       "format", NULL};

static int read_filter(hr_report_deadline_filter *f, const char **field, const hr_request *req)
{
    long long institution = 0, after = 0, limit = HR_DEADLINE_LIMIT_DEFAULT;
    memset(f, 0, sizeof *f);
    f->submitted = -1;
    int rc = hr_query_args_known(field, req, list_params);
    if (rc == 0)
        rc = hr_query_args_integer(&institution, field, req, "institution", 1, 1 << 30);
    if (rc == 0)
        rc = hr_query_args_bool(&f->submitted, field, req, "submitted");
    if (rc == 0)
        rc = hr_query_args_integer(&after, field, req, "after", 0, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, field, req, "limit", 1, HR_DEADLINE_LIMIT_MAX);
    f->kind = hr_request_query(req, "kind");
    if (rc == 0 && f->kind != NULL) {
        rc = HR_EUNPROCESSABLE;
        for (size_t i = 0; kinds[i] != NULL; i++)
            rc = strcmp(kinds[i], f->kind) == 0 ? 0 : rc;
        *field = rc ? "kind" : NULL;
    }
    f->institution_id = (int)institution;
    f->after = after;
    f->limit = (int)limit;
    return rc;
}

static int export_list(hr_reply *reply, hr_db *db, const hr_report_deadline_filter *f,
                       hr_export_format format, hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_report_deadline_export_columns(&count);
    int rc = hr_db_report_deadlines_export(&cursor, db, f);
    return rc != 0 ? rc
                   : hr_export_start_cursor(reply, cursor, columns, count, format, lang,
                                            "report-deadlines");
}

void hr_handle_report_deadlines(hr_request *req, hr_reply *reply)
{
    hr_report_deadline_filter f;
    hr_export_format format = HR_EXPORT_NONE;
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = read_filter(&f, &field, req);
    if (rc == 0)
        rc = hr_planning_list_start(&format, &db, &f.institution_id, &field, req);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = export_list(reply, db, &f, format, hr_request_lang(req));
    else if (rc == 0)
        rc = hr_db_report_deadlines_list(&result, db, &f);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}

/* Path id, connection and the deadline as it is now. */
static int load(long long *id, hr_db **db, json_t **deadline, hr_request *req)
{
    int rc = hr_path_id(id, req, "id");
    if (rc == 0)
        rc = hr_request_db(db, req);
    if (rc == 0)
        rc = hr_db_report_deadline_get(deadline, *db, *id);
    return rc;
}

void hr_handle_report_deadline(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *deadline = NULL;
    int rc = load(&id, &db, &deadline, req);
    if (rc == 0)
        rc = hr_planning_may_read(req, deadline);
    if (rc != 0) {
        json_decref(deadline);
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, deadline);
}

void hr_handle_report_deadline_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    int rc =
        hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_planning_institution_exists(&field, db, body);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_report_deadline_create(&result, db, &actor, body);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

/* A PATCH may clear optional fields, never the required ones. */
static int check_update(const char **field, const json_t *body)
{
    static const char *const required[] = {"kind", "title", "due_date"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (json_is_null(json_object_get(body, required[i]))) {
            *field = required[i];
            return HR_EUNPROCESSABLE;
        }
    }
    return 0;
}

void hr_handle_report_deadline_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *deadline = NULL, *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = load(&id, &db, &deadline, req);
    json_decref(deadline);
    if (rc == 0)
        rc =
            hr_read_body(&body, &field, req, update_spec, sizeof update_spec / sizeof *update_spec);
    if (rc == 0)
        rc = check_update(&field, body);
    if (rc == 0)
        rc = hr_planning_institution_exists(&field, db, body);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0) {
        json_t *fields = hr_planning_fields(body);
        rc = fields ? hr_db_report_deadline_update(&result, db, &actor, id, hr_body_version(body),
                                                   fields)
                    : HR_ENOMEM;
        json_decref(fields);
    }
    if (rc == HR_ECONFLICT)
        hr_db_report_deadline_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_report_deadline_delete(hr_request *req, hr_reply *reply)
{
    hr_planning_delete(req, reply, hr_db_report_deadline_get, hr_db_report_deadline_delete);
}
