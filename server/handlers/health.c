/* GET /api/v1/health: for load balancers and people checking an install. */
#include "handlers.h"

#include "hrtrack/error.h"
#include "hrtrack/migrate.h"

void hr_handle_health(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    int version = 0;
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_schema_version(db, &version);
    if (hr_reply_failed(reply, rc))
        return;
    hr_reply_json(reply, 200,
                  json_pack("{s:s, s:s, s:i, s:i}", "status", "ok", "database", "reachable",
                            "schema_version", version, "expected_schema_version",
                            hr_request_schema_version(req)));
}
