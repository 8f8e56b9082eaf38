/*
 * Accounts in the database: institutions, users, sessions, login
 * throttling and password resets. Secrets arrive here already hashed
 * (password.h, token.h); nothing in this family sees a clear-text password
 * or token.
 *
 * Functions that return JSON give the API's shape of the resource. Writes
 * run in an audited transaction on behalf of `actor` (audit.h). Updates
 * name the version the writer read: HR_ECONFLICT when the row has changed
 * since (or when a unique value is taken), HR_ENOTFOUND when it is gone,
 * HR_EUNPROCESSABLE when a schema constraint refuses a value.
 */
#ifndef HRTRACK_ACCOUNTS_H
#define HRTRACK_ACCOUNTS_H

#include "hrtrack/access.h"
#include "hrtrack/audit.h"
#include "hrtrack/db.h"
#include "hrtrack/lang.h"
#include "hrtrack/token.h"

#include <jansson.h>

/* ---- sessions ---- */

/* Records a new session of `user_id` known by `token_hash`. */
int hr_db_session_create(hr_db *db, const unsigned char token_hash[HR_TOKEN_HASH_BYTES],
                         int user_id);

/*
 * The principal of a live session: the user is active, the session was
 * used within `idle_s` seconds and is younger than `absolute_s`. Marks the
 * session as used (at most once a minute, to spare writes). Returns 0,
 * HR_ENOTFOUND for no such live session, or a db.h error.
 */
int hr_db_session_principal(hr_principal *out, hr_db *db,
                            const unsigned char token_hash[HR_TOKEN_HASH_BYTES], unsigned idle_s,
                            unsigned absolute_s);

/* Ends one session (logout). A session that is not there is fine. */
int hr_db_session_delete(hr_db *db, const unsigned char token_hash[HR_TOKEN_HASH_BYTES]);

/* Ends every session of a user (password changed, account deactivated). */
int hr_db_session_delete_user(hr_db *db, int user_id);

/* ---- signing in ---- */

typedef struct hr_login_account {
    int user_id;
    int active;
    unsigned roles;          /* hr_role bits, for the log line of a sign-in */
    char password_hash[128]; /* "" when no password is set */
} hr_login_account;

/* The account of `email` (compared lower-cased). Returns 0 or HR_ENOTFOUND. */
int hr_db_login_account(hr_login_account *out, hr_db *db, const char *email);

/*
 * How many failed logins there were in the last `window_s` seconds for the
 * account `email` and from the address `address`.
 */
int hr_db_login_failures(long *for_account, long *for_address, hr_db *db, const char *email,
                         const char *address, unsigned window_s);

/* Records one failed login for `email` and for `address` (and forgets old ones). */
int hr_db_login_failure_add(hr_db *db, const char *email, const char *address);

/* ---- password resets ---- */

/*
 * Records a one-time reset token for the user of `email`, valid `ttl_s`
 * seconds. Returns 0 or HR_ENOTFOUND (no such user).
 */
int hr_db_password_reset_create(hr_db *db, const hr_actor *actor, const char *email,
                                const unsigned char token_hash[HR_TOKEN_HASH_BYTES],
                                unsigned ttl_s);

/*
 * Uses a reset token: sets the password hash, marks the token used and
 * ends the user's sessions, in one transaction. Returns 0, or HR_ENOTFOUND
 * when the token is unknown, used or expired.
 */
int hr_db_password_reset_use(hr_db *db, const hr_actor *actor,
                             const unsigned char token_hash[HR_TOKEN_HASH_BYTES],
                             const char *password_hash);

/* ---- users ---- */

/* All users, by email: [{id, email, display_name, institution_id, roles[], active, version}]. */
int hr_db_users_list(json_t **out, hr_db *db);

/* One user. Returns 0 or HR_ENOTFOUND. */
int hr_db_user_get(json_t **out, hr_db *db, int user_id);

/*
 * Creates a user from `fields` (email, display_name, institution_id,
 * roles, active), with `password_hash` (NULL: none yet). *out is the user.
 */
int hr_db_user_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields,
                      const char *password_hash);

/*
 * Changes the fields present in `fields` of user `user_id` at `version`.
 * Deactivating a user ends its sessions.
 */
int hr_db_user_update(json_t **out, hr_db *db, const hr_actor *actor, int user_id, long version,
                      const json_t *fields);

/* The id of the user with `email`. Returns 0 or HR_ENOTFOUND. */
int hr_db_user_id(int *out, hr_db *db, const char *email);

/* ---- institutions ---- */

/* Institutions by acronym, names in `lang` as "name" plus all three. */
int hr_db_institutions_list(json_t **out, hr_db *db, hr_lang lang);

/* One institution. Returns 0 or HR_ENOTFOUND. */
int hr_db_institution_get(json_t **out, hr_db *db, int id, hr_lang lang);

/* Creates an institution from `fields` (acronym, name_en/es/fr, kind, active). */
int hr_db_institution_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields,
                             hr_lang lang);

/* Changes the fields present in `fields` of institution `id` at `version`. */
int hr_db_institution_update(json_t **out, hr_db *db, const hr_actor *actor, int id, long version,
                             const json_t *fields, hr_lang lang);

/* The id of the institution with `acronym`. Returns 0 or HR_ENOTFOUND. */
int hr_db_institution_id(int *out, hr_db *db, const char *acronym);

#endif
