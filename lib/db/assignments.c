/*
 * Assignments of recommendations to institutions (see planning.h): the
 * question a scope check asks before a focal point plans for a
 * recommendation.
 */
#include "internal.h"

#include "hrtrack/planning.h"

#include <stdio.h>

static hr_stmt assigned_to =
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
    int rc = hr_db_exec(&res, db, &assigned_to, 2, params);
    if (rc != 0)
        return rc;
    *assigned = PQntuples(res) > 0;
    PQclear(res);
    return 0;
}
