/*
 * Audited transactions and reading the audit log (see audit.h).
 */
#include "hrtrack/audit.h"

#include "internal.h"

#include "hrtrack/error.h"

#include <stdio.h>

static hr_stmt set_actor =
    HR_STMT("audit_set_actor", "SELECT set_config('hrtrack.user_id', $1, true), "
                               "set_config('hrtrack.actor', $2, true), "
                               "set_config('hrtrack.request_id', coalesce($3, ''), true)");

typedef struct audited_call {
    const hr_actor *actor;
    int (*fn)(hr_db *db, void *ctx);
    void *ctx;
} audited_call;

static int run_audited(hr_db *db, void *ctx)
{
    audited_call *call = ctx;
    char user_id[16] = "";
    if (call->actor->user_id > 0)
        snprintf(user_id, sizeof user_id, "%d", call->actor->user_id);
    const char *params[] = {user_id, call->actor->name, call->actor->request_id};
    int rc = hr_db_exec_command(db, &set_actor, 3, params);
    return rc != 0 ? rc : call->fn(db, call->ctx);
}

int hr_db_audited(hr_db *db, const hr_actor *actor, int (*fn)(hr_db *db, void *ctx), void *ctx)
{
    audited_call call = {actor, fn, ctx};
    return hr_db_transaction(db, run_audited, &call);
}

static hr_stmt audit_list =
    HR_STMT("audit_list",
            "WITH page AS ("
            " SELECT id, at, user_id, actor, request_id, action, entity, entity_id, before, after"
            " FROM audit_log"
            " WHERE ($1::bigint = 0 OR id < $1) AND ($2::text IS NULL OR entity = $2)"
            " AND ($3::text IS NULL OR entity_id = $3) AND ($4::integer = 0 OR user_id = $4)"
            " AND ($6::boolean OR entity <> 'app_user')"
            " ORDER BY id DESC LIMIT $5)"
            "SELECT json_build_object("
            " 'items', coalesce((SELECT json_agg(page ORDER BY id DESC) FROM page), '[]'),"
            " 'next_before', CASE WHEN (SELECT count(*) FROM page) = $5"
            "                THEN (SELECT min(id) FROM page) END)");

int hr_db_audit_list(json_t **out, hr_db *db, const char *entity, const char *entity_id,
                     int user_id, long long before_id, int limit, int with_accounts)
{
    char before[24], user[16], lim[16];
    snprintf(before, sizeof before, "%lld", before_id);
    snprintf(user, sizeof user, "%d", user_id);
    snprintf(lim, sizeof lim, "%d", limit);
    const char *params[] = {before, entity, entity_id, user, lim, with_accounts ? "t" : "f"};
    return hr_db_exec_json(out, db, &audit_list, 6, params);
}
