/*
 * What writing handlers share: reading a JSON body against its spec, a
 * numeric id from the path, the version a write is based on, and the 409
 * reply that carries the current state so that nothing is lost.
 */
#ifndef HRTRACK_SERVER_BODY_H
#define HRTRACK_SERVER_BODY_H

#include "http.h"

#include "hrtrack/json_spec.h"

/*
 * Parses the body and checks it against spec[0..count). Returns 0, or an
 * error with *field naming the culprit. *out holds the parsed body (a new
 * reference) even on a failed check, because *field may point into it:
 * the caller releases it in every case (hr_reply_write_error does).
 */
int hr_read_body(json_t **out, const char **field, const hr_request *req, const hr_field *spec,
                 size_t count);

/* The path parameter `name` as a positive id. Returns 0 or HR_ENOTFOUND. */
int hr_path_id(long long *out, const hr_request *req, const char *name);

/* The "version" field of a checked body (required by the spec). */
long hr_body_version(const json_t *body);

/*
 * Replies with `err`; for HR_ECONFLICT adds "current" (the resource as it
 * is now; ownership taken, NULL is fine) to the error body so that the
 * client can show both versions. `body` (may be NULL) is released after
 * the reply is built, since `field` may point into it.
 */
void hr_reply_write_error(hr_reply *reply, int err, const char *field, json_t *current,
                          json_t *body);

#endif
