/*
 * Users (see accounts.h). The password hash never leaves the database in
 * a reply: every statement builds its JSON from the columns listed in
 * USER_JSON.
 */
#include "internal.h"

#include "hrtrack/accounts.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

#define USER_JSON(u)                                                                               \
    "json_build_object('id', " u ".id, 'email', " u ".email, 'display_name', " u                   \
    ".display_name, 'institution_id', " u ".institution_id, 'roles', to_json(" u ".roles),"        \
    " 'active', " u ".active, 'has_password', " u ".password_hash IS NOT NULL,"                    \
    " 'version', " u ".version, 'created_at', " u ".created_at, 'updated_at', " u ".updated_at)"

static hr_stmt users_list =
    HR_STMT("users_list", "SELECT coalesce(json_agg(" USER_JSON("u") " ORDER BY u.email), '[]')"
                                                                     " FROM app_user u");

int hr_db_users_list(json_t **out, hr_db *db)
{
    return hr_db_exec_json(out, db, &users_list, 0, NULL);
}

static hr_stmt user_get =
    HR_STMT("user_get", "SELECT " USER_JSON("u") " FROM app_user u WHERE u.id = $1");

int hr_db_user_get(json_t **out, hr_db *db, int user_id)
{
    char id[16];
    snprintf(id, sizeof id, "%d", user_id);
    const char *params[] = {id};
    return hr_db_exec_json(out, db, &user_get, 1, params);
}

static hr_stmt user_id_of =
    HR_STMT("user_id_of", "SELECT id FROM app_user WHERE email = lower($1)");

int hr_db_user_id(int *out, hr_db *db, const char *email)
{
    const char *params[] = {email};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &user_id_of, 1, params);
    if (rc != 0)
        return rc;
    rc = PQntuples(res) > 0 ? 0 : HR_ENOTFOUND;
    if (rc == 0)
        *out = (int)hr_db_get_long(res, 0, 0);
    PQclear(res);
    return rc;
}

/* $1 the fields as JSON, $2 the password hash or NULL. */
static hr_stmt user_insert = HR_STMT(
    "user_insert",
    "INSERT INTO app_user AS u (email, display_name, institution_id, roles, active, password_hash,"
    " password_changed_at)"
    " SELECT lower($1::jsonb->>'email'), $1::jsonb->>'display_name',"
    " ($1::jsonb->>'institution_id')::integer,"
    " coalesce(ARRAY(SELECT jsonb_array_elements_text($1::jsonb->'roles')), '{}'),"
    " coalesce(($1::jsonb->>'active')::boolean, true), $2::text,"
    " CASE WHEN $2 IS NOT NULL THEN now() END"
    " RETURNING " USER_JSON("u"));

static hr_stmt user_update = HR_STMT(
    "user_update",
    "UPDATE app_user AS u SET"
    " email = CASE WHEN $2::jsonb ? 'email' THEN lower($2::jsonb->>'email') ELSE email END,"
    " display_name = CASE WHEN $2::jsonb ? 'display_name' THEN $2::jsonb->>'display_name'"
    "  ELSE display_name END,"
    " institution_id = CASE WHEN $2::jsonb ? 'institution_id'"
    "  THEN ($2::jsonb->>'institution_id')::integer ELSE institution_id END,"
    " roles = CASE WHEN $2::jsonb ? 'roles'"
    "  THEN coalesce(ARRAY(SELECT jsonb_array_elements_text($2::jsonb->'roles')), '{}')"
    "  ELSE roles END,"
    " active = CASE WHEN $2::jsonb ? 'active' THEN ($2::jsonb->>'active')::boolean ELSE active END,"
    " version = version + 1, updated_at = now()"
    " WHERE id = $1 AND version = $3"
    " RETURNING " USER_JSON("u"));

static hr_stmt user_exists = HR_STMT("user_exists", "SELECT 1 FROM app_user WHERE id = $1");

/* A deactivated user is signed out everywhere (same transaction is not
 * needed: a session of an inactive user is refused at lookup anyway). */
static hr_stmt user_end_sessions_if_inactive =
    HR_STMT("user_end_sessions_if_inactive",
            "DELETE FROM user_session s USING app_user u WHERE u.id = s.user_id AND u.id = $1"
            " AND NOT u.active");

int hr_db_user_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields,
                      const char *password_hash)
{
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {text, password_hash};
    int rc = hr_db_versioned_write(out, db, actor, &user_insert, 2, params, NULL);
    free(text);
    return rc;
}

int hr_db_user_update(json_t **out, hr_db *db, const hr_actor *actor, int user_id, long version,
                      const json_t *fields)
{
    char id[16], ver[24];
    snprintf(id, sizeof id, "%d", user_id);
    snprintf(ver, sizeof ver, "%ld", version);
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {id, text, ver};
    int rc = hr_db_versioned_write(out, db, actor, &user_update, 3, params, &user_exists);
    free(text);
    if (rc == 0)
        rc = hr_db_exec_command(db, &user_end_sessions_if_inactive, 1, params);
    return rc;
}
