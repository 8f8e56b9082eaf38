/*
 * The arrival guard: cuts connections whose request takes too long to
 * arrive (slowloris).
 *
 * libmicrohttpd's connection timeout counts idle time only, so a client
 * that trickles its headers or body one byte at a time keeps a connection
 * slot forever. The guard gives each request a deadline for its head
 * (from the connection's start, or from the end of the previous request on
 * a kept-alive connection) and for its body (the head's time again plus one
 * second per 16 KiB announced), and a watcher thread shuts down the socket
 * of any connection past it. libmicrohttpd then sees the connection end and
 * cleans up as for any client that went away. A request being answered
 * (handler, streamed export) has no deadline here: a reader that stops
 * reading is the idle timeout's business.
 */
#ifndef HRTRACK_SERVER_ARRIVAL_GUARD_H
#define HRTRACK_SERVER_ARRIVAL_GUARD_H

#include <stdint.h>

typedef struct hr_arrival_guard hr_arrival_guard;
typedef struct hr_arrival hr_arrival; /* one connection */

/* Starts the watcher. `head_ms`: how long a request's head may take to arrive. */
int hr_arrival_guard_start(hr_arrival_guard **out, unsigned head_ms);

/* Stops the watcher and frees the guard (after the server stopped). NULL is fine. */
void hr_arrival_guard_stop(hr_arrival_guard *guard);

/* A connection opened on socket `fd`; its head's clock starts. NULL when out of memory. */
hr_arrival *hr_arrival_open(hr_arrival_guard *guard, int fd);

/* The connection closed: forget it (before its socket is closed). NULL is fine. */
void hr_arrival_close(hr_arrival_guard *guard, hr_arrival *conn);

/* The head arrived; a body of `body_bytes` (0: none) is still to come. */
void hr_arrival_head_done(hr_arrival *conn, uint64_t body_bytes);

/* The body arrived: the request is being answered, no deadline. */
void hr_arrival_body_done(hr_arrival *conn);

/* The request was answered: the next request's head clock starts. */
void hr_arrival_request_done(hr_arrival *conn);

/* How many connections the guard has cut so far. */
uint64_t hr_arrival_guard_cuts(hr_arrival_guard *guard);

#endif
