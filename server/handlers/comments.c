/*
 * Comments by civil society, held for moderation:
 *   POST /api/v1/comments                 {recommendation_id | status_update_id, body} -> pending
 *   POST /api/v1/comments/{id}/withdraw   {version}: by its author; the text is removed
 *   GET  /api/v1/comments                 the moderation list (?state=pending by default),
 *                                         oldest first; format=csv|json|xlsx
 *   POST /api/v1/comments/{id}/publish    {version}
 *   POST /api/v1/comments/{id}/reject     {version, reason}: the reason is for the author only
 *   GET  /api/v1/comments/{id}/author     admins only; the read is audit-logged
 *
 * Moderators see what a comment says and what it is about, never who
 * wrote it: they do not need to know, and what they do not know cannot be
 * taken from them. Someone else's comment is "not found" to an author.
 */
#include "body.h"
#include "export.h"
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/participation.h"

#include <string.h>

static const hr_field create_spec[] = {
    {"recommendation_id", HR_FIELD_INTEGER, 0, 1, 1LL << 52, NULL},
    {"status_update_id", HR_FIELD_INTEGER, 0, 1, 1LL << 52, NULL},
    {"body", HR_FIELD_STRING, 1, 1, HR_COMMENT_BODY_MAX, NULL},
};

static const hr_field version_spec[] = {
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

static const hr_field reject_spec[] = {
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
    {"reason", HR_FIELD_STRING, 1, 1, HR_COMMENT_REASON_MAX, NULL},
};

static const char *const moderation_states[] = {"pending", "published", "rejected", NULL};

void hr_handle_comment_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    int rc =
        hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    if (rc == 0)
        rc = hr_comment_target_check(&field, body);
    if (rc == 0)
        rc = hr_request_db(&db, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_comment_create(&result, &field, db, &actor, hr_request_principal(req)->user_id,
                                  body, hr_request_lang(req));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

/*
 * The moves on one comment: path id, for a withdrawal the author's scope
 * (moderators need only the route's rule), the body, the move; a 409
 * carries the comment as it is now.
 */
static void move_comment(hr_request *req, hr_reply *reply, hr_comment_move move,
                         const hr_field *spec, size_t count)
{
    const char *field = NULL;
    long long id = 0;
    json_t *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0 && move == HR_COMMENT_WITHDRAW) {
        int author_id = 0;
        rc = hr_db_comment_owner(&author_id, db, id);
        if (rc == 0)
            rc = hr_access_comment_own(hr_request_principal(req), author_id);
    }
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, spec, count);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_comment_move(&result, db, &actor, id, hr_body_version(body), move,
                                hr_json_string(body, "reason"));
    if (rc == HR_ECONFLICT)
        hr_db_comment_get(&current, db, id);
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_comment_withdraw(hr_request *req, hr_reply *reply)
{
    move_comment(req, reply, HR_COMMENT_WITHDRAW, version_spec,
                 sizeof version_spec / sizeof *version_spec);
}

void hr_handle_comment_publish(hr_request *req, hr_reply *reply)
{
    move_comment(req, reply, HR_COMMENT_PUBLISH, version_spec,
                 sizeof version_spec / sizeof *version_spec);
}

void hr_handle_comment_reject(hr_request *req, hr_reply *reply)
{
    move_comment(req, reply, HR_COMMENT_REJECT, reject_spec,
                 sizeof reject_spec / sizeof *reject_spec);
}

static const char *const list_params[] = {"state", "after", "limit", "format", NULL};

/* ?state=, one of moderation_states; pending when absent. */
static int read_state(const char **state, const char **field, const hr_request *req)
{
    *state = hr_request_query(req, "state");
    if (*state == NULL) {
        *state = "pending";
        return 0;
    }
    for (size_t i = 0; moderation_states[i] != NULL; i++) {
        if (strcmp(moderation_states[i], *state) == 0)
            return 0;
    }
    *field = "state";
    return HR_EUNPROCESSABLE;
}

static int export_moderation(hr_reply *reply, hr_db *db, const char *state, hr_export_format format,
                             hr_lang lang)
{
    hr_db_export *cursor = NULL;
    int count = 0;
    const hr_export_column *columns = hr_moderation_export_columns(&count);
    int rc = hr_db_comments_moderation_export(&cursor, db, state);
    return rc != 0
               ? rc
               : hr_export_start_cursor(reply, cursor, columns, count, format, lang, "comments");
}

void hr_handle_comments_moderation(hr_request *req, hr_reply *reply)
{
    long long after = 0, limit = HR_COMMENT_LIMIT_DEFAULT;
    const char *field = NULL, *state = NULL;
    hr_export_format format = HR_EXPORT_NONE;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_query_args_known(&field, req, list_params);
    if (rc == 0)
        rc = read_state(&state, &field, req);
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
        rc = export_moderation(reply, db, state, format, hr_request_lang(req));
    else if (rc == 0)
        rc = hr_db_comments_moderation(&result, db, state, after, (int)limit);
    if (rc != 0) {
        hr_reply_error(reply, rc, field);
        return;
    }
    if (format == HR_EXPORT_NONE)
        hr_reply_json(reply, 200, result);
}

void hr_handle_comment_author(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *result = NULL;
    int rc = hr_path_id(&id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_comment_author(&result, db, &actor, id);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    hr_reply_json(reply, 200, result);
}
