/*
 * Helpers of the planning handlers (see plan.h).
 */
#include "plan.h"

#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"
#include "hrtrack/planning.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct known_state {
    const char *const *allowed;
    const char *field;
} known_state;

static int visit_known(void *ctx, const char *name, const char *value)
{
    (void)value;
    known_state *k = ctx;
    if (strcmp(name, "lang") == 0 || strcmp(name, "format") == 0)
        return 0;
    for (size_t i = 0; k->allowed[i] != NULL; i++) {
        if (strcmp(k->allowed[i], name) == 0)
            return 0;
    }
    k->field = name;
    return HR_EPARAM;
}

int hr_plan_params_known(const char **field, const hr_request *req, const char *const *allowed)
{
    known_state k = {allowed, NULL};
    int rc = hr_request_query_each(req, visit_known, &k);
    *field = k.field;
    return rc;
}

int hr_plan_query_integer(long long *out, const hr_request *req, const char *name, long long min,
                          long long max)
{
    const char *text = hr_request_query(req, name);
    if (text == NULL)
        return 0;
    char *end = NULL;
    errno = 0;
    long long n = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || n < min || n > max)
        return HR_EUNPROCESSABLE;
    *out = n;
    return 0;
}

int hr_plan_query_date(const char **out, const hr_request *req, const char *name)
{
    static const hr_field spec[] = {{"date", HR_FIELD_DATE, 1, 0, 0, NULL}};
    const char *text = hr_request_query(req, name);
    *out = NULL;
    if (text == NULL)
        return 0;
    json_t *probe = json_pack("{s:s}", "date", text);
    const char *field = NULL;
    /* No probe: the text is not UTF-8, so not a date either. */
    int rc = probe ? hr_json_check(probe, spec, 1, &field) : HR_EUNPROCESSABLE;
    json_decref(probe);
    if (rc == 0)
        *out = text;
    return rc;
}

int hr_plan_query_bool(int *out, const hr_request *req, const char *name)
{
    const char *text = hr_request_query(req, name);
    if (text == NULL)
        return 0;
    if (strcmp(text, "true") != 0 && strcmp(text, "false") != 0)
        return HR_EUNPROCESSABLE;
    *out = strcmp(text, "true") == 0;
    return 0;
}

int hr_plan_query_version(long *out, const hr_request *req)
{
    long long version = 0;
    if (hr_request_query(req, "version") == NULL ||
        hr_plan_query_integer(&version, req, "version", 1, 1 << 30) != 0)
        return HR_EUNPROCESSABLE;
    *out = (long)version;
    return 0;
}

int hr_plan_recommendations_writable(hr_db *db, const hr_principal *p, const json_t *ids)
{
    /* Whoever may link any recommendation needs no look-up. */
    if (hr_access_recommendation_write(p, 0) == 0)
        return 0;
    size_t i;
    const json_t *id;
    json_array_foreach(ids, i, id)
    {
        int assigned = 0;
        int rc = hr_db_recommendation_assigned_to(&assigned, db, json_integer_value(id),
                                                  p->institution_id);
        if (rc == 0)
            rc = hr_access_recommendation_write(p, assigned);
        if (rc != 0)
            return rc;
    }
    return 0;
}

json_t *hr_plan_merged(const json_t *current, const json_t *body)
{
    json_t *merged = json_deep_copy(current);
    if (merged == NULL || json_object_update(merged, (json_t *)body) != 0) {
        json_decref(merged);
        return NULL;
    }
    json_object_del(merged, "version");
    return merged;
}

json_t *hr_plan_fields(const json_t *body)
{
    json_t *fields = json_deep_copy(body);
    if (fields != NULL)
        json_object_del(fields, "version");
    return fields;
}
