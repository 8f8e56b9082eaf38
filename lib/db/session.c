/*
 * Sessions, login throttling and password resets (see accounts.h).
 */
#include "internal.h"

#include "hrtrack/access.h"
#include "hrtrack/accounts.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <string.h>

static hr_stmt session_insert = HR_STMT(
    "session_insert", "INSERT INTO user_session (token_hash, user_id) VALUES ($1::bytea, $2)");

int hr_db_session_create(hr_db *db, const unsigned char token_hash[HR_TOKEN_HASH_BYTES],
                         int user_id)
{
    char hash[67], user[16];
    hr_db_bytea_hex(hash, token_hash);
    snprintf(user, sizeof user, "%d", user_id);
    const char *params[] = {hash, user};
    return hr_db_exec_command(db, &session_insert, 2, params);
}

/* The roles array as bits, in the database's own order of names. */
static hr_stmt session_lookup = HR_STMT(
    "session_lookup", "SELECT u.id, coalesce(u.institution_id, 0), "
                      " (SELECT coalesce(sum(CASE r WHEN 'admin' THEN 1 WHEN 'coordinator' THEN 2"
                      "  WHEN 'focal_point' THEN 4 WHEN 'validator' THEN 8 WHEN 'cso' THEN 16"
                      "  WHEN 'unct' THEN 32 ELSE 0 END), 0) FROM unnest(u.roles) r),"
                      " s.last_seen < now() - interval '1 minute'"
                      " FROM user_session s JOIN app_user u ON u.id = s.user_id"
                      " WHERE s.token_hash = $1::bytea AND u.active"
                      " AND s.last_seen > now() - make_interval(secs => $2::integer)"
                      " AND s.created_at > now() - make_interval(secs => $3::integer)");

static hr_stmt session_touch = HR_STMT(
    "session_touch", "UPDATE user_session SET last_seen = now() WHERE token_hash = $1::bytea");

int hr_db_session_principal(hr_principal *out, hr_db *db,
                            const unsigned char token_hash[HR_TOKEN_HASH_BYTES], unsigned idle_s,
                            unsigned absolute_s)
{
    *out = (hr_principal){0};
    char hash[67], idle[16], absolute[16];
    hr_db_bytea_hex(hash, token_hash);
    snprintf(idle, sizeof idle, "%u", idle_s);
    snprintf(absolute, sizeof absolute, "%u", absolute_s);
    const char *params[] = {hash, idle, absolute};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &session_lookup, 3, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return HR_ENOTFOUND;
    }
    out->user_id = (int)hr_db_get_long(res, 0, 0);
    out->institution_id = (int)hr_db_get_long(res, 0, 1);
    out->roles = (unsigned)hr_db_get_long(res, 0, 2);
    int stale = PQgetvalue(res, 0, 3)[0] == 't';
    PQclear(res);
    return stale ? hr_db_exec_command(db, &session_touch, 1, params) : 0;
}

static hr_stmt session_delete =
    HR_STMT("session_delete", "DELETE FROM user_session WHERE token_hash = $1::bytea");

int hr_db_session_delete(hr_db *db, const unsigned char token_hash[HR_TOKEN_HASH_BYTES])
{
    char hash[67];
    hr_db_bytea_hex(hash, token_hash);
    const char *params[] = {hash};
    return hr_db_exec_command(db, &session_delete, 1, params);
}

static hr_stmt session_delete_user =
    HR_STMT("session_delete_user", "DELETE FROM user_session WHERE user_id = $1");

int hr_db_session_delete_user(hr_db *db, int user_id)
{
    char user[16];
    snprintf(user, sizeof user, "%d", user_id);
    const char *params[] = {user};
    return hr_db_exec_command(db, &session_delete_user, 1, params);
}

#define ROLE_BITS(u)                                                                               \
    "(SELECT coalesce(sum(CASE r WHEN 'admin' THEN 1 WHEN 'coordinator' THEN 2"                    \
    "  WHEN 'focal_point' THEN 4 WHEN 'validator' THEN 8 WHEN 'cso' THEN 16"                       \
    "  WHEN 'unct' THEN 32 ELSE 0 END), 0) FROM unnest(" u ".roles) r)"

static hr_stmt login_account =
    HR_STMT("login_account", "SELECT u.id, u.active, coalesce(u.password_hash, ''), " ROLE_BITS(
                                 "u") " FROM app_user u WHERE u.email = lower($1)");

