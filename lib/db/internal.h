/*
 * What the files of lib/db share and nobody else sees: the connection
 * struct, prepared statements and the classification of libpq results.
 *
 * A statement is declared where it is used, its SQL beside the code that
 * binds its parameters and reads its rows:
 *
 *     static hr_stmt goals_list = HR_STMT("sdg_goals_list", "SELECT ...");
 *
 * It receives a small number the first time any connection uses it, and each
 * connection remembers which numbers it has prepared.
 */
#ifndef HRTRACK_DB_INTERNAL_H
#define HRTRACK_DB_INTERNAL_H

#include "hrtrack/buf.h"
#include "hrtrack/db.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#define HR_STMT_MAX 256

typedef struct hr_stmt {
    const char *name;
    const char *sql;
    atomic_int id; /* 0 until first use, then 1..HR_STMT_MAX */
    bool generic;  /* planned once per connection (HR_STMT_GENERIC) */
} hr_stmt;

#define HR_STMT(name_, sql_)                                                                       \
    {                                                                                              \
        .name = (name_), .sql = (sql_), .id = 0                                                    \
    }

/*
 * A statement whose plan does not depend on its parameters' values (a
 * lookup by primary key), so that one plan can serve every call. Our
 * sessions plan each call of a statement for its values
 * (plan_cache_mode=force_custom_plan, conn.c), which statements with
 * optional filters need; for a large statement that planning is most of
 * its cost (recommendation details: 3-7 ms of planning for 1-3 ms of
 * work). Outside a transaction, a generic statement runs with
 * force_generic_plan set around it (two round trips of about 0.05 ms);
 * inside one, it is planned as any other, so that a rolled-back SET can
 * never leave the session in the wrong mode.
 */
#define HR_STMT_GENERIC(name_, sql_)                                                               \
    {                                                                                              \
        .name = (name_), .sql = (sql_), .id = 0, .generic = true                                   \
    }

struct hr_db {
    PGconn *conn;
    char *conninfo;
    char *application_name;
    unsigned statement_timeout_ms;
    char *role; /* SET ROLE after each connect, or NULL */
    bool role_warned;
    bool prepared[HR_STMT_MAX + 1];
    struct timespec last_failure; /* of the last reconnect attempt that failed */
    bool broken; /* a call failed as only a lost connection fails: reconnect before the next */
};

/*
 * Runs a prepared statement with text parameters (NULL for SQL NULL).
 * On 0, *result holds a PGRES_TUPLES_OK or PGRES_COMMAND_OK result for the
 * caller to PQclear. Errors are classified as described in db.h and the
 * result is cleared for the caller.
 */
int hr_db_exec(PGresult **result, hr_db *db, hr_stmt *stmt, int nparams, const char *const *params);

/*
 * As hr_db_exec with binary data: params[i] is lengths[i] bytes of binary
 * data where formats[i] is 1 (text, NUL-terminated, where it is 0), and
 * every column of the result is binary when `binary_result` (a bytea
 * comes back as its raw bytes). For file contents, which would double in
 * size as hex text.
 */
int hr_db_exec_binary(PGresult **result, hr_db *db, hr_stmt *stmt, int nparams,
                      const char *const *params, const int *lengths, const int *formats,
                      int binary_result);

/* As hr_db_exec for a statement whose result is not needed. */
int hr_db_exec_command(hr_db *db, hr_stmt *stmt, int nparams, const char *const *params);

/*
 * Runs literal SQL that comes from the program itself (never from input),
 * possibly several statements, with the simple query protocol.
 */
int hr_db_exec_script(hr_db *db, const char *sql);

/*
 * COPY ... FROM STDIN in text format. hr_db_copy_begin runs `copy_sql`
 * (program text, never input); rows are sent with hr_db_copy_row, whose
 * fields are escaped here (NULL for SQL NULL); hr_db_copy_end finishes.
 * After an error, hr_db_copy_end must still be called: it aborts the COPY.
 */
int hr_db_copy_begin(hr_db *db, const char *copy_sql);
int hr_db_copy_row(hr_db *db, int nfields, const char *const *fields);
int hr_db_copy_end(hr_db *db, int failed);

/*
 * Runs program-text SQL (never built from input) with parameters, without
 * preparing it: for statements that cannot be prepared, such as DECLARE.
 * Same returns as hr_db_exec.
 */
int hr_db_exec_params(PGresult **result, hr_db *db, const char *sql, int nparams,
                      const char *const *params);

/*
 * Runs a prepared statement whose one row and column is a JSON document, and
 * parses it into *out. Returns 0, HR_ENOTFOUND (no row), HR_ENOMEM, or a
 * db.h error.
 */
int hr_db_exec_json(json_t **out, hr_db *db, hr_stmt *stmt, int nparams, const char *const *params);

/*
 * Appends `sql` to `out` with each $n written as the SQL literal of
 * params[n - 1] ('it''s', or NULL), for statements shown to people or
 * pgbench. Returns 0, HR_EINTERNAL (a $n beyond nparams) or a buffer error.
 */
int hr_db_inline_params(hr_buf *out, const char *sql, const char *const *params, int nparams);

/* Classifies a failed result (or a NULL one) into an hr_error and logs it. */
int hr_db_classify(hr_db *db, const PGresult *res, const char *what);

/*
 * Runs `write` (which returns the written resource as one JSON row, or no
 * row when the id or version did not match) in an audited transaction.
 * When no row comes back, `exists` ($1 = params[0], the id) tells a
 * missing resource (HR_ENOTFOUND) from a stale version (HR_ECONFLICT).
 * `exists` may be NULL for an insert.
 */
struct hr_actor;
int hr_db_versioned_write(json_t **out, hr_db *db, const struct hr_actor *actor, hr_stmt *write,
                          int nparams, const char *const *params, hr_stmt *exists);

/*
 * hr_db_versioned_write of a PATCH: `write` takes $1 the id, $2 `fields`
 * as jsonb, $3 the version read; `exists` takes $1 the id. Returns 0 with
 * *out the resource as written, HR_ENOMEM, or what the write answered.
 */
int hr_db_versioned_update(json_t **out, hr_db *db, const struct hr_actor *actor, hr_stmt *write,
                           hr_stmt *exists, long long id, long version, const json_t *fields);

/*
 * hr_db_versioned_write of a DELETE: `write` takes $1 the id and $2 the
 * version read and returns a row when it deleted; `exists` takes $1 the
 * id. Returns 0, HR_ENOTFOUND, HR_ECONFLICT or a database error.
 */
int hr_db_versioned_delete(hr_db *db, const struct hr_actor *actor, hr_stmt *write, hr_stmt *exists,
                           long long id, long version);

/* Writes `hash` as a bytea literal ("\x" and 64 hex digits) into `out` (67 bytes). */
void hr_db_bytea_hex(char out[67], const unsigned char hash[32]);

/* The value of a column as a long; the column must be an integer type. */
long hr_db_get_long(const PGresult *res, int row, int col);

#endif
