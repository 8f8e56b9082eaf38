/* Helpers of the planning handlers (see planning_common.h). */
#include "planning_common.h"

#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void hr_assignment_from_body(hr_assignment *out, const json_t *body)
{
    long long lead = 0;
    memset(out, 0, sizeof *out);
    if (hr_json_integer(&lead, body, "lead"))
        out->lead = (int)lead;
    const json_t *support = json_object_get(body, "support");
    for (size_t i = 0; i < json_array_size(support) && i < HR_SUPPORT_MAX; i++)
        out->support[out->support_count++] = (int)json_integer_value(json_array_get(support, i));
}

typedef struct only_state {
    const char *const *allowed;
    const char *field;
} only_state;

static int visit_only(void *ctx, const char *name, const char *value)
{
    (void)value;
    only_state *s = ctx;
    if (strcmp(name, "lang") == 0)
        return 0;
    for (size_t i = 0; s->allowed[i] != NULL; i++) {
        if (strcmp(s->allowed[i], name) == 0)
            return 0;
    }
    s->field = name;
    return HR_EPARAM;
}

int hr_query_only(const char **field, const hr_request *req, const char *const *allowed)
{
    only_state s = {allowed, NULL};
    int rc = hr_request_query_each(req, visit_only, &s);
    if (rc != 0)
        *field = s.field;
    return rc;
}

int hr_query_number(long long *out, const char **field, const hr_request *req, const char *name,
                    long long min, long long max)
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

int hr_query_version(long *out, const char **field, const hr_request *req)
{
    long long version = 0;
    int rc = hr_query_number(&version, field, req, "version", 1, 1 << 30);
    if (rc == 0 && version == 0) {
        *field = "version";
        rc = HR_EUNPROCESSABLE;
    }
    *out = (long)version;
    return rc;
}
