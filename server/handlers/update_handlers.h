/*
 * What the status update handlers (status_updates.c, status_workflow.c,
 * attachments.c) share: loading the update a request is about, reading
 * its state and institution from its JSON, and the check that a step is
 * possible in that state.
 */
#ifndef HRTRACK_SERVER_UPDATE_HANDLERS_H
#define HRTRACK_SERVER_UPDATE_HANDLERS_H

#include "http.h"

#include "hrtrack/status_updates.h"

#include <jansson.h>

/*
 * The path id "id", the connection, and the update as it is now (staff
 * shape, a new reference). Returns 0, HR_ENOTFOUND or a database error.
 */
int hr_update_load(long long *id, hr_db **db, json_t **update, const hr_request *req);

/* The integer field `key` of a JSON object; 0 when absent or null. */
int hr_update_int(const json_t *object, const char *key);

/*
 * Whether `step` is possible for a resource whose state is in its field
 * `key` ("state" of an update, "update_state" of an attachment). Returns
 * 0, or HR_ESTATE with *field = "state".
 */
int hr_update_step_allowed(const char **field, const json_t *object, const char *key,
                           hr_update_step step);

#endif
