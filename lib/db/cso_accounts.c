/*
 * Civil-society accounts (see participation.h): self-registration, the
 * account as its owner sees and changes it, and erasure.
 *
 * Registering an address that already has an account must not tell the
 * caller so, since that would tell who has an account: one INSERT ... ON
 * CONFLICT DO NOTHING serves both cases, and its answer is not looked at.
 */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/participation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Registration attempts share the login-failure table under their own key,
 * so that they neither count as failed logins nor outlive an hour. */
static hr_stmt registration_attempt =
    HR_STMT("registration_attempt",
            "WITH old AS (DELETE FROM login_failure WHERE key = 'register:' || $1"
            "  AND at < now() - interval '1 hour'),"
            " counted AS (SELECT count(*) AS n FROM login_failure WHERE key = 'register:' || $1"
            "  AND at > now() - make_interval(secs => $2::integer)),"
            " added AS (INSERT INTO login_failure (key) VALUES ('register:' || $1))"
            "SELECT n FROM counted");

int hr_db_registration_attempt(long *attempts, hr_db *db, const char *address, unsigned window_s)
{
    *attempts = 0;
    char window[16];
    snprintf(window, sizeof window, "%u", window_s);
    const char *params[] = {address, window};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &registration_attempt, 2, params);
    if (rc != 0)
        return rc;
    *attempts = hr_db_get_long(res, 0, 0);
    PQclear(res);
    return 0;
}

static hr_stmt cso_register = HR_STMT(
    "cso_register", "INSERT INTO app_user (email, display_name, organisation, roles, password_hash,"
                    " password_changed_at)"
                    " VALUES (lower($1), $2, $3, '{cso}', $4, now())"
                    " ON CONFLICT (email) DO NOTHING");

typedef struct register_call {
    const char *const *params;
} register_call;

static int run_register(hr_db *db, void *ctx)
{
    register_call *call = ctx;
    return hr_db_exec_command(db, &cso_register, 4, call->params);
}

int hr_db_cso_register(hr_db *db, const hr_actor *actor, const char *email, const char *public_name,
                       const char *organisation, const char *password_hash)
{
    const char *params[] = {email, public_name, organisation, password_hash};
    register_call call = {params};
    return hr_db_audited(db, actor, run_register, &call);
}

#define ACCOUNT_JSON(u)                                                                            \
    "json_build_object('email', " u ".email, 'public_name', " u ".display_name,"                   \
    " 'organisation', " u ".organisation, 'roles', to_json(" u ".roles),"                          \
    " 'version', " u ".version, 'created_at', " u ".created_at, 'updated_at', " u ".updated_at)"

static hr_stmt account_get =
    HR_STMT("account_get", "SELECT " ACCOUNT_JSON("u") " FROM app_user u WHERE u.id = $1");

int hr_db_account_get(json_t **out, hr_db *db, int user_id)
{
    char id[16];
    snprintf(id, sizeof id, "%d", user_id);
    const char *params[] = {id};
    return hr_db_exec_json(out, db, &account_get, 1, params);
}

/*
 * $1 id, $2 fields, $3 version. An email held by another account is kept
 * as it was; "email_kept" tells the caller, and is not part of the account.
 */
static hr_stmt account_update = HR_STMT(
    "account_update",
    "WITH taken AS (SELECT EXISTS (SELECT 1 FROM app_user WHERE $2::jsonb ? 'email'"
    "  AND email = lower($2::jsonb->>'email') AND id <> $1) AS yes)"
    "UPDATE app_user AS u SET"
    " display_name = CASE WHEN $2::jsonb ? 'public_name' THEN $2::jsonb->>'public_name'"
    "  ELSE display_name END,"
    " organisation = CASE WHEN $2::jsonb ? 'organisation' THEN $2::jsonb->>'organisation'"
    "  ELSE organisation END,"
    " email = CASE WHEN $2::jsonb ? 'email' AND NOT (SELECT yes FROM taken)"
    "  THEN lower($2::jsonb->>'email') ELSE email END,"
    " version = version + 1, updated_at = now()"
    " WHERE id = $1 AND version = $3"
    " RETURNING json_build_object('account', " ACCOUNT_JSON(
        "u") ", 'email_kept', (SELECT yes FROM taken), 'email_asked', lower($2::jsonb->>'email'))");

