/*
 * Helpers for writing handlers (see body.h).
 */
#include "body.h"

#include "hrtrack/error.h"

#include <errno.h>
#include <stdlib.h>

int hr_read_body(json_t **out, const char **field, const hr_request *req, const hr_field *spec,
                 size_t count)
{
    *out = NULL;
    json_t *body = NULL;
    int rc = hr_request_json(&body, field, req);
    if (rc == 0)
        rc = hr_json_check(body, spec, count, field);
    *out = body;
    return rc;
}

int hr_path_id(long long *out, const hr_request *req, const char *name)
{
    const char *text = hr_request_path_param(req, name);
    char *end = NULL;
    errno = 0;
    long long id = text ? strtoll(text, &end, 10) : 0;
    if (text == NULL || errno != 0 || end == text || *end != '\0' || id <= 0 || id > 1LL << 52)
        return HR_ENOTFOUND;
    *out = id;
    return 0;
}

long hr_body_version(const json_t *body)
{
    long long version = 0;
    hr_json_integer(&version, body, "version");
    return (long)version;
}

void hr_reply_write_error(hr_reply *reply, int err, const char *field, json_t *current,
                          json_t *body)
{
    hr_reply_error(reply, err, field);
    if (err == HR_ECONFLICT && current != NULL && reply->body != NULL)
        json_object_set_new(json_object_get(reply->body, "error"), "current", current);
    else
        json_decref(current);
    json_decref(body);
}
