/*
 * What handlers see of HTTP: a request to read (query parameters, path
 * parameters, language, a database connection) and a reply to fill (a
 * status and a JSON body, or an error code from the registry). No
 * libmicrohttpd type appears here; server/http is its only user.
 */
#ifndef HRTRACK_SERVER_HTTP_H
#define HRTRACK_SERVER_HTTP_H

#include <jansson.h>

#include "hrtrack/db.h"
#include "hrtrack/lang.h"

typedef struct hr_request hr_request;

typedef struct hr_reply {
    unsigned status;         /* HTTP status; 0 until a handler sets it */
    json_t *body;            /* owned by the reply */
    int error;               /* the hr_error behind an error reply, else 0 */
    const char *error_field; /* the parameter or field at fault, or NULL (static storage) */
    const char *cache;       /* Cache-Control value, NULL for "no-store" */
    hr_lang lang;            /* set by the server: the language of messages */
} hr_reply;

/* Sets a JSON reply; takes ownership of `body` (a NULL body means out of memory). */
void hr_reply_json(hr_reply *reply, unsigned status, json_t *body);

/*
 * Sets the error reply of `err` (status from the registry, message in the
 * request's language); `field` names the offending parameter or NULL.
 */
void hr_reply_error(hr_reply *reply, int err, const char *field);

/*
 * Replies with `err` when it is not 0 and returns 1, so that handlers can
 * write `if (hr_reply_failed(reply, rc)) return;`.
 */
int hr_reply_failed(hr_reply *reply, int err);

/* A query-string parameter, or NULL when absent. Owned by the request. */
const char *hr_request_query(const hr_request *req, const char *name);

/*
 * Calls fn(ctx, name, value) for every query-string parameter in the order
 * given (a repeated name comes several times). Stops at, and returns, the
 * first non-zero return of `fn`; returns 0 otherwise.
 */
typedef int (*hr_query_visit)(void *ctx, const char *name, const char *value);
int hr_request_query_each(const hr_request *req, hr_query_visit fn, void *ctx);

/* A path parameter of the matched route ("goal" in /sdg/goals/{goal}), or NULL. */
const char *hr_request_path_param(const hr_request *req, const char *name);

/* The reply language chosen from ?lang= and Accept-Language. */
hr_lang hr_request_lang(const hr_request *req);

/*
 * This worker thread's database connection. Returns 0, or
 * HR_EDBUNAVAILABLE: reply with that error (503 with Retry-After).
 */
int hr_request_db(hr_db **out, const hr_request *req);

/* The schema version the server was started against (its migrations). */
int hr_request_schema_version(const hr_request *req);

typedef void (*hr_handler)(hr_request *req, hr_reply *reply);

#endif