static hr_stmt account_exists = HR_STMT("account_exists", "SELECT 1 FROM app_user WHERE id = $1");

int hr_db_account_update(json_t **out, int *email_kept, hr_db *db, const hr_actor *actor,
                         int user_id, long version, const json_t *fields)
{
    *out = NULL;
    *email_kept = 0;
    char id[16], ver[24];
    snprintf(id, sizeof id, "%d", user_id);
    snprintf(ver, sizeof ver, "%ld", version);
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {id, text, ver};
    json_t *result = NULL;
    int rc = hr_db_versioned_write(&result, db, actor, &account_update, 3, params, &account_exists);
    free(text);
    if (rc != 0)
        return rc;
    *email_kept = json_is_true(json_object_get(result, "email_kept"));
    *out = json_incref(json_object_get(result, "account"));
    /* The reply of a kept email reads as that of a change: see participation.h. */
    if (*email_kept && *out != NULL)
        json_object_set(*out, "email", json_object_get(result, "email_asked"));
    json_decref(result);
    return *out ? 0 : HR_ENOMEM;
}

static hr_stmt account_secret = HR_STMT(
    "account_secret", "SELECT coalesce(password_hash, ''), email FROM app_user WHERE id = $1");

int hr_db_account_secret(char *hash, size_t hash_size, char *email, size_t email_size, hr_db *db,
                         int user_id)
{
    char id[16];
    snprintf(id, sizeof id, "%d", user_id);
    const char *params[] = {id};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &account_secret, 1, params);
    if (rc != 0)
        return rc;
    rc = PQntuples(res) > 0 ? 0 : HR_ENOTFOUND;
    if (rc == 0) {
        snprintf(hash, hash_size, "%s", PQgetvalue(res, 0, 0));
        snprintf(email, email_size, "%s", PQgetvalue(res, 0, 1));
    }
    PQclear(res);
    return rc;
}

/* Run by the author: the audit trigger logs it without their id. */
static hr_stmt erase_withdraw =
    HR_STMT("account_erase_withdraw",
            "UPDATE comment SET state = 'withdrawn', body = NULL, published_at = NULL,"
            " version = version + 1, updated_at = now()"
            " WHERE author_id = $1 AND state <> 'withdrawn'");

/* Sessions and reset tokens go with the row (ON DELETE CASCADE); the
 * throttling rows are keyed by the email (session.c), which must not
 * outlive the account. */
static hr_stmt erase_account =
    HR_STMT("account_erase", "WITH failures AS (DELETE FROM login_failure WHERE key = 'email:' ||"
                             "  (SELECT email FROM app_user WHERE id = $1))"
                             "DELETE FROM app_user WHERE id = $1 RETURNING 1");

typedef struct erase_call {
    const char *id;
    int withdraw;
} erase_call;

static int run_erase(hr_db *db, void *ctx)
{
    erase_call *call = ctx;
    const char *params[] = {call->id};
    int rc = call->withdraw ? hr_db_exec_command(db, &erase_withdraw, 1, params) : 0;
    PGresult *res = NULL;
    if (rc == 0)
        rc = hr_db_exec(&res, db, &erase_account, 1, params);
    if (rc == 0 && PQntuples(res) == 0)
        rc = HR_ENOTFOUND;
    if (res != NULL)
        PQclear(res);
    return rc;
}

int hr_db_account_erase(hr_db *db, const hr_actor *actor, int user_id, int withdraw)
{
    char id[16];
    snprintf(id, sizeof id, "%d", user_id);
    erase_call call = {id, withdraw};
    return hr_db_audited(db, actor, run_erase, &call);
}
