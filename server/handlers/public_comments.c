/*
 * What the public reads of participation:
 *   GET /api/v1/recommendations/{id}/comments   published comments on a recommendation
 *   GET /api/v1/status-updates/{id}/comments    ... on an approved status update
 * with the answers of ministries under each; after, limit; format=csv|json|xlsx
 * with the same columns. The author is shown by public name only, or as a
 * "withdrawn account" in the reply's language; never an email or an id.
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/participation.h"

static const char *const list_params[] = {"after", "limit", "format", NULL};

static int export_public(hr_reply *reply, hr_db *db, hr_comment_subject subject, long long id,
                         hr_export_format format, hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_public_comment_export_columns(&count);
    int rc = hr_db_public_comments_export(&cursor, db, subject, id, lang);
    return rc != 0
               ? rc
               : hr_export_start_cursor(reply, cursor, columns, count, format, lang, "comments");
}

static void public_comments(hr_request *req, hr_reply *reply, hr_comment_subject subject)
{
    long long id = 0, after = 0, limit = HR_COMMENT_LIMIT_DEFAULT;
    const char *field = NULL;
    hr_export_format format = HR_EXPORT_NONE;
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_path_id(&id, req, "id");
    field = rc != 0 ? "id" : NULL;
    if (rc == 0)
        rc = hr_query_args_known(&field, req, list_params);
    if (rc == 0)
        rc = hr_query_args_integer(&after, &field, req, "after", 0, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, &field, req, "limit", 1, HR_COMMENT_LIMIT_MAX);
    if (rc == 0 && (rc = hr_export_format_parse(&format, hr_request_query(req, "format"),
                                                hr_request_header(req, "Accept"))) != 0)
        field = "format";
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && (rc = hr_db_comment_subject_public(db, subject, id)) != 0)
        field = rc == HR_ENOTFOUND ? "id" : NULL;
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = export_public(reply, db, subject, id, format, lang);
    else if (rc == 0)
        rc = hr_db_public_comments(&result, db, subject, id, after, (int)limit, lang);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}

void hr_handle_recommendation_comments(hr_request *req, hr_reply *reply)
{
    public_comments(req, reply, HR_SUBJECT_RECOMMENDATION);
}

void hr_handle_status_update_comments(hr_request *req, hr_reply *reply)
{
    public_comments(req, reply, HR_SUBJECT_STATUS_UPDATE);
}
