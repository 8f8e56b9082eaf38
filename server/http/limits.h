/*
 * Request limits, checked before any work is done. Pure functions, so that
 * the unit tests can check the boundaries.
 */
#ifndef HRTRACK_SERVER_LIMITS_H
#define HRTRACK_SERVER_LIMITS_H

#include <stddef.h>
#include <stdint.h>

#define HR_LIMIT_URL_BYTES            4096u           /* whole request target, query included */
#define HR_LIMIT_BODY_BYTES           (1024u * 1024u) /* request body */
#define HR_LIMIT_QUERY_PARAMS         64u             /* query-string parameters per request */
#define HR_LIMIT_HEADER_MEMORY        (64u * 1024u) /* per-connection memory for the request head */
#define HR_LIMIT_CONNECTION_TIMEOUT_S 30u           /* idle or trickling connections are closed */
#define HR_LIMIT_CONNECTIONS          1024u
/* A request's head must arrive within this, whatever the pace (arrival_guard.h). */
#define HR_LIMIT_REQUEST_TIMEOUT_S 10u

/* The default body limit of routes that take a file (HRTRACK_ATTACHMENT_MAX_BYTES). */
#define HR_LIMIT_FILE_BYTES (10u * 1024u * 1024u)

/* 0 when a request target of `length` bytes is acceptable, else HR_EURITOOLONG. */
int hr_limit_check_url(size_t length);

/*
 * Checks a Content-Length header value (NULL when absent) against `max`
 * before the body is read. Returns 0, HR_EBODYTOOLARGE, or HR_EINVAL for a
 * value that is not a plain decimal number.
 */
int hr_limit_check_content_length(const char *value, uint64_t max);

/* 0 when `received` more bytes keep the body within `max`, else HR_EBODYTOOLARGE. */
int hr_limit_check_body(size_t so_far, size_t received, size_t max);

#endif
