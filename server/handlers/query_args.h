/*
 * Reading single query-string parameters, for every handler that takes
 * them: a check that refuses parameters the endpoint does not know, and
 * one reader per kind of value (integer in a range, date, boolean, text of
 * bounded length, the required ?version= of a DELETE). Every function
 * returns 0 or an error code and, on error only, names the offending
 * parameter through `field`, so that handlers can chain them with
 * `if (rc == 0)` and reply with hr_reply_error(reply, rc, field).
 * The list filters of recommendations are read by hr_parse_rec_query
 * (query_params.c) instead.
 */
#ifndef HRTRACK_SERVER_QUERY_ARGS_H
#define HRTRACK_SERVER_QUERY_ARGS_H

#include "http.h"

#include <stddef.h>

/*
 * Refuses a query parameter not in `allowed` (NULL-terminated); "lang" is
 * always allowed, since the HTTP layer reads it. Returns 0, or HR_EPARAM
 * with *field the first unknown parameter (pointing into the request).
 */
int hr_query_args_known(const char **field, const hr_request *req, const char *const *allowed);

/*
 * The parameter `name` as a decimal integer in [min, max] into *out, which
 * is left alone when the parameter is absent. Returns 0, or
 * HR_EUNPROCESSABLE with *field = name.
 */
int hr_query_args_integer(long long *out, const char **field, const hr_request *req,
                          const char *name, long long min, long long max);

/*
 * The parameter `name` as a "YYYY-MM-DD" date into *out (NULL when absent;
 * the text belongs to the request). Returns 0, or HR_EUNPROCESSABLE with
 * *field = name.
 */
int hr_query_args_date(const char **out, const char **field, const hr_request *req,
                       const char *name);

/*
 * The parameter `name`, "true" or "false", as 1 or 0 into *out, which is
 * left alone when the parameter is absent. Returns 0, or HR_EUNPROCESSABLE
 * with *field = name.
 */
int hr_query_args_bool(int *out, const char **field, const hr_request *req, const char *name);

/*
 * The parameter `name` as text of min..max bytes into *out (NULL when
 * absent; the text belongs to the request). Returns 0, or
 * HR_EUNPROCESSABLE with *field = name.
 */
int hr_query_args_text(const char **out, const char **field, const hr_request *req,
                       const char *name, size_t min, size_t max);

/*
 * The required ?version=N of a DELETE, N in [1, 2^30]. Returns 0, or
 * HR_EUNPROCESSABLE with *field = "version" when it is missing or bad.
 */
int hr_query_args_version(long *out, const char **field, const hr_request *req);

#endif
