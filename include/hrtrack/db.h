/*
 * Database connections. Only lib/db includes libpq; everybody else holds an
 * opaque hr_db and calls the typed query functions of the other db headers.
 *
 * An hr_db is one connection, used by one thread at a time. Statements are
 * named prepared statements, prepared on a connection the first time they
 * are used there and prepared again after a reconnect.
 *
 * Every query function answers in one of these ways, and callers switch on
 * them: 0 (row(s) found), HR_ENOTFOUND (no row), HR_ERETRY (serialization
 * failure or deadlock: run the transaction again), HR_EDBUNAVAILABLE (the
 * connection is gone; the next call reconnects), HR_ETIMEOUT (the statement
 * timeout cut it), or another negative code for a hard error.
 */
#ifndef HRTRACK_DB_H
#define HRTRACK_DB_H

#include "hrtrack/config.h"

typedef struct hr_db hr_db;

/*
 * Connects to `conninfo` (a libpq connection string or URI). Sets the
 * application name and a statement timeout of `statement_timeout_ms` (0 for
 * none) for the session. Returns 0 and a new connection in *out, or
 * HR_EDBUNAVAILABLE (the reason is logged, without any password).
 */
int hr_db_open(hr_db **out, const char *conninfo, const char *application_name,
               unsigned statement_timeout_ms);

/* Closes the connection. NULL is fine. */
void hr_db_free(hr_db *db);

/*
 * Runs the session as `role` (SET ROLE), now and after every reconnect,
 * when the role exists and the login role may use it; otherwise keeps the
 * login role and logs a warning once. hrtrack-server uses "hrtrack_app",
 * which may not rewrite the audit log. Returns 0 or a query error.
 */
int hr_db_use_role(hr_db *db, const char *role);

/* The application role of schema/0006_accounts.sql. */
#define HR_DB_APP_ROLE "hrtrack_app"

/*
 * Makes sure the connection is usable, reconnecting when it was lost (at
 * most every 250 ms, so that a down database is answered quickly). Returns
 * 0 or HR_EDBUNAVAILABLE.
 */
int hr_db_ensure(hr_db *db);

/*
 * Runs fn(db, ctx) inside BEGIN ... COMMIT. When fn or COMMIT returns
 * HR_ERETRY, the whole transaction is run again (at most 5 times). Any other
 * error rolls back and is returned.
 */
int hr_db_transaction(hr_db *db, int (*fn)(hr_db *db, void *ctx), void *ctx);

/*
 * Finds the database to use: HRTRACK_DB when set (cfg->db), otherwise the
 * embedded cluster under cfg->pg_dir, which is created and started when
 * needed. Returns 0 and a malloc'd connection string in *out.
 */
int hr_db_resolve_conninfo(char **out, const hr_config *cfg);

/*
 * A bounded pool: one connection per worker thread, at most `size`
 * connections. Connections open on first use by a thread.
 */
typedef struct hr_db_pool hr_db_pool;

/* Servers one pool may spread its connections over (HRTRACK_DB_READ). */
#define HR_DB_POOL_SERVERS_MAX 16

/*
 * Creates a pool (no connection is opened yet). `conninfo` may name several
 * servers, ';'-separated (read replicas): the threads' connections go to
 * them in turn. Returns 0 or HR_ENOMEM.
 */
int hr_db_pool_new(hr_db_pool **out, const char *conninfo, unsigned size,
                   unsigned statement_timeout_ms);

/* Closes every connection; call after the worker threads have stopped. NULL is fine. */
void hr_db_pool_free(hr_db_pool *pool);

/*
 * The calling thread's connection, opened (or re-opened) as needed; owned by
 * the pool. Returns 0, HR_EDBUNAVAILABLE, or HR_ELIMIT when more threads than
 * `size` ask for connections.
 */
int hr_db_pool_get(hr_db **out, hr_db_pool *pool);

#endif
