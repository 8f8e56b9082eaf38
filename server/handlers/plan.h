/*
 * What the planning handlers (actions.c, indicators.c) share: reading
 * their list parameters, the version of a DELETE, the scope check for
 * linking recommendations, and laying a PATCH body over the current
 * resource so that rules spanning several fields are checked on the result.
 */
#ifndef HRTRACK_SERVER_PLAN_H
#define HRTRACK_SERVER_PLAN_H

#include "http.h"

#include <jansson.h>

/*
 * Refuses (HR_EPARAM, *field = its name) a query parameter not in
 * `allowed` (NULL-terminated); "lang" and "format" are always allowed.
 */
int hr_plan_params_known(const char **field, const hr_request *req, const char *const *allowed);

/*
 * The query parameter `name` as an integer in [min, max] into *out, which
 * is left alone when the parameter is absent. Returns 0 or
 * HR_EUNPROCESSABLE.
 */
int hr_plan_query_integer(long long *out, const hr_request *req, const char *name, long long min,
                          long long max);

/* The query parameter `name` as a "YYYY-MM-DD" date (or NULL when absent). */
int hr_plan_query_date(const char **out, const hr_request *req, const char *name);

/* The query parameter `name` as "true" or "false" into *out (left alone when absent). */
int hr_plan_query_bool(int *out, const hr_request *req, const char *name);

/* ?version= of a DELETE, required. Returns 0 or HR_EUNPROCESSABLE. */
int hr_plan_query_version(long *out, const hr_request *req);

/*
 * Whether the caller may link planning data to every recommendation of the
 * JSON array `ids` (NULL: none): hr_access_recommendation_write with
 * whether each is assigned to the caller's institution. Returns 0,
 * HR_EFORBIDDEN or a database error.
 */
int hr_plan_recommendations_writable(hr_db *db, const hr_principal *p, const json_t *ids);

/*
 * A new object: `current` with the fields of `body` laid over it, without
 * "version". NULL when out of memory.
 */
json_t *hr_plan_merged(const json_t *current, const json_t *body);

/* A copy of `body` without "version", for the write. NULL when out of memory. */
json_t *hr_plan_fields(const json_t *body);

#endif
