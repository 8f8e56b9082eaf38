/*
 * GET /api/v1/deadlines: what is due, soonest first, in the caller's
 * scope (planning_read): focal points and validators see their own
 * institution's actions, indicators and reports (another ?institution= is
 * a 403); the coordinator, the UN team and admins see everything,
 * optionally narrowed to one institution. Pages by a keyset cursor
 * (due date, kind, id); format=csv|json|xlsx exports every row.
 */
#include "export.h"
#include "handlers.h"
#include "planning_handlers.h"
#include "query_args.h"

#include "hrtrack/deadlines.h"
#include "hrtrack/error.h"

#include <string.h>

static const char *const list_params[] = {"overdue", "within", "kind",   "institution",
                                          "after",   "limit",  "format", NULL};

/* ?kind= and ?after=, the two that are words; on error *field names them. */
static int read_words(hr_deadline_filter *f, const char **field, const hr_request *req)
{
    const char *kind = hr_request_query(req, "kind");
    if (kind != NULL && hr_deadline_kind_parse(&f->kind, kind) != 0) {
        *field = "kind";
        return HR_EUNPROCESSABLE;
    }
    const char *after = hr_request_query(req, "after");
    if (after != NULL && hr_deadline_cursor_parse(&f->after, after) != 0) {
        *field = "after";
        return HR_EUNPROCESSABLE;
    }
    return 0;
}

static int read_filter(hr_deadline_filter *f, const char **field, const hr_request *req)
{
    long long institution = 0, within = -1, limit = HR_DEADLINE_LIMIT_DEFAULT;
    memset(f, 0, sizeof *f);
    f->overdue = -1;
    int rc = hr_query_args_known(field, req, list_params);
    if (rc == 0)
        rc = hr_query_args_integer(&institution, field, req, "institution", 1, 1 << 30);
    if (rc == 0)
        rc = hr_query_args_integer(&within, field, req, "within", 0, HR_DEADLINE_WITHIN_MAX);
    if (rc == 0)
        rc = hr_query_args_bool(&f->overdue, field, req, "overdue");
    if (rc == 0)
        rc = hr_query_args_integer(&limit, field, req, "limit", 1, HR_DEADLINE_LIMIT_MAX);
    if (rc == 0)
        rc = read_words(f, field, req);
    f->institution_id = (int)institution;
    f->within = (int)within;
    f->limit = (int)limit;
    return rc;
}

static int export_deadlines(hr_reply *reply, hr_db *db, const hr_deadline_filter *f,
                            hr_export_format format, hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_deadline_export_columns(&count);
    int rc = hr_db_deadlines_export(&cursor, db, f, lang);
    return rc != 0
               ? rc
               : hr_export_start_cursor(reply, cursor, columns, count, format, lang, "deadlines");
}

void hr_handle_deadlines(hr_request *req, hr_reply *reply)
{
    hr_deadline_filter f;
    hr_export_format format = HR_EXPORT_NONE;
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = read_filter(&f, &field, req);
    if (rc == 0)
        rc = hr_planning_list_start(&format, &db, &f.institution_id, &field, req);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = export_deadlines(reply, db, &f, format, hr_request_lang(req));
    else if (rc == 0)
        rc = hr_db_deadlines_list(&result, db, &f);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}
