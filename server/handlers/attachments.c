/*
 * Files attached to status updates:
 *   POST   /api/v1/status-updates/{id}/attachments?name=FILE&public=true|false
 *          report; the body is the file itself with its Content-Type (a
 *          route of body kind HR_BODY_FILE: the server has refused it with
 *          413 past HRTRACK_ATTACHMENT_MAX_BYTES, before reading it when
 *          Content-Length said so); 415 unless the type is accepted and the
 *          content matches it; private unless public=true
 *   GET    /api/v1/attachments/{id}       public: the bytes, to staff in scope; to anyone
 *                                         else only when public and its update approved,
 *                                         else 404 (existence must not leak)
 *   PATCH  /api/v1/attachments/{id}       report: {"public": true|false}
 *   DELETE /api/v1/attachments/{id}       report
 * Files change only until their update is approved (409 after).
 */
#include "body.h"
#include "handlers.h"
#include "query_args.h"
#include "update_handlers.h"

#include "hrtrack/access.h"
#include "hrtrack/error.h"
#include "hrtrack/status_updates.h"

#include <string.h>

static const char *const upload_params[] = {"name", "public", NULL};

static const hr_field visibility_spec[] = {
    {"public", HR_FIELD_BOOLEAN, 1, 0, 0, NULL},
};

/* The file's name (422 "name") and visibility (422 "public") from the query string. */
static int read_upload_args(const char **name, int *is_public, const char **field,
                            const hr_request *req)
{
    *is_public = 0;
    int rc = hr_query_args_known(field, req, upload_params);
    if (rc == 0)
        rc = hr_query_args_text(name, field, req, "name", 1, 800);
    if (rc == 0 && (*name == NULL || hr_attachment_name_check(*name) != 0)) {
        *field = "name";
        rc = HR_EUNPROCESSABLE;
    }
    return rc == 0 ? hr_query_args_bool(is_public, field, req, "public") : rc;
}

/* The body's type, checked against its content: 415 naming Content-Type otherwise. */
static int read_file(const void **bytes, size_t *len, const char **media_type, const char **field,
                     const hr_request *req)
{
    *bytes = hr_request_body(req, len);
    if (*bytes == NULL) {
        *field = "body";
        return HR_EUNPROCESSABLE;
    }
    int rc =
        hr_attachment_type_check(media_type, hr_request_header(req, "Content-Type"), *bytes, *len);
    if (rc != 0)
        *field = "Content-Type";
    return rc;
}

void hr_handle_attachment_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL, *name = NULL, *media_type = NULL;
    long long id = 0;
    int is_public = 0;
    json_t *update = NULL, *result = NULL;
    hr_db *db = NULL;
    const void *bytes = NULL;
    size_t len = 0;
    int rc = hr_update_load(&id, &db, &update, req);
    if (rc == 0)
        rc = hr_access_update_write(hr_request_principal(req),
                                    hr_update_int(update, "institution_id"));
    if (rc == 0)
        rc = hr_update_step_allowed(&field, update, "state", HR_STEP_FILES);
    json_decref(update);
    if (rc == 0)
        rc = read_upload_args(&name, &is_public, &field, req);
    if (rc == 0)
        rc = read_file(&bytes, &len, &media_type, &field, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_attachment_add(&result, db, &actor, id, name, media_type, is_public, bytes, len);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field);
        return;
    }
    hr_reply_json(reply, 201, result);
}

/* Path id, connection and the attachment's metadata (with its update's state and institution). */
static int load(long long *id, hr_db **db, json_t **attachment, const hr_request *req)
{
    int rc = hr_path_id(id, req, "id");
    if (rc == 0)
        rc = hr_request_db(db, req);
    if (rc == 0)
        rc = hr_db_attachment_get(attachment, *db, *id);
    return rc;
}

/* Staff in scope read any file; the public only public files of approved updates. */
static int may_read(const hr_request *req, const json_t *attachment)
{
    int institution = hr_update_int(attachment, "institution_id");
    if (hr_access_update_view(hr_request_principal(req), institution) == HR_UPDATE_VIEW_STAFF)
        return 0;
    const char *state = json_string_value(json_object_get(attachment, "update_state"));
    int approved = state != NULL && strcmp(state, "approved") == 0;
    return json_is_true(json_object_get(attachment, "public")) && approved ? 0 : HR_ENOTFOUND;
}

void hr_handle_attachment(hr_request *req, hr_reply *reply)
{
    long long id = 0;
    hr_db *db = NULL;
    json_t *attachment = NULL;
    void *bytes = NULL;
    size_t len = 0;
    int rc = load(&id, &db, &attachment, req);
    if (rc == 0)
        rc = may_read(req, attachment);
    if (rc == 0)
        rc = hr_db_attachment_content(&bytes, &len, db, id);
    if (rc != 0) {
        json_decref(attachment);
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : NULL);
        return;
    }
    const char *name = json_string_value(json_object_get(attachment, "file_name"));
    char ascii[201];
    hr_attachment_safe_name(ascii, sizeof ascii, name);
    hr_reply_file(reply, json_string_value(json_object_get(attachment, "media_type")), name, ascii,
                  bytes, len);
    json_decref(attachment);
}

/* The start of a change to a file: its metadata, the caller's scope, its update's state. */
static int load_for_write(long long *id, hr_db **db, json_t **attachment, const char **field,
                          const hr_request *req)
{
    int rc = load(id, db, attachment, req);
    if (rc == 0)
        rc = hr_access_update_write(hr_request_principal(req),
                                    hr_update_int(*attachment, "institution_id"));
    return rc == 0 ? hr_update_step_allowed(field, *attachment, "update_state", HR_STEP_FILES) : rc;
}

void hr_handle_attachment_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    hr_db *db = NULL;
    json_t *attachment = NULL, *body = NULL, *result = NULL;
    int rc = load_for_write(&id, &db, &attachment, &field, req);
    json_decref(attachment);
    if (rc == 0)
        rc = hr_read_body(&body, &field, req, visibility_spec,
                          sizeof visibility_spec / sizeof *visibility_spec);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_attachment_set_public(&result, db, &actor, id,
                                         json_is_true(json_object_get(body, "public")));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_attachment_delete(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    hr_db *db = NULL;
    json_t *attachment = NULL;
    int rc = load_for_write(&id, &db, &attachment, &field, req);
    json_decref(attachment);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_attachment_delete(db, &actor, id);
    if (rc != 0) {
        hr_reply_error(reply, rc, rc == HR_ENOTFOUND ? "id" : field);
        return;
    }
    hr_reply_json(reply, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}
