/* Internals of server/http shared by server.c and reply.c; not for handlers. */
#ifndef HRTRACK_SERVER_REPLY_H
#define HRTRACK_SERVER_REPLY_H

#include "http.h"

/*
 * The JSON error body of `err` in `lang`: {"error":{"code","message",
 * "field"}}, with "field" null when `field` is NULL. NULL when out of memory.
 */
json_t *hr_error_body(int err, hr_lang lang, const char *field);

/* As hr_reply_error with an explicit language. */
void hr_reply_error_in(hr_reply *reply, int err, const char *field, hr_lang lang);

/*
 * Whether an If-None-Match header value (a list of entity tags, or "*")
 * names `etag`, by the weak comparison of RFC 9110 (a W/ prefix is
 * ignored on either side). NULL or empty headers match nothing.
 */
int hr_etag_match(const char *if_none_match, const char *etag);

#endif
