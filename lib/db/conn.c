/*
 * One database connection: connecting with hrtrack's session settings,
 * lazy statement preparation, classification of errors, reconnection and
 * transactions with retry of serialization failures.
 */
#include "internal.h"

#include "hrtrack/buf.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECONNECT_INTERVAL_MS 250
#define TRANSACTION_ATTEMPTS  5

static atomic_int next_stmt_id = 1;

/* Server notices ("relation already exists, skipping") are not for the user. */
static void on_notice(void *arg, const char *message)
{
    (void)arg;
    hr_log_debug("database notice: %s", message);
}

static PGconn *connect_now(const hr_db *db)
{
    /*
     * JIT compilation costs 10-20 ms per query and pays off only for long
     * analytical queries; on short API queries it turned a 0.5 ms query into
     * 46 ms (measured on the goals list), so it is off for our sessions.
     */
    char options[160];
    /* Custom plans: the search statements carry optional (NULL) filters,
     * and a generic plan would have to allow for every one of them. */
    snprintf(options, sizeof options,
             "-c statement_timeout=%u -c jit=off -c plan_cache_mode=force_custom_plan",
             db->statement_timeout_ms);
    /*
     * Our defaults come before "dbname", whose value is expanded as a full
     * connection string, so that what the user wrote in HRTRACK_DB wins.
     */
    const char *const keys[] = {"connect_timeout", "application_name", "options",
                                "client_encoding", "dbname",           NULL};
    const char *const values[] = {"5", db->application_name, options, "UTF8", db->conninfo, NULL};
    PGconn *conn = PQconnectdbParams(keys, values, 1);
    if (conn != NULL)
        PQsetNoticeProcessor(conn, on_notice, NULL);
    return conn;
}

int hr_db_open(hr_db **out, const char *conninfo, const char *application_name,
               unsigned statement_timeout_ms)
{
    *out = NULL;
    hr_db *db = calloc(1, sizeof *db);
    if (db == NULL)
        return HR_ENOMEM;
    db->conninfo = strdup(conninfo);
    db->application_name = strdup(application_name ? application_name : "hrtrack");
    db->statement_timeout_ms = statement_timeout_ms;
    if (db->conninfo == NULL || db->application_name == NULL) {
        hr_db_free(db);
        return HR_ENOMEM;
    }
    db->conn = connect_now(db);
    if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
        /* libpq's message names host and database, never the password. */
        hr_log_error("cannot connect to the database: %s",
                     db->conn ? PQerrorMessage(db->conn) : "out of memory");
        hr_db_free(db);
        return HR_EDBUNAVAILABLE;
    }
    *out = db;
    return 0;
}

void hr_db_free(hr_db *db)
{
    if (db == NULL)
        return;
    if (db->conn != NULL)
        PQfinish(db->conn);
    free(db->conninfo);
    free(db->application_name);
    free(db->role);
    free(db);
}

static long ms_since(const struct timespec *then)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - then->tv_sec) * 1000L + (now.tv_nsec - then->tv_nsec) / 1000000L;
}

/*
 * Switches the session to db->role when the role exists and the login role
 * may use it; otherwise the session keeps the login role's rights (said
 * once in the log: an external server may not have the role).
 */
static int apply_role(hr_db *db)
{
    if (db->role == NULL)
        return 0;
    const char *params[] = {db->role};
    PGresult *res = PQexecParams(db->conn,
                                 "SELECT set_config('role', $1, false) FROM pg_roles "
                                 "WHERE rolname = $1 AND pg_has_role(current_user, oid, 'MEMBER')",
                                 1, NULL, params, NULL, NULL, 0);
    int rc = 0;
    if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK)
        rc = hr_db_classify(db, res, "set role");
    else if (PQntuples(res) == 0 && !db->role_warned) {
        hr_log_warn("role %s is not available: running with the login role's rights", db->role);
        db->role_warned = true;
    }
    PQclear(res);
    return rc;
}

int hr_db_use_role(hr_db *db, const char *role)
{
    free(db->role);
    db->role = role ? strdup(role) : NULL;
    if (role != NULL && db->role == NULL)
        return HR_ENOMEM;
    return apply_role(db);
}

