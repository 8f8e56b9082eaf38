/*
 * What the planning handlers (clusters, duplicates, plans, assignments)
 * share: reading an assignment from a checked body, the version of a
 * DELETE from the query string, and small query-string readers that refuse
 * unknown parameters and bad numbers with the parameter named.
 */
#ifndef HRTRACK_SERVER_PLANNING_COMMON_H
#define HRTRACK_SERVER_PLANNING_COMMON_H

#include "http.h"

#include "hrtrack/planning.h"

/*
 * Fills `out` from the "lead" (an id or null) and "support" (an id array,
 * at most HR_SUPPORT_MAX long, checked by the spec) fields of `body`.
 */
void hr_assignment_from_body(hr_assignment *out, const json_t *body);

/*
 * Refuses query parameters not in `allowed` (NULL-terminated; "lang" is
 * always allowed). Returns 0, or HR_EPARAM with *field the first unknown.
 */
int hr_query_only(const char **field, const hr_request *req, const char *const *allowed);

/*
 * The integer query parameter `name` in [min, max] into *out (left alone
 * when absent). Returns 0, or HR_EUNPROCESSABLE with *field = name.
 */
int hr_query_number(long long *out, const char **field, const hr_request *req, const char *name,
                    long long min, long long max);

/*
 * The required ?version=N of a DELETE. Returns 0, or HR_EUNPROCESSABLE
 * with *field "version" when it is missing or not a positive integer.
 */
int hr_query_version(long *out, const char **field, const hr_request *req);

#endif
