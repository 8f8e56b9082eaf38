/*
 * GET /api/v1/import-runs: what each committed run of hrtrack-import
 * did, newest first, for the admins and the coordinator (audit_read:
 * the same readers as the audit log, which records each run's start but
 * not its counts). Filters: kind, rejects (true: only runs that refused
 * records); pages with before= (the next_before of the last page) and
 * limit; format=csv|json|xlsx exports every run the filters select.
 */
#include "export.h"
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/import_runs.h"

#include <string.h>

static const char *const kinds[] = {"uhri", "upr-info", "document", "suggest-sdg", NULL};
static const char *const list_params[] = {"kind", "rejects", "before", "limit", "format", NULL};

static int read_filter(hr_import_run_filter *f, const char **field, const hr_request *req)
{
    long long before = 0, limit = HR_IMPORT_RUN_LIMIT_DEFAULT;
    memset(f, 0, sizeof *f);
    f->rejects = -1;
    int rc = hr_query_args_known(field, req, list_params);
    if (rc == 0)
        rc = hr_query_args_bool(&f->rejects, field, req, "rejects");
    if (rc == 0)
        rc = hr_query_args_integer(&before, field, req, "before", 1, 1LL << 62);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, field, req, "limit", 1, HR_IMPORT_RUN_LIMIT_MAX);
    f->kind = hr_request_query(req, "kind");
    if (rc == 0 && f->kind != NULL) {
        rc = HR_EUNPROCESSABLE;
        for (size_t i = 0; kinds[i] != NULL; i++)
            rc = strcmp(kinds[i], f->kind) == 0 ? 0 : rc;
        *field = rc ? "kind" : NULL;
    }
    f->before = before;
    f->limit = (int)limit;
    return rc;
}

static int export_list(hr_reply *reply, hr_db *db, const hr_import_run_filter *f,
                       hr_export_format format, hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_import_run_export_columns(&count);
    int rc = hr_db_import_runs_export(&cursor, db, f);
    return rc != 0
               ? rc
               : hr_export_start_cursor(reply, cursor, columns, count, format, lang, "import-runs");
}

void hr_handle_import_runs(hr_request *req, hr_reply *reply)
{
    hr_import_run_filter f;
    hr_export_format format = HR_EXPORT_NONE;
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = read_filter(&f, &field, req);
    if (rc == 0 && (rc = hr_export_format_parse(&format, hr_request_query(req, "format"),
                                                hr_request_header(req, "Accept"))) != 0)
        field = "format";
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = export_list(reply, db, &f, format, hr_request_lang(req));
    else if (rc == 0)
        rc = hr_db_import_runs_list(&result, db, &f);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}