int hr_db_login_account(hr_login_account *out, hr_db *db, const char *email)
{
    *out = (hr_login_account){0};
    const char *params[] = {email};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &login_account, 1, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 0) {
        rc = HR_ENOTFOUND;
    } else {
        out->user_id = (int)hr_db_get_long(res, 0, 0);
        out->active = PQgetvalue(res, 0, 1)[0] == 't';
        snprintf(out->password_hash, sizeof out->password_hash, "%s", PQgetvalue(res, 0, 2));
        out->roles = (unsigned)hr_db_get_long(res, 0, 3);
    }
    PQclear(res);
    return rc;
}

static hr_stmt login_failures = HR_STMT(
    "login_failures", "SELECT count(*) FILTER (WHERE key = 'email:' || lower($1)),"
                      " count(*) FILTER (WHERE key = 'addr:' || $2)"
                      " FROM login_failure WHERE key IN ('email:' || lower($1), 'addr:' || $2)"
                      " AND at > now() - make_interval(secs => $3::integer)");

int hr_db_login_failures(long *for_account, long *for_address, hr_db *db, const char *email,
                         const char *address, unsigned window_s)
{
    *for_account = *for_address = 0;
    char window[16];
    snprintf(window, sizeof window, "%u", window_s);
    const char *params[] = {email, address, window};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &login_failures, 3, params);
    if (rc != 0)
        return rc;
    *for_account = hr_db_get_long(res, 0, 0);
    *for_address = hr_db_get_long(res, 0, 1);
    PQclear(res);
    return 0;
}

static hr_stmt login_failure_add = HR_STMT(
    "login_failure_add",
    "WITH old AS (DELETE FROM login_failure WHERE key IN ('email:' || lower($1), 'addr:' || $2)"
    " AND at < now() - interval '1 hour')"
    "INSERT INTO login_failure (key) VALUES (left('email:' || lower($1), 300)), ('addr:' || $2)");

int hr_db_login_failure_add(hr_db *db, const char *email, const char *address)
{
    const char *params[] = {email, address};
    return hr_db_exec_command(db, &login_failure_add, 2, params);
}

static hr_stmt reset_insert =
    HR_STMT("password_reset_insert",
            "WITH u AS (SELECT id FROM app_user WHERE email = lower($2)),"
            /* A new token replaces those not used yet: one valid token at a time. */
            " old AS (DELETE FROM password_reset"
            "  WHERE user_id = (SELECT id FROM u) AND used_at IS NULL)"
            "INSERT INTO password_reset (token_hash, user_id, expires_at)"
            " SELECT $1::bytea, id, now() + make_interval(secs => $3::integer) FROM u"
            " RETURNING 1");

typedef struct reset_call {
    const char *const *params;
} reset_call;

static int run_reset_create(hr_db *db, void *ctx)
{
    reset_call *call = ctx;
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &reset_insert, 3, call->params);
    if (rc == 0 && PQntuples(res) == 0)
        rc = HR_ENOTFOUND;
    PQclear(res);
    return rc;
}

int hr_db_password_reset_create(hr_db *db, const hr_actor *actor, const char *email,
                                const unsigned char token_hash[HR_TOKEN_HASH_BYTES], unsigned ttl_s)
{
    char hash[67], ttl[16];
    hr_db_bytea_hex(hash, token_hash);
    snprintf(ttl, sizeof ttl, "%u", ttl_s);
    const char *params[] = {hash, email, ttl};
    reset_call call = {params};
    return hr_db_audited(db, actor, run_reset_create, &call);
}

static hr_stmt reset_use =
    HR_STMT("password_reset_use",
            "WITH token AS (UPDATE password_reset SET used_at = now()"
            "  WHERE token_hash = $1::bytea AND used_at IS NULL AND expires_at > now()"
            "  RETURNING user_id),"
            " changed AS (UPDATE app_user SET password_hash = $2, password_changed_at = now(),"
            "  version = version + 1, updated_at = now()"
            "  WHERE id = (SELECT user_id FROM token) RETURNING id),"
            " ended AS (DELETE FROM user_session WHERE user_id = (SELECT id FROM changed))"
            "SELECT id FROM changed");

static int run_reset_use(hr_db *db, void *ctx)
{
    reset_call *call = ctx;
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &reset_use, 2, call->params);
    if (rc == 0 && PQntuples(res) == 0)
        rc = HR_ENOTFOUND;
    PQclear(res);
    return rc;
}

int hr_db_password_reset_use(hr_db *db, const hr_actor *actor,
                             const unsigned char token_hash[HR_TOKEN_HASH_BYTES],
                             const char *password_hash)
{
    char hash[67];
    hr_db_bytea_hex(hash, token_hash);
    const char *params[] = {hash, password_hash};
    reset_call call = {params};
    return hr_db_audited(db, actor, run_reset_use, &call);
}
