/*
 * GET /api/v1/recommendations (filters, search, pages),
 * GET /api/v1/recommendations/facets (counts for the same filters) and
 * GET /api/v1/recommendations/{id}.
 *
 * Parameters are read in two passes: the filters and "q"/"sort" first, the
 * cursor last, because a cursor continues one particular order. Unknown
 * parameters are refused so that a typing mistake ("sdg_traget") is not
 * silently ignored.
 */
#include "handlers.h"

#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct parse_state {
    hr_rec_query *query;
    int pass;          /* 0: everything but the cursor; 1: the cursor */
    const char *field; /* the parameter at fault */
} parse_state;

/* Parameters that other layers read (language) or that later issues use. */
static int ignored(const char *name)
{
    return strcmp(name, "lang") == 0;
}

static int visit(void *ctx, const char *name, const char *value)
{
    parse_state *p = ctx;
    int is_cursor = strcmp(name, "cursor") == 0;
    if ((p->pass == 1) != is_cursor || ignored(name))
        return 0;
    p->field = name;
    hr_query_field field;
    if (hr_query_field_find(&field, name) == 0)
        return hr_rec_query_add(p->query, field, value);
    int rc = hr_rec_query_set(p->query, name, value);
    return rc == HR_ENOTFOUND ? HR_EPARAM : rc;
}

/* Reads the query string into `q`; on error sets *field to the parameter at fault. */
static int parse_query(hr_rec_query *q, const char **field, hr_request *req)
{
    parse_state p = {q, 0, NULL};
    int rc = hr_request_query_each(req, visit, &p);
    if (rc == 0 && q->by_relevance && q->text == NULL) {
        p.field = "sort";
        rc = HR_EUNPROCESSABLE; /* relevance needs a search text */
    }
    if (rc == 0) {
        p.pass = 1;
        rc = hr_request_query_each(req, visit, &p);
    }
    *field = p.field;
    return rc;
}

void hr_handle_recommendations(hr_request *req, hr_reply *reply)
{
    hr_rec_query q;
    hr_rec_query_init(&q, hr_request_lang(req));
    const char *field = NULL;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = parse_query(&q, &field, req);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_rec_query_check(&field, db, &q);
    if (rc == 0)
        rc = hr_db_rec_query(&result, db, &q);
    hr_rec_query_free(&q);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
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
    int rc = parse_query(&q, &field, req);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_rec_query_check(&field, db, &q);
    if (rc == 0)
        rc = hr_db_rec_facets(&result, db, &q);
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
    if (rc == 0)
        rc = hr_db_recommendation(&result, db, id, lang);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    json_object_set_new(result, "lang", json_string(hr_lang_code(lang)));
    hr_reply_json(reply, 200, result);
}
