/*
 * The static route table and its matcher. Patterns are paths whose
 * segments are literals or {name} placeholders ("/api/v1/sdg/goals/{goal}");
 * a last placeholder {name*} takes the rest of the path, slashes included
 * ("/api/v1/documents/{symbol*}" for A/HRC/17/18).
 * The matcher is pure (no I/O) so that it is unit-tested on its own.
 */
#ifndef HRTRACK_SERVER_ROUTER_H
#define HRTRACK_SERVER_ROUTER_H

#include <stddef.h>

#include "http.h"

#include "hrtrack/access.h"

#define HR_ROUTE_PARAMS_MAX  4
#define HR_ROUTE_SEGMENT_MAX 512

typedef enum hr_method {
    HR_METHOD_GET = 1,
    HR_METHOD_POST = 2,
    HR_METHOD_PUT = 4,
    HR_METHOD_PATCH = 8,
    HR_METHOD_DELETE = 16,
} hr_method;

/*
 * What a route accepts as a request body. The server enforces it before
 * the handler runs: the media type and, before and while the body is
 * read, its size.
 */
typedef enum hr_body_kind {
    HR_BODY_JSON = 0, /* application/json, at most HR_LIMIT_BODY_BYTES (the default) */
    HR_BODY_FILE,     /* a file of any declared type (the handler checks it), at most
                         hr_server_options.file_max_bytes */
} hr_body_kind;

typedef struct hr_route {
    hr_method method;
    const char *pattern;
    hr_handler handler;
    hr_access access;  /* who may call it (hrtrack/access.h); checked before the handler */
    hr_body_kind body; /* optional: left out, it is HR_BODY_JSON */
} hr_route;

/*
 * Route tables are written {method, pattern, handler, access} and name a
 * body kind only where it is not JSON: the fields left out are zero,
 * which is what C guarantees, so the warning about them is noise here.
 */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

typedef struct hr_route_match {
    const hr_route *route;
    size_t param_count;
    struct {
        char name[32];
        char value[HR_ROUTE_SEGMENT_MAX];
    } params[HR_ROUTE_PARAMS_MAX];
    char allow[64]; /* for 405: the methods the path accepts, "GET, HEAD" */
} hr_route_match;

/*
 * Parses an HTTP method name ("GET"; "HEAD" counts as GET). Returns 0 and
 * the method, or HR_EMETHOD for a method no route can have.
 */
int hr_method_parse(hr_method *out, const char *name);

/*
 * Finds the route for `method` and `path` among routes[0..count). Returns
 * 0 with match->route and its parameters; HR_ENOTFOUND when no pattern
 * matches the path; HR_EMETHOD when patterns match but not for this method
 * (match->allow lists the methods that would); HR_EURITOOLONG when a
 * segment is longer than HR_ROUTE_SEGMENT_MAX.
 */
int hr_route_find(hr_route_match *match, const hr_route *routes, size_t count, hr_method method,
                  const char *path);

/* The table of hrtrack's routes (server/handlers/routes.c). */
extern const hr_route hr_routes[];
extern const size_t hr_route_count;

#endif
