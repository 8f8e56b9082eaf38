/* The data generation (see include/hrtrack/data_generation.h). */
#include "internal.h"

#include "hrtrack/data_generation.h"
#include "hrtrack/error.h"

#include <stdlib.h>

static hr_stmt read_generation =
    HR_STMT("data_generation", "SELECT generation FROM data_generation");

int hr_db_data_generation(int64_t *out, hr_db *db)
{
    PGresult *res = NULL;
    *out = 0;
    int rc = hr_db_exec(&res, db, &read_generation, 0, NULL);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 1)
        *out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    else
        rc = HR_EINTERNAL;
    PQclear(res);
    return rc;
}
