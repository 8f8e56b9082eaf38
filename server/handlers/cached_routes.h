/*
 * The routes whose replies to anonymous callers the server may keep in its
 * response cache (server/http/cached.c).
 */
#ifndef HRTRACK_SERVER_CACHED_ROUTES_H
#define HRTRACK_SERVER_CACHED_ROUTES_H

/* Patterns of GET routes of hr_routes, NULL-terminated. */
extern const char *const hr_cached_routes[];

#endif