int hr_db_ensure(hr_db *db)
{
    if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK && !db->broken)
        return 0;
    if (db->last_failure.tv_sec != 0 && ms_since(&db->last_failure) < RECONNECT_INTERVAL_MS)
        return HR_EDBUNAVAILABLE;
    if (db->conn != NULL)
        PQfinish(db->conn);
    memset(db->prepared, 0, sizeof db->prepared);
    db->conn = connect_now(db);
    if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
        clock_gettime(CLOCK_MONOTONIC, &db->last_failure);
        hr_log_warn("database still unreachable: %s",
                    db->conn ? PQerrorMessage(db->conn) : "out of memory");
        return HR_EDBUNAVAILABLE;
    }
    db->last_failure.tv_sec = 0;
    db->broken = false;
    hr_log_info("database connection re-opened");
    return apply_role(db);
}

int hr_db_classify(hr_db *db, const PGresult *res, const char *what)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    /*
     * Every error the server sends has a SQLSTATE; one without is libpq's
     * own, which means the connection failed. libpq may still report the
     * connection as OK then (a write that hit a closed socket is only noticed
     * on the next read): mark it, so that the next call opens a new one
     * instead of failing again with 500.
     */
    if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK || state == NULL) {
        db->broken = true;
        hr_log_warn("%s: database connection lost: %s", what,
                    db->conn ? PQerrorMessage(db->conn) : "no connection");
        return HR_EDBUNAVAILABLE;
    }
    const char *message = res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn);
    if (state != NULL) {
        if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
            return HR_ERETRY;
        if (strcmp(state, "57014") == 0) {
            hr_log_warn("%s: statement timeout", what);
            return HR_ETIMEOUT;
        }
        /* Bad data caught by the schema's constraints: the request's fault. */
        if (strcmp(state, "23505") == 0 || strcmp(state, "23P01") == 0) {
            hr_log_info("%s: refused, conflicts with existing data (%s)", what, state);
            return HR_ECONFLICT;
        }
        if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0) {
            hr_log_info("%s: refused by a constraint (%s)", what, state);
            return HR_EUNPROCESSABLE;
        }
        if (strcmp(state, "42501") == 0) {
            hr_log_warn("%s: permission denied: %s", what, message);
            return HR_EFORBIDDEN;
        }
        /* Class 08 (connection) and 57P0x (shutdown, cannot connect now). */
        if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P0", 4) == 0) {
            db->broken = true;
            hr_log_warn("%s: database unavailable (%s)", what, state);
            return HR_EDBUNAVAILABLE;
        }
    }
    hr_log_error("%s failed (%s): %s", what, state, message);
    return HR_EINTERNAL;
}

static int stmt_id(hr_stmt *stmt)
{
    int id = atomic_load(&stmt->id);
    if (id != 0)
        return id;
    int fresh = atomic_fetch_add(&next_stmt_id, 1);
    if (fresh > HR_STMT_MAX) {
        hr_log_error("more than %d prepared statements: raise HR_STMT_MAX", HR_STMT_MAX);
        return -1;
    }
    int expected = 0;
    /* Another thread may have numbered it first: use its number. */
    if (!atomic_compare_exchange_strong(&stmt->id, &expected, fresh))
        return expected;
    return fresh;
}

static int prepare(hr_db *db, hr_stmt *stmt, int id)
{
    PGresult *res = PQprepare(db->conn, stmt->name, stmt->sql, 0, NULL);
    int rc = 0;
    if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = hr_db_classify(db, res, stmt->name);
    else
        db->prepared[id] = true;
    PQclear(res);
    return rc;
}

/* Parameter lengths and formats, and the result format, of a call with binary data. */
typedef struct exec_binary {
    const int *lengths;
    const int *formats;
    int result_format;
} exec_binary;

/* Sets plan_cache_mode for the session (see HR_STMT_GENERIC). */
static int set_plan_mode(hr_db *db, const char *sql)
{
    PGresult *res = PQexec(db->conn, sql);
    int rc = 0;
    if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = hr_db_classify(db, res, "plan_cache_mode");
    PQclear(res);
    return rc;
}

