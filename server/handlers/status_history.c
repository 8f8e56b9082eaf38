/*
 * The public, validated history of implementation:
 *   GET /api/v1/recommendations/{id}/status-history   public
 *   GET /api/v1/actions/{id}/status-history           public
 * Approved updates only, oldest first (by the date they speak for, then
 * by approval), with the reporting institution and the public files;
 * never who wrote or approved them. Pages by ?after= (the id of the last
 * entry read) and ?limit=; format=csv|json|xlsx exports the whole history.
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/status_updates.h"

static const char *const params[] = {"after", "limit", "format", NULL};

static void history(hr_request *req, hr_reply *reply, int of_action)
{
    const char *field = NULL;
    long long id = 0, after = 0, limit = HR_UPDATE_LIMIT_DEFAULT;
    hr_export_format format = HR_EXPORT_NONE;
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_lang lang = hr_request_lang(req);
    long long rec = 0, action = 0;
    int rc = hr_query_args_known(&field, req, params);
    if (rc == 0)
        rc = hr_query_args_integer(&after, &field, req, "after", 0, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, &field, req, "limit", 1, HR_UPDATE_LIMIT_MAX);
    if (rc == 0 && (rc = hr_export_format_parse(&format, hr_request_query(req, "format"),
                                                hr_request_header(req, "Accept"))) != 0)
        field = "format";
    if (rc == 0 && (rc = hr_path_id(&id, req, "id")) != 0)
        field = "id";
    *(of_action ? &action : &rec) = id;
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && format != HR_EXPORT_NONE) {
        hr_db_export *cursor = NULL;
        int count = 0;
        const hr_export_column *columns = hr_status_history_export_columns(&count);
        rc = hr_db_status_history_export(&cursor, db, rec, action, lang);
        if (rc == 0)
            rc = hr_export_start_cursor(reply, cursor, columns, count, format, lang,
                                        "status-history");
    } else if (rc == 0) {
        rc = hr_db_status_history(&result, db, rec, action, after, (int)limit, lang);
    }
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}

void hr_handle_recommendation_status_history(hr_request *req, hr_reply *reply)
{
    history(req, reply, 0);
}

void hr_handle_action_status_history(hr_request *req, hr_reply *reply)
{
    history(req, reply, 1);
}
