/*
 * A civil-society account as its owner sees it:
 *   GET    /api/v1/account            public name, organisation, email
 *   PATCH  /api/v1/account            {public_name?, organisation?, email?, version}
 *   DELETE /api/v1/account            {password, comments: "keep" | "withdraw"}
 *   GET    /api/v1/account/comments   my comments in every state; format=csv|json|xlsx
 *
 * Changing the email to one that another account holds is not made, and
 * the reply is the same as for a change (see hr_db_account_update): a 409
 * would tell whether an address has an account. Erasing asks for the
 * password again (throttled like signing in), ends every session and
 * clears the cookie.
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/accounts.h"
#include "hrtrack/error.h"
#include "hrtrack/participation.h"
#include "hrtrack/password.h"

#include <string.h>

#define FAILURE_WINDOW_S     60u
#define FAILURES_PER_ACCOUNT 5
#define FAILURES_PER_ADDRESS 30

static const hr_field update_spec[] = {
    {"public_name", HR_FIELD_STRING, 0, 1, HR_PUBLIC_NAME_MAX, NULL},
    {"organisation", HR_FIELD_STRING, 0, 1, HR_ORGANISATION_MAX, NULL},
    {"email", HR_FIELD_STRING, 0, 3, HR_EMAIL_MAX, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const char *const comment_choices[] = {"keep", "withdraw", NULL};

static const hr_field erase_spec[] = {
    {"password", HR_FIELD_STRING, 1, 1, HR_PASSWORD_MAX_BYTES, NULL},
    {"comments", HR_FIELD_CHOICE, 1, 0, 0, comment_choices},
};

static int own_id(const hr_request *req)
{
    return hr_request_principal(req)->user_id;
}

void hr_handle_account_get(hr_request *req, hr_reply *reply)
{
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_account_get(&result, db, own_id(req));
    if (hr_reply_failed(reply, rc))
        return;
    hr_reply_json(reply, 200, result);
}

/* The fields of a PATCH: the body without its version; a null public name or email is refused. */
static int update_fields(json_t **out, const char **field, const json_t *body)
{
    *out = NULL;
    static const char *const required[] = {"public_name", "email"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (json_is_null(json_object_get(body, required[i]))) {
            *field = required[i];
            return HR_EUNPROCESSABLE;
        }
    }
    const char *email = hr_json_string(body, "email");
    if (email != NULL && hr_email_check(email) != 0) {
        *field = "email";
        return HR_EUNPROCESSABLE;
    }
    *out = json_deep_copy(body);
    if (*out == NULL)
        return HR_ENOMEM;
    json_object_del(*out, "version");
    return 0;
}

void hr_handle_account_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *fields = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int email_kept = 0;
    int rc =
        hr_read_body(&body, &field, req, update_spec, sizeof update_spec / sizeof *update_spec);
    if (rc == 0)
        rc = update_fields(&fields, &field, body);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_account_update(&result, &email_kept, db, &actor, own_id(req),
                                  hr_body_version(body), fields);
    json_decref(fields);
    if (rc == HR_ECONFLICT)
        hr_db_account_get(&current, db, own_id(req));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

/* The password again, throttled as signing in is: a stolen session alone cannot erase. */
static int check_password(hr_db *db, const hr_request *req, const char *password)
{
    char hash[HR_PASSWORD_HASH_SIZE], email[HR_EMAIL_MAX + 1];
    int rc = hr_db_account_secret(hash, sizeof hash, email, sizeof email, db, own_id(req));
    long for_account = 0, for_address = 0;
    if (rc == 0)
        rc = hr_db_login_failures(&for_account, &for_address, db, email, hr_request_address(req),
                                  FAILURE_WINDOW_S);
    if (rc != 0)
        return rc;
    if (for_account >= FAILURES_PER_ACCOUNT || for_address >= FAILURES_PER_ADDRESS)
        return HR_ERATELIMITED;
    if (hash[0] != '\0' && hr_password_verify(hash, password) == 0)
        return 0;
    rc = hr_db_login_failure_add(db, email, hr_request_address(req));
    return rc != 0 ? rc : HR_EUNPROCESSABLE;
}

void hr_handle_account_delete(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL;
    hr_db *db = NULL;
    int rc = hr_read_body(&body, &field, req, erase_spec, sizeof erase_spec / sizeof *erase_spec);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && (rc = check_password(db, req, hr_json_string(body, "password"))) != 0)
        field = rc == HR_EUNPROCESSABLE ? "password" : NULL;
    const char *comments = hr_json_string(body, "comments");
    int withdraw = comments != NULL && strcmp(comments, "withdraw") == 0;
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_account_erase(db, &actor, own_id(req), withdraw);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200,
                  json_pack("{s:b, s:s}", "erased", 1, "comments", withdraw ? "withdraw" : "keep"));
    hr_reply_session_cookie(reply, req, NULL);
}

static const char *const list_params[] = {"after", "limit", "format", NULL};

static int export_own(hr_reply *reply, hr_db *db, int author_id, hr_export_format format,
                      hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_own_comment_export_columns(&count);
    int rc = hr_db_own_comments_export(&cursor, db, author_id);
    return rc != 0
               ? rc
               : hr_export_start_cursor(reply, cursor, columns, count, format, lang, "my-comments");
}

void hr_handle_account_comments(hr_request *req, hr_reply *reply)
{
    long long after = 0, limit = HR_COMMENT_LIMIT_DEFAULT;
    const char *field = NULL;
    hr_export_format format = HR_EXPORT_NONE;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_query_args_known(&field, req, list_params);
    if (rc == 0)
        rc = hr_query_args_integer(&after, &field, req, "after", 0, 1LL << 52);
    if (rc == 0)
        rc = hr_query_args_integer(&limit, &field, req, "limit", 1, HR_COMMENT_LIMIT_MAX);
    if (rc == 0 && (rc = hr_export_format_parse(&format, hr_request_query(req, "format"),
                                                hr_request_header(req, "Accept"))) != 0)
        field = "format";
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && format != HR_EXPORT_NONE)
        rc = export_own(reply, db, own_id(req), format, hr_request_lang(req));
    else if (rc == 0)
        rc = hr_db_own_comments(&result, db, own_id(req), after, (int)limit, hr_request_lang(req));
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}
