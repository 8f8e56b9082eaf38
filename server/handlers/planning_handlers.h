/*
 * What the planning handlers (clusters, cluster members, duplicates,
 * plans, assignments, actions, indicators) share beyond the query string
 * (query_args.h): reading an assignment from a checked body, the scope
 * checks of planning reads and of linking recommendations, and laying a
 * PATCH body over the current resource so that rules spanning several
 * fields are checked on the result, and the DELETE of rows that need no
 * scope check.
 */
#ifndef HRTRACK_SERVER_PLANNING_HANDLERS_H
#define HRTRACK_SERVER_PLANNING_HANDLERS_H

#include "export.h"
#include "http.h"

#include "hrtrack/planning.h"

#include <jansson.h>

/*
 * Fills `out` from the "lead" (an id or null) and "support" (an id array,
 * at most HR_SUPPORT_MAX long, checked by the spec) fields of `body`.
 */
void hr_planning_assignment_from_body(hr_assignment *out, const json_t *body);

/*
 * Focal points and validators read only their institution's rows: a list
 * filter *institution_id (0: any) is set to the caller's own institution,
 * and asking for another one is refused. Returns 0, or HR_EFORBIDDEN with
 * *field "institution".
 */
int hr_planning_list_scope(int *institution_id, const char **field, const hr_request *req);

/*
 * What every planning list does after reading its own filters: the
 * export format (format= or Accept), the read scope on *institution_id
 * (hr_planning_list_scope) and the connection. Returns 0, or an error with
 * *field naming the parameter at fault.
 */
int hr_planning_list_start(hr_export_format *format, hr_db **db, int *institution_id,
                           const char **field, const hr_request *req);

/*
 * Whether the caller may read (hr_access_institution_read) or write
 * (hr_access_institution_write) `resource`, a planning row with an
 * "institution_id". Returns 0 or HR_EFORBIDDEN.
 */
/*
 * The institution named by `body`'s "institution_id", if it names one,
 * exists. Returns 0; HR_EUNPROCESSABLE with *field = "institution_id" when
 * it does not; another error of the database.
 */
int hr_planning_institution_exists(const char **field, hr_db *db, const json_t *body);

int hr_planning_may_read(const hr_request *req, const json_t *resource);
int hr_planning_may_write(const hr_request *req, const json_t *resource);

/*
 * Whether the caller may link planning data to every recommendation of the
 * JSON array `ids` (NULL: none): hr_access_recommendation_write with
 * whether each is assigned to the caller's institution. Returns 0,
 * HR_EFORBIDDEN or a database error.
 */
int hr_planning_recommendations_writable(hr_db *db, const hr_principal *p, const json_t *ids);

/*
 * A new object: `current` with the fields of `body` laid over it, without
 * "version". NULL when out of memory.
 */
json_t *hr_planning_merged(const json_t *current, const json_t *body);

/*
 * DELETE of a versioned row without scope checks (clusters, duplicate
 * groups): path id (404 "id"), required ?version= (422 "version"), then
 * `delete`; a 409 carries the row as `get` reads it now.
 */
/*
 * GET of one resource by its path id: 404 naming "id" when `get` finds
 * nothing, 200 with the resource otherwise.
 */
void hr_planning_get(hr_request *req, hr_reply *reply,
                     int (*get)(json_t **out, hr_db *db, long long id));

void hr_planning_delete(hr_request *req, hr_reply *reply,
                        int (*get)(json_t **out, hr_db *db, long long id),
                        int (*delete)(hr_db *db, const hr_actor *actor, long long id,
                                      long version));

/* A copy of `body` without "version", for the write. NULL when out of memory. */
json_t *hr_planning_fields(const json_t *body);

#endif
