/*
 * What handlers see of HTTP: a request to read (query parameters, path
 * parameters, language, a database connection) and a reply to fill (a
 * status and a JSON body, or an error code from the registry). No
 * libmicrohttpd type appears here; server/http is its only user.
 */
#ifndef HRTRACK_SERVER_HTTP_H
#define HRTRACK_SERVER_HTTP_H

#include <jansson.h>

#include "hrtrack/access.h"
#include "hrtrack/audit.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"

typedef struct hr_request hr_request;

/*
 * A streamed body: fn(ctx, buf, max) writes up to `max` bytes and returns
 * how many (> 0), 0 at the end, or a negative code on failure (the
 * connection is then cut: the status line has gone out already). free_fn
 * releases ctx when the response is done or the client went away.
 */
typedef long (*hr_stream_fn)(void *ctx, char *buf, size_t max);
typedef void (*hr_stream_free_fn)(void *ctx);

typedef struct hr_reply {
    unsigned status;         /* HTTP status; 0 until a handler sets it */
    json_t *body;            /* owned by the reply */
    int error;               /* the hr_error behind an error reply, else 0 */
    const char *error_field; /* the parameter or field at fault, or NULL (static storage) */
    const char *cache;       /* Cache-Control value, NULL for "no-store" */
    hr_lang lang;            /* set by the server: the language of messages */
    hr_stream_fn stream;     /* a streamed body instead of `body`, or NULL */
    hr_stream_free_fn stream_free;
    void *stream_ctx;
    const char *content_type; /* of a streamed body (static storage) */
    char filename[64];        /* Content-Disposition: attachment; filename=... */
    char set_cookie[192];     /* a Set-Cookie header value, or "" */
    void *file;               /* a file's bytes instead of `body` (owned, free()), or NULL */
    size_t file_len;
    char file_type[128];         /* its Content-Type */
    char file_disposition[3072]; /* its Content-Disposition */
    char *text;                  /* a body that is not JSON (hr_reply_text), malloc'd, or NULL */
    size_t text_len;
    char etag[72];          /* an ETag header value ("\"...\""), or "": see hr_reply_text */
    char last_modified[40]; /* a Last-Modified HTTP date, or "" */
} hr_reply;

/* The name of the session cookie. */
#define HR_SESSION_COOKIE "hrtrack_session"

/*
 * Sets the session cookie to `token` (HttpOnly, SameSite=Lax, Path=/,
 * Secure when the request came over TLS), or clears it when token is NULL.
 */
void hr_reply_session_cookie(hr_reply *reply, const hr_request *req, const char *token);

/*
 * Replies 200 with a body produced piece by piece (chunked transfer), so
 * that a large export is never held in memory. Takes ownership of ctx.
 */
void hr_reply_stream(hr_reply *reply, const char *content_type, const char *filename,
                     hr_stream_fn fn, hr_stream_free_fn free_fn, void *ctx);

/*
 * Replies 200 with the bytes of a stored file (ownership of `bytes`, from
 * malloc, is taken) of `media_type`, to be saved, never shown in place:
 * Content-Disposition: attachment with `ascii_name` (letters, digits,
 * ".-_" only) and the original UTF-8 `file_name` percent-encoded (RFC
 * 6266), X-Content-Type-Options: nosniff and a Content-Security-Policy
 * that sandboxes it should a browser render it anyway.
 */
void hr_reply_file(hr_reply *reply, const char *media_type, const char *file_name,
                   const char *ascii_name, void *bytes, size_t len);

/*
 * Sets a reply of `len` bytes of `text` (malloc'd; ownership taken, NULL
 * means out of memory) of media type `content_type` (static storage), for
 * documents that are not JSON, such as feeds. The handler may then fill
 * reply->etag and reply->last_modified: the server sends them, and answers
 * 304 Not Modified without the body when the request's If-None-Match
 * names that ETag. Vary covers Accept and Accept-Language.
 */
void hr_reply_text(hr_reply *reply, unsigned status, const char *content_type, char *text,
                   size_t len);

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

/* A request header, or NULL when absent. Owned by the request. */
const char *hr_request_header(const hr_request *req, const char *name);

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

/*
 * The request body parsed as JSON. Returns 0 and a new reference, or
 * HR_EPARSE (not JSON, or empty) with *field = "body". The server has
 * already refused bodies over the size limit and of another media type.
 */
int hr_request_json(json_t **out, const char **field, const hr_request *req);

/*
 * The raw request body of a route that takes a file (HR_BODY_FILE): its
 * bytes (NULL when empty) and their number in *len. The server has
 * already refused bodies over the route's size limit.
 */
const void *hr_request_body(const hr_request *req, size_t *len);

/* Who is calling: the signed-in user, or the anonymous public (user_id 0). */
const hr_principal *hr_request_principal(const hr_request *req);

/* The caller as the author of changes (audit.h), with this request's id. */
hr_actor hr_request_actor(const hr_request *req);

/* This request's id (16 hex digits), also sent as X-Request-Id. */
const char *hr_request_id(const hr_request *req);

/* The client's address as text ("127.0.0.1"), for login throttling. */
const char *hr_request_address(const hr_request *req);

/* The session token of the request's cookie when it has a valid shape, else NULL. */
const char *hr_request_session_token(const hr_request *req);

/* The session idle and absolute lifetimes the server was started with. */
void hr_request_session_limits(const hr_request *req, unsigned *idle_s, unsigned *absolute_s);

typedef void (*hr_handler)(hr_request *req, hr_reply *reply);

#endif
