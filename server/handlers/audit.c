/*
 * GET /api/v1/audit: the audit log, newest first, for admins and the
 * coordinator. Filters: entity (a table name such as "action"),
 * entity_id, user_id; pages with before= (the next_before of the last
 * page) and limit (1..200, default 50).
 */
#include "handlers.h"

#include "hrtrack/audit.h"
#include "hrtrack/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int number_param(long long *out, const hr_request *req, const char *name, long long min,
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

static int text_param(const char **out, const hr_request *req, const char *name)
{
    *out = hr_request_query(req, name);
    return (*out != NULL && (strlen(*out) == 0 || strlen(*out) > 100)) ? HR_EUNPROCESSABLE : 0;
}

void hr_handle_audit(hr_request *req, hr_reply *reply)
{
    long long before = 0, user = 0, limit = 50;
    const char *entity = NULL, *entity_id = NULL, *field = NULL;
    int rc = 0;
    if ((rc = number_param(&before, req, "before", 1, 1LL << 62)) != 0)
        field = "before";
    else if ((rc = number_param(&user, req, "user_id", 1, 1 << 30)) != 0)
        field = "user_id";
    else if ((rc = number_param(&limit, req, "limit", 1, 200)) != 0)
        field = "limit";
    else if ((rc = text_param(&entity, req, "entity")) != 0)
        field = "entity";
    else if ((rc = text_param(&entity_id, req, "entity_id")) != 0)
        field = "entity_id";
    hr_db *db = NULL;
    json_t *result = NULL;
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_audit_list(&result, db, entity, entity_id, (int)user, before, (int)limit);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    hr_reply_json(reply, 200, result);
}
