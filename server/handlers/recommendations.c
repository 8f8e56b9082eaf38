/*
 * GET /api/v1/recommendations (filters, search, pages),
 * GET /api/v1/recommendations/facets (counts for the same filters) and
 * GET /api/v1/recommendations/{id}.
 * The parameters are read by hr_parse_rec_query (query_params.c). The
 * routes are public; filters and facets by planning data answer only
 * callers who may read it (hr_access_list_filter). SDG links count only
 * the sources of sdg_source= (default: every source but 'suggested');
 * suggested links are for those who may read them
 * (hr_access_sdg_suggestions_read), also in the detail.
 */
#include "export.h"
#include "handlers.h"

#include "hrtrack/access.h"
#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"

#include <errno.h>
#include <stdlib.h>

void hr_handle_recommendations(hr_request *req, hr_reply *reply)
{
    hr_rec_query q;
    hr_rec_query_init(&q, hr_request_lang(req));
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_export_format format = HR_EXPORT_NONE;
    int rc = hr_list_request(&q, &format, &field, &db, req, NULL);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = hr_export_start(reply, db, HR_EXPORT_RECOMMENDATIONS, &q, format);
    else if (rc == 0)
        rc = hr_db_rec_query(&result, db, &q);
    hr_rec_query_free(&q);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format != HR_EXPORT_NONE)
        return;
    json_object_set_new(result, "lang", json_string(hr_lang_code(hr_request_lang(req))));
    hr_reply_json(reply, 200, result);
}

void hr_handle_recommendation_facets(hr_request *req, hr_reply *reply)
{
    hr_rec_query q;
    hr_rec_query_init(&q, hr_request_lang(req));
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_export_format format = HR_EXPORT_NONE;
    int rc = hr_list_request(&q, &format, &field, &db, req, NULL);
    /* Counts have no export: say so rather than answer JSON to a CSV request. */
    if (rc == 0 && format != HR_EXPORT_NONE) {
        field = "format";
        rc = HR_EUNPROCESSABLE;
    }
    /* The institution facet is shown to those who may filter by it. */
    int with_institutions = hr_access_list_filter(hr_request_principal(req), "institution") == 0;
    if (rc == 0)
        rc = hr_db_rec_facets(&result, db, &q, with_institutions);
    hr_rec_query_free(&q);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    json_object_set_new(result, "lang", json_string(hr_lang_code(hr_request_lang(req))));
    hr_reply_json(reply, 200, result);
}

void hr_handle_recommendation(hr_request *req, hr_reply *reply)
{
    const char *text = hr_request_path_param(req, "id");
    char *end = NULL;
    errno = 0;
    long long id = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || id <= 0) {
        hr_reply_error(reply, HR_ENOTFOUND, "id");
        return;
    }
    hr_db *db = NULL;
    json_t *result = NULL;
    hr_lang lang = hr_request_lang(req);
    int rc = hr_request_db(&db, req);
    /* Suggested SDG links are shown, marked as such, to those who may read them. */
    unsigned sources = hr_access_sdg_suggestions_read(hr_request_principal(req)) == 0
                           ? HR_SDG_SOURCES_ALL
                           : HR_SDG_SOURCES_CONFIRMED;
    if (rc == 0)
        rc = hr_db_recommendation(&result, db, id, lang, sources);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    json_object_set_new(result, "lang", json_string(hr_lang_code(lang)));
    hr_reply_json(reply, 200, result);
}
