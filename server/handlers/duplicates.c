/*
 * Duplicate groups: recommendations that say the same thing, followed up once.
 *   POST   /api/v1/duplicates        {"recommendations":[ids, at least 2],"note":""}
 *   GET    /api/v1/duplicates/{id}
 *   DELETE /api/v1/duplicates/{id}?version=N
 * A recommendation already in another group makes the POST a 409.
 */
#include "body.h"
#include "handlers.h"
#include "planning_handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/planning.h"

static const hr_field create_spec[] = {
    {"recommendations", HR_FIELD_ID_ARRAY, 1, 2, HR_DUPLICATES_MAX, NULL},
    {"note", HR_FIELD_STRING, 0, 0, 2000, NULL},
};

void hr_handle_duplicate(hr_request *req, hr_reply *reply)
{
    hr_planning_get(req, reply, hr_db_duplicate_get);
}

void hr_handle_duplicate_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    int rc =
        hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_duplicate_create(&result, &field, db, &actor,
                                    json_object_get(body, "recommendations"),
                                    hr_json_string(body, "note"));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

void hr_handle_duplicate_delete(hr_request *req, hr_reply *reply)
{
    hr_planning_delete(req, reply, hr_db_duplicate_get, hr_db_duplicate_delete);
}
