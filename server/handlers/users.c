/*
 * User accounts, managed by admins:
 *   GET   /api/v1/users, GET /api/v1/users/{id}
 *   POST  /api/v1/users          creates the account without a password and
 *                                answers a one-time reset token (valid 72 h)
 *                                for the admin to hand to the person
 *   PATCH /api/v1/users/{id}     roles, institution, name, active; with version
 *   POST  /api/v1/users/{id}/password-reset   a new one-time reset token
 * Passwords are never chosen by the admin and never shown.
 */
#include "body.h"
#include "handlers.h"

#include "hrtrack/accounts.h"
#include "hrtrack/error.h"
#include "hrtrack/token.h"

#include <string.h>

#define RESET_TTL_S (72u * 3600u)

static const char *const roles[] = {"admin", "coordinator", "focal_point", "validator",
                                    "cso",   "unct",        NULL};

static const hr_field create_spec[] = {
    {"email", HR_FIELD_STRING, 1, 3, 254, NULL},
    {"display_name", HR_FIELD_STRING, 1, 1, 120, NULL},
    {"institution_id", HR_FIELD_INTEGER, 0, 1, 1 << 30, NULL},
    {"roles", HR_FIELD_CHOICE_ARRAY, 1, 0, 6, roles},
    {"active", HR_FIELD_BOOLEAN, 0, 0, 0, NULL},
};

static const hr_field update_spec[] = {
    {"email", HR_FIELD_STRING, 0, 3, 254, NULL},
    {"display_name", HR_FIELD_STRING, 0, 1, 120, NULL},
    {"institution_id", HR_FIELD_INTEGER, 0, 1, 1 << 30, NULL},
    {"roles", HR_FIELD_CHOICE_ARRAY, 0, 0, 6, roles},
    {"active", HR_FIELD_BOOLEAN, 0, 0, 0, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

void hr_handle_users(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    json_t *items = NULL;
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_users_list(&items, db);
    if (hr_reply_failed(reply, rc))
        return;
    hr_reply_json(reply, 200, json_pack("{s:o}", "items", items));
}

void hr_handle_user(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_user_get(&result, db, (int)id);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, result);
}

/* Adds a fresh one-time reset token for `email` to `user`. */
static int add_reset_token(json_t *user, hr_db *db, const hr_actor *actor, const char *email)
{
    char token[HR_TOKEN_CHARS + 1];
    unsigned char hash[HR_TOKEN_HASH_BYTES];
    hr_token_new(token);
    hr_token_hash(hash, token);
    int rc = hr_db_password_reset_create(db, actor, email, hash, RESET_TTL_S);
    if (rc == 0)
        json_object_set_new(user, "password_reset_token", json_string(token));
    return rc;
}

void hr_handle_user_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    int rc =
        hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_user_create(&result, db, &actor, body, NULL);
    if (rc == 0)
        rc = add_reset_token(result, db, &actor, hr_json_string(result, "email"));
    if (rc != 0) {
        json_decref(result);
        hr_reply_write_error(reply, rc, rc == HR_ECONFLICT ? "email" : field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

void hr_handle_user_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc =
            hr_read_body(&body, &field, req, update_spec, sizeof update_spec / sizeof *update_spec);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0) {
        json_t *fields = json_deep_copy(body);
        json_object_del(fields, "version");
        rc = hr_db_user_update(&result, db, &actor, (int)id, hr_body_version(body), fields);
        json_decref(fields);
    }
    if (rc == HR_ECONFLICT)
        hr_db_user_get(&current, db, (int)id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_user_password_reset(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *user = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_user_get(&user, db, (int)id);
    hr_actor actor = hr_request_actor(req);
    json_t *result = json_object();
    if (rc == 0)
        rc =
            result ? add_reset_token(result, db, &actor, hr_json_string(user, "email")) : HR_ENOMEM;
    json_decref(user);
    if (rc != 0) {
        json_decref(result);
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 201, result);
}
