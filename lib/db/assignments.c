/*
 * Assignments of recommendations to institutions (see planning.h): the
 * check of the institutions named, the one way an assignment is written
 * (replace, shared with clusters and plans), the scope question "is this
 * recommendation assigned to that institution", and bulk assignment of a
 * filtered set.
 */
#include "assignments.h"

#include "internal.h"
#include "rec_filters.h"

#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hr_db_support_literal(char out[HR_SUPPORT_MAX * 12 + 3], const hr_assignment *a)
{
    size_t size = HR_SUPPORT_MAX * 12 + 3, used = 1;
    out[0] = '{';
    for (size_t i = 0; i < a->support_count && i < HR_SUPPORT_MAX; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%d", i ? "," : "", a->support[i]);
    snprintf(out + used, size - used, "}");
}

/* $1 the lead or NULL, $2 the supporters: the first field at fault. */
static hr_stmt check_stmt =
    HR_STMT("assignment_check",
            "SELECT f FROM ("
            " SELECT 1 AS o, 'lead' AS f WHERE $1::integer IS NOT NULL"
            "  AND NOT EXISTS (SELECT 1 FROM institution WHERE id = $1::integer AND active)"
            " UNION ALL SELECT 2, 'support' FROM unnest($2::integer[]) v"
            "  WHERE NOT EXISTS (SELECT 1 FROM institution WHERE id = v AND active)"
            " UNION ALL SELECT 3, 'support' WHERE $1::integer = ANY($2::integer[])"
            " UNION ALL SELECT 4, 'support' WHERE cardinality($2::integer[])"
            "  > (SELECT count(DISTINCT v) FROM unnest($2::integer[]) v)"
            ") bad ORDER BY o LIMIT 1");

int hr_db_assignment_check(const char **field, hr_db *db, const hr_assignment *a)
{
    char lead[16], support[HR_SUPPORT_MAX * 12 + 3];
    snprintf(lead, sizeof lead, "%d", a->lead);
    hr_db_support_literal(support, a);
    const char *params[] = {a->lead > 0 ? lead : NULL, support};
    PGresult *res = NULL;
    *field = NULL;
    int rc = hr_db_exec(&res, db, &check_stmt, 2, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) > 0) {
        *field = strcmp(PQgetvalue(res, 0, 0), "lead") == 0 ? "lead" : "support";
        rc = HR_EUNPROCESSABLE;
    }
    PQclear(res);
    return rc;
}

/* Only rows that differ are touched, so that the audit log shows real changes. */
static hr_stmt unassign_stmt =
    HR_STMT("assignment_unassign",
            "DELETE FROM rec_assignment a WHERE a.recommendation_id = ANY($1::bigint[])"
            " AND NOT EXISTS (SELECT 1 FROM " HR_ASSIGNMENT_WANTED " w"
            "  WHERE w.institution_id = a.institution_id AND w.role = a.role)");

static hr_stmt assign_stmt = HR_STMT(
    "assignment_assign", "INSERT INTO rec_assignment (recommendation_id, institution_id, role)"
                         " SELECT r.id, w.institution_id, w.role FROM unnest($1::bigint[]) r(id)"
                         " CROSS JOIN " HR_ASSIGNMENT_WANTED " w ON CONFLICT DO NOTHING");

static hr_stmt bump_plans_stmt =
    HR_STMT("assignment_bump_plans", "INSERT INTO rec_plan (recommendation_id)"
                                     " SELECT DISTINCT unnest($1::bigint[])"
                                     " ON CONFLICT (recommendation_id) DO UPDATE"
                                     " SET version = rec_plan.version + 1, updated_at = now()");

int hr_db_assign_replace(hr_db *db, const char *rec_ids, const hr_assignment *a, int bump_plans)
{
    char lead[16], support[HR_SUPPORT_MAX * 12 + 3];
    snprintf(lead, sizeof lead, "%d", a->lead);
    hr_db_support_literal(support, a);
    const char *params[] = {rec_ids, a->lead > 0 ? lead : NULL, support};
    int rc = hr_db_exec_command(db, &unassign_stmt, 3, params);
    if (rc == 0)
        rc = hr_db_exec_command(db, &assign_stmt, 3, params);
    if (rc == 0 && bump_plans)
        rc = hr_db_exec_command(db, &bump_plans_stmt, 1, params);
    return rc;
}

static hr_stmt assigned_to_stmt =
    HR_STMT("recommendation_assigned_to",
            "SELECT 1 FROM rec_assignment WHERE recommendation_id = $1::bigint"
            " AND institution_id = $2::integer");

int hr_db_recommendation_assigned_to(int *assigned, hr_db *db, long long rec_id, int institution_id)
{
    char rec[24], inst[16];
    snprintf(rec, sizeof rec, "%lld", rec_id);
    snprintf(inst, sizeof inst, "%d", institution_id);
    const char *params[] = {rec, inst};
    PGresult *res = NULL;
    *assigned = 0;
    int rc = hr_db_exec(&res, db, &assigned_to_stmt, 2, params);
    if (rc == 0)
        *assigned = PQntuples(res) > 0;
    PQclear(res);
    return rc;
}

/* The ids of the filtered set, at most $21 of them, and how many. */
static const char bulk_prefix[] = "SELECT coalesce(array_agg(id ORDER BY id), '{}')::text, count(*)"
                                  " FROM (SELECT r.id FROM recommendation r";
static const char bulk_suffix[] = " LIMIT $21) x";

typedef struct bulk_call {
    const hr_rec_query *q;
    const hr_assignment *a;
    long long max;
    long long assigned;
} bulk_call;

static int run_bulk(hr_db *db, void *ctx)
{
    bulk_call *call = ctx;
    const char *params[HR_REC_FILTER_PARAMS + 1];
    char limit[24];
    hr_rec_filter_params(params, call->q);
    snprintf(limit, sizeof limit, "%lld", call->max + 1);
    params[HR_REC_FILTER_PARAMS] = limit;
    hr_buf sql;
    hr_buf_init(&sql, 64u * 1024u);
    PGresult *res = NULL;
    int rc = hr_rec_filters_statement(&sql, bulk_prefix, call->q, bulk_suffix);
    if (rc == 0)
        rc = hr_db_exec_params(&res, db, sql.data, HR_REC_FILTER_PARAMS + 1, params);
    if (rc == 0) {
        call->assigned = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
        if (call->assigned > call->max)
            rc = HR_EUNPROCESSABLE;
    }
    if (rc == 0 && call->assigned > 0)
        rc = hr_db_assign_replace(db, PQgetvalue(res, 0, 0), call->a, 1);
    PQclear(res);
    hr_buf_free(&sql);
    return rc;
}

int hr_db_assign_bulk(long long *assigned, hr_db *db, const hr_actor *actor, const hr_rec_query *q,
                      const hr_assignment *a, long long max)
{
    bulk_call call = {q, a, max, 0};
    *assigned = 0;
    int rc = hr_db_audited(db, actor, run_bulk, &call);
    if (rc == 0)
        *assigned = call.assigned;
    return rc;
}
