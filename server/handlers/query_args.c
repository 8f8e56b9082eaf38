/*
 * Readers of single query-string parameters (see query_args.h). They read
 * the request only, never the database, and keep no state.
 */
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"

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
    if (strcmp(name, "lang") == 0)
        return 0;
    for (size_t i = 0; k->allowed[i] != NULL; i++) {
        if (strcmp(k->allowed[i], name) == 0)
            return 0;
    }
    k->field = name;
    return HR_EPARAM;
}

int hr_query_args_known(const char **field, const hr_request *req, const char *const *allowed)
{
    known_state k = {allowed, NULL};
    int rc = hr_request_query_each(req, visit_known, &k);
    if (rc != 0)
        *field = k.field;
    return rc;
}

int hr_query_args_integer(long long *out, const char **field, const hr_request *req,
                          const char *name, long long min, long long max)
{
    const char *text = hr_request_query(req, name);
    if (text == NULL)
        return 0;
    char *end = NULL;
    errno = 0;
    long long n = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || n < min || n > max) {
        *field = name;
        return HR_EUNPROCESSABLE;
    }
    *out = n;
    return 0;
}

int hr_query_args_date(const char **out, const char **field, const hr_request *req,
                       const char *name)
{
    /* The date rule of the JSON bodies, so that both accept the same dates. */
    static const hr_field spec[] = {{"date", HR_FIELD_DATE, 1, 0, 0, NULL}};
    const char *text = hr_request_query(req, name);
    *out = NULL;
    if (text == NULL)
        return 0;
    json_t *probe = json_pack("{s:s}", "date", text);
    const char *ignored = NULL;
    /* No probe: the text is not UTF-8, so not a date either. */
    int rc = probe ? hr_json_check(probe, spec, 1, &ignored) : HR_EUNPROCESSABLE;
    json_decref(probe);
    if (rc != 0) {
        *field = name;
        return rc;
    }
    *out = text;
    return 0;
}

int hr_query_args_bool(int *out, const char **field, const hr_request *req, const char *name)
{
    const char *text = hr_request_query(req, name);
    if (text == NULL)
        return 0;
    if (strcmp(text, "true") != 0 && strcmp(text, "false") != 0) {
        *field = name;
        return HR_EUNPROCESSABLE;
    }
    *out = strcmp(text, "true") == 0;
    return 0;
}

int hr_query_args_text(const char **out, const char **field, const hr_request *req,
                       const char *name, size_t min, size_t max)
{
    const char *text = hr_request_query(req, name);
    *out = text;
    if (text != NULL && (strlen(text) < min || strlen(text) > max)) {
        *field = name;
        return HR_EUNPROCESSABLE;
    }
    return 0;
}

int hr_query_args_version(long *out, const char **field, const hr_request *req)
{
    long long version = 0;
    int rc = hr_query_args_integer(&version, field, req, "version", 1, 1 << 30);
    if (rc == 0 && version == 0) { /* absent */
        *field = "version";
        rc = HR_EUNPROCESSABLE;
    }
    *out = (long)version;
    return rc;
}
