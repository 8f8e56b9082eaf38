/*
 * GET /api/v1/audit: the audit log, newest first, for admins and the
 * coordinator. Filters: entity (a table name such as "action"),
 * entity_id, user_id; pages with before= (the next_before of the last
 * page) and limit (1..200, default 50).
 */
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/audit.h"
#include "hrtrack/error.h"

void hr_handle_audit(hr_request *req, hr_reply *reply)
{
    long long before = 0, user = 0, limit = 50;
    const char *entity = NULL, *entity_id = NULL, *field = NULL;
    int rc = hr_query_args_integer(&before, &field, req, "before", 1, 1LL << 62);
    if (rc == 0)
        rc = hr_query_args_integer(&user, &field, req, "user_id", 1, 1 << 30);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, &field, req, "limit", 1, 200);
    if (rc == 0)
        rc = hr_query_args_text(&entity, &field, req, "entity", 1, 100);
    if (rc == 0)
        rc = hr_query_args_text(&entity_id, &field, req, "entity_id", 1, 100);
    hr_db *db = NULL;
    json_t *result = NULL;
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_audit_list(&result, db, entity, entity_id, (int)user, before, (int)limit,
                              hr_access_audit_accounts(hr_request_principal(req)));
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    hr_reply_json(reply, 200, result);
}
