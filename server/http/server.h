/*
 * The HTTP server: libmicrohttpd with an internal thread pool, one database
 * connection per pool thread, limits enforced before any work, JSON errors,
 * and one log line per request.
 */
#ifndef HRTRACK_SERVER_SERVER_H
#define HRTRACK_SERVER_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "hrtrack/db.h"
#include "hrtrack/response_cache.h"
#include "router.h"

typedef struct hr_server hr_server;

typedef struct hr_server_options {
    const char *bind;      /* IPv4 or IPv6 address to listen on */
    uint16_t port;         /* 0: any free port (see hr_server_port) */
    unsigned threads;      /* worker threads; the pool must have as many connections */
    hr_db_pool *pool;      /* borrowed; must outlive the server */
    hr_db_pool *read_pool; /* read replicas for the public's reads (HRTRACK_DB_READ), or NULL */
    int schema_version;    /* reported by /health */
    const hr_route *routes;
    size_t route_count;
    unsigned session_idle_s;     /* a session unused this long is over */
    unsigned session_absolute_s; /* a session this old is over, however used */
    size_t file_max_bytes;       /* the body limit of HR_BODY_FILE routes; 0: HR_LIMIT_FILE_BYTES */
    const char *web_dir; /* the web interface's folder, served at / (static_files.h); NULL: none */
    unsigned request_timeout_ms; /* a request's head must arrive within this; 0: the default */
    const struct hr_proxy_list *trusted_proxies; /* forwarded.h; NULL: trust no proxy header */
    /* The response cache (cached.h), borrowed, or NULL when off; and the patterns of
     * the routes whose anonymous replies carry an ETag and may be cached (NULL-terminated). */
    hr_response_cache *cache;
    const char *const *cached_routes;
} hr_server_options;

/* Starts listening. Returns 0, HR_EPARAM (bad address) or HR_EIO (cannot listen; logged). */
int hr_server_start(hr_server **out, const hr_server_options *options);

/* The port actually bound. */
uint16_t hr_server_port(const hr_server *server);

/*
 * Graceful shutdown, first half: stops accepting connections (the listening
 * socket is closed), answers any new request on an open connection with 503
 * and Connection: close, and waits up to `grace_ms` for the requests in
 * progress (a long export, say) to finish. Returns how many were still in
 * progress when the grace period ended (0: none was cut). Call
 * hr_server_stop afterwards.
 */
unsigned hr_server_drain(hr_server *server, unsigned grace_ms);

/* Stops the server (cutting what is still in progress) and frees it. NULL is fine. */
void hr_server_stop(hr_server *server);

#endif
