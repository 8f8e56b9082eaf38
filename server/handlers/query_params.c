/*
 * Reading a recommendation query from the query string, for every endpoint
 * that takes the list filters. Parameters are read in two passes: filters,
 * "q" and "sort" first, the cursor last, because a cursor continues one
 * particular order. Unknown parameters are refused, so that a typing
 * mistake ("sdg_traget") is never silently ignored, and so are filters by
 * planning data for callers who may not read it (hr_access_list_filter),
 * and suggested SDG links for those who may not see them
 * (hr_access_sdg_suggestions_read).
 */
#include "handlers.h"

#include "hrtrack/access.h"
#include "hrtrack/error.h"

#include <string.h>

typedef struct parse_state {
    hr_rec_query *query;
    const hr_principal *caller;
    const char *const *allowed;
    int pass;          /* 0: everything but the cursor; 1: the cursor */
    const char *field; /* the parameter at fault */
} parse_state;

static int is_allowed(const parse_state *p, const char *name)
{
    if (p->allowed == NULL)
        return 1;
    for (size_t i = 0; p->allowed[i] != NULL; i++) {
        if (strcmp(p->allowed[i], name) == 0)
            return 1;
    }
    return 0;
}

static int visit(void *ctx, const char *name, const char *value)
{
    parse_state *p = ctx;
    int is_cursor = strcmp(name, "cursor") == 0;
    /* The language is read by the HTTP layer, the format by the handler. */
    if ((p->pass == 1) != is_cursor || strcmp(name, "lang") == 0 || strcmp(name, "format") == 0)
        return 0;
    p->field = name;
    if (!is_allowed(p, name))
        return HR_EPARAM;
    int rc = hr_access_list_filter(p->caller, name);
    return rc != 0 ? rc : hr_rec_query_param(p->query, name, value);
}

int hr_parse_rec_query(hr_rec_query *q, const char **field, hr_request *req,
                       const char *const *allowed)
{
    parse_state p = {q, hr_request_principal(req), allowed, 0, NULL};
    int rc = hr_request_query_each(req, visit, &p);
    if (rc == 0 && q->order == HR_ORDER_RELEVANCE && q->text == NULL) {
        p.field = "sort";
        rc = HR_EUNPROCESSABLE; /* relevance needs a search text */
    }
    if (rc == 0) {
        p.pass = 1;
        rc = hr_request_query_each(req, visit, &p);
    }
    /* Suggested SDG links are unchecked guesses: only for those who may read them. */
    if (rc == 0 && (q->sdg_sources & HR_SDG_SOURCE_SUGGESTED) != 0) {
        p.field = "sdg_source";
        rc = hr_access_sdg_suggestions_read(p.caller);
    }
    *field = p.field;
    return rc;
}