static int exec_once(PGresult **result, hr_db *db, hr_stmt *stmt, int id, int nparams,
                     const char *const *params, const exec_binary *bin)
{
    int rc = hr_db_ensure(db);
    if (rc != 0)
        return rc;
    if (!db->prepared[id] && (rc = prepare(db, stmt, id)) != 0)
        return rc;
    int generic = stmt->generic && PQtransactionStatus(db->conn) == PQTRANS_IDLE;
    if (generic && (rc = set_plan_mode(db, "SET plan_cache_mode = force_generic_plan")) != 0)
        return rc;
    PGresult *res = PQexecPrepared(db->conn, stmt->name, nparams, params, bin->lengths,
                                   bin->formats, bin->result_format);
    /* Back to the session's own mode (that of connect_now, or of HRTRACK_DB) whatever
     * happened: a failure here is the connection's. */
    if (generic && (rc = set_plan_mode(db, "RESET plan_cache_mode")) != 0) {
        PQclear(res);
        return rc;
    }
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        rc = hr_db_classify(db, res, stmt->name);
        PQclear(res);
        return rc;
    }
    *result = res;
    return 0;
}

static int exec_with(PGresult **result, hr_db *db, hr_stmt *stmt, int nparams,
                     const char *const *params, const exec_binary *bin)
{
    *result = NULL;
    int id = stmt_id(stmt);
    if (id < 0)
        return HR_EINTERNAL;
    /*
     * A connection lost outside a transaction (the server restarted, an
     * administrator ended the session) costs nothing to retry once on a new
     * connection. Inside a transaction the work so far is gone: the caller
     * must see the error.
     */
    int idle = db->conn == NULL || PQtransactionStatus(db->conn) == PQTRANS_IDLE;
    int rc = exec_once(result, db, stmt, id, nparams, params, bin);
    if (rc == HR_EDBUNAVAILABLE && idle) {
        db->last_failure.tv_sec = 0;
        rc = exec_once(result, db, stmt, id, nparams, params, bin);
    }
    return rc;
}

int hr_db_exec(PGresult **result, hr_db *db, hr_stmt *stmt, int nparams, const char *const *params)
{
    exec_binary text = {NULL, NULL, 0};
    return exec_with(result, db, stmt, nparams, params, &text);
}

int hr_db_exec_binary(PGresult **result, hr_db *db, hr_stmt *stmt, int nparams,
                      const char *const *params, const int *lengths, const int *formats,
                      int binary_result)
{
    exec_binary bin = {lengths, formats, binary_result ? 1 : 0};
    return exec_with(result, db, stmt, nparams, params, &bin);
}

int hr_db_exec_command(hr_db *db, hr_stmt *stmt, int nparams, const char *const *params)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, stmt, nparams, params);
    PQclear(res);
    return rc;
}

int hr_db_exec_script(hr_db *db, const char *sql)
{
    int rc = hr_db_ensure(db);
    if (rc != 0)
        return rc;
    PGresult *res = PQexec(db->conn, sql);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        rc = hr_db_classify(db, res, "SQL script");
    PQclear(res);
    return rc;
}

long hr_db_get_long(const PGresult *res, int row, int col)
{
    return strtol(PQgetvalue(res, row, col), NULL, 10);
}

static void rollback(hr_db *db)
{
    if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK)
        PQclear(PQexec(db->conn, "ROLLBACK"));
}

int hr_db_transaction(hr_db *db, int (*fn)(hr_db *db, void *ctx), void *ctx)
{
    int rc = HR_ERETRY;
    for (int attempt = 0; attempt < TRANSACTION_ATTEMPTS && rc == HR_ERETRY; attempt++) {
        rc = hr_db_exec_script(db, "BEGIN");
        if (rc != 0)
            return rc;
        rc = fn(db, ctx);
        if (rc == 0)
            rc = hr_db_exec_script(db, "COMMIT");
        if (rc != 0)
            rollback(db);
    }
    return rc;
}

int hr_db_copy_begin(hr_db *db, const char *copy_sql)
{
    int rc = hr_db_ensure(db);
    if (rc != 0)
        return rc;
    PGresult *res = PQexec(db->conn, copy_sql);
    if (res == NULL || PQresultStatus(res) != PGRES_COPY_IN)
        rc = hr_db_classify(db, res, "COPY");
    PQclear(res);
    return rc;
}

