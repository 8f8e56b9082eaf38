/* GET /api/v1/documents (a page, or an export with format=) and GET /api/v1/documents/{symbol*}. */
#include "export.h"
#include "handlers.h"

#include "hrtrack/error.h"
#include "hrtrack/summary.h"

void hr_handle_documents(hr_request *req, hr_reply *reply)
{
    static const char *const allowed[] = {"state", "mechanism", "limit", "cursor", NULL};
    hr_rec_query q;
    hr_rec_query_init(&q, hr_request_lang(req));
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_export_format format = HR_EXPORT_NONE;
    int rc = hr_list_request(&q, &format, &field, &db, req, allowed);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = hr_export_start(reply, db, HR_EXPORT_DOCUMENTS, &q, format);
    else if (rc == 0)
        rc = hr_db_documents(&result, db, &q);
    hr_rec_query_free(&q);
    if (rc != 0)
        hr_reply_error(reply, rc, field);
    else if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}

void hr_handle_document(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_document(&result, db, hr_request_path_param(req, "symbol"), lang);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "symbol" : NULL);
        return;
    }
    json_object_set_new(result, "lang", json_string(hr_lang_code(lang)));
    hr_reply_json(reply, 200, result);
}
