/*
 * The response cache at work in the server: which requests may be served
 * from it, their keys, and replies turned into what it keeps (bytes, ETag,
 * Cache-Control). server.c sends them; include/hrtrack/response_cache.h
 * keeps them.
 *
 * A request is served from the cache, or its reply kept, only when all of
 * these hold: the route is one of hr_cached_routes, the method is GET (or
 * HEAD), the caller is anonymous (no live session), the Accept header asks
 * for plain JSON (hr_cached_accept_plain), and the reply is a 200 JSON body
 * without a cookie. Exports are streamed and never kept.
 * With the cache off the same replies still carry an ETag and answer 304.
 */
#ifndef HRTRACK_SERVER_CACHED_H
#define HRTRACK_SERVER_CACHED_H

#include <stdint.h>

#include "http.h"

#include "hrtrack/buf.h"
#include "hrtrack/response_cache.h"

/* The longest key kept: a longer one is never cached. */
#define HR_CACHE_KEY_MAX (16u * 1024u)

/*
 * Whether an Accept header (NULL when absent) asks for the plain JSON
 * reply, so that the cache may serve it: absent, empty, or made only of
 * the media ranges asterisk/asterisk, application/asterisk and
 * application/json (with any parameters). Any other type may choose an
 * export (text/csv, the XLSX type: hr_export_format_parse) or something a
 * handler adds later: such requests bypass the cache, so that the cache
 * never has to know how handlers read Accept.
 */
int hr_cached_accept_plain(const char *accept);

/* What a lookup learnt, for storing the reply after the handler ran. */
typedef struct hr_cache_lookup {
    hr_buf key;
    int64_t generation; /* read before the handler ran */
    int ready;          /* key and generation known: the reply may be kept */
} hr_cache_lookup;

/*
 * Looks the request up: builds its key from `path`, its query parameters
 * params[0..count) as given (a NULL value for "?name" without "="; the
 * array is reordered) and its language, and reads the data generation
 * (one query). Returns 1 with *hit filled (free hit->body) when the cache
 * holds the reply, 0 otherwise; then l->ready tells whether the reply may
 * be kept (not when the generation could not be read, the key is too long
 * or the Accept header is not plain: hr_cached_accept_plain). Free l with
 * hr_cache_lookup_free in any case.
 */
int hr_cached_find(hr_cached_reply *hit, hr_cache_lookup *l, hr_response_cache *cache,
                   const hr_request *req, const char *path, hr_cache_param *params, size_t count);

/*
 * Turns the JSON reply of a handler into out (its compact text, an ETag
 * from its bytes, its Cache-Control or "no-cache") and, when l is ready,
 * keeps a copy in the cache. Returns 0, or HR_ENOMEM (out is then empty).
 */
int hr_cached_keep(hr_cached_reply *out, hr_response_cache *cache, hr_cache_lookup *l,
                   const hr_reply *reply);

/* Frees the key of a lookup. NULL is fine. */
void hr_cache_lookup_free(hr_cache_lookup *l);

#endif
