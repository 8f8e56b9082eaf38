/*
 * The routes whose replies the response cache may keep: public reads whose
 * reply to an anonymous caller depends only on the request (path, query
 * parameters, language, Accept) and on the data, never on the time of day.
 * A route is cached only when it is named here, so that a new route is
 * never cached by accident; tests/unit/test_response_cache.c checks that
 * each one is a public GET route of the table.
 *
 * Left out on purpose: /health (it must reach the database), attachments
 * and feeds (not JSON: files, and documents with ETags of their own), and
 * everything that needs a session. A signed-in caller is never served from
 * the cache nor stored in it, whatever the route (server/http/cached.c).
 */
#include "cached_routes.h"

#include <stddef.h>

const char *const hr_cached_routes[] = {
    "/api/v1/sdg/goals",
    "/api/v1/sdg/goals/{goal}",
    "/api/v1/sdg/goals/{goal}/summary",
    "/api/v1/states",
    "/api/v1/states/{code}/summary",
    "/api/v1/documents",
    "/api/v1/documents/{symbol*}",
    "/api/v1/recommendations",
    "/api/v1/recommendations/facets",
    "/api/v1/recommendations/{id}",
    "/api/v1/institutions",
    "/api/v1/institutions/{id}",
    "/api/v1/recommendations/{id}/comments",
    "/api/v1/status-updates/{id}/comments",
    "/api/v1/status-updates/{id}",
    "/api/v1/recommendations/{id}/status-history",
    "/api/v1/actions/{id}/status-history",
    NULL,
};
