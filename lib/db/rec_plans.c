/*
 * The plan of one recommendation (see planning.h): its priority with a
 * reason, and who follows it up. The plan row is created at the first
 * write (version 0 means "never planned"); the assignment rows are
 * replaced in the same audited transaction, under the plan's version.
 */
#include "assignments.h"

#include "internal.h"

#include "hrtrack/error.h"

#include <stdio.h>

static hr_stmt plan_get = HR_STMT(
    "rec_plan_get",
    "SELECT json_build_object('recommendation_id', r.id, 'priority', p.priority,"
    " 'priority_reason', coalesce(p.priority_reason, ''),"
    " 'lead', (SELECT institution_id FROM rec_assignment"
    "   WHERE recommendation_id = r.id AND role = 'lead'),"
    " 'support', (SELECT coalesce(json_agg(institution_id ORDER BY institution_id), '[]')"
    "   FROM rec_assignment WHERE recommendation_id = r.id AND role = 'support'),"
    " 'clusters', (SELECT coalesce(json_agg(cluster_id ORDER BY cluster_id), '[]')"
    "   FROM rec_cluster_member WHERE recommendation_id = r.id),"
    " 'duplicate_group', (SELECT group_id FROM duplicate_member WHERE recommendation_id = r.id),"
    " 'version', coalesce(p.version, 0), 'updated_at', p.updated_at)"
    " FROM recommendation r LEFT JOIN rec_plan p ON p.recommendation_id = r.id"
    " WHERE r.id = $1::bigint");

int hr_db_rec_plan_get(json_t **out, hr_db *db, long long rec_id)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", rec_id);
    const char *params[] = {idt};
    return hr_db_exec_json(out, db, &plan_get, 1, params);
}

/* $1 recommendation, $2 priority, $3 reason, $4 the version read. */
static hr_stmt plan_insert =
    HR_STMT("rec_plan_insert", "INSERT INTO rec_plan (recommendation_id, priority, priority_reason)"
                               " SELECT $1::bigint, $2::text, $3::text WHERE $4::integer = 0"
                               " ON CONFLICT (recommendation_id) DO NOTHING RETURNING 1");

static hr_stmt plan_update =
    HR_STMT("rec_plan_update",
            "UPDATE rec_plan SET priority = $2::text, priority_reason = $3::text,"
            " version = version + 1, updated_at = now()"
            " WHERE recommendation_id = $1::bigint AND version = $4::integer AND $4::integer > 0"
            " RETURNING 1");

typedef struct put_call {
    json_t **out;
    const char *id, *priority, *reason, *version;
    long version_read;
    const hr_assignment *a;
} put_call;

static int run_put(hr_db *db, void *ctx)
{
    put_call *call = ctx;
    const char *params[] = {call->id, call->priority, call->reason, call->version};
    char ids[32];
    snprintf(ids, sizeof ids, "{%s}", call->id);
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, call->version_read == 0 ? &plan_insert : &plan_update, 4, params);
    if (rc == 0 && PQntuples(res) == 0)
        rc = HR_ECONFLICT; /* the recommendation exists: the handler read it */
    PQclear(res);
    if (rc == 0)
        rc = hr_db_assign_replace(db, ids, call->a, 0);
    json_decref(*call->out);
    *call->out = NULL;
    if (rc == 0)
        rc = hr_db_exec_json(call->out, db, &plan_get, 1, params);
    return rc;
}

int hr_db_rec_plan_put(json_t **out, hr_db *db, const hr_actor *actor, long long rec_id,
                       long version, const char *priority, const char *reason,
                       const hr_assignment *a)
{
    char idt[24], ver[24];
    snprintf(idt, sizeof idt, "%lld", rec_id);
    snprintf(ver, sizeof ver, "%ld", version);
    put_call call = {out, idt, priority, reason ? reason : "", ver, version, a};
    *out = NULL;
    int rc = hr_db_audited(db, actor, run_put, &call);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}
