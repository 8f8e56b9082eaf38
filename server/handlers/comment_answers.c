/*
 * Ministries answer published comments; the answer is shown under the
 * comment with the institution's name, never the staff member's:
 *   POST   /api/v1/comments/{id}/answers            {body}
 *   PATCH  /api/v1/comments/{id}/answers/{answer}   {body, version}
 *   DELETE /api/v1/comments/{id}/answers/{answer}?version=N
 *
 * A focal point or validator answers for its own institution when that
 * institution is assigned to the commented recommendation (or reported the
 * commented status update); an answer is changed or deleted by its
 * institution only (access.h: hr_access_comment_answer).
 */
#include "body.h"
#include "handlers.h"
#include "query_args.h"

#include "hrtrack/error.h"
#include "hrtrack/participation.h"

static const hr_field create_spec[] = {
    {"body", HR_FIELD_STRING, 1, 1, HR_COMMENT_BODY_MAX, NULL},
};

static const hr_field update_spec[] = {
    {"body", HR_FIELD_STRING, 1, 1, HR_COMMENT_BODY_MAX, NULL},
    {"version", HR_FIELD_INTEGER, 1, 1, 1 << 30, NULL},
};

void hr_handle_answer_create(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long comment_id = 0;
    int concerned = 0;
    json_t *body = NULL, *result = NULL;
    hr_db *db = NULL;
    const hr_principal *p = hr_request_principal(req);
    int rc = hr_path_id(&comment_id, req, "id");
    if (rc == 0)
        rc = hr_request_db(&db, req);
    if (rc == 0)
        rc = hr_db_comment_concerns(&concerned, db, comment_id, p->institution_id);
    if (rc == HR_ENOTFOUND)
        field = "id";
    if (rc == 0)
        rc = hr_access_comment_answer(p, concerned);
    if (rc == 0)
        rc =
            hr_read_body(&body, &field, req, create_spec, sizeof create_spec / sizeof *create_spec);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_answer_create(&result, db, &actor, comment_id, p->institution_id, p->user_id,
                                 hr_json_string(body, "body"), hr_request_lang(req));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, field, NULL, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 201, result);
}

/*
 * The start of a change to one answer: path ids (404 "answer" unless the
 * answer is under that comment), and the caller's institution must be the
 * answer's (403).
 */
static int load_answer(long long *id, hr_db **db, hr_request *req)
{
    long long comment_id = 0;
    json_t *answer = NULL;
    int rc = hr_path_id(&comment_id, req, "id");
    if (rc == 0)
        rc = hr_path_id(id, req, "answer");
    if (rc == 0)
        rc = hr_request_db(db, req);
    if (rc == 0)
        rc = hr_db_answer_get(&answer, *db, *id, hr_request_lang(req));
    json_t *of = json_object_get(answer, "comment_id");
    if (rc == 0 && json_integer_value(of) != comment_id)
        rc = HR_ENOTFOUND;
    const hr_principal *p = hr_request_principal(req);
    int institution = (int)json_integer_value(json_object_get(answer, "institution_id"));
    if (rc == 0)
        rc = hr_access_comment_answer(p, institution == p->institution_id);
    json_decref(answer);
    return rc;
}

void hr_handle_answer_update(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    json_t *body = NULL, *result = NULL, *current = NULL;
    hr_db *db = NULL;
    int rc = load_answer(&id, &db, req);
    if (rc == HR_ENOTFOUND)
        field = "answer";
    if (rc == 0)
        rc =
            hr_read_body(&body, &field, req, update_spec, sizeof update_spec / sizeof *update_spec);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_answer_update(&result, db, &actor, id, hr_body_version(body),
                                 hr_json_string(body, "body"), hr_request_lang(req));
    if (rc == HR_ECONFLICT)
        hr_db_answer_get(&current, db, id, hr_request_lang(req));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "answer" : field, current, body);
        return;
    }
    json_decref(body);
    hr_reply_json(reply, 200, result);
}

void hr_handle_answer_delete(hr_request *req, hr_reply *reply)
{
    const char *field = NULL;
    long long id = 0;
    long version = 0;
    json_t *current = NULL;
    hr_db *db = NULL;
    int rc = load_answer(&id, &db, req);
    if (rc == 0)
        rc = hr_query_args_version(&version, &field, req);
    hr_actor actor = hr_request_actor(req);
    if (rc == 0)
        rc = hr_db_answer_delete(db, &actor, id, version);
    if (rc == HR_ECONFLICT)
        hr_db_answer_get(&current, db, id, hr_request_lang(req));
    if (rc != 0) {
        hr_reply_write_error(reply, rc, rc == HR_ENOTFOUND ? "answer" : field, current, NULL);
        return;
    }
    hr_reply_json(reply, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}
