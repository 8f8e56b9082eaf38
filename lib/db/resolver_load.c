/* Fills a resolver from the reference tables (see include/hrtrack/resolver.h). */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/resolver.h"

static hr_stmt resolver_rows =
    HR_STMT("resolver_rows", "SELECT 's', alias, state FROM state_alias"
                             " UNION ALL SELECT 'c', alpha2, alpha2 FROM state"
                             " UNION ALL SELECT 'c', alpha3, alpha2 FROM state"
                             " UNION ALL SELECT 'm', code, code FROM mechanism"
                             " UNION ALL SELECT 'm', name, mechanism FROM mechanism_name"
                             " UNION ALL SELECT 't', code, code FROM sdg_target");

int hr_db_resolver_load(hr_resolver **out, hr_db *db)
{
    PGresult *res = NULL;
    hr_resolver *resolver = NULL;
    *out = NULL;
    int rc = hr_db_exec(&res, db, &resolver_rows, 0, NULL);
    if (rc == 0)
        rc = hr_resolver_new(&resolver);
    for (int row = 0; rc == 0 && row < PQntuples(res); row++)
        rc = hr_resolver_add(resolver, PQgetvalue(res, row, 0)[0], PQgetvalue(res, row, 1),
                             PQgetvalue(res, row, 2));
    if (rc == 0)
        rc = hr_resolver_seal(resolver);
    PQclear(res);
    if (rc != 0) {
        hr_resolver_free(resolver);
        return rc;
    }
    *out = resolver;
    return 0;
}
