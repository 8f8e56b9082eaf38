/*
 * Signing in and out, and password resets:
 *   POST   /api/v1/session         {email, password} -> cookie, user, csrf_token
 *   GET    /api/v1/session         the signed-in user and the CSRF token
 *   DELETE /api/v1/session         signs out
 *   POST   /api/v1/password-reset  {token, password}
 *
 * A wrong password and an unknown email get the same answer after the
 * same work (a dummy hash is checked for an unknown email), so that the
 * API does not tell which addresses have accounts. Five failures in a
 * minute for one account, or thirty from one address, and further
 * attempts are refused (429) before any password is checked.
 */
#include "body.h"
#include "handlers.h"

#include "hrtrack/accounts.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/password.h"
#include "hrtrack/token.h"

#define FAILURE_WINDOW_S     60u
#define FAILURES_PER_ACCOUNT 5
#define FAILURES_PER_ADDRESS 30

static const hr_field login_spec[] = {
    {"email", HR_FIELD_STRING, 1, 3, 254, NULL},
    {"password", HR_FIELD_STRING, 1, 1, HR_PASSWORD_MAX_BYTES, NULL},
};

/* The reply of a signed-in user: who, and the CSRF token to send back. */
static int session_body(json_t **out, hr_db *db, int user_id, const char *token)
{
    json_t *user = NULL;
    int rc = hr_db_user_get(&user, db, user_id);
    if (rc != 0)
        return rc;
    char csrf[HR_TOKEN_CHARS + 1];
    hr_token_csrf(csrf, token);
    *out = json_pack("{s:o, s:s}", "user", user, "csrf_token", csrf);
    return *out ? 0 : HR_ENOMEM;
}

/* Checks the password; 0 and the user id when it is right. */
static int check_credentials(hr_principal *who, hr_db *db, const char *email, const char *password)
{
    hr_login_account account;
    int rc = hr_db_login_account(&account, db, email);
    if (rc != 0 && rc != HR_ENOTFOUND)
        return rc;
    int known = rc == 0 && account.active && account.password_hash[0] != '\0';
    rc = hr_password_verify(known ? account.password_hash : NULL, password);
    if (rc != 0 || !known)
        return HR_EBADLOGIN;
    who->user_id = account.user_id;
    who->roles = account.roles;
    return 0;
}

static int sign_in(json_t **out, char token[HR_TOKEN_CHARS + 1], hr_db *db, const json_t *body,
                   const char *address)
{
    const char *email = hr_json_string(body, "email");
    long for_account = 0, for_address = 0;
    int rc = hr_db_login_failures(&for_account, &for_address, db, email, address, FAILURE_WINDOW_S);
    if (rc != 0)
        return rc;
    if (for_account >= FAILURES_PER_ACCOUNT || for_address >= FAILURES_PER_ADDRESS) {
        hr_log_warn("login refused: too many failures for this account or address");
        return HR_ERATELIMITED;
    }
    hr_principal who = {0};
    rc = check_credentials(&who, db, email, hr_json_string(body, "password"));
    if (rc == HR_EBADLOGIN) {
        int failed = hr_db_login_failure_add(db, email, address);
        return failed != 0 ? failed : rc;
    }
    if (rc != 0)
        return rc;
    unsigned char hash[HR_TOKEN_HASH_BYTES];
    hr_token_new(token);
    hr_token_hash(hash, token);
    if ((rc = hr_db_session_create(db, hash, who.user_id)) != 0)
        return rc;
    char name[32];
    hr_principal_log_name(name, sizeof name, &who);
    hr_log_info("%s signed in", name);
    return session_body(out, db, who.user_id, token);
}

void hr_handle_session_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    char token[HR_TOKEN_CHARS + 1];
    int rc = hr_read_body(&body, &field, req, login_spec, 2);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = sign_in(&result, token, db, body, hr_request_address(req));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
    hr_reply_session_cookie(reply, req, token);
}

void hr_handle_session_get(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = session_body(&result, db, hr_request_principal(req)->user_id,
                          hr_request_session_token(req));
    if (hr_reply_failed(reply, rc))
        return;
    hr_reply_json(reply, 200, result);
}

void hr_handle_session_delete(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    unsigned char hash[HR_TOKEN_HASH_BYTES];
    hr_token_hash(hash, hr_request_session_token(req));
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_session_delete(db, hash);
    if (hr_reply_failed(reply, rc))
        return;
    char name[32];
    hr_principal_log_name(name, sizeof name, hr_request_principal(req));
    hr_log_info("%s signed out", name);
    hr_reply_json(reply, 200, json_pack("{s:b}", "signed_out", 1));
    hr_reply_session_cookie(reply, req, NULL);
}

static const hr_field reset_spec[] = {
    {"token", HR_FIELD_STRING, 1, 1, 100, NULL},
    {"password", HR_FIELD_STRING, 1, 1, HR_PASSWORD_MAX_BYTES, NULL},
};

static int reset_password(hr_db *db, const json_t *body, const hr_request *req, const char **field)
{
    const char *token = hr_json_string(body, "token");
    const char *password = hr_json_string(body, "password");
    *field = "token";
    if (hr_token_check(token) != 0)
        return HR_EUNPROCESSABLE;
    *field = "password";
    if (hr_password_check_policy(password) != 0)
        return HR_EUNPROCESSABLE;
    char password_hash[HR_PASSWORD_HASH_SIZE];
    int rc = hr_password_hash(password_hash, password);
    if (rc != 0)
        return rc;
    unsigned char hash[HR_TOKEN_HASH_BYTES];
    hr_token_hash(hash, token);
    hr_actor actor = hr_request_actor(req);
    actor.name = "password-reset";
    rc = hr_db_password_reset_use(db, &actor, hash, password_hash);
    *field = rc == HR_ENOTFOUND ? "token" : NULL;
    return rc == HR_ENOTFOUND ? HR_EUNPROCESSABLE : rc;
}

void hr_handle_password_reset(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL;
    hr_db *db = NULL;
    int rc = hr_read_body(&body, &field, req, reset_spec, 2);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = reset_password(db, body, req, &field);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, json_pack("{s:b}", "password_changed", 1));
}
