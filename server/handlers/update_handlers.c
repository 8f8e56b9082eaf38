/* Helpers of the status update handlers (see update_handlers.h). */
#include "update_handlers.h"

#include "body.h"

#include "hrtrack/error.h"

int hr_update_load(long long *id, hr_db **db, json_t **update, const hr_request *req)
{
    int rc = hr_path_id(id, req, "id");
    if (rc == 0)
        rc = hr_request_db(db, req);
    if (rc == 0)
        rc = hr_db_update_get(update, *db, *id);
    return rc;
}

int hr_update_int(const json_t *object, const char *key)
{
    return (int)json_integer_value(json_object_get(object, key));
}

int hr_update_step_allowed(const char **field, const json_t *object, const char *key,
                           hr_update_step step)
{
    hr_update_state from, to;
    int rc = hr_update_state_parse(&from, json_string_value(json_object_get(object, key)));
    if (rc != 0)
        return HR_EINTERNAL;
    rc = hr_update_step_check(&to, from, step);
    if (rc != 0)
        *field = "state";
    return rc;
}