/* Appends one field in COPY text format: backslash, tab, newline, CR escaped. */
static int copy_field(hr_buf *line, const char *value)
{
    if (value == NULL)
        return hr_buf_puts(line, "\\N");
    int rc = 0;
    const char *p = value;
    while (rc == 0 && *p != '\0') {
        /* Copy the run of ordinary bytes at once, then escape one byte. */
        size_t run = strcspn(p, "\\\t\n\r");
        rc = hr_buf_append(line, p, run);
        p += run;
        if (rc != 0 || *p == '\0')
            break;
        const char *escaped = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : "\\r";
        rc = hr_buf_append(line, escaped, 2);
        p++;
    }
    return rc;
}

int hr_db_copy_row(hr_db *db, int nfields, const char *const *fields)
{
    hr_buf line;
    hr_buf_init(&line, 64u * 1024u * 1024u);
    int rc = 0;
    for (int i = 0; rc == 0 && i < nfields; i++) {
        if (i > 0)
            rc = hr_buf_append(&line, "\t", 1);
        if (rc == 0)
            rc = copy_field(&line, fields[i]);
    }
    if (rc == 0)
        rc = hr_buf_append(&line, "\n", 1);
    if (rc == 0 && line.len > INT32_MAX)
        rc = HR_ELIMIT;
    if (rc == 0 && PQputCopyData(db->conn, line.data, (int)line.len) != 1)
        rc = hr_db_classify(db, NULL, "COPY row");
    hr_buf_free(&line);
    return rc;
}

int hr_db_copy_end(hr_db *db, int failed)
{
    if (PQputCopyEnd(db->conn, failed ? "aborted by hrtrack" : NULL) != 1)
        return hr_db_classify(db, NULL, "COPY end");
    int rc = 0;
    PGresult *res;
    while ((res = PQgetResult(db->conn)) != NULL) {
        if (rc == 0 && !failed && PQresultStatus(res) != PGRES_COMMAND_OK)
            rc = hr_db_classify(db, res, "COPY");
        PQclear(res);
    }
    return failed ? HR_EINTERNAL : rc;
}

int hr_db_exec_params(PGresult **result, hr_db *db, const char *sql, int nparams,
                      const char *const *params)
{
    *result = NULL;
    int rc = hr_db_ensure(db);
    if (rc != 0)
        return rc;
    PGresult *res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        rc = hr_db_classify(db, res, "statement");
        PQclear(res);
        return rc;
    }
    *result = res;
    return 0;
}

int hr_db_exec_json(json_t **out, hr_db *db, hr_stmt *stmt, int nparams, const char *const *params)
{
    PGresult *res = NULL;
    *out = NULL;
    int rc = hr_db_exec(&res, db, stmt, nparams, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 0)
        rc = HR_ENOTFOUND;
    else if ((*out = json_loads(PQgetvalue(res, 0, 0), 0, NULL)) == NULL)
        rc = HR_ENOMEM;
    PQclear(res);
    return rc;
}

/* Appends `value` as an SQL literal ('it''s'), or NULL. */
static int put_literal(hr_buf *out, const char *value)
{
    if (value == NULL)
        return hr_buf_puts(out, "NULL");
    int rc = hr_buf_append(out, "'", 1);
    for (const char *p = value; rc == 0 && *p != '\0'; p++)
        rc = *p == '\'' ? hr_buf_puts(out, "''") : hr_buf_append(out, p, 1);
    return rc == 0 ? hr_buf_append(out, "'", 1) : rc;
}

int hr_db_inline_params(hr_buf *out, const char *sql, const char *const *params, int nparams)
{
    int rc = 0;
    for (const char *p = sql; rc == 0 && *p != '\0';) {
        if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
            char *end = NULL;
            long n = strtol(p + 1, &end, 10);
            rc = n >= 1 && n <= nparams ? put_literal(out, params[n - 1]) : HR_EINTERNAL;
            p = end;
        } else {
            size_t run = strcspn(p + 1, "$") + 1;
            rc = hr_buf_append(out, p, run);
            p += run;
        }
    }
    return rc;
}
